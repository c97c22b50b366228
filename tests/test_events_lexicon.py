"""Every entry of the event lexicon does what its example says."""

from __future__ import annotations

import pytest
from test_events_support import events_of

from chronologue.annotators.events.lexicon import load, load_classes

LEXICON = load()
RAW = LEXICON.raw


def _ids(rows: list[dict], key: str = "example") -> list[str]:
    return [row[key][:50] for row in rows]


def predicates(text: str) -> list[str]:
    return [e.predicate for e in events_of(text).events]


@pytest.mark.parametrize("entry", RAW["frame"], ids=_ids(RAW["frame"]))
def test_every_frame_example_yields_its_predicate(entry: dict) -> None:
    assert entry["predicate"] in predicates(entry["example"])


@pytest.mark.parametrize("entry", RAW["modal"] + RAW["blocking"], ids=_ids(RAW["modal"] + RAW["blocking"]))
def test_modal_and_blocking_examples_yield_no_event(entry: dict) -> None:
    assert entry["predicate"] not in predicates(entry["example"])


@pytest.mark.parametrize("entry", RAW["implicative"], ids=_ids(RAW["implicative"]))
def test_implicative_examples_yield_the_event(entry: dict) -> None:
    assert entry["predicate"] in predicates(entry["example"])


@pytest.mark.parametrize("entry", RAW["light_verb"], ids=_ids(RAW["light_verb"]))
def test_light_verb_examples_give_the_event_to_the_person(entry: dict) -> None:
    story = events_of(entry["example"])
    event = next(e for e in story.events if e.predicate == entry["predicate"])
    assert [story.entity(p.entity).type for p in event.participants] == ["PERSON"]


# The time each relation example's clause holds, and the bounds the event must get from it.
RELATION_CASES = {
    "in": (("1937", "1937-01-01", "1937-12-31"), ("1937-01-01", "1937-12-31")),
    "until": (("the spring of 1944", "1944-03-01", "1944-05-31"), (None, "1944-05-31")),
    "after": (("the war", "1939-09-01", "1945-09-02"), ("1945-09-03", None)),
    "from": (("1942", "1942-01-01", "1942-12-31"), ("1942-01-01", None)),
    "before": (("1939", "1939-01-01", "1939-12-31"), (None, "1938-12-31")),
    "by": (("the end of 1941", "1941-09-01", "1941-12-31"), (None, "1941-12-31")),
}


@pytest.mark.parametrize("entry", RAW["relation"], ids=[row["relation"] for row in RAW["relation"]])
def test_relation_examples_bound_the_event(entry: dict) -> None:
    if entry["relation"] == "topic":
        timexes = [("1970", "1970-01-01", "1970-12-31"), ("the winter of 1941", "1941-12-01", "1942-02-28")]
        timex, expected = timexes[0], ("1970-01-01", "1970-12-31")
    else:
        timex, expected = RELATION_CASES[entry["relation"]]
        timexes = [timex]
    story = events_of(entry["example"], timexes=timexes)
    event = story.events[0]
    assert event.time == "t1"
    assert (event.earliest, event.latest) == expected


@pytest.mark.parametrize("entry", RAW["part_noun"], ids=["part_noun"])
def test_a_part_noun_subject_brings_in_its_owner(entry: dict) -> None:
    story = events_of(entry["example"])
    event = next(e for e in story.events if e.predicate == entry["predicate"])
    assert ("Ivan Sorokin", "associate") in [(story.entity(p.entity).name, p.role) for p in event.participants]


def test_other_subjects_do_not_bring_in_their_owner() -> None:
    story = events_of("Ivan Sorokin grew up in Poltava, where his mother was born in 1889. His diary survives.")
    assert [e.participants for e in story.events] == [[], []]


# The example's first sentence is dated 1942-05 (1942 or 1945 for the year-scale ones); the second event is
# counted from it.
RELATIVE_CASES = {
    "after (?:a few|several|some|two|three) days": ("1942-05-03", "1942-06-14"),
    "after (?:a few|several|some|two|three) weeks": ("1942-05-08", "1942-07-26"),
    "after (?:a few|several|some|two|three) months": ("1942-05-31", "1942-11-27"),
    "thirty) years (?:earlier": ("1939-12-29", "1941-01-01"),
    "many )?years (?:earlier": (None, "1944-12-31"),
    "days (?:earlier": ("1942-04-16", "1942-05-30"),
    "thirty) days": ("1942-05-11", "1942-06-10"),
    "twelve) weeks": ("1942-05-19", "1942-06-24"),
    "twelve) months": ("1942-06-26", "1942-08-01"),
    "thirty) years": ("1949-12-31", "1951-01-04"),
    "(?:the )?(?:next|following)": ("1942-05-01", "1942-06-02"),
    "same )+(?:day": ("1942-05-01", "1942-05-31"),
    "same )+(?:week": ("1942-05-01", "1942-06-06"),
    "(?:a few|several|two|three|some) days": ("1942-05-02", "1942-06-15"),
    "(?:a|one) week": ("1942-05-06", "1942-06-10"),
    "(?:a few |several |some |two |three )?weeks": ("1942-05-08", "1942-07-30"),
    "(?:a|one) month": ("1942-05-21", "1942-07-15"),
    "(?:a few |several |some |two |three )?months": ("1942-05-31", "1943-05-31"),
    "in (?:just |only )?": ("1942-05-01", "1942-11-30"),
    "(?:a|one) year": ("1942-10-28", "1944-07-03"),
    "many years": ("1947-01-01", "1990-12-31"),
    "(?:a few |several |some |two |three )?years": ("1946-01-01", "1990-12-31"),
    "decades": ("1954-12-30", "1990-12-31"),
}


def _relative_case(pattern: str) -> tuple[str | None, str]:
    return next(v for k, v in RELATIVE_CASES.items() if k in pattern)


@pytest.mark.parametrize("entry", RAW["relative"], ids=_ids(RAW["relative"], "pattern"))
def test_relative_examples_count_from_the_clock(entry: dict) -> None:
    from datetime import date

    first, second = entry["example"].split(". ", 1)
    year = first.split()[1] if first.startswith("In ") else None
    dated = [("May 1942", "1942-05-01", "1942-05-31")] if "May 1942" in first else [(year, f"{year}-01-01",
                                                                                         f"{year}-12-31")]
    relative = second.split(" he ")[0]
    story = events_of(entry["example"], timexes=[*dated, (relative, None, None)], dct=date(1990, 12, 31))
    assert (story.events[-1].earliest, story.events[-1].latest) == _relative_case(entry["pattern"])
    assert story.events[-1].basis == "narrative"


@pytest.mark.parametrize("entry", RAW["sequence"], ids=["sequence"])
def test_sequence_example_keeps_the_joined_clause_out_of_the_first_time(entry: dict) -> None:
    story = events_of(entry["example"], timexes=[("1944", "1944-01-01", "1944-12-31")], dct=None)
    stay, emigrate = story.events
    assert stay.time == "t1" and stay.latest == "1944-12-31"
    assert emigrate.time is None and emigrate.earliest == "1944-01-01"


@pytest.mark.parametrize("entry", RAW["partitive"], ids=["partitive"])
def test_partitive_example_gives_the_event_to_the_subject(entry: dict) -> None:
    story = events_of(entry["example"], timexes=[("March 1941", "1941-03-01", "1941-03-31")])
    event = next(e for e in story.events if e.predicate == entry["predicate"])
    assert [(story.entity(p.entity).name, p.role) for p in event.participants] == [("Vera Lanska", "agent")]
    assert (event.earliest, event.latest) == ("1941-03-01", "1941-03-31")


@pytest.mark.parametrize("entry", RAW["simultaneous"], ids=["simultaneous"])
def test_simultaneous_example_takes_the_time_of_its_when_clause(entry: dict) -> None:
    story = events_of(entry["example"], timexes=[("June 1941", "1941-06-01", "1941-06-30")])
    event = next(e for e in story.events if e.predicate == entry["predicate"])
    assert (event.earliest, event.latest, event.basis) == ("1941-06-01", "1941-06-30", "stated")


WORDNET = load_classes()


@pytest.mark.parametrize("row", WORDNET, ids=[row["name"] for row in WORDNET])
def test_every_derived_class_example_yields_its_predicate(row: dict) -> None:
    assert row["predicate"] in row["verbs"]
    assert row["predicate"] in predicates(row["example"])


@pytest.mark.parametrize("row", WORDNET, ids=[row["name"] for row in WORDNET])
def test_every_derived_class_noun_example_yields_the_predicate_of_its_verb(row: dict) -> None:
    assert row["noun_predicate"] in dict(row["nouns"]).values()
    assert row["noun_predicate"] in predicates(row["noun_example"])


def test_the_hand_written_entries_take_precedence_over_the_derived_classes() -> None:
    assert {rule.predicate for rule in LEXICON.verbs["capture"]} == {"capture"}
    assert LEXICON.verbs["capture"][0].example == next(
        row["example"] for row in RAW["frame"] if "capture" in row.get("verbs", []))


@pytest.mark.parametrize("entry", RAW["likeness"], ids=["likeness"])
def test_the_person_a_likeness_honours_takes_part_in_what_happens_to_it(entry: dict) -> None:
    story = events_of(entry["example"])
    event = next(e for e in story.events if e.predicate == entry["predicate"])
    assert [story.entity(p.entity).name for p in event.participants] == ["Vera Lanska"]
