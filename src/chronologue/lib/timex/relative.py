"""Relative expressions: offsets (two years later, a few days ago), this/last/next/that + unit, the day before,
weekends, deictic words (today, now), the narrative reference itself (at that time) and undated ones."""

from __future__ import annotations

from typing import Any

from chronologue.lib.timex import calendar as cal
from chronologue.lib.timex.anchoring import DAY_PRECISE
from chronologue.lib.timex.calendar import Interval
from chronologue.lib.timex.common import (
    DAY_UNITS,
    REL_SHIFT,
    VAGUE_COUNT,
    Groups,
    Resolution,
    Scope,
    coarsen,
    day_part_suffix,
    day_value,
    finish,
    number,
    part_spec,
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
    direction = lookup_key(g.get("dir") or rule.spec.get("direction", ""))
    sign = -1 if direction in ("ago", "earlier", "before", "before that", "previously") else 1
    count = number(g.get("num")) if g.get("num") else rule.spec.get("count")
    vague = count is None
    open_ended = vague and (g.get("num") is None or lookup_key(g["num"]) in ("many", "some")) and sign > 0
    res = Resolution(type="DATE", reference=not vague or not open_ended)
    if g.get("approx"):
        res.mod = {"LESS_THAN": "APPROX", "MORE_THAN": "BEFORE" if sign < 0 else "AFTER"}.get(
            word("approx", g["approx"]) or "", "APPROX"
        )
    if direction == "ago" or direction == "from now" or direction == "hence":
        ref, res.anchor = scope.refs.deictic(unit, scope.will, scope.quoted)
    elif unit == "D" and not vague:  # two days later: from the last date given to the day
        ref, res.anchor = scope.refs.day_count(unit), "narrative"
    else:
        ref, res.anchor = scope.refs.narrative(unit), "narrative"
    if ref is None:
        res.reference = False
        return res
    if count is not None and unit in ("Y", "Q") and count == int(count):
        quarter = _quarter_of(scope.refs)
        if quarter is not None:  # a year ago, the year-earlier period after "the third quarter": a quarter
            return _shift_quarter(res, quarter, sign * int(count) * (4 if unit == "Y" else 1))
    lo, hi = VAGUE_COUNT if count is None else (count, count)
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
    if unit == "D" and not vague and ref[1] - ref[0] + 1 > DAY_PRECISE:  # four days later, after "in October"
        return unknown_day(res, (first, last))
    span = (first, last) if vague else coarsen((first, last), unit)
    if unit in ("DE", "CE") and not vague and direction != "ago" and cal.ymd(first)[0] > 0:
        return _in_whole_unit(res, cal.ymd(first)[0], unit)
    if direction == "ago" and count is not None and ref[0] == ref[1]:
        one = cal.shift(ref[0], -count, unit)
        span = coarsen((one, one), unit)
        if unit == "W":
            iy, iw = cal.iso_week(one)
            res.first, res.last = cal.week_span(iy, iw)
            res.value = f"{year_value(iy)}-W{iw:02d}"
            return res
        if unit == "DE":
            y = cal.ymd(one)[0]
            span = cal.year_span(y)
    res.first, res.last = span
    res.value = unit_value(span, unit)
    return res


def _in_whole_unit(res: Resolution, year: int, unit: str) -> Resolution:
    """A count of decades or centuries from the story's time names a decade or a century, as TIMEX3 writes
    it ("almost two decades earlier" than 1965: the 1940s, 194); so wide a time is background, and a month
    after it still takes the story's year."""
    width, digits = (10, 3) if unit == "DE" else (100, 2)  # 194 is the 1940s, 18 the 1800s
    start = year // width * width
    res.first, res.last = cal.year_span(start, start + width - 1)
    res.value = f"{start // width:0{digits}d}"
    return res


def unknown_day(res: Resolution, span: Interval) -> Resolution:
    """A day the text fixes only within a coarser reference: its bounds, and the value of a day unknown within
    the month or year they share (1998-10-XX, 1915-XX-XX)."""
    res.first, res.last = span
    (y1, m1, _), (y2, m2, _) = cal.ymd(span[0]), cal.ymd(span[1])
    if y1 == y2 and m1 == m2:
        res.value = f"{year_value(y1)}-{m1:02d}-XX"
    elif y1 == y2:
        res.value = f"{year_value(y1)}-XX-XX"
    else:
        res.value = value_of_span(span)
    return res


def _quarter_of(refs: Any) -> tuple[int, int] | None:
    """The (year, quarter) of the story's last reference when it is a quarter of a year, else None."""
    if not refs.stack:
        return None
    first, last = refs.stack[-1]
    y, m, d = cal.ymd(first)
    if d != 1 or (m - 1) % 3 or last != cal.month_end(y, m + 2):
        return None
    return y, (m - 1) // 3 + 1


def _shift_quarter(res: Resolution, quarter: tuple[int, int], quarters: int) -> Resolution:
    y, q = quarter
    total = y * 4 + (q - 1) + quarters
    y, q = total // 4, total % 4 + 1
    res.first, res.last = cal.day(y, 3 * q - 2, 1), cal.month_end(y, 3 * q)
    res.value, res.anchor = f"{year_value(y)}-Q{q}", "narrative"
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
            ref, res.anchor = scope.refs.document("D")
            steps += -1 if target == "yesterday" else 1
        else:
            ref, res.anchor = scope.refs.narrative(unit), "narrative"
    else:
        steps = REL_SHIFT.get(rel, 0)
        if rel in ("this", "last", "next", "this past", "this coming", "the current"):
            ref, res.anchor = scope.refs.deictic(unit, scope.will, scope.quoted, anaphoric=rel == "this")
        else:
            ref, res.anchor = scope.refs.narrative(unit), "narrative"
    if ref is None:
        res.reference = False
        return res
    if unit == "WE":
        return _weekend(res, ref, rel, scope.future)
    base = ref[0] if steps <= 0 else ref[1]
    n = cal.shift(base, steps, unit)
    # that afternoon, the next morning: the part of day as a narrative's annotation has it (1965-01-31TAF); news
    # annotation (TimeML) mostly gives the day
    told_far = scope.refs.dct is None or scope.refs.history("D") is not None
    suffix = day_part_suffix(unit_word) if told_far else ""
    if unit == "D":
        if ref[1] - ref[0] + 1 > DAY_PRECISE:  # that same day, the next day, after "in October 1998"
            return unknown_day(res, (ref[0] + steps, ref[1] + steps))
        return day_value(res, n, suffix)
    (y, m, _) = cal.ymd(n)
    if unit in ("W", "WE"):
        iy, iw = cal.iso_week(n)
        res.first, res.last = cal.week_span(iy, iw)
        res.value = f"{year_value(iy)}-W{iw:02d}" + ("-WE" if unit == "WE" else "")
        if unit == "WE":
            res.first = res.last - 1
        return res
    part = part_spec(g)  # the end of the year, the first half of that month
    if unit == "M":
        return finish(res, cal.month_span(y, m), f"{year_value(y)}-{m:02d}", part)
    if unit == "Q":
        q = (m - 1) // 3 + 1
        res.first, res.last = cal.day(y, 3 * q - 2, 1), cal.month_end(y, 3 * q)
        res.value = f"{year_value(y)}-Q{q}"
        return res
    if unit == "DE":
        d = y // 10 * 10
        return finish(res, cal.year_span(d, d + 9), str(d // 10), part)
    if unit == "CE":
        c = y // 100 * 100
        return finish(res, cal.year_span(c, c + 99), f"{c // 100:02d}", part)
    return finish(res, cal.year_span(y), year_value(y), part)


def _weekend(res: Resolution, ref: Interval, rel: str, future: bool) -> Resolution:
    """The weekend (Saturday and Sunday) meant: the last one, or the coming one in future talk or after next/this."""
    base = ref[0]
    saturday = base - (cal.weekday(base) - 6) % 7  # the Saturday on or before
    if rel in ("next",) or (rel in ("this", "the") and future and cal.weekday(base) < 6):
        saturday += 7
    res.first, res.last = saturday, saturday + 1
    iy, iw = cal.iso_week(saturday)
    res.value = f"{year_value(iy)}-W{iw:02d}-WE"
    return res


# ------------------------------------------------------------------------------------------------ deictic, narrative


def norm_deictic(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    spec = rule.spec
    refs = scope.refs
    res = Resolution(type=rule.type)
    fixed = spec.get("timex_value") or word("ref_word", g.get("refword"))
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
    suffix = day_part_suffix(g.get("daypart")) or (f"T{spec['daypart']}" if spec.get("daypart") else "")
    return day_value(res, base + int(spec.get("shift", 0)), suffix)


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
    """A date the text does not fix (one day, some morning, this period): its type, no value, no bounds; a part
    of day alone (at night) has the value of a day unknown with its suffix (XXXX-XX-XXTNI)."""
    part = g.get("dpart") or g.get("dpart2") or g.get("dpart3")
    suffix = day_part_suffix(part.replace("-", " ")) if part else ""
    return Resolution(type=rule.type, value=f"XXXX-XX-XX{suffix}" if suffix else None)


def norm_vague(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    return norm_offset(rule, g, scope)
