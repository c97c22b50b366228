"""Human-readable labels for dates, bounds, numbers and annotations (plain text: callers escape)."""

from __future__ import annotations

import calendar
from datetime import date

from chronologue.lib.numbers.claim_rules import QUALIFIER_WORDS
from chronologue.model.story import Claim, Entity, Timex

MONTHS = [calendar.month_abbr[m] for m in range(13)]


def parse_day(value: str | None, *, end: bool = False) -> date | None:
    """An ISO day (``1941-07-16``); a bare year or year-month is its first day, or its last with ``end``."""
    if not value:
        return None
    parts = value.strip().split("-")
    try:
        if len(parts) == 1:
            year = int(parts[0])
            return date(year, 12, 31) if end else date(year, 1, 1)
        year, month = int(parts[0]), int(parts[1])
        if len(parts) == 2:
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return date(year, month, int(parts[2][:2]))
    except (ValueError, IndexError):
        return None


def _is_year_start(day: date) -> bool:
    return day.month == 1 and day.day == 1


def _is_year_end(day: date) -> bool:
    return day.month == 12 and day.day == 31


def _is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _day(day: date, year: bool = True) -> str:
    return f"{day.day} {MONTHS[day.month]}" + (f" {day.year}" if year else "")


def range_label(lo: date | None, hi: date | None) -> str:
    """``16 Jul – 15 Aug 1941``, ``1930–1934``, ``Jul 1941``, ``by 1968``, ``from 8 May 1945`` (open bounds)."""
    if lo is None and hi is None:
        return "undated"
    if lo is None:
        return f"by {hi.year if _is_year_end(hi) else _day(hi)}"
    if hi is None:
        return f"from {lo.year if _is_year_start(lo) else _day(lo)}"
    if _is_year_start(lo) and _is_year_end(hi):
        return str(lo.year) if lo.year == hi.year else f"{lo.year}–{hi.year}"
    if lo.day == 1 and _is_month_end(hi):
        if (lo.year, lo.month) == (hi.year, hi.month):
            return f"{MONTHS[lo.month]} {lo.year}"
        if lo.year == hi.year:
            return f"{MONTHS[lo.month]} – {MONTHS[hi.month]} {lo.year}"
        return f"{MONTHS[lo.month]} {lo.year} – {MONTHS[hi.month]} {hi.year}"
    if lo == hi:
        return _day(lo)
    if lo.year == hi.year:
        if lo.month == hi.month:
            return f"{lo.day}–{hi.day} {MONTHS[lo.month]} {lo.year}"
        return f"{_day(lo, year=False)} – {_day(hi)}"
    return f"{_day(lo)} – {_day(hi)}"


def bounds_label(earliest: str | None, latest: str | None) -> str:
    """The label of a pair of ISO bounds."""
    return range_label(parse_day(earliest), parse_day(latest, end=True))


def entity_label(entity: Entity) -> str:
    """``Name · PERSON`` (the tooltip of a mention)."""
    return f"{entity.name} · {entity.type}"


def timex_label(timex: Timex) -> str:
    """The normalised value and the day bounds of a time expression."""
    parts = [timex.type]
    if timex.value:
        parts.append(timex.value + (f" ({timex.mod})" if timex.mod else ""))
    if timex.earliest or timex.latest:
        parts.append(bounds_label(timex.earliest, timex.latest))
    return " · ".join(parts)


def number_label(value: float | None) -> str:
    """``2,500,000``, ``0.6667``, or ``?``."""
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4g}"


def claim_label(claim: Claim) -> str:
    """``more than 2,500,000 soldiers`` or ``100–999,999 (vague)``."""
    if claim.value is not None:
        amount = QUALIFIER_WORDS.get(claim.qualifier, "") + number_label(claim.value)
    else:
        amount = f"{number_label(claim.low)}–{number_label(claim.high)}"
        if claim.qualifier != "exactly":
            amount += f" ({claim.qualifier.replace('_', ' ')})"
    if claim.unit:
        amount += f" {claim.unit}"
    return amount
