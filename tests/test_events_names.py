"""A name mostly a person's is the person; deaths bound what happens to the living; the body's deaths over the
lede's (issue 13: events on a history the project had not seen)."""

from __future__ import annotations

from test_events_support import bounds, build_story, by_trigger, names, run_events

from chronologue.lib.coref.mentions import MentionIndex
from chronologue.model.story import Entity, Span

TEXT = ("Ivan Sorokin was born in Poltava in 1916. In 1936 Sorokin moved to Kiev. In 1939 Sorokin married in Kiev. "
        "In 1941 the army sent Sorokin to Kursk.")


def _sorokin_typed_a_place_once():
    """The story of TEXT with the last "Sorokin" taken from the person and given to a PLACE entity "Sorokin"."""
    years = [(year, f"{year}-01-01", f"{year}-12-31") for year in ("1916", "1936", "1939", "1941")]
    story = build_story(TEXT, timexes=years)
    person = next(e for e in story.entities if e.name == "Ivan Sorokin")
    last = person.mentions.pop()
    place = Entity(id="e99", type="PLACE", name="Sorokin", mentions=[Span(start=last.start, end=last.end)])
    story.entities.append(place)
    return story, last


def test_a_mention_typed_otherwise_whose_name_is_mostly_a_persons_is_the_person() -> None:
    story, last = _sorokin_typed_a_place_once()
    index = MentionIndex.build(story)
    assert index.persons_by_name(story.text, {e.id: e.type for e in story.entities}) == {(last.start, last.end): "e1"}


def test_the_event_of_such_a_mention_goes_to_the_person_and_takes_no_place_from_it() -> None:
    story, _ = _sorokin_typed_a_place_once()
    event = by_trigger(run_events(story), "sent")
    assert names(story, event) == [("Ivan Sorokin", "patient"), ("Kursk", "goal")]
    assert story.entity(event.place).name == "Kursk"


def test_a_name_mostly_a_places_stays_the_place() -> None:
    story = build_story("Kiev fell in 1941. Kiev was rebuilt. Sorokin Kiev moved to Kiev.",
                        extra_people={"Sorokin Kiev": "male"})
    types = {e.id: e.type for e in story.entities}
    assert MentionIndex.build(story).persons_by_name(story.text, types) == {}


DEATH = ("Ivan Sorokin was born in Poltava in 1916. Ivan Sorokin died in Kursk on 5 July 1943. "
         "He was wounded by a shell during the last attack. In 1990 Ivan Sorokin was rehabilitated.")
DEATH_TIMES = [("1916", "1916-01-01", "1916-12-31"), ("5 July 1943", "1943-07-05", "1943-07-05"),
               ("1990", "1990-01-01", "1990-12-31")]


def test_no_one_is_wounded_after_their_death_but_may_be_rehabilitated() -> None:
    story = run_events(build_story(DEATH, timexes=DEATH_TIMES))
    assert bounds(by_trigger(story, "wounded")) == ("1943-07-05", "1943-07-05", "narrative")
    assert bounds(by_trigger(story, "rehabilitated")) == ("1990-01-01", "1990-12-31", "stated")


def test_a_death_told_in_the_body_goes_before_one_of_the_lede() -> None:
    lede = "Ivan Sorokin fought for four years and died in 1950."
    text = f"{lede}\n\n{DEATH}"
    story = build_story(text, timexes=[("1950", "1950-01-01", "1950-12-31"), *DEATH_TIMES])
    next(p for p in story.structure.paragraphs if p.start == 0).role = "lede"
    run_events(story)
    assert bounds(by_trigger(story, "wounded")) == ("1943-07-05", "1943-07-05", "narrative")
