"""Bounds from prepositions around dates: ranges, dated events inside an "after" phrase, active participles."""

from __future__ import annotations

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
