"""The story model's helpers."""

from __future__ import annotations


def test_story_entity_lookup_follows_changes_to_the_entity_list() -> None:
    from chronologue.model.story import Entity, Source, Story

    story = Story(source=Source(sha256="0" * 64), text="Anna met Piotr.")
    story.entities.append(Entity(id="e1", type="PERSON", name="Anna"))
    assert story.entity("e1").name == "Anna" and story.entity("e2") is None
    story.entities.append(Entity(id="e2", type="PERSON", name="Piotr"))
    assert story.entity("e2").name == "Piotr"
    story.entities[0].id = "e9"  # renumbered in place
    assert story.entity("e1") is None and story.entity("e9").name == "Anna"
    story.entities = [Entity(id="e1", type="PERSON", name="Maria")]
    assert story.entity("e1").name == "Maria"
    assert "_entity_index" not in story.model_dump()


def test_the_schema_explains_the_fields_people_ask_about() -> None:
    from chronologue.model.story import json_schema

    schema = json_schema()
    definitions = schema["$defs"]
    documented = {
        "Timex": ("value", "mod", "edtf", "earliest", "latest", "anchor"),
        "Quote": ("speaker", "speaker_mention", "source"),
        "Entity": ("id", "name", "aliases", "mentions", "attributes", "geo"),
        "Event": ("predicate", "trigger", "time", "basis"),
        "Claim": ("unit", "subject", "time"),
        "Figure": ("credit", "credit_ref"),
        "Span": ("start", "end", "kind"),
        "Source": ("path", "sha256", "format", "language"),
    }
    missing = [f"{model}.{field}" for model, fields in documented.items() for field in fields
               if "description" not in definitions[model]["properties"][field]]  # fmt: skip
    assert missing == []
    assert "TIMEX3 value" in definitions["Timex"]["properties"]["value"]["description"]
    assert schema["description"].startswith("What a text says")


def test_problems_finds_broken_ids_spans_and_references() -> None:
    from chronologue.model.story import Entity, Event, Quote, Source, Span, Story, Timeline

    story = Story(source=Source(sha256="0" * 64), text="Anna said it.")
    assert story.problems() == []
    story.entities = [Entity(id="e1", type="PERSON", name="Anna", mentions=[Span(start=0, end=4)]),
                      Entity(id="e1", type="PLACE", name="Said", mentions=[Span(start=5, end=40)])]  # fmt: skip
    story.quotes = [Quote(id="q1", start=5, end=12, kind="speech", speaker="e7")]
    story.events = [Event(id="v1", predicate="say", trigger=Span(start=5, end=9), sentence=Span(start=0, end=13),
                          time="t3", earliest="1950-01-02", latest="1950-01-01")]  # fmt: skip
    story.timelines = [Timeline(entity="e1", events=["v1", "v9"])]
    assert story.problems() == [
        "id e1 is used 2 times",
        "entity e1: span 5..40 is outside the text (0..13)",
        "quote q1 speaker: e7 is no entity of this story",
        "event v1 time: t3 is no timex of this story",
        "event v1: earliest 1950-01-02 is after latest 1950-01-01",
        "timeline of e1: v9 is no event of this story",
    ]


def test_stories_of_every_genre_and_held_out_document_are_sound() -> None:
    from pathlib import Path

    import chronologue

    data = Path(__file__).parent / "data"
    for path in sorted([*data.glob("genre/*.*"), *data.glob("heldout/*.*")]):
        if path.suffixes[-2:] == [".gold", ".json"]:
            continue
        assert chronologue.analyze_file(path).problems() == [], path.name


def test_schema_descriptions_are_the_attribute_docstrings_pydantic_would_read() -> None:
    # The descriptions are read when a schema is made (chronologue.model.docstrings), not by pydantic at start-up:
    # they must be the ones pydantic's own use_attribute_docstrings reads from the same source.
    from pydantic import BaseModel
    from pydantic._internal._docs_extraction import extract_docstrings_from_cls

    from chronologue.model import story
    from chronologue.model.docstrings import attribute_docstrings

    models = [value for value in vars(story).values()
              if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == story.__name__]
    assert len(models) == 19
    for model in models:
        assert attribute_docstrings(model) == extract_docstrings_from_cls(model, use_inspect=True), model.__name__
    assert attribute_docstrings(story.Geo)["feature"].startswith("What the place is: country")
