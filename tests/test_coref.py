"""lib/coref: one coreference per document, its chains in the story, one sex vocabulary, no annotator imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from chronologue import analyze
from chronologue.lib import coref as coref_package
from chronologue.lib.coref import resolver
from chronologue.model.story import Story

LIB = Path(coref_package.__file__).resolve().parent.parent
FORBIDDEN = ("chronologue.annotators", "chronologue.pipeline", "chronologue.stages", "chronologue.export")

CARVER = (
    "Mrs. Ruth Carver lit the stove and went to fetch the bread. She was glad of a guest in that weather. "
    'Her husband, Tom Carver, came in. He sat down. "Can I take your coat, sir?" she said.'
)


def _chain(story: Story, name: str) -> list[tuple[str, str | None]]:
    entity = next(e for e in story.entities if e.name == name)
    return [(story.text[m.start:m.end], m.kind) for m in entity.mentions]


def test_each_person_gets_its_names_pronouns_and_person_nouns_with_their_kind() -> None:
    story = analyze(CARVER)
    assert _chain(story, "Ruth Carver") == [
        ("Ruth Carver", "name"), ("She", "pronoun"), ("Her", "pronoun"), ("she", "pronoun"),
    ]
    assert _chain(story, "Tom Carver") == [("Her husband", "nominal"), ("Tom Carver", "name"), ("He", "pronoun")]


def test_the_kind_is_written_on_entity_mentions_only() -> None:
    data = analyze(CARVER).model_dump(mode="json")
    assert {m.get("kind") for e in data["entities"] for m in e["mentions"]} == {"name", "pronoun", "nominal"}
    assert all("kind" not in q["speaker_mention"] for q in data["quotes"] if q["speaker_mention"])


def test_the_coreference_is_built_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[object] = []
    original = resolver.Coreference.__init__

    def counting(self, *args, **kwargs) -> None:
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(resolver.Coreference, "__init__", counting)
    story = analyze(CARVER + " In 1921 she moved to Leeds with him.")
    assert len(built) == 1
    assert story.events and story.quotes  # both annotators ran on it


def test_a_title_the_person_bears_again_and_again_outweighs_the_pronouns_after_the_name() -> None:
    # "her" follows every "Mr. Garrow" (the woman he watches): his own title says he is a man
    story = analyze("Anne Castell opened the letter in the garden. Mr. Garrow watched her from the terrace. "
                    "Mr. Garrow waited for her answer. Mr. Garrow saw her smile. He went inside.")
    assert _chain(story, "Anne Castell") == [("Anne Castell", "name")] + [("her", "pronoun")] * 3
    assert _chain(story, "Mr. Garrow") == [("Mr. Garrow", "name")] * 3 + [("He", "pronoun")]


def test_sexes_are_female_and_male_everywhere() -> None:
    story = analyze(CARVER)
    ctx_genders = {e.name: e.attributes.get("gender") for e in story.entities if e.type == "PERSON"}
    assert set(ctx_genders.values()) <= {"female", "male", None}
    quote = story.quotes[0]
    assert story.entity(quote.speaker).name == "Ruth Carver"


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", sorted(LIB.rglob("*.py")), ids=lambda p: str(p.relative_to(LIB)))
def test_lib_never_imports_an_annotator(path: Path) -> None:
    assert [m for m in _imports(path) if m.startswith(FORBIDDEN)] == []
