"""Conflicts in a person's merged timeline across documents, by the rules of ``data/timeline_conflicts.toml``:
an event that happens once dated twice apart, an act after the person's death, a move to two places at once or
the same move dated apart. Each is a finding naming both events; nothing is dropped."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations
from typing import cast

from chronologue.corpus.dates import day_of
from chronologue.rules import load


@dataclass(frozen=True)
class Dated:
    """One timeline event as the rules see it."""

    key: str  # how the finding names it (document:event)
    predicate: str
    earliest: str | None
    latest: str | None
    place: str | None
    document: str

    @cached_property
    def span(self) -> tuple[int, int] | None:
        first, last = day_of(self.earliest), day_of(self.latest)
        return None if first is None or last is None else (first, last)


@dataclass(frozen=True)
class Conflict:
    kind: str  # once | after_death | two_places | same_move_apart
    events: tuple[str, str]
    message: str


def _when(event: Dated) -> str:
    return cast(str, event.earliest) if event.earliest == event.latest else f"{event.earliest} – {event.latest}"


def _apart(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[1] < b[0] or b[1] < a[0]


def conflicts(events: list[Dated]) -> list[Conflict]:
    """The conflicts among a person's dated events (undated ones never conflict)."""
    rules = load("timeline_conflicts")
    once, exclusive = set(rules["once"]), set(rules["exclusive"])
    after_death, narrow = set(rules["after_death"]), rules["narrow_days"]
    found = []
    dated = [e for e in events if e.span is not None]
    by_predicate: dict[str, list[Dated]] = defaultdict(list)
    for event in dated:
        if event.predicate in once or event.predicate in exclusive:
            by_predicate[event.predicate].append(event)
    pairs = (pair for group in by_predicate.values() for pair in combinations(group, 2))
    for a, b in pairs:
        # only dated events are grouped, so both spans are known
        span_a, span_b = cast(tuple[int, int], a.span), cast(tuple[int, int], b.span)
        if a.predicate == b.predicate and a.predicate in once and _apart(span_a, span_b):
            found.append(Conflict("once", (a.key, b.key),
                                  f"{a.predicate} {_when(a)} ({a.document}) and {_when(b)} ({b.document})"))
        elif a.predicate == b.predicate and a.predicate in exclusive and a.place and b.place:
            both_narrow = max(s[1] - s[0] for s in (span_a, span_b)) <= narrow
            if a.place != b.place and both_narrow and not _apart(span_a, span_b):
                found.append(Conflict("two_places", (a.key, b.key), f"{a.predicate} to {a.place} ({a.document}) "
                                      f"and to {b.place} ({b.document}) at once, {_when(a)}"))
            elif a.place == b.place and a.document != b.document and _apart(span_a, span_b):
                found.append(Conflict("same_move_apart", (a.key, b.key),
                                      f"{a.predicate} to {a.place} {_when(a)} ({a.document}) "
                                      f"and {_when(b)} ({b.document})"))
    deaths = [e for e in dated if e.predicate == rules["death"]]
    for death in deaths:
        for event in dated:
            if event.predicate in after_death or event.predicate == rules["death"]:
                continue
            if cast(tuple[int, int], event.span)[0] > cast(tuple[int, int], death.span)[1]:  # both dated
                found.append(Conflict("after_death", (death.key, event.key),
                                      f"{event.predicate} {_when(event)} ({event.document}) after the death "
                                      f"{_when(death)} ({death.document})"))
    return found
