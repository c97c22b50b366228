"""Day arithmetic for the temporal normaliser: days as integers, periods as inclusive (first, last) day pairs.

A day is an integer (the proleptic Gregorian ordinal of the same day 2400 years later), so years before 1 AD
(44 BC is astronomical year -43) work like any other: the Gregorian calendar repeats every 400 years.
Conventions (DESIGN.md): seasons are meteorological for the northern hemisphere (spring Mar-May, summer
Jun-Aug, fall Sep-Nov, winter Dec-Feb of the next year); parts of periods are shares of the period, counted
in months for periods of a year or more and in days otherwise.
"""

from __future__ import annotations

import math
from datetime import date

SHIFT = 2400  # a multiple of 400: the shifted calendar has the same leap years and weekdays
MIN_YEAR = -2399
MAX_YEAR = 7599

Interval = tuple[int, int]

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
UNIT_DAYS = {"D": 1, "W": 7, "FN": 14, "WE": 2, "M": 30, "Q": 91, "Y": 365, "DE": 3652, "CE": 36524}
UNIT_MONTHS = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}


def valid_year(year: int) -> bool:
    """Whether the year is one the calendar can hold."""
    return MIN_YEAR <= year <= MAX_YEAR


def day(year: int, month: int = 1, dom: int = 1) -> int:
    """The day number of a calendar day (raises ValueError for impossible days)."""
    if not valid_year(year):
        raise ValueError(f"year {year} out of range")
    return date(year + SHIFT, month, dom).toordinal()


def ymd(n: int) -> tuple[int, int, int]:
    """The (year, month, day) of a day number."""
    d = date.fromordinal(n)
    return d.year - SHIFT, d.month, d.day


def iso(n: int) -> str:
    """ISO 8601 text of a day number (expanded sign for years before 1 AD)."""
    y, m, d = ymd(n)
    year = f"{y:04d}" if y >= 0 else f"-{-y:04d}"
    return f"{year}-{m:02d}-{d:02d}"


def from_date(d: date) -> int:
    """The day number of a ``datetime.date``."""
    return day(d.year, d.month, d.day)


def weekday(n: int) -> int:
    """ISO weekday of a day number (Monday 1 .. Sunday 7)."""
    return date.fromordinal(n).isoweekday()


def month_end(year: int, month: int) -> int:
    """The last day of a month (month may run past 12 into the next year)."""
    y, m = year + (month - 1) // 12, (month - 1) % 12 + 1
    ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
    return day(ny, nm, 1) - 1


def year_span(year: int, last_year: int | None = None) -> Interval:
    return day(year, 1, 1), day(last_year if last_year is not None else year, 12, 31)


def month_span(year: int, month: int) -> Interval:
    return day(year, month, 1), month_end(year, month)


def season_span(year: int, season: str) -> Interval:
    first, last = SEASON_MONTHS[season]
    return day(year, first, 1), month_end(year, last)


def week_span(year: int, week: int) -> Interval:
    start = date.fromisocalendar(year + SHIFT, week, 1).toordinal()
    return start, start + 6


def iso_week(n: int) -> tuple[int, int]:
    """ISO (year, week) of a day number."""
    iy, iw, _ = date.fromordinal(n).isocalendar()
    return iy - SHIFT, iw


def add_months(n: int, months: int) -> int:
    """The same day of the month ``months`` later (clamped to the month's end)."""
    y, m, d = ymd(n)
    total = y * 12 + (m - 1) + months
    ny, nm = total // 12, total % 12 + 1
    return day(ny, nm, 1) + min(d, ymd(month_end(ny, nm))[2]) - 1


def shift(n: int, count: float, unit: str) -> int:
    """A day moved by ``count`` units (D, W, M, Q, Y, DE, CE, FN, WE)."""
    if unit in UNIT_MONTHS:
        return add_months(n, round(count * UNIT_MONTHS[unit]))
    return n + round(count * UNIT_DAYS.get(unit, 1))


def _whole_months(span: Interval) -> int | None:
    """The number of whole calendar months of a span that starts and ends on month boundaries, else None."""
    (y1, m1, d1), (y2, m2, _) = ymd(span[0]), ymd(span[1])
    if d1 != 1 or span[1] != month_end(y2, m2):
        return None
    return (y2 - y1) * 12 + (m2 - m1) + 1


def part(span: Interval, share: tuple[float, float]) -> Interval:
    """The share (from, to) of a period: in months for periods of a year or more, else in days."""
    a, b = share
    months = _whole_months(span)
    if months is not None and months >= 12:
        y, m, _ = ymd(span[0])
        first = math.floor(a * months + 0.01)
        last = max(first + 1, math.floor(b * months + 0.01))
        return day(y + (m - 1 + first) // 12, (m - 1 + first) % 12 + 1, 1), month_end(y, m + last - 1)
    length = span[1] - span[0] + 1
    first = math.floor(a * length + 0.01)
    last = max(first + 1, math.floor(b * length + 0.01))
    return span[0] + first, span[0] + last - 1


def duration_days(text: str) -> int | None:
    """Approximate days of a short ISO duration such as P6M, P10D, P3Y (for caps)."""
    if not text or not text.startswith("P") or len(text) < 3:
        return None
    try:
        count = float(text[1:-1])
    except ValueError:
        return None
    unit_days = {"D": 1, "W": 7, "M": 30, "Y": 365}.get(text[-1])
    return None if unit_days is None else round(count * unit_days)


__all__ = [
    "Interval",
    "add_months",
    "day",
    "duration_days",
    "from_date",
    "iso",
    "iso_week",
    "month_end",
    "month_span",
    "part",
    "season_span",
    "shift",
    "week_span",
    "weekday",
    "year_span",
    "ymd",
]
