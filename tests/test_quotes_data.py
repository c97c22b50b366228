"""Every entry of the quotation data files carries an example; each example must do what its entry says."""

from __future__ import annotations

import pytest

from chronologue import analyze
from chronologue.model.story import Quote, Story
from chronologue.rules import load as load_rules


def _entries(name: str, *sections: str) -> list[tuple[str, dict]]:
    data = load_rules(name.removesuffix(".toml"))
    return [(section, entry) for section in sections for entry in data[section]]


def _mention(story: Story, quote: Quote) -> str | None:
    span = quote.speaker_mention
    return story.text[span.start:span.end] if span else None


VERB_GROUPS = _entries("quote_verbs.toml", "group")
CUES = _entries("quote_cues.toml", "introducer", "document_noun", "title_cue", "work_noun", "scare_cue", "person_noun",
                "kin_noun", "answer_opening", "naming_verb",
                "spouse_verb", "words_noun")


def test_every_entry_has_an_example() -> None:
    for _section, entry in VERB_GROUPS + CUES:
        assert entry.get("example"), entry


@pytest.mark.parametrize(("section", "entry"), VERB_GROUPS, ids=[e["example"][:40] for _, e in VERB_GROUPS])
def test_verb_group_example(section: str, entry: dict) -> None:
    story = analyze(entry["example"])
    quotes = [q for q in story.quotes if q.kind == entry["kind"]]
    assert quotes, story.quotes
    assert _mention(story, quotes[0]) == entry["speaker"]


@pytest.mark.parametrize(("section", "entry"), CUES, ids=[f"{s}:{e['example'][:30]}" for s, e in CUES])
def test_cue_example(section: str, entry: dict) -> None:
    story = analyze(entry["example"])
    quotes = [q for q in story.quotes if q.kind == entry["expect"]]
    assert quotes, [(q.kind, story.text[q.start:q.end]) for q in story.quotes]
    quote = quotes[0]
    if "quoted" in entry:
        assert story.text[quote.start:quote.end] == entry["quoted"]
    if "speaker" in entry:
        assert _mention(story, quote) == entry["speaker"]
    if "entity" in entry:  # a kin noun goes to the family member the story names
        entity = story.entity(quote.speaker)
        assert entity is not None and entry["entity"] in " ".join([entity.name, *entity.aliases]).split(), entity
