"""Events beyond one genre (issue 13): nominal events with their time, and bounds taken from the body only."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_events_support import bounds, build_story, by_trigger, events_of, names, run_events
from typer.testing import CliRunner

from chronologue import analyze
from chronologue.annotators.events.dates import midpoint, parse_day
from chronologue.cli import app

HELDOUT = Path(__file__).parent / "data" / "heldout"


def test_a_gerund_is_the_event_of_its_verb_with_its_own_time() -> None:
    story = events_of("The lifting of the blockade followed in May 1949.",
                      timexes=[("May 1949", "1949-05-01", "1949-05-31")])
    assert [(e.predicate, e.earliest, e.latest, e.basis) for e in story.events] == [
        ("lift", "1949-05-01", "1949-05-31", "stated")]


def test_a_nominal_event_that_is_its_clauses_subject_needs_no_named_participant() -> None:
    story = events_of("In June 1948 the airlift began. The work of the engineers began in July 1948.",
                      timexes=[("June 1948", "1948-06-01", "1948-06-30"), ("July 1948", "1948-07-01", "1948-07-31")])
    assert [(e.predicate, e.earliest, e.latest) for e in story.events] == [("airlift", "1948-06-01", "1948-06-30")]


def test_an_army_brings_its_commander_into_the_event() -> None:
    story = events_of("In March 1896 Ivan Sorokin's army defeated the invaders near Kiev.",
                      timexes=[("March 1896", "1896-03-01", "1896-03-31")])
    event = by_trigger(story, "defeated")
    assert ("Ivan Sorokin", "associate") in names(story, event)


def test_taking_a_place_is_a_capture_and_taking_a_person_along_is_not() -> None:
    story = events_of("In 1887 Ivan Sorokin took Kharkiv. In 1888 Ivan Sorokin took his son to Kiev.",
                      timexes=[("1887", "1887-01-01", "1887-12-31"), ("1888", "1888-01-01", "1888-12-31")])
    assert [e.predicate for e in story.events] == ["capture", "transfer"]


def test_the_same_weekend_lies_at_or_after_the_day_it_follows() -> None:
    # the tagger may give the weekend of the week before; "the same" names the time of the event before it
    story = events_of(
        "On 24 June 1948 Ivan Sorokin arrived in Munich. The same weekend he met Vera Lanska.",
        timexes=[("24 June 1948", "1948-06-24", "1948-06-24"), ("The same weekend", "1948-06-19", "1948-06-20")],
    )
    assert bounds(by_trigger(story, "met")) == ("1948-06-24", "1948-06-30", "narrative")


def test_midnight_after_a_dated_day_is_the_start_of_the_next_day() -> None:
    story = build_story(
        "On 11 May 1949 Ivan Sorokin reached Munich. At midnight the blockade was lifted.",
        timexes=[("11 May 1949", "1949-05-11", "1949-05-11"), ("midnight", "1949-05-11", "1949-05-11")],
    )
    story.timexes[1].type, story.timexes[1].value = "TIME", "1949-05-11T24:00"
    event = by_trigger(run_events(story), "lifted")
    assert bounds(event) == ("1949-05-12", "1949-05-12", "stated")


TEXT_WITH_BACK_MATTER = """# Lucius Clay

## Berlin

In June 1948 Lucius Clay flew to Berlin. He later wrote a memoir of those months.

## Sources

- Lucius Clay, *Decision in Germany*, Doubleday, New York 1950.
- Jean Smith, *Lucius D. Clay*, Holt, New York 1990.

Note: the flight is recorded in a letter of 1962.
"""


def test_years_of_the_bibliography_and_the_notes_never_bound_an_event_of_the_body() -> None:
    story = analyze(TEXT_WITH_BACK_MATTER, source_format="markdown")
    wrote = next(e for e in story.events if story.text[e.trigger.start:e.trigger.end] == "wrote")
    assert (wrote.earliest, wrote.latest) == ("1948-06-01", None)


def test_nobody_acts_after_their_death() -> None:
    story = events_of(
        "In 1890 Ivan Sorokin was born in Kiev. He later spoke of the famine as his school. "
        "Ivan Sorokin died in Kiev on 12 December 1913.",
        timexes=[("1890", "1890-01-01", "1890-12-31"), ("12 December 1913", "1913-12-12", "1913-12-12")],
    )
    assert bounds(by_trigger(story, "spoke")) == ("1890-01-01", "1913-12-12", "narrative")


@pytest.mark.slow
def test_the_timeline_command_lists_the_heldout_emperors_events_in_time_order() -> None:
    result = CliRunner().invoke(app, ["timeline", str(HELDOUT / "emperor.md")], env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    assert "Timeline of Menelik" in result.output
    rows = [line.split("│") for line in result.output.splitlines() if line.startswith("│")]
    dated = [(row[2].strip(), row[3].strip()) for row in rows if row[1].strip().isdigit()]
    assert len(dated) >= 20
    middles = [midpoint(parse_day(low), parse_day(high, upper=True)) for low, high in dated if "?" not in low + high]
    assert middles == sorted(middles)
    predicates = [row[5].strip() for row in rows if row[1].strip().isdigit() and "?" not in row[2] + row[3]]
    told = iter(predicates)  # the events of the gold, in the order of their time, are rows in that order
    assert all(p in told for p in ["born", "escape", "enter", "proclaim", "submit", "marry", "found", "sign",
                                   "write", "denounce", "issue", "march", "besiege", "defeat", "depart", "sign",
                                   "stroke", "appoint", "die"])


def test_a_name_inside_a_mention_that_runs_over_its_verb_is_the_person_so_named() -> None:
    from chronologue.model.story import Entity, Span

    text = "Ivan Sorokin was a soldier. In 1887 Sorokin took Kharkiv."
    story = build_story(text, timexes=[("1887", "1887-01-01", "1887-12-31")])
    person = next(e for e in story.entities if e.name == "Ivan Sorokin")
    wrong = text.index("Sorokin took Kharkiv")
    person.mentions = [m for m in person.mentions if m.start != wrong]
    story.entities.append(Entity(id="e9", type="ORG", name="Sorokin took Kharkiv",
                                 mentions=[Span(start=wrong, end=wrong + len("Sorokin took Kharkiv"))]))
    event = by_trigger(run_events(story), "took")
    assert (event.predicate, names(story, event)[:1]) == ("capture", [("Ivan Sorokin", "agent")])
