"""Turns a rule match (its named groups) into a TIMEX3 type/value/mod and inclusive day bounds.

One function per rule ``kind`` (date, offset, relative, duration, set, deictic, event, narrative, vague);
each reads the named groups the rule captured and the references (document date, narrative time) and
returns a ``Resolution``, or None when the match is no time expression after all (a year range that runs
backwards). Lookups go through the word tables of time_vocab.toml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import calendar as cal
from .anchoring import References
from .calendar import Interval
from .resources import EventAnchor, lookup_key, vocab
from .values import span_of, value_of_span

Groups = dict[str, str]
VAGUE_COUNT = (1, 10)  # "a few", "several": at least one, at most about ten units


@dataclass
class Resolution:
    """What a time expression means: TIMEX3 fields, day bounds, and how it was anchored."""

    type: str
    value: str | None = None
    mod: str | None = None
    first: int | None = None
    last: int | None = None
    anchor: str | None = None
    reference: bool = False  # may later relative expressions anchor to it?
    open_end: bool = False  # latest bound is the document horizon (after the war, years later)

    @property
    def span(self) -> Interval | None:
        if self.first is None or self.last is None:
            return None
        return self.first, self.last


@dataclass
class Scope:
    """What a normaliser may consult besides the groups."""

    refs: References
    future: bool = False  # the sentence speaks of the future (weekday and month names resolve forward)


def table(name: str) -> dict[str, Any]:
    return vocab().get(name, {})


def word(name: str, text: str | None) -> Any:
    return None if text is None else table(name).get(lookup_key(text))


def number(text: str | None) -> float | None:
    """A count: digits, ``5 1/2``, number words; None for vague counts (a few, several) or no count."""
    if not text:
        return None
    t = text.strip().replace(",", "")
    half = t.endswith(" 1/2")
    t = t.removesuffix(" 1/2")
    try:
        n = float(t)
    except ValueError:
        n = word("number", t)
        if n is None and " " in t:
            a, _, b = t.partition(" ")
            na, nb = word("number", a), word("number", b)
            n = na + nb if isinstance(na, int | float) and isinstance(nb, int | float) else None
        if not isinstance(n, int | float):
            return None
    return n + 0.5 if half else n


def _fmt_count(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def _year_from(g: Groups, refs: References) -> int | None:
    if g.get("yy"):
        ref = refs.narrative() or ((refs.dct, refs.dct) if refs.dct is not None else None)
        century = (cal.ymd(ref[0])[0] // 100) if ref else None
        return None if century is None else century * 100 + int(g["yy"])
    text = g.get("year") or g.get("year2") if not g.get("era") and not g.get("era2") else None
    if g.get("era") or g.get("era2"):
        y = int(g.get("year") or g.get("year2"))
        era = lookup_key(g.get("era") or g.get("era2") or "")
        return 1 - y if era.startswith("b") else y
    return int(text) if text else None


def _year_value(y: int) -> str:
    return f"{y:04d}" if y > 0 else f"BC{1 - y:04d}"


def _part(g: Groups) -> dict[str, Any] | None:
    text = g.get("part")
    if not text:
        return None
    return table("part").get(lookup_key(text).rstrip(" -"))


def apply_part(span: Interval, spec: dict[str, Any] | None, event: bool = False) -> Interval:
    """The part of a period or an event a part-of-period phrase keeps (DESIGN.md thirds and halves)."""
    if not spec:
        return span
    if "days" in spec:
        d0, d1 = spec["days"]
        base = span[1] if spec.get("side") == "end" else span[0]
        return base + d0, base + d1
    share = tuple(spec.get("share", (0.0, 1.0)))
    cap = cal.duration_days(spec.get("cap", "")) if event else None
    if cap and span[0] == span[1]:  # the first months of an act of one day (an invasion): from that day on
        return (span[0], span[0] + cap - 1) if share[0] == 0.0 else (span[0] - cap + 1, span[0])
    first, last = cal.part(span, share)
    if cap:
        if share[0] == 0.0:
            last = min(last, first + cap - 1)
        elif share[1] == 1.0:
            first = max(first, last - cap + 1)
        else:
            mid = (first + last) // 2
            first, last = max(first, mid - cap // 2), min(last, mid + cap // 2)
    return first, last


def _finish(res: Resolution, span: Interval | None, value: str | None, part: dict[str, Any] | None) -> Resolution:
    if span is not None:
        span = apply_part(span, part)
        res.first, res.last = span
    res.value = value
    if part and part.get("mod"):
        res.mod = part["mod"]
    return res


# ------------------------------------------------------------------------------------------------ dates


def _instance(make: Callable[[int], Interval], ref: Interval, how: str) -> tuple[int, Interval]:
    """The year whose instance of a yearly period (a month, a season) fits the reference: ``contain`` (else
    the next), ``next`` (strictly after), ``prev`` (strictly before), ``nearest``."""
    y0 = cal.ymd(ref[0])[0]
    candidates = [(y, make(y)) for y in range(y0 - 2, y0 + 3)]
    if how == "next":
        return next((y, s) for y, s in candidates if s[0] > ref[1])
    if how == "prev":
        return [(y, s) for y, s in candidates if s[1] < ref[0]][-1]
    if how == "nearest":
        return min(candidates, key=lambda c: abs((c[1][0] + c[1][1]) // 2 - ref[0]))
    if how in ("news", "news_future"):
        return _news_instance(candidates, ref[0], how == "news_future")
    return next((y, s) for y, s in candidates if s[1] >= ref[0])


def _rel_how(rel: str | None, deictic: bool) -> str:
    r = lookup_key(rel or "")
    if r in ("last", "the previous", "this past", "the preceding"):
        return "prev"
    if r in ("next", "the next", "the following", "this coming", "the coming"):
        return "next"
    if r in ("this", "that", "the same", "that same"):
        return "nearest"
    return "same_year" if deictic else "contain"


def _yearly(make: Callable[[int], Interval], g: Groups, scope: Scope, grain: str) -> tuple[Interval, int, str] | None:
    """Resolve a month or season without a year against the document date or the narrative."""
    rel = g.get("rel")
    rel_key = lookup_key(rel or "")
    deictic_rel = rel_key in ("last", "next", "this", "this past", "this coming")
    refs = scope.refs
    if refs.dct is not None and (deictic_rel or not rel):
        ref, anchor = (refs.dct, refs.dct), "document"
    else:
        ref, anchor = refs.narrative(grain), "narrative"
        if ref is None:
            return None
    how = _rel_how(rel, anchor == "document")
    if how == "same_year":  # news: the nearest one to the document date, unless the tense says otherwise
        how = "news_future" if scope.future else "news"
    y, span = _instance(make, ref, how)
    return span, y, anchor


def norm_date(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    refs = scope.refs
    part = _part(g)
    res = Resolution(type=rule.type, anchor="absolute", reference=True)
    if g.get("holiday"):
        return _holiday(res, g, scope)
    if g.get("hour") or g.get("clock") or g.get("daypart"):
        return _time_of_day(res, g, scope)
    year = _year_from(g, refs)
    month = word("month", g.get("month")) or word("month_abbr", g.get("month"))
    if g.get("mon"):
        month = int(g["mon"])
    if g.get("day") and g.get("day2") and month and year is not None:
        d1, d2 = (int(re.sub(r"\D", "", g[k])) for k in ("day", "day2"))
        if d2 <= d1:
            return None
        first, last = cal.day(year, month, d1), cal.day(year, month, d2)
        return _finish(res, (first, last), f"{value_of_span((first, first))}/{value_of_span((last, last))}", part)
    if g.get("day") and not month:  # on the 17th: the month of the narrative
        ref = refs.narrative("M")
        if ref is None or ref[1] - ref[0] > 31:
            res.reference = False
            return res
        (year, month, _), res.anchor = cal.ymd(ref[0]), "narrative"
    if g.get("day") and month:
        dom = int(re.sub(r"\D", "", g["day"]))
        if year is None:
            found = _yearly(lambda y: (cal.day(y, month, 1), cal.month_end(y, month)), g, scope, "D")
            if found is None:
                return _finish(res, None, f"XXXX-{month:02d}-{dom:02d}", part)
            year, res.anchor = found[1], found[2]
            if res.anchor == "document" and refs.dct is not None and not g.get("rel"):
                days = [(y, (cal.day(y, month, min(dom, 28)),) * 2) for y in range(year - 1, year + 2)]
                year = _news_instance(days, refs.dct, scope.future)[0]
        n = cal.day(year, month, dom)
        if rule.spec.get("week"):
            iy, iw = cal.iso_week(n)
            return _finish(res, cal.week_span(iy, iw), f"{_year_value(iy)}-W{iw}", part)
        return _finish(res, (n, n), f"{_year_value(year)}-{month:02d}-{dom:02d}", part)
    if month and g.get("month2") and year is not None:
        month2 = word("month", g["month2"]) or word("month_abbr", g["month2"])
        if not month2 or month2 < month:
            return None
        return _finish(res, (cal.day(year, month, 1), cal.month_end(year, month2)),
                       f"{_year_value(year)}-{month:02d}/{_year_value(year)}-{month2:02d}", part)
    if rule.name in ("month_rel_year", "season_rel_year"):
        year, res.anchor = _rel_year(g, refs)
        season = word("season", g.get("season"))
        if year is None:
            return _finish(res, None, f"XXXX-{season or f'{month:02d}'}", part)
        if season:
            return _finish(res, cal.season_span(year, season), f"{_year_value(year)}-{season}", part)
        return _finish(res, cal.month_span(year, month), f"{_year_value(year)}-{month:02d}", part)
    if month:
        if year is None:
            found = _yearly(lambda y: cal.month_span(y, month), g, scope, "M")
            if found is None:
                return _finish(res, None, f"XXXX-{month:02d}", part)
            span, year, res.anchor = found
        return _finish(res, cal.month_span(year, month), f"{_year_value(year)}-{month:02d}", part)
    if g.get("season"):
        season = word("season", g["season"])
        if year is None:
            found = _yearly(lambda y: cal.season_span(y, season), g, scope, "S")
            if found is None:
                return _finish(res, None, f"XXXX-{season}", part)
            _, year, res.anchor = found
        return _finish(res, cal.season_span(year, season), f"{_year_value(year)}-{season}", part)
    if g.get("decade") or g.get("decade_word"):
        return _decade(res, g, scope, part)
    if g.get("century") or g.get("century_word") or rule.name == "turn_of_century":
        return _century(res, g, scope, part, turn=rule.name == "turn_of_century")
    if g.get("weekday"):
        return _weekday(res, g, scope)
    if year is not None:
        if rule.name == "turn_of_years" and g.get("year2"):
            y2 = _full_year2(year, g["year2"]) or 0
            if y2 != year + 1:
                return None
            return _finish(res, (cal.day(year, 11, 1), cal.month_end(y2, 2)), f"{year}-11/{y2}-02", None)
        if g.get("year2") and not (g.get("era") or g.get("era2")):
            y2 = _full_year2(year, g["year2"])
            if y2 is None:
                return None
            return _finish(res, cal.year_span(year, y2), f"{_year_value(year)}/{_year_value(y2)}", part)
        if not cal.valid_year(year):
            return None
        if g.get("prefix"):
            after = lookup_key(g["prefix"]) == "post"
            res.mod = "AFTER" if after else "BEFORE"
            span = cal.year_span(year)
            res.first, res.last = (span[1] + 1, None) if after else (None, span[0] - 1)
            res.open_end, res.reference, res.value = after, False, _year_value(year)
            return res
        return _finish(res, cal.year_span(year), _year_value(year), part)
    if g.get("yy"):  # '41 with no century to take it from: a date, unresolved
        res.reference = False
        return res
    return None


def _rel_year(g: Groups, refs: References) -> tuple[int | None, str | None]:
    """The year of "this/last/next year" (document date) or "that/the following year" (narrative)."""
    rel = lookup_key(g.get("rel") or "")
    span, anchor = refs.deictic("Y") if rel in ("this", "last", "next") else (refs.narrative("Y"), "narrative")
    if span is None:
        return None, None
    return cal.ymd(span[0])[0] + _REL_SHIFT.get(rel, 0), anchor


def _full_year2(year: int, text: str) -> int | None:
    y2 = int(text)
    if len(text) == 2:
        y2 = year // 100 * 100 + y2
        if y2 <= year:
            y2 += 100
    return y2 if year < y2 <= year + 100 else None


NEWS_TOLERANCE = 62  # days a news date without a year may lie against the tense (next month's vote, said Friday)


def _news_instance(candidates: list[tuple[int, Interval]], dct: int, future: bool) -> tuple[int, Interval]:
    """The instance of a yearly date nearest the document date; if it lies in the future (past) by more than
    NEWS_TOLERANCE days while the clause does not speak of the future (does), the one on the other side."""
    nearest = min(candidates, key=lambda c: min(abs(c[1][0] - dct), abs(c[1][1] - dct)))
    if not future and nearest[1][0] > dct + NEWS_TOLERANCE:
        return [c for c in candidates if c[1][0] <= dct][-1]
    if future and nearest[1][1] < dct - NEWS_TOLERANCE:
        return next(c for c in candidates if c[1][1] >= dct)
    return nearest


def _decade(res: Resolution, g: Groups, scope: Scope, part: dict[str, Any] | None) -> Resolution | None:
    if g.get("decade"):
        d = int(g["decade"])
        if d < 100:  # the '20s: the century comes from the reference
            ref = scope.refs.narrative()
            if ref is None:
                return _finish(res, None, None, part)
            d = cal.ymd(ref[0])[0] // 100 * 100 + d
            res.anchor = "narrative"
        if d % 100 == 0 and not part and len(g["decade"]) == 4:  # the 1800s: a century
            return _finish(res, cal.year_span(d, d + 99), str(d // 100), part)
        return _finish(res, cal.year_span(d, d + 9), str(d // 10), part)
    digit = word("decade_word", g["decade_word"])
    ref = scope.refs.narrative()
    if ref is None or digit is None:
        return _finish(res, None, None, part)
    century = cal.ymd(ref[0])[0] // 100
    d = century * 100 + digit * 10
    if d > cal.ymd(ref[1])[0]:
        d -= 100
    res.anchor = "narrative"
    return _finish(res, cal.year_span(d, d + 9), str(d // 10), part)


def _century(res: Resolution, g: Groups, scope: Scope, part: dict[str, Any] | None, turn: bool) -> Resolution:
    n = int(g["century"]) if g.get("century") else word("ordinal", g.get("century_word"))
    if turn:
        if n:
            boundary = (n - 1) * 100
            if "centuries" in (g.get("_text") or ""):
                boundary = n * 100
        else:
            ref = scope.refs.narrative("CE")
            if ref is None:
                return _finish(res, None, None, None)
            boundary = round(cal.ymd(ref[0])[0] / 100) * 100
            res.anchor = "narrative"
        res.mod = "APPROX"
        return _finish(res, cal.year_span(boundary - 3, boundary + 3), str(boundary), None)
    if not n:
        return _finish(res, None, None, part)
    if lookup_key(g.get("era") or "").startswith("b"):
        return _finish(res, cal.year_span(1 - n * 100, 100 - n * 100), f"BC{n - 1:02d}", part)
    start = (n - 1) * 100
    return _finish(res, cal.year_span(start, start + 99), f"{n - 1:02d}", part)


def _weekday(res: Resolution, g: Groups, scope: Scope) -> Resolution:
    wd = word("weekday", g["weekday"]) or word("weekday_abbr", g["weekday"])
    refs = scope.refs
    rel = lookup_key(g.get("rel") or "")
    if refs.dct is not None and rel != "that":
        base, res.anchor = refs.dct, "document"
    else:
        ref = refs.narrative("D")
        if ref is None or ref[1] - ref[0] > 6:
            res.value, res.reference = f"XXXX-WXX-{wd}", False
            return res
        base, res.anchor = ref[0], "narrative"
    cur = cal.weekday(base)
    back = (cur - wd) % 7
    fwd = (wd - cur) % 7
    if rel in ("last", "this past"):
        n = base - (back or 7)
    elif rel in ("next", "this coming"):
        n = base + (fwd or 7)
    elif rel == "this":
        n = base + fwd if fwd <= 3 else base - back
    elif scope.future:
        n = base + fwd
    else:
        n = base - back
    return _day_value(res, n)


def _day_value(res: Resolution, n: int, suffix: str = "") -> Resolution:
    res.first = res.last = n
    res.value = value_of_span((n, n)) + suffix
    return res


def _time_of_day(res: Resolution, g: Groups, scope: Scope) -> Resolution:
    refs = scope.refs
    if g.get("weekday"):
        _weekday(res, g, scope)
        n = res.first
    else:
        anchor = refs.deictic("D")
        span = anchor[0]
        if span is None or span[1] != span[0]:
            res.value, res.reference = None, False
            return res
        n, res.anchor = span[0], anchor[1]
    if n is None:
        return res
    clock = lookup_key(g.get("clock") or "")
    if g.get("hour"):
        hour = int(g["hour"])
        ampm = lookup_key(g.get("ampm") or "")
        if g.get("ampm_word") and lookup_key(g["ampm_word"]) != "morning":
            ampm = "pm"
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        suffix = f"T{hour:02d}:{int(g.get('minute') or 0):02d}"
    elif clock:
        suffix = "T24:00" if clock == "midnight" else "T12:00"
    else:
        suffix = ""  # TimeML news annotation mostly gives "Friday night" the day's value
    if g.get("approx"):
        res.mod = "APPROX"
    return _day_value(res, n, suffix)


def _holiday(res: Resolution, g: Groups, scope: Scope) -> Resolution:
    spec = table("holiday").get(lookup_key(g["holiday"]))
    if spec is None:
        return res
    year = int(g["year"]) if g.get("year") else None

    def on(y: int) -> int:
        if "date" in spec:
            m, d = (int(x) for x in spec["date"].split("-"))
            return cal.day(y, m, d)
        if "easter" in spec:
            return _easter(y) + int(spec["easter"])
        m, d = (int(x) for x in spec["on_or_after"].split("-"))
        start = cal.day(y, m, d)
        return start + (int(spec["weekday"]) - cal.weekday(start)) % 7

    if year is None:
        span, res.anchor = scope.refs.deictic("Y")
        if span is None:
            res.reference = False
            return res
        year = cal.ymd(span[0])[0]
        rel = lookup_key(g.get("rel") or "")
        if rel == "last" and on(year) >= span[0]:
            year -= 1
        elif rel == "next" and on(year) <= span[1]:
            year += 1
        elif not rel and res.anchor == "document" and on(year) > span[0] + 183:
            year -= 1
    return _day_value(res, on(year))


def _easter(y: int) -> int:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    gg = (b - f + 1) // 3
    h = (19 * a + b - d - gg + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    dom = (h + l_ - 7 * m + 114) % 31 + 1
    return cal.day(y, month, dom)


# ------------------------------------------------------------------------------------------------ offsets


def _unit(g: Groups, key: str = "unit") -> str | None:
    return word("unit", g.get(key)) or word("unit_adj", g.get(key))


def _coarsen(span: Interval, unit: str) -> Interval:
    """Widen a shifted span to whole units of the offset (two years later -> whole years)."""
    (y1, m1, _), (y2, m2, _) = cal.ymd(span[0]), cal.ymd(span[1])
    if unit in ("Y", "DE", "CE"):
        return cal.year_span(y1, y2)
    if unit in ("M", "Q"):
        return cal.day(y1, m1, 1), cal.month_end(y2, m2)
    return span


def _unit_value(span: Interval, unit: str) -> str:
    if unit in ("W", "FN") and span[1] - span[0] == 6:
        iy, iw = cal.iso_week(span[0])
        return f"{_year_value(iy)}-W{iw}"
    return value_of_span(span)


def norm_offset(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    unit = _unit(g)
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
            word("approx", g["approx"]) or "", "APPROX")
    if direction == "ago" or direction == "from now" or direction == "hence":
        ref, res.anchor = scope.refs.deictic(unit)
    else:
        ref, res.anchor = scope.refs.narrative(unit), "narrative"
    if ref is None:
        res.reference = False
        return res
    lo, hi = (VAGUE_COUNT if vague else (count, count))
    if sign > 0:
        first, last = cal.shift(ref[0], lo, unit), cal.shift(ref[1], hi, unit)
    else:
        first, last = cal.shift(ref[0], -hi, unit), cal.shift(ref[1], -lo, unit)
    if open_ended:
        res.first, res.open_end = first, True
        res.reference = False
        return res
    span = (first, last) if vague else _coarsen((first, last), unit)
    if direction == "ago" and not vague and ref[0] == ref[1]:
        one = cal.shift(ref[0], -count, unit)
        span = _coarsen((one, one), unit)
        if unit == "W":
            iy, iw = cal.iso_week(one)
            res.first, res.last = cal.week_span(iy, iw)
            res.value = f"{_year_value(iy)}-W{iw}"
            return res
        if unit == "DE":
            y = cal.ymd(one)[0]
            span = cal.year_span(y)
    res.first, res.last = span
    res.value = _unit_value(span, unit)
    return res


def _hours_offset(rule: Any, g: Groups, scope: Scope, unit: str | None) -> Resolution:
    res = Resolution(type="TIME", anchor="narrative")
    ref = scope.refs.narrative("D")
    if ref is not None:
        res.first, res.last = ref[0], min(ref[1] + 1, ref[1] + 1)
        res.value = value_of_span((ref[0], ref[0])) if ref[0] == ref[1] else None
    return res


_REL_SHIFT = {"this": 0, "that": 0, "the same": 0, "that same": 0, "the current": 0, "last": -1, "the previous": -1,
              "the preceding": -1, "this past": -1, "next": 1, "the next": 1, "the following": 1, "the coming": 1,
              "this coming": 1}
_DAY_UNITS = {"day": "", "night": "", "morning": "", "evening": "", "afternoon": ""}


def norm_relative(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    """this/last/next/that + unit (last year, that day, the following week), the day before, later that year."""
    unit_word = lookup_key(g.get("unit") or "")
    unit = "D" if unit_word in _DAY_UNITS else word("unit", unit_word)
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
        steps = _REL_SHIFT.get(rel, 0)
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
    suffix = _DAY_UNITS.get(unit_word, "")
    if unit == "D":
        return _day_value(res, n, suffix)
    (y, m, _) = cal.ymd(n)
    if unit in ("W", "WE"):
        iy, iw = cal.iso_week(n)
        res.first, res.last = cal.week_span(iy, iw)
        res.value = f"{_year_value(iy)}-W{iw}" + ("-WE" if unit == "WE" else "")
        if unit == "WE":
            res.first = res.last - 1
        return res
    if unit == "M":
        res.first, res.last = cal.month_span(y, m)
        res.value = f"{_year_value(y)}-{m:02d}"
        return res
    if unit == "Q":
        q = (m - 1) // 3 + 1
        res.first, res.last = cal.day(y, 3 * q - 2, 1), cal.month_end(y, 3 * q)
        res.value = f"{_year_value(y)}-Q{q}"
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
    res.value = _year_value(y)
    return res


def _weekend(res: Resolution, ref: Interval, rel: str, future: bool) -> Resolution:
    """The weekend (Saturday and Sunday) meant: the last one, or the coming one in future talk or after next/this."""
    base = ref[0]
    saturday = base - (cal.weekday(base) - 6) % 7  # the Saturday on or before
    if rel in ("next",) or (rel in ("this", "the") and future and cal.weekday(base) < 6):
        saturday += 7
    res.first, res.last = saturday, saturday + 1
    iy, iw = cal.iso_week(saturday)
    res.value = f"{_year_value(iy)}-W{iw}-WE"
    return res


# ------------------------------------------------------------------------------------------------ durations and sets

_DURATION_UNIT = {"D": ("D", 1), "W": ("W", 1), "M": ("M", 1), "Y": ("Y", 1), "DE": ("Y", 10), "CE": ("Y", 100),
                  "Q": ("M", 3), "FN": ("W", 2), "WE": ("D", 2), "H": ("TH", 1), "MIN": ("TM", 1), "S": ("TS", 1)}


def duration_value(count: float | None, unit: str) -> str:
    """TIMEX3 duration: P3W, PXM, P20Y (two decades), PT5H30M, PXDE (decades)."""
    letter, factor = _DURATION_UNIT.get(unit, ("D", 1))
    time = letter.startswith("T")
    letter = letter[-1]
    if count is None:
        return ("PT" if time else "P") + "X" + ({"DE": "DE", "CE": "CE"}.get(unit, letter))
    total = count * factor
    if not float(total).is_integer():
        if letter == "H":
            return f"PT{int(total)}H{round((total % 1) * 60)}M"
        if letter == "Y":
            return f"P{round(total * 12)}M"
        if letter == "D":
            return f"PT{round(total * 24)}H"
    return ("PT" if time else "P") + _fmt_count(total) + letter


def norm_duration(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    unit = _unit(g)
    if unit is None:
        text = lookup_key(g.get("unit") or "").removesuffix(" long")
        unit = word("unit", text)
        if unit is None:
            return None
    count = number(g.get("num")) if g.get("num") else None
    if g.get("num") is None and rule.name == "past_single":
        count = 1
    res = Resolution(type="DURATION", anchor=None)
    if g.get("num2") and g.get("unit2") and count is not None:
        unit2 = _unit(g, "unit2")
        count2 = number(g["num2"])
        if unit2 == "M" and unit == "Y" and count2 is not None:
            res.value = f"P{int(count * 12 + count2)}M"
            return res
    if "and a half" in lookup_key(g.get("_text") or "") and count is not None:
        count += 0.5
    res.value = duration_value(count, unit)
    approx = word("approx", g.get("approx"))
    if approx:
        res.mod = approx
    return res


_SET_UNIT = {"D": "P1D", "W": "P1W", "M": "P1M", "Y": "P1Y", "DE": "P10Y", "CE": "P100Y", "Q": "P3M", "FN": "P2W",
             "WE": "P1W", "H": "PT1H", "MIN": "PT1M", "S": "PT1S"}


def norm_set(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    res = Resolution(type="SET")
    if g.get("freq"):
        res.value = word("frequency", g["freq"])
    elif g.get("season"):
        res.value = f"XXXX-{word('season', g['season'])}"
    elif g.get("weekday"):
        res.value = f"XXXX-WXX-{word('weekday', g['weekday']) or word('weekday_abbr', g['weekday'])}"
    elif g.get("month"):
        res.value = f"XXXX-{word('month', g['month']):02d}"
    else:
        unit = _unit(g)
        if unit is None:
            return None
        count = number(g.get("num")) if g.get("num") else None
        res.value = duration_value(count, unit) if count and count != 1 else _SET_UNIT[unit]
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
    return _day_value(res, base + int(spec.get("shift", 0)))


def norm_narrative(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    """The reference time itself (at that time), or its first/last day (the very first day)."""
    res = Resolution(type="DATE", anchor="narrative")
    ref = scope.refs.narrative()
    if ref is None:
        return res
    if g.get("part_word"):
        n = ref[0] if lookup_key(g["part_word"]) == "first" else ref[1]
        res.reference = True
        return _day_value(res, n)
    res.first, res.last = ref
    res.value = value_of_span(ref)
    return res


def norm_undated(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    """A date the text does not fix (one day, some morning): its type, no value, no bounds."""
    return Resolution(type=rule.type)


def norm_vague(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    return norm_offset(rule, g, scope)


# ------------------------------------------------------------------------------------------------ events


def resolve_event(name: str, candidates: tuple[EventAnchor, ...], refs: References) -> EventAnchor | None:
    """The event a name denotes: a proper name is unique; a generic one ("the war") is the event the
    narrative time lies in (within a year), the innermost one when several do (a 1941 story's war on the
    Eastern Front is the German-Soviet war, not the whole Second World War)."""
    key = lookup_key(name)
    proper = [a for a in candidates if key in (lookup_key(n) for n in a.names)]
    if proper:
        return proper[0]
    ref = refs.narrative()
    if ref is None:
        return None
    near = [(span, a) for a in candidates if (span := event_span(a)) and span[0] - 366 <= ref[1]
            and ref[0] <= span[1] + 366]
    begun = [(span, a) for span, a in near if span[0] <= ref[0]]
    if begun:  # the innermost frame: the event that began last before the narrative time
        return max(begun, key=lambda c: c[0][0])[1]
    return min(near, key=lambda c: c[0][0])[1] if near else None


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
    relation = word("event_relation", g.get("evrel")) or word("war_period", g.get("evrel"))
    if g.get("num") and g.get("unit"):
        unit = _unit(g) or "Y"
        count = number(g["num"]) or 1
        base = end_first[0] if relation == "AFTER" else span[0]
        one = cal.shift(base, count if relation == "AFTER" else -count, unit)
        res.first, res.last = _coarsen((one, one), unit)
        res.value = _unit_value((res.first, res.last), unit)
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
    part = _part(g)
    res.first, res.last = apply_part(span, part, event=True)
    res.value = value_of_span((res.first, res.last))
    if part and part.get("mod"):
        res.mod = part["mod"]
        if "/" in res.value and res.mod in ("START", "END"):  # the end of the war: the year it ended
            res.value = _year_value(cal.ymd(res.last if res.mod == "END" else res.first)[0])
    if not g.get("part") and not relation:
        res.anchor = "event"
    return res


HANDLERS: dict[str, Callable[[Any, Groups, Scope], Resolution | None]] = {
    "date": norm_date,
    "offset": norm_offset,
    "relative": norm_relative,
    "duration": norm_duration,
    "set": norm_set,
    "deictic": norm_deictic,
    "narrative": norm_narrative,
    "vague": norm_vague,
    "undated": norm_undated,
}
