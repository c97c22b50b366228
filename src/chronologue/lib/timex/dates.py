"""Dates on the calendar: full dates, months, seasons, years and ranges, decades, centuries, weekdays, times of
day and named days, with or without a year (then from the document date or the narrative)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from chronologue.lib.timex import calendar as cal
from chronologue.lib.timex.anchoring import References
from chronologue.lib.timex.calendar import Interval
from chronologue.lib.timex.common import (
    REL_SHIFT,
    Groups,
    Resolution,
    Scope,
    day_part_suffix,
    day_value,
    finish,
    part_spec,
    table,
    word,
    year_from,
    year_value,
)
from chronologue.lib.timex.resources import lookup_key
from chronologue.lib.timex.values import value_of_span

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
        named = [c for c in candidates if c[0] == y0 and c[1][0] <= ref[1] and c[1][1] >= ref[0]]
        if named and ref[1] - ref[0] > 62:  # that winter, after a year: the winter of that year
            return named[0]
        return min(candidates, key=lambda c: abs((c[1][0] + c[1][1]) // 2 - ref[0]))
    if how in ("news", "news_future"):
        return _news_instance(candidates, ref[0], how == "news_future")
    return _story_instance(candidates, ref)


BACKWARD_WEIGHT = 3.5  # a story moves forward: an instance before the reference counts this much farther


def _story_instance(candidates: list[tuple[int, Interval]], ref: Interval) -> tuple[int, Interval]:
    """The instance of a yearly period a story means: the one that overlaps the reference time, else the
    nearest, an earlier one counting as farther ("In December 1941 ... In January" is January 1942, "in
    June 1941 ... In early April" April 1941)."""

    def gap(c: tuple[int, Interval]) -> float:
        span = c[1]
        if span[1] < ref[0]:
            return (ref[0] - span[1]) * BACKWARD_WEIGHT
        return max(0, span[0] - ref[1])

    return min(candidates, key=gap)


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
        if deictic_rel:
            ref, anchor = refs.deictic(grain, scope.will, scope.quoted, anaphoric=rel_key == "this")
        else:
            ref, anchor = refs.calendar(grain, scope.will)
        if ref is None:
            return None
    else:  # "that June" points back to any time told; "in June" takes the story's present
        ref, anchor = refs.narrative(grain, present=not rel), "narrative"
        if ref is None:
            return None
    how = _rel_how(rel, anchor == "document")
    if how == "same_year":  # news: the nearest one to the document date, unless the tense says otherwise
        how = "news_future" if scope.future else "news"
    y, span = _instance(make, ref, how)
    return span, y, anchor


def norm_date(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    """A calendar date; a part of day beside a day (group ``dpart``: the morning of 1 September 1939) adds its
    TIMEX3 suffix (1939-09-01TMO)."""
    res = _norm_date(rule, g, scope)
    suffix = day_part_suffix(g.get("dpart"))
    if res is not None and suffix and res.value and re.fullmatch(r"(?:BC)?\d{4}-\d{2}-\d{2}", res.value):
        res.value += suffix
    return res


def _norm_date(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    refs = scope.refs
    part = part_spec(g)
    res = Resolution(type=rule.type, anchor="absolute", reference=True)
    if g.get("holiday") and not (g.get("day") and g.get("month")):  # a date beside the name wins
        return _holiday(res, g, scope)
    if g.get("qpart"):
        return _year_part(res, g, scope)
    if g.get("fy"):
        return _fiscal_year(res, int(g["fy"][-4:]))
    if g.get("hour") or g.get("clock") or g.get("daypart"):
        return _time_of_day(res, g, scope)
    year = year_from(g, refs)
    month = word("month", g.get("month")) or word("month_abbr", g.get("month"))
    if g.get("mon"):
        month = int(g["mon"])
    if year is None and g.get("day") and month and rule.name.endswith("_rel_year"):  # July 25 of that year
        year, anchor = _rel_year(g, refs, scope.will, scope.quoted)
        res.anchor = anchor or res.anchor
    if g.get("day") and g.get("day2") and month and year is None and g.get("sep"):  # April 24 and 25
        found = _yearly(lambda y: (cal.day(y, month, 1), cal.month_end(y, month)), g, scope, "D")
        if found is None:
            return finish(res, None, f"XXXX-{month:02d}-{int(re.sub(r'[^0-9]', '', g['day'])):02d}/"
                          f"XXXX-{month:02d}-{int(re.sub(r'[^0-9]', '', g['day2'])):02d}", part)
        year, res.anchor = found[1], found[2]
    if g.get("day") and g.get("day2") and month and year is not None:
        d1, d2 = (int(re.sub(r"\D", "", g[k])) for k in ("day", "day2"))
        month2 = word("month", g.get("month2")) or word("month_abbr", g.get("month2")) or month
        first, last = cal.day(year, month, d1), cal.day(year, month2, d2)
        if last <= first:
            return None
        return finish(res, (first, last), f"{value_of_span((first, first))}/{value_of_span((last, last))}", part)
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
                return finish(res, None, f"XXXX-{month:02d}-{dom:02d}", part)
            year, res.anchor = found[1], found[2]
            if res.anchor == "document" and refs.dct is not None and not g.get("rel"):
                days = [(y, (cal.day(y, month, min(dom, 28)),) * 2) for y in range(year - 1, year + 2)]
                year = _news_instance(days, refs.dct, scope.future)[0]
        n = cal.day(year, month, dom)
        if rule.spec.get("week"):
            iy, iw = cal.iso_week(n)
            return finish(res, cal.week_span(iy, iw), f"{year_value(iy)}-W{iw:02d}", part)
        return finish(res, (n, n), f"{year_value(year)}-{month:02d}-{dom:02d}", part)
    if month and g.get("month2") and year is None:  # from October to March: the months between, as one
        month2 = word("month", g["month2"])
        if not month2 or month2 == month:
            return None
        wrap = int(month2 < month)  # into the next year
        found = _yearly(lambda y: (cal.day(y, month, 1), cal.month_end(y + wrap, month2)), g, scope, "M")
        if found is None:
            return finish(res, None, f"XXXX-{month:02d}/XXXX-{month2:02d}", part)
        span, year, res.anchor = found
        return finish(res, span, f"{year_value(year)}-{month:02d}/{year_value(year + wrap)}-{month2:02d}", part)
    if month and g.get("month2") and year is not None:
        month2 = word("month", g["month2"]) or word("month_abbr", g["month2"])
        if not month2 or month2 < month:
            return None
        return finish(
            res,
            (cal.day(year, month, 1), cal.month_end(year, month2)),
            f"{year_value(year)}-{month:02d}/{year_value(year)}-{month2:02d}",
            part,
        )
    if rule.name in ("month_rel_year", "season_rel_year"):
        year, res.anchor = _rel_year(g, refs, scope.will, scope.quoted)
        season = word("season", g.get("season"))
        if year is None:
            return finish(res, None, f"XXXX-{season or f'{month:02d}'}", part)
        if season:
            return finish(res, cal.season_span(year, season), f"{year_value(year)}-{season}", part)
        return finish(res, cal.month_span(year, month), f"{year_value(year)}-{month:02d}", part)
    if month:
        if year is None:
            found = _yearly(lambda y: cal.month_span(y, month), g, scope, "M")
            if found is None:
                return finish(res, None, f"XXXX-{month:02d}", part)
            span, year, res.anchor = found
        return finish(res, cal.month_span(year, month), f"{year_value(year)}-{month:02d}", part)
    if g.get("season"):
        season = word("season", g["season"])
        if year is None:
            found = _yearly(lambda y: cal.season_span(y, season), g, scope, "S")
            if found is None:
                return finish(res, None, f"XXXX-{season}", part)
            _, year, res.anchor = found
            return finish(res, cal.season_span(year, season), f"{year_value(year)}-{season}", part)
        return finish(res, _winter_of(year, refs) if season == "WI" and not g.get("year2") else
                      cal.season_span(year, season), f"{year_value(year)}-{season}", part)
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
            return finish(res, (cal.day(year, 11, 1), cal.month_end(y2, 2)), f"{year}-11/{y2}-02", None)
        if g.get("bcfrom") and g.get("era2"):  # 240-238 BC: both ends before the era
            first = 1 - int(g["bcfrom"])
            if not first < year:
                return None
            return finish(res, cal.year_span(first, year), f"{year_value(first)}/{year_value(year)}", part)
        if g.get("year2") and not (g.get("era") or g.get("era2")):
            later = _full_year2(year, g["year2"])
            if later is None:
                return None
            return finish(res, cal.year_span(year, later), f"{year_value(year)}/{year_value(later)}", part)
        if not cal.valid_year(year):
            return None
        if g.get("prefix"):
            after = lookup_key(g["prefix"]) == "post"
            res.mod = "AFTER" if after else "BEFORE"
            span = cal.year_span(year)
            res.first, res.last = (span[1] + 1, None) if after else (None, span[0] - 1)
            res.open_end, res.reference, res.value = after, False, year_value(year)
            return res
        return finish(res, cal.year_span(year), year_value(year), part)
    if g.get("yy"):  # '41 with no century to take it from: a date, unresolved
        res.reference = False
        return res
    return None


def _year_part(res: Resolution, g: Groups, scope: Scope) -> Resolution | None:
    """A quarter or half of a year (the third quarter, third-quarter, the first half of last year): of the
    year given, else of the story's or the document's year; in news the latest one begun by the document
    date unless the clause speaks of the future."""
    code = word("year_part", g["qpart"])
    if code is None:
        return None
    refs = scope.refs
    year = year_from(g, refs) if g.get("year") else None
    if g.get("fy"):
        year = int(g["fy"][-4:])
    elif year is None and g.get("rel"):
        year, res.anchor = _rel_year(g, refs, scope.will, scope.quoted)
    elif year is None:
        ref, res.anchor = refs.calendar("Y", scope.will)
        if ref is None:
            res.value, res.reference = f"XXXX-{code}", False
            return res
        year = cal.ymd(ref[0])[0]
        if res.anchor == "document" and refs.dct is not None and not scope.future:
            if span_of_part(year, code)[0] > refs.dct:
                year -= 1
    if year is None:
        return None
    res.first, res.last = span_of_part(year, code)
    res.value = f"{year_value(year)}-{code}"
    return res


def span_of_part(year: int, code: str) -> Interval:
    """The days of a quarter (Q1..Q4) or half (H1, H2) of a year."""
    months = 3 if code[0] == "Q" else 6
    n = int(code[1])
    return cal.day(year, months * (n - 1) + 1, 1), cal.month_end(year, months * n)


FISCAL_REACH = (-6, 6)  # months a fiscal year named by a calendar year may begin before it and end after it


def _fiscal_year(res: Resolution, year: int) -> Resolution:
    """Fiscal 1989 -> FY1989; its bounds allow every common fiscal calendar (one that ends in September 1989,
    or begins in April 1989): July 1988 to June 1990."""
    res.value = f"FY{year}"
    res.first = cal.add_months(cal.day(year, 1, 1), FISCAL_REACH[0])
    res.last = cal.add_months(cal.day(year + 1, 1, 1), FISCAL_REACH[1]) - 1
    return res


def _winter_of(year: int, refs: References) -> Interval:
    """"The winter of 1944": the winter whose January lies in that year when the narrative has not yet passed
    it (after "the autumn of 1943"), else the winter that begins in December of that year (after "June 1941",
    "the winter of 1941" is the one of the battle of December 1941)."""
    earlier = cal.season_span(year - 1, "WI")
    ref = refs.stack[-1] if refs.stack else None
    return earlier if ref is not None and ref[1] <= earlier[1] else cal.season_span(year, "WI")


def _rel_year(g: Groups, refs: References, future: bool = False, quoted: bool = False) -> tuple[int | None, str | None]:
    """The year of "this/last/next year" (document date) or "that/the following year" (narrative)."""
    rel = lookup_key(g.get("rel") or "")
    if rel in ("this", "last", "next"):
        span, anchor = refs.deictic("Y", future, quoted, anaphoric=rel == "this")
    else:
        span, anchor = refs.narrative("Y"), "narrative"
    if span is None:
        return None, None
    return cal.ymd(span[0])[0] + REL_SHIFT.get(rel, 0), anchor


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
                return finish(res, None, None, part)
            d = cal.ymd(ref[0])[0] // 100 * 100 + d
            res.anchor = "narrative"
        if d % 100 == 0 and not part and len(g["decade"]) == 4:  # the 1800s: a century
            return finish(res, cal.year_span(d, d + 99), str(d // 100), part)
        return finish(res, cal.year_span(d, d + 9), str(d // 10), part)
    digit = word("decade_word", g["decade_word"])
    ref = scope.refs.narrative()
    if ref is None or digit is None:
        return finish(res, None, None, part)
    century = cal.ymd(ref[0])[0] // 100
    d = century * 100 + digit * 10
    if d > cal.ymd(ref[1])[0]:
        d -= 100
    res.anchor = "narrative"
    return finish(res, cal.year_span(d, d + 9), str(d // 10), part)


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
                return finish(res, None, None, None)
            boundary = round(cal.ymd(ref[0])[0] / 100) * 100
            res.anchor = "narrative"
        res.mod = "APPROX"
        return finish(res, cal.year_span(boundary - 3, boundary + 3), str(boundary), None)
    if not n:
        return finish(res, None, None, part)
    if lookup_key(g.get("era") or "").startswith("b"):
        return finish(res, cal.year_span(1 - n * 100, 100 - n * 100), f"BC{n - 1:02d}", part)
    start = (n - 1) * 100
    return finish(res, cal.year_span(start, start + 99), f"{n - 1:02d}", part)


def _weekday(res: Resolution, g: Groups, scope: Scope) -> Resolution:
    wd = word("weekday", g["weekday"]) or word("weekday_abbr", g["weekday"])
    if g.get("poss"):  # Wednesday's ruling: a day whose event the text presupposes, not one still to come
        scope = Scope(refs=scope.refs, future=False, will=False, quoted=scope.quoted)
    refs = scope.refs
    rel = lookup_key(g.get("rel") or "")
    calendar = refs.calendar("D", scope.future)[1] if refs.dct is not None else "document"
    story_day = refs.narrative("D")
    if story_day is None or story_day[1] - story_day[0] > 6:  # no day of the story a weekday could be near
        calendar = "document"
    if refs.dct is not None and rel != "that" and calendar == "document":
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
    return day_value(res, n)


def _time_of_day(res: Resolution, g: Groups, scope: Scope) -> Resolution:
    refs = scope.refs
    if g.get("weekday"):
        _weekday(res, g, scope)
        n = res.first
    else:
        anchor = refs.calendar("D", scope.will)
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
    return day_value(res, n, suffix)


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
        span, res.anchor = scope.refs.calendar("Y", scope.will)
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
    return day_value(res, on(year))


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
