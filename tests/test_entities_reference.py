"""lib/coref/mentions.py: mention look-ups, the protagonist and pronoun resolution on a hand-built story."""

from __future__ import annotations

import re

import pytest

from chronologue.lib.coref.mentions import MentionIndex, facts, protagonist
from chronologue.model.story import Entity, Source, Span, Story

TEXT = (
    "Major Ivan Petrov met Anna Kovac in Kiev. He gave her a letter. Petrov left at dawn. "
    "Our hero was tired. She smiled."
)


def _spans(pattern: str) -> list[Span]:
    return [Span(start=m.start(), end=m.end()) for m in re.finditer(pattern, TEXT)]


def _story() -> Story:
    return Story(
        source=Source(sha256="0"),
        text=TEXT,
        entities=[
            Entity(
                id="e1",
                type="PERSON",
                name="Ivan Petrov",
                mentions=_spans(r"Ivan Petrov|(?<=\. )Petrov"),
                attributes={"gender": "male"},
            ),
            Entity(
                id="e2",
                type="PERSON",
                name="Anna Kovac",
                mentions=_spans("Anna Kovac"),
                attributes={"gender": "female"},
            ),
            Entity(id="e3", type="PLACE", name="Kiev", mentions=_spans("Kiev")),
        ],
    )


def test_entity_at_and_person_before() -> None:
    index = MentionIndex.build(_story())
    kiev = TEXT.index("Kiev")
    assert index.entity_at(kiev, kiev + 4) == "e3"
    assert index.entity_at(kiev + 1, kiev + 2) == "e3"
    assert index.entity_at(0, 5) is None
    assert index.person_before(kiev) == "e2"
    assert index.person_before(5) is None
    assert index.person_before(kiev, max_back=3) is None


def test_protagonist_needs_a_clear_lead() -> None:
    story = _story()
    assert protagonist(story) is None  # 2 mentions vs 1: below the minimum
    story.entities[0].mentions.append(Span(start=0, end=5))
    assert protagonist(story) == "e1"  # counted afresh from the mentions


@pytest.mark.parametrize(("word", "expected"), [("He", "e1"), ("her", "e2"), ("Our hero", "e1"), ("She", "e2")])
def test_resolve_pronoun_by_gender_and_recency(word: str, expected: str) -> None:
    story = _story()
    story.entities[0].mentions.append(Span(start=0, end=5))
    assert MentionIndex.build(story).resolve(TEXT, TEXT.index(word)) == expected


def test_resolve_pronoun_prefers_subject_of_previous_sentence() -> None:
    from chronologue import nlp

    text = "Ivan Petrov thanked Pavel Orlov. He left the camp."
    story = Story(
        source=Source(sha256="0"),
        text=text,
        entities=[
            Entity(id="e1", type="PERSON", name="Ivan Petrov", mentions=[Span(start=0, end=11)]),
            Entity(id="e2", type="PERSON", name="Pavel Orlov", mentions=[Span(start=20, end=31)]),
        ],
    )
    index = MentionIndex.build(story, facts(story, nlp.load()(text)))
    assert index.resolve(text, text.index("He")) == "e1"
    assert index.resolve(text, text.index("left")) is None


def test_a_chain_of_pronouns_leads_back_to_its_name_and_strangers_in_asides_do_not_take_over() -> None:
    from chronologue import nlp

    text = (
        "Ivan Petrov reached the camp in May. "
        "Due to his training, he was sent to the workshop where Pavel Orlov's rockets were built. "
        "He stayed there until autumn. "
        "Unlike Orlov, he did not trust the guards."
    )
    story = Story(
        source=Source(sha256="0"),
        text=text,
        entities=[
            Entity(id="e1", type="PERSON", name="Ivan Petrov", mentions=_find(text, "Ivan Petrov")),
            Entity(
                id="e2", type="PERSON", name="Pavel Orlov", mentions=_find(text, "Pavel Orlov") + _find(text, "Orlov,")
            ),
        ],
    )
    index = MentionIndex.build(story, facts(story, nlp.load()(text)))
    assert index.resolve(text, text.index("He stayed")) == "e1"
    assert index.resolve(text, text.index("he did not")) == "e1"
    assert index.resolve(text, text.index("his training")) == "e1"


def _find(text: str, needle: str) -> list[Span]:
    at = text.index(needle)
    word = needle.rstrip(",")
    return [Span(start=at, end=at + len(word))]
