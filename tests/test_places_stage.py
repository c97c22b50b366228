"""The places stage on stories built by hand, and on the reference article through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronologue.annotators.places import stage as places
from chronologue.model.story import Entity, Paragraph, Source, Span, Story
from chronologue.pipeline.context import Context

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "palij-pow-article.txt"


def _story(text: str, places_named: list[tuple[str, str]], paragraphs: bool = False) -> Story:
    """A story whose PLACE entities are every occurrence of the given (id, surface) pairs, in order."""
    story = Story(source=Source(sha256="0" * 64), text=text)
    cursor: dict[str, int] = {}
    for entity_id, surface in places_named:
        start = text.index(surface, cursor.get(surface, 0))
        cursor[surface] = start + len(surface)
        entity = story.entity(entity_id)
        if entity is None:
            entity = Entity(id=entity_id, type="PLACE", name=surface)
            story.entities.append(entity)
        entity.mentions.append(Span(start=start, end=start + len(surface)))
    if paragraphs:
        start = 0
        for block in text.split("\n\n"):
            story.structure.paragraphs.append(Paragraph(start=start, end=start + len(block)))
            start += len(block) + 2
    return story


FRENCH_BREST = (
    "The submarine pens at Brest in Brittany were bombed again by the British in 1943.\n\n"
    "Years later he visited Lemberg and crossed the Dnieper near Kiev."
)
FRENCH_BREST_PLACES = [("e1", "Brest"), ("e2", "Brittany"), ("e3", "Lemberg"), ("e4", "Dnieper"), ("e5", "Kiev")]
SOVIET_BREST = (
    "He had been born in France in 1920.\n\n"
    "In June 1941 the defenders of Brest held the fortress on the Bug for weeks, "
    "while the Soviet front fell back to Smolensk."
)
SOVIET_BREST_PLACES = [("e1", "France"), ("e2", "Brest"), ("e3", "Bug"), ("e4", "Smolensk")]


@pytest.mark.parametrize("with_layout", [False, True])
def test_brest_in_brittany_is_french_though_the_rest_of_the_story_is_in_the_east(with_layout):
    story = _story(FRENCH_BREST, FRENCH_BREST_PLACES, paragraphs=with_layout)
    ctx = Context()
    places.run(story, ctx)
    geo = {e.id: e.geo.source_id for e in story.entities}
    assert geo == {
        "e1": "geonames:3030300",  # Brest, France: Brittany and the British in its paragraph
        "e2": "supplement:brittany",
        "e3": "geonames:702550",
        "e4": "supplement:dnieper",
        "e5": "geonames:703448",
    }
    by_id = {e.id: e for e in story.entities}
    assert by_id["e1"].attributes["country"] == "FR"
    assert by_id["e3"].attributes["modern_name"] == "Lviv"
    assert by_id["e5"].attributes["modern_name"] == "Kyiv"
    assert by_id["e4"].attributes["place_kind"] == "river"
    assert set(ctx.places) == set(geo)


@pytest.mark.parametrize("with_layout", [False, True])
def test_brest_on_the_bug_is_in_belarus_though_france_is_named_elsewhere(with_layout):
    story = _story(SOVIET_BREST, SOVIET_BREST_PLACES, paragraphs=with_layout)
    places.run(story, Context())
    france, brest, bug, smolensk = story.entities
    assert france.geo.source_id == "geonames:3017382"
    assert brest.geo.source_id == "geonames:629634"
    assert brest.attributes == {
        "country": "BY",
        "country_name": "Belarus",
        "modern_name": "Brest",
        "place_kind": "city",
    }
    assert abs(brest.geo.lat - 52.1) < 0.1 and abs(brest.geo.lon - 23.7) < 0.1
    assert bug.geo.source_id == "supplement:western-bug"
    assert smolensk.geo.source_id == "geonames:491687"


def test_namesake_entities_do_not_vote_for_each_other():
    text = "Brest in Brittany was a naval base.\n\nBrest on the Bug was a Soviet fortress."
    story = _story(text, [("e1", "Brest"), ("e2", "Brittany"), ("e3", "Brest"), ("e4", "Bug")])
    places.run(story, Context())
    assert [e.attributes.get("country") for e in story.entities] == ["FR", "FR", "BY", "PL"]


def test_the_stage_reads_aliases_and_leaves_other_types_alone():
    text = "The USSR signed the pact. The Soviet Union then occupied Bessarabia. Stalin smiled."
    story = _story(text, [("e1", "USSR"), ("e2", "Bessarabia")])
    story.entities[0].aliases.append("Soviet Union")
    story.entities.append(Entity(id="e3", type="PERSON", name="Stalin", mentions=[Span(start=71, end=77)]))
    places.run(story, Context())
    ussr, bessarabia, stalin = story.entities
    assert ussr.geo.source_id == "supplement:soviet-union"
    assert "country" not in ussr.attributes and "BY" in ussr.attributes["modern_countries"]
    assert bessarabia.geo.source_id == "supplement:bessarabia"
    assert stalin.geo is None and stalin.attributes == {}


def test_a_definite_article_before_the_mention_favours_a_river():
    story = _story("The Italians held the Don all winter.", [("e1", "Don")])
    places.run(story, Context())
    assert story.entities[0].geo.source_id == "supplement:don"


def test_an_unknown_place_keeps_no_geo_and_a_story_without_places_is_untouched():
    story = _story("They reached Xqzzyville at dawn.", [("e1", "Xqzzyville")])
    places.run(story, Context())
    assert story.entities[0].geo is None
    empty = Story(source=Source(sha256="0" * 64), text="Nothing here.")
    ctx = Context()
    places.run(empty, ctx)
    assert ctx.places == {}


@pytest.mark.slow
@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared corpus is not beside the checkout")
def test_the_reference_article_geocodes_its_places_through_the_pipeline():
    from chronologue import analyze_file

    story = analyze_file(REFERENCE)
    expected = {  # mention -> (lat, lon) of the modern place
        "Smolensk": (54.78, 32.05),
        "Kiev": (50.45, 30.52),
        "Brest-on-the-Bug": (52.10, 23.70),
        "Peenemünde": (54.14, 13.77),
    }
    found = {}
    for entity in story.entities:
        for mention in entity.mentions:
            surface = story.text[mention.start : mention.end]
            if surface in expected and entity.geo is not None:
                found[surface] = (entity.geo.lat, entity.geo.lon)
    assert set(found) == set(expected)
    for surface, (lat, lon) in expected.items():
        assert abs(found[surface][0] - lat) <= 0.5 and abs(found[surface][1] - lon) <= 0.5, surface



@pytest.mark.parametrize(
    ("text", "region", "town"),
    [
        ("He is originally from Paris, Idaho.", "Idaho", "geonames:5603240"),  # Bear Lake County, Idaho
        ("A man from Paris, Missouri, was arrested.", "Missouri", "geonames:4402452"),  # Monroe County, Missouri
    ],
)
def test_a_qualifying_region_picks_the_town_that_lies_in_it(text, region, town):
    # Paris, Texas is the most populous American Paris; the region that qualifies the name (the town's GeoNames
    # admin1 in the index, the region's code in areas.tsv) picks the Paris that lies in it
    story = _story(text, [("e1", "Paris"), ("e2", region)])
    places.run(story, Context())
    assert story.entity("e1").geo.source_id == town
    assert story.entity("e2").geo.feature == "region"


def test_a_place_said_alone_is_no_short_form_of_the_body_named_after_it():
    # the coreference gave the bare "Queensland" to the police service named after the state, and "Edmonton" to
    # the radio show: said alone, each is the place (a person's given name would stay the person's)
    text = (
        "The Queensland Police Service said the boys were at risk. Queensland's road toll rose. "
        "He told Edmonton AM that Edmonton earned a B. Victoria Smith said Victoria was right."
    )
    story = _story(text, [])
    for entity_id, type_, name, surfaces in [
        ("e1", "ORG", "Queensland Police Service", ["Queensland Police Service", "Queensland"]),
        ("e2", "PERSON", "Edmonton AM", ["Edmonton AM", "Edmonton"]),
        ("e3", "PERSON", "Victoria Smith", ["Victoria Smith", "Victoria"]),
    ]:
        entity = Entity(id=entity_id, type=type_, name=name)
        cursor = 0
        for surface in surfaces:
            start = text.index(surface, cursor)
            while text[start + len(surface) : start + len(surface) + 1].isalpha():  # the word as a whole
                start = text.index(surface, start + 1)
            entity.mentions.append(Span(start=start, end=start + len(surface)))
            cursor = start + len(surface)
        story.entities.append(entity)
    places.run(story, Context())
    found = {text[m.start : m.end]: e for e in story.entities if e.type == "PLACE" for m in e.mentions}
    assert found["Queensland"].geo.source_id == "admin1:AU:queensland"
    assert found["Edmonton"].geo.feature == "city"
    assert "Victoria" not in found
    assert [len(e.mentions) for e in story.entities if e.type != "PLACE"] == [1, 1, 2]


def test_a_village_nothing_in_the_text_places_is_not_taken_for_a_place_the_gazetteer_lacks():
    # the gazetteer's only Heathrow is a Florida village of 5,896: in a story of London it is the airport, which
    # the gazetteer lacks, so the name keeps no point; a village the text places (Paris, Idaho) keeps its own
    story = _story(
        "Flights from London were cancelled. Cabin crew based at Heathrow will strike.",
        [("e1", "London"), ("e2", "Heathrow")],
    )
    places.run(story, Context())
    assert story.entity("e1").attributes["country"] == "GB"
    assert story.entity("e2").geo is None
