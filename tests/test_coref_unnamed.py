"""Unnamed recurring people: a speaker the text never names but gives many lines is a person of its own."""

from __future__ import annotations

from chronologue import analyze


def test_a_recurring_unnamed_speaker_is_a_person_and_a_passing_one_is_not() -> None:
    text = ('The Grandmother came in. "Where is the boy?" said the Grandmother. "He went out," said Polina Grey. '
            '"Then find him," said the Grandmother. "Yes," replied the stranger. "Now!" said the Grandmother.')
    story = analyze(text)
    unnamed = [e for e in story.entities if e.attributes.get("unnamed")]
    assert [(e.type, e.name, len(e.mentions)) for e in unnamed] == [("PERSON", "the Grandmother", 3)]
    lines = {text[q.start:q.end].rstrip(",!?"): q.speaker for q in story.quotes}
    assert lines["Where is the boy"] == lines["Then find him"] == lines["Now"] == unnamed[0].id
    assert all(m.kind == "nominal" for m in unnamed[0].mentions)


def test_a_description_that_names_no_one_person_stays_unnamed() -> None:
    text = ('"Come," said the other. "No," said the other. "Why?" said the other. "Because," said Anna Weller.')
    story = analyze(text)
    assert not [e for e in story.entities if e.attributes.get("unnamed")]
