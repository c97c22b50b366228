"""Relative expressions: offsets (two years later, a few days ago), this/last/next/that + unit, the day before,
weekends, deictic words (today, now), the narrative reference itself (at that time) and undated ones."""

from __future__ import annotations

from typing import Any

from chronologue.lib.timex import calendar as cal
from chronologue.lib.timex.calendar import Interval
from chronologue.lib.timex.common import (
    DAY_UNITS,
    REL_SHIFT,
    VAGUE_COUNT,
    Groups,
    Resolution,
    Scope,
    coarsen,
    day_value,
    number,
    unit_code,
    unit_value,
    word,
    year_value,
)
from chronologue.lib.timex.resources import lookup_key
from chronologue.lib.timex.values import value_of_span

# ------------------------------------------------------------------------------------------------ offsets


def norm_offset(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    unit = unit_code(g)
    if unit == "S":
        return None
    if unit is None or unit in ("H", "MIN"):
        return _hours_offset(rule, g, scope, unit)
    direction = lookup_key(g.get("dir") or "")
    sign = -1 if direction in ("ago", "earlier", "before", "before that", "previously") else 1
    count = number(g.get("num"))
    vague = count is None
    open_ended = vague and (g.get("num") is None or lookup_key(g["num"]) in ("many", "some")) and sign > 0
    res = Resolution(type="DATE", reference=not vague or not open_ended)
    if g.get("approx"):
        res.mod = {"LESS_THAN": "APPROX", "MORE_THAN": "BEFORE" if sign < 0 else "AFTER"}.get(
            word("approx", g["approx"]) or "", "APPROX"
        )
    if direction == "ago" or direction == "from now" or direction == "hence":
        ref, res.anchor = scope.refs.deictic(unit)
    elif unit == "D" and not vague:  # two days later: from the last date given to the day
        ref, res.anchor = scope.refs.day_count(unit), "narrative"
    else:
        ref, res.anchor = scope.refs.narrative(unit), "narrative"
    if ref is None:
        res.reference = False
        return res
    lo, hi = VAGUE_COUNT if vague else (count, count)
    if direction == "within":  # within days: from the reference on, at most a few units after it
        lo, open_ended, res.mod = 0, False, None
    if sign > 0:
        first, last = cal.shift(ref[0], lo, unit), cal.shift(ref[1], hi, unit)
    else:
        first, last = cal.shift(ref[0], -hi, unit), cal.shift(ref[1], -lo, unit)
    if open_ended:
        res.first, res.open_end = first, True
        res.reference = False
        return res
    span = (first, last) if vague else coarsen((first, last), unit)
    if direction == "ago" and not vague and ref[0] == ref[1]:
        one = cal.shift(ref[0], -count, unit)
        span = coarsen((one, one), unit)
        if unit == "W":
            iy, iw = cal.iso_week(one)
            res.first, res.last = cal.week_span(iy, iw)
            res.value = f"{year_value(iy)}-W{iw}"
            return res
        if unit == "DE":
            y = cal.ymd(one)[0]
            span = cal.year_span(y)
    res.first, res.last = span
    res.value = unit_value(span, unit)
    return res


def _hours_offset(rule: Any, g: Groups, scope: Scope, unit: str | None) -> Resolution:
    res = Resolution(type="TIME", anchor="narrative")
    ref = scope.refs.day_count("D")
    if ref is not None:
        res.first, res.last = ref[0], ref[1] + 1
        res.value = value_of_span((ref[0], ref[0])) if ref[0] == ref[1] else None
    return res


def norm_relative(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    """this/last/next/that + unit (last year, that day, the following week), the day before, later that year."""
    unit_word = lookup_key(g.get("unit") or "")
    unit = "D" if unit_word in DAY_UNITS else word("unit", unit_word)
    if unit is None:
        return None
    rel = lookup_key(g.get("rel") or "")
    res = Resolution(type="DATE", reference=True)
    if rule.name == "day_before":
        steps = -1 if lookup_key(g.get("dir") or "") == "before" else 1
        target = lookup_key(g.get("target") or "")
        if target:
            ref, res.anchor = scope.refs.deictic("D")
            steps += -1 if target == "yesterday" else 1
        else:
            ref, res.anchor = scope.refs.narrative(unit), "narrative"
    else:
        steps = REL_SHIFT.get(rel, 0)
        if rel in ("this", "last", "next", "this past", "this coming", "the current"):
            ref, res.anchor = scope.refs.deictic(unit)
        else:
            ref, res.anchor = scope.refs.narrative(unit), "narrative"
    if ref is None:
        res.reference = False
        return res
    if unit == "WE":
        return _weekend(res, ref, rel, scope.future)
    base = ref[0] if steps <= 0 else ref[1]
    n = cal.shift(base, steps, unit)
    suffix = DAY_UNITS.get(unit_word, "")
    if unit == "D":
        return day_value(res, n, suffix)
    (y, m, _) = cal.ymd(n)
    if unit in ("W", "WE"):
        iy, iw = cal.iso_week(n)
        res.first, res.last = cal.week_span(iy, iw)
        res.value = f"{year_value(iy)}-W{iw}" + ("-WE" if unit == "WE" else "")
        if unit == "WE":
            res.first = res.last - 1
        return res
    if unit == "M":
        res.first, res.last = cal.month_span(y, m)
        res.value = f"{year_value(y)}-{m:02d}"
        return res
    if unit == "Q":
        q = (m - 1) // 3 + 1
        res.first, res.last = cal.day(y, 3 * q - 2, 1), cal.month_end(y, 3 * q)
        res.value = f"{year_value(y)}-Q{q}"
        return res
    if unit == "DE":
        d = y // 10 * 10
        res.first, res.last = cal.year_span(d, d + 9)
        res.value = str(d // 10)
        return res
    if unit == "CE":
        c = y // 100 * 100
        res.first, res.last = cal.year_span(c, c + 99)
        res.value = f"{c // 100:02d}"
        return res
    res.first, res.last = cal.year_span(y)
    res.value = year_value(y)
    return res


def _weekend(res: Resolution, ref: Interval, rel: str, future: bool) -> Resolution:
    """The weekend (Saturday and Sunday) meant: the last one, or the coming one in future talk or after next/this."""
    base = ref[0]
    saturday = base - (cal.weekday(base) - 6) % 7  # the Saturday on or before
    if rel in ("next",) or (rel in ("this", "the") and future and cal.weekday(base) < 6):
        saturday += 7
    res.first, res.last = saturday, saturday + 1
    iy, iw = cal.iso_week(saturday)
    res.value = f"{year_value(iy)}-W{iw}-WE"
    return res


# ------------------------------------------------------------------------------------------------ deictic, narrative


def norm_deictic(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    spec = rule.spec
    refs = scope.refs
    res = Resolution(type=rule.type)
    fixed = spec.get("timex_value")
    if fixed:
        res.value = fixed
        if refs.dct is not None:
            res.anchor = "document"
            if fixed == "PRESENT_REF":
                res.first = res.last = refs.dct
            elif fixed == "PAST_REF":
                res.last = refs.dct
            elif fixed == "FUTURE_REF":
                res.first = refs.dct
        return res
    if refs.dct is None:
        if rule.name == "today":
            res.value = "PRESENT_REF"
            return res
        ref = refs.narrative("D")
        if ref is None or ref[0] != ref[1]:
            return res
        base, res.anchor = ref[0], "narrative"
    else:
        base, res.anchor = refs.dct, "document"
    res.reference = True
    return day_value(res, base + int(spec.get("shift", 0)))


def norm_narrative(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    """The reference time itself (at that time), or its first/last day (the very first day)."""
    res = Resolution(type="DATE", anchor="narrative")
    ref = scope.refs.narrative()
    if ref is None:
        return res
    if g.get("part_word"):
        n = ref[0] if lookup_key(g["part_word"]) == "first" else ref[1]
        res.reference = True
        return day_value(res, n)
    res.first, res.last = ref
    res.value = value_of_span(ref)
    return res


def norm_undated(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    """A date the text does not fix (one day, some morning): its type, no value, no bounds."""
    return Resolution(type=rule.type)


def norm_vague(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    return norm_offset(rule, g, scope)
