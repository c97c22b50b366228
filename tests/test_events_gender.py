"""He/she of event participants: the gender cues of ``event_gender.toml`` and the protagonist fallback."""

from __future__ import annotations

import pytest
from test_events_support import build_story, by_trigger, names, run_events

from chronologue.lib.coref.gender import guess
from chronologue.model.story import Entity, Span
from chronologue.rules import load as load_rules

RAW = load_rules("event_gender")
ROWS = [row for table in ("title", "ending", "role") for row in RAW[table]]
DECOY = "Gora Orla"  # a name the entities stage took for a person, of no known gender


def _story_with(text: str, person: str):
    story = build_story(text, extra_people={person: "male", DECOY: "male"})
    for entity in story.entities:
        entity.attributes = {}  # the gender must come from the cues, not from the entity stage
    return story


@pytest.mark.parametrize("row", ROWS, ids=[row["example"][:40] for row in ROWS])
def test_pronoun_goes_to_the_person_the_cue_names(row: dict) -> None:
    story = run_events(_story_with(row["example"], row["person"]))
    assert names(story, by_trigger(story, "moved")) [:1] == [(row["person"], "theme")]


def test_guess_reads_titles_given_names_and_endings() -> None:
    text = "Madame Kos met Olga Brandt, Nowicki and Petrova."

    def entity(name: str) -> Entity:
        start = text.index(name)
        return Entity(id="e1", type="PERSON", name=name, mentions=[Span(start=start, end=start + len(name))])

    assert [guess(entity(n), text) for n in ("Kos", "Olga Brandt", "Nowicki", "Petrova", "Brandt")] == [
        "female", "female", "male", "female", None,
    ]


def test_a_name_of_unknown_gender_does_not_take_a_she_from_a_known_woman() -> None:
    text = "Vera Lanska crossed the mountains. Gora Orla rose over the valley. She moved to Lviv in 1940."
    story = build_story(text, extra_people={DECOY: "male"})
    story.entities[-1].attributes = {}
    run_events(story)
    assert names(story, by_trigger(story, "moved")) [:1] == [("Vera Lanska", "theme")]
