"""Bounds from prepositions around dates: ranges, dated events inside an "after" phrase, active participles."""

from __future__ import annotations

from datetime import date

from test_events_support import bounds, by_trigger, events_of, names


def test_between_two_years_spans_from_the_first_to_the_second() -> None:
    story = events_of(
        "The secret police arrested Vera Lanska between 1940 and 1943.",
        timexes=[("1940", "1940-01-01", "1940-12-31"), ("1943", "1943-01-01", "1943-12-31")],
    )
    assert bounds(by_trigger(story, "arrested")) == ("1940-01-01", "1943-12-31", "stated")


def test_after_an_event_dated_in_a_year_starts_with_that_year() -> None:
    story = events_of(
        "Ivan Sorokin was released after the death of the dictator in 1954. Two years later he was rehabilitated.",
        timexes=[("1954", "1954-01-01", "1954-12-31"), ("Two years later", None, None)],
    )
    assert by_trigger(story, "released").earliest == "1954-01-01"
    assert by_trigger(story, "rehabilitated").earliest == "1956-01-01"


def test_after_a_year_itself_starts_after_it() -> None:
    story = events_of("After 1954 Ivan Sorokin was released.", timexes=[("1954", "1954-01-01", "1954-12-31")])
    assert by_trigger(story, "released").earliest == "1955-01-01"


def test_a_participle_with_an_object_is_active() -> None:
    text = "Few survived: the Gestapo post in Lviv arrested Vera Lanska in 1942."
    story = events_of(text, extra_people={"Gestapo": "male"}, timexes=[("1942", "1942-01-01", "1942-12-31")])
    roles = dict(names(story, by_trigger(story, "arrested")))
    assert roles.get("Gestapo") != "patient"
    assert roles["Vera Lanska"] == "patient"


def test_a_look_ahead_keeps_its_time_and_does_not_move_the_clock() -> None:
    from chronologue.annotators.events.lexicon import load

    entry = load().raw["excursion"][0]
    story = events_of(
        entry["example"],
        timexes=[("1940", "1940-01-01", "1940-12-31"), ("1990", "1990-01-01", "1990-12-31"),
                 ("A month later", None, None)],
    )
    assert bounds(by_trigger(story, "return"))[:2] == ("1990-01-01", "1990-12-31")
    assert by_trigger(story, "sent").predicate == entry["predicate"]
    assert by_trigger(story, "sent").earliest.startswith("1940")


def test_a_far_jump_the_story_goes_back_from_is_a_look_ahead() -> None:
    story = events_of(
        "In 1940 Vera Lanska was arrested. In 1975 Vera Lanska was rehabilitated. "
        "In 1941 Vera Lanska escaped from the camp. Then she hid in the forest.",
        timexes=[("1940", "1940-01-01", "1940-12-31"), ("1975", "1975-01-01", "1975-12-31"),
                 ("1941", "1941-01-01", "1941-12-31")],
        dct=date(1990, 12, 31),
    )
    assert bounds(by_trigger(story, "rehabilitated"))[:2] == ("1975-01-01", "1975-12-31")
    assert by_trigger(story, "hid").earliest == "1941-01-01"


def test_a_near_step_with_only_in_is_the_story_going_on() -> None:
    story = events_of(
        "In 1942 Vera Lanska was deported. Vera Lanska returned to Lviv only in 1946. Then she moved to Prague.",
        timexes=[("1942", "1942-01-01", "1942-12-31"), ("1946", "1946-01-01", "1946-12-31")],
        dct=date(1990, 12, 31),
    )
    assert by_trigger(story, "moved").earliest == "1946-01-01"
