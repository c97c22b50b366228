"""Expressions tied to historical events (after the war, the first months of Operation Barbarossa), resolved
from the event anchor table; a generic name (the war) is the innermost event the narrative is in."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from chronologue.lib.timex import calendar as cal
from chronologue.lib.timex.anchoring import References
from chronologue.lib.timex.calendar import Interval
from chronologue.lib.timex.common import (
    Groups,
    Resolution,
    Scope,
    apply_part,
    coarsen,
    number,
    part_spec,
    unit_code,
    unit_value,
    word,
    year_value,
)
from chronologue.lib.timex.resources import EventAnchor, lookup_key
from chronologue.lib.timex.values import span_of, value_of_span

# ------------------------------------------------------------------------------------------------ events

FINE_REFERENCE = 31  # days: a narrative time this narrow is the time an event beginning within it began


def resolve_event(name: str, candidates: tuple[EventAnchor, ...], refs: References) -> EventAnchor | None:
    """The event a name denotes: a proper name is unique; a generic one ("the war") is the event the
    narrative time lies in (within a year), the innermost one when several do (a 1941 story's war on the
    Eastern Front is the German-Soviet war, not the whole Second World War). An event that begins within a
    narrative time of a month or less has begun ("the first day of the war" after "in June 1941" is 22 June).
    An event the text named since the last reference time ("after the invasion of the USSR") places a generic
    name in the innermost event around it."""
    key = lookup_key(name)
    proper = [a for a in candidates if key in (lookup_key(n) for n in a.names)]
    if proper:
        return proper[0]
    if refs.named is not None:  # "the invasion of the USSR ... the first day of the war": the war it was in
        around = [(span, a) for a in candidates if (span := event_span(a)) and span[0] <= refs.named[0] <= span[1]]
        if around:
            return max(around, key=lambda c: c[0][0])[1]
    ref = refs.narrative()
    if ref is None:
        return None
    near = [
        (span, a) for a in candidates if (span := event_span(a)) and span[0] - 366 <= ref[1] and ref[0] <= span[1] + 366
    ]
    fine = ref[1] - ref[0] < FINE_REFERENCE  # a month or less: an event beginning within it has begun
    begun = [(span, a) for span, a in near if span[0] <= (ref[1] if fine else ref[0])]
    if begun:  # the innermost frame: the event that began last before the narrative time
        return max(begun, key=lambda c: c[0][0])[1]
    return min(near, key=lambda c: c[0][0])[1] if near else None


@lru_cache(maxsize=1024)
def event_span(anchor: EventAnchor) -> Interval | None:
    a, b = span_of(anchor.start), span_of(anchor.end)
    return (a[0], b[1]) if a and b else None


def norm_event(rule: Any, g: Groups, scope: Scope, events: dict[str, tuple[EventAnchor, ...]]) -> Resolution | None:
    name = g.get("event") or rule.spec.get("event_name") or ""
    anchor = resolve_event(name, events.get(lookup_key(name), ()), scope.refs)
    res = Resolution(type="DATE", anchor="event", reference=True)
    if anchor is None:
        return None
    span = event_span(anchor)
    end_first = span_of(anchor.end_first)
    if span is None or end_first is None:
        return None
    if lookup_key(name) in (lookup_key(n) for n in anchor.names):
        res.named_event = span
    relation = word("event_relation", g.get("evrel")) or word("war_period", g.get("evrel"))
    if g.get("num") and g.get("unit"):
        unit = unit_code(g) or "Y"
        count = number(g["num"]) or 1
        base = end_first[0] if relation == "AFTER" else span[0]
        one = cal.shift(base, count if relation == "AFTER" else -count, unit)
        res.first, res.last = coarsen((one, one), unit)
        res.value = unit_value((res.first, res.last), unit)
        return res
    if relation == "AFTER":
        res.first, res.open_end, res.mod = end_first[0] + 1, True, "AFTER"
        res.value = value_of_span(cal.year_span(cal.ymd(end_first[0])[0]))
        res.reference = False
        return res
    if relation == "BEFORE":
        res.last, res.mod = span[0] - 1, "BEFORE"
        res.value = value_of_span(cal.year_span(cal.ymd(span[0])[0]))
        res.reference = False
        return res
    part = part_spec(g)
    res.first, res.last = apply_part(span, part, event=True)
    res.value = value_of_span((res.first, res.last))
    if part and part.get("mod"):
        res.mod = part["mod"]
        if "/" in res.value and res.mod in ("START", "END"):  # the end of the war: the year it ended
            res.value = year_value(cal.ymd(res.last if res.mod == "END" else res.first)[0])
    if not g.get("part") and not relation:
        res.anchor = "event"
    return res
