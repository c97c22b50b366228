"""Timelines: each person's events in time order."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from datetime import date

from chronologue.annotators.events.dates import midpoint, parse_day
from chronologue.model.story import Event, Story, Timeline

_OPEN = date.max


def time_key(event: Event, order: int) -> tuple[date, date, int]:
    """Sort key of an event: the midpoint of its bounds, then its earliest day, then text order.

    With one bound open the known bound stands for the midpoint; with both open the event goes last.
    """
    earliest = parse_day(event.earliest)
    latest = parse_day(event.latest, upper=True)
    middle = midpoint(earliest, latest) or earliest or latest or _OPEN
    return middle, earliest or middle, order


def build_timelines(story: Story) -> list[Timeline]:
    """For every PERSON taking part in events, the event ids ordered by their bounds (ties by text order)."""
    people = {e.id for e in story.entities if e.type == "PERSON"}
    ordered = sorted(enumerate(story.events), key=lambda pair: time_key(pair[1], pair[0]))
    per_person: dict[str, list[str]] = {}
    for _, event in ordered:
        for participant in event.participants:
            if participant.entity in people:
                ids = per_person.setdefault(participant.entity, [])
                if event.id not in ids:
                    ids.append(event.id)
    order = {e.id: i for i, e in enumerate(story.entities)}
    people_in_order = sorted(per_person, key=order.__getitem__)
    return [Timeline(entity=person, events=per_person[person]) for person in people_in_order]


def _life_days(
    story: Story,
    people: set[str],
    predicate: str,
    day_of: Callable[[Event], date | None],
    keep: Callable[[date, date], date],
) -> dict[str, date]:
    """Each person's day of the ``predicate`` events that happen to them (born, die): ``keep`` picks among several.

    The body's word goes before a summary's: a day told in the body is kept over one of the title or the lede
    ("... and died nine years later", counted from another year than the body's)."""
    told_in_body = _in_body(story)
    days: dict[str, tuple[bool, date]] = {}
    for event in story.events:
        day = day_of(event)
        if event.predicate != predicate or day is None:
            continue
        in_body = told_in_body(event.trigger.start)
        for participant in event.participants:
            if participant.entity in people and participant.role in ("patient", "theme"):
                known = days.get(participant.entity)
                if known is None or in_body > known[0]:
                    days[participant.entity] = (in_body, day)
                elif in_body == known[0]:
                    days[participant.entity] = (in_body, keep(day, known[1]))
    return {person: day for person, (_, day) in days.items()}


def _in_body(story: Story) -> Callable[[int], bool]:
    """Whether an offset lies in a paragraph of the body (not the title, kicker, lede, a heading or a caption)."""
    spans = sorted((p.start, p.end, p.role) for p in story.structure.paragraphs)
    starts = [span[0] for span in spans]

    def holds(offset: int) -> bool:
        i = bisect_right(starts, offset) - 1
        return i < 0 or offset >= spans[i][1] or spans[i][2] == "body"

    return holds


def bound_by_birth(story: Story, people: set[str]) -> None:
    """No event of a person lies before their birth: a stated birth is a lower bound of their other events."""
    born = _life_days(story, people, "born", lambda event: parse_day(event.earliest), min)
    if not born:
        return
    for event in story.events:
        if event.predicate == "born":
            continue
        earliest, latest = parse_day(event.earliest), parse_day(event.latest, upper=True)
        floors = [born[p.entity] for p in event.participants if p.entity in born]
        if not floors:
            continue
        floor = max(floors)
        if (earliest is None or earliest < floor) and (latest is None or latest >= floor):
            event.earliest = floor.isoformat()
            if event.basis == "inferred":
                event.basis = "narrative"


# Roles in which a person acts: nobody acts after their death (a burial or a rehabilitation may come later).
ACTING_ROLES = frozenset({"agent", "companion", "spouse"})
# Roles in which a person undergoes an event of the living (``Lexicon.alive``): no one is wounded after death.
LIVING_ROLES = frozenset({"patient"})


def bound_by_death(story: Story, people: set[str], alive: frozenset[str] = frozenset()) -> None:
    """No act of a person lies after their death: a stated death is an upper bound of the events they do, and of
    the events of ``alive`` (predicates of what happens to the living: a wound, an arrest) they undergo."""
    def stated_death(event: Event) -> date | None:
        return parse_day(event.latest, upper=True) if event.basis == "stated" else None

    died = _life_days(story, people, "die", stated_death, max)
    if not died:
        return
    for event in story.events:
        if event.predicate == "die":
            continue
        roles = ACTING_ROLES | LIVING_ROLES if event.predicate in alive else ACTING_ROLES
        ceilings = [died[p.entity] for p in event.participants if p.entity in died and p.role in roles]
        if not ceilings:
            continue
        ceiling = min(ceilings)
        earliest, latest = parse_day(event.earliest), parse_day(event.latest, upper=True)
        if (latest is None or latest > ceiling) and (earliest is None or earliest <= ceiling):
            event.latest = ceiling.isoformat()
            if event.basis == "inferred":
                event.basis = "narrative"
