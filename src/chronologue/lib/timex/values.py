"""TIMEX3 values: their day bounds, their EDTF form, and the value that names a span of days.

``bounds_of("1944-FA")`` -> ("1944-09-01", "1944-11-30"); ``to_edtf("1944-FA")`` -> "1944-23";
``value_of_span(...)`` names a day span at the coarsest TIMEX3 granularity that still describes it.
Nothing here raises on odd input: an unknown value has no bounds and no EDTF form.
"""

from __future__ import annotations

import re
from calendar import monthrange
from functools import lru_cache

from chronologue.lib.timex import calendar as cal
from chronologue.lib.timex.calendar import Interval

_YEAR = r"(?P<y>BC\d{1,4}|-?\d{4})"
_PATTERNS = [
    (re.compile(_YEAR + r"-(?P<m>\d{2})-(?P<d>\d{2})(?:T.*)?$"), "day"),
    (re.compile(_YEAR + r"-(?P<m>\d{2})(?:-XX)?$"), "month"),
    (re.compile(_YEAR + r"-W(?P<w>\d{1,2})(?:-WE|-\d|-XX)?$"), "week"),
    (re.compile(_YEAR + r"-(?P<s>SP|SU|FA|WI)$"), "season"),
    (re.compile(_YEAR + r"-Q(?P<q>[1-4])$"), "quarter"),
    (re.compile(_YEAR + r"-H(?P<h>[12])$"), "half"),
    (re.compile(_YEAR + r"(?:-XX(?:-XX)?)?$"), "year"),
    (re.compile(r"FY(?P<y>\d{4})$"), "fiscal"),
    (re.compile(r"(?P<dec>\d{3})X?(?:-XX(?:-XX)?)?$"), "decade"),
    (re.compile(r"(?P<cen>\d{2})(?:XX)?$"), "century"),
]
MOD_SHARES = {"START": (0.0, 0.3334), "MID": (0.3333, 0.6667), "END": (0.6666, 1.0)}
SEASON_EDTF = {"SP": "21", "SU": "22", "FA": "23", "WI": "24"}


def _year(text: str) -> int:
    if text.startswith("BC"):
        return 1 - int(text[2:])
    return int(text)


def span_of(value: str | None) -> Interval | None:
    """The day span a TIMEX3 value (or an ``A/B`` interval of two values) names, or None."""
    if not value or not isinstance(value, str):
        return None
    try:
        return _span_of(value.strip())
    except (ValueError, OverflowError):
        return None


@lru_cache(maxsize=4096)
def _span_of(value: str) -> Interval | None:
    if "/" in value:
        head, _, tail = value.partition("/")
        a, b = span_of(head), span_of(tail)
        if a is None or b is None or b[1] < a[0]:
            return None
        return a[0], b[1]
    for pattern, kind in _PATTERNS:
        m = pattern.match(value)
        if not m:
            continue
        if kind == "decade":
            d = int(m["dec"])
            return cal.year_span(d * 10, d * 10 + 9)
        if kind == "century":
            c = int(m["cen"])
            return cal.year_span(c * 100, c * 100 + 99)
        y = _year(m["y"])
        if kind == "day":
            n = cal.day(y, int(m["m"]), int(m["d"]))
            return n, n
        if kind == "month":
            return cal.month_span(y, int(m["m"]))
        if kind == "week":
            return cal.week_span(y, int(m["w"]))
        if kind == "season":
            return cal.season_span(y, m["s"])
        if kind == "quarter":
            q = int(m["q"])
            return cal.day(y, 3 * q - 2, 1), cal.month_end(y, 3 * q)
        if kind == "fiscal":  # every common fiscal calendar: July of the year before to June of the year after
            return cal.day(y - 1, 7, 1), cal.month_end(y + 1, 6)
        if kind == "half":
            h = int(m["h"])
            return cal.day(y, 6 * h - 5, 1), cal.month_end(y, 6 * h)
        return cal.year_span(y)
    return None


def apply_mod(span: Interval | None, mod: str | None) -> tuple[int | None, int | None] | None:
    """Bounds of a span under a TIMEX3 mod (START/MID/END thirds; BEFORE/AFTER open on one side)."""
    if span is None:
        return None
    if mod in MOD_SHARES:
        return cal.part(span, MOD_SHARES[mod])
    if mod == "BEFORE":
        return None, span[0] - 1
    if mod == "AFTER":
        return span[1] + 1, None
    if mod == "ON_OR_BEFORE":
        return None, span[1]
    if mod == "ON_OR_AFTER":
        return span[0], None
    return span


def bounds_of(value: str | None, mod: str | None = None) -> tuple[str | None, str | None]:
    """Inclusive ISO day bounds of a TIMEX3 value (``1941-07`` -> 1941-07-01..1941-07-31), or (None, None)."""
    try:
        bounds = apply_mod(span_of(value), mod)
    except (ValueError, OverflowError):
        return None, None
    if bounds is None:
        return None, None
    first, last = bounds
    return (cal.iso(first) if first is not None else None, cal.iso(last) if last is not None else None)


def _edtf_year(y: int) -> str:
    return f"{y:04d}" if y >= 0 else f"-{-y:04d}"


def to_edtf(
    value: str | None, mod: str | None = None, bounds: tuple[int | None, int | None] | None = None
) -> str | None:
    """The EDTF (Library of Congress) form of a TIMEX3 DATE value, or None when EDTF has no form for it."""
    if not value or value.startswith("P") or value.endswith("_REF") or "X" in value.replace("XX", ""):
        return None
    text = _edtf_core(value)
    if mod in ("START", "MID", "END") and bounds and None not in bounds:
        text = f"{cal.iso(bounds[0])}/{cal.iso(bounds[1])}"
    elif mod == "APPROX" and text and "/" not in text:
        text = text.partition("T")[0] + "~"  # EDTF qualifies dates, not times
    elif mod in ("BEFORE", "ON_OR_BEFORE") and text and bounds and bounds[1] is not None:
        text = f"../{cal.iso(bounds[1])}"
    elif mod in ("AFTER", "ON_OR_AFTER") and text and bounds and bounds[0] is not None:
        text = f"{cal.iso(bounds[0])}/.."
    return text if text and valid_edtf(text) else None


def _edtf_core(value: str) -> str | None:
    if "/" in value:
        head, _, tail = value.partition("/")
        a, b = _edtf_core(head), _edtf_core(tail)
        return f"{a}/{b}" if a and b and "/" not in a + b else None
    if value.startswith("BC") and value[2:].isdigit():
        return _edtf_year(1 - int(value[2:]))
    m = re.match(r"(-?\d{4})-(SP|SU|FA|WI)$", value)
    if m:
        return f"{m[1]}-{SEASON_EDTF[m[2]]}"
    m = re.match(r"(-?\d{4}(?:-\d{2}){0,2})(?:T(\d{2}):(\d{2}))?", value)
    if m and m.end() == len(value):
        return m[1] + (f"T{m[2]}:{m[3]}:00" if m[2] else "")
    if m and re.match(r"T[A-Z]{2}$", value[m.end() :]):
        return m[1]
    if re.fullmatch(r"\d{3}X?", value):
        return value[:3] + "X"
    if re.fullmatch(r"\d{2}(XX)?", value):
        return value[:2] + "XX"
    if re.fullmatch(r"\d{4}-W\d{1,2}", value):
        span = span_of(value)
        return f"{cal.iso(span[0])}/{cal.iso(span[1])}" if span else None
    return None


_CALENDAR_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _calendar_dates(text: str) -> bool | None:
    """Whether ``text`` is a valid EDTF level-0 date (``1941``, ``1941-06``, ``1941-06-22``) or an interval of
    two (either end may be open, ``..``), answered by the calendar; None for any other form (the ``edtf``
    package decides those). Most values are of these forms, and the package's grammar costs tens of
    milliseconds a string and half a second to import. Like the package, it lets February have a 29th in any
    year."""
    ends = text.split("/")
    if len(ends) > 2 or ends.count("..") > (len(ends) - 1):
        return None
    for end in ends:
        if end == "..":
            continue
        m = _CALENDAR_DATE.fullmatch(end)
        if m is None or int(m[1]) == 0:
            return None
        month, day = int(m[2] or 1), int(m[3] or 1)
        longest = 29 if month == 2 else monthrange(2000, month)[1] if 1 <= month <= 12 else 0  # as the package
        if not 1 <= day <= longest:
            return False
    return True


@lru_cache(maxsize=4096)
def valid_edtf(text: str) -> bool:
    """Whether the ``edtf`` package parses the string (calendar dates and their intervals checked without it)."""
    quick = _calendar_dates(text)
    if quick is not None:
        return quick
    try:
        from edtf import parse_edtf

        parse_edtf(text)
        return True
    except Exception:  # the edtf parser raises several exception types on bad input
        return False


def value_of_span(span: Interval) -> str:
    """The TIMEX3 value that names a day span: a day, a month, a season, a year, a decade, or ``A/B``."""
    first, last = span
    (y1, m1, d1), (y2, m2, _) = cal.ymd(first), cal.ymd(last)
    if first == last:
        return f"{_year_text(y1)}-{m1:02d}-{d1:02d}"
    if y1 == y2 and m1 == m2:
        return f"{_year_text(y1)}-{m1:02d}"
    for season in cal.SEASON_MONTHS:
        if (first, last) == cal.season_span(y1, season):
            return f"{_year_text(y1)}-{season}"
    if y1 == y2:
        return _year_text(y1)
    if y1 >= 0 and y1 // 10 == y2 // 10 and y1 % 10 == 0 and y2 % 10 == 9:
        return f"{y1 // 10:03d}"
    return f"{_year_text(y1)}/{_year_text(y2)}"


def _year_text(y: int) -> str:
    return f"{y:04d}" if y > 0 else f"BC{1 - y:04d}"
