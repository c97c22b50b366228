"""Day bounds: ISO strings (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) to dates and back, and day arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

Bounds = tuple[date | None, date | None]


def parse_day(value: str | None, *, upper: bool = False) -> date | None:
    """The first (or with ``upper`` the last) day an ISO date or prefix stands for; None when unreadable."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if len(text) == 4 and text.isdigit():
            return date(int(text), 12, 31) if upper else date(int(text), 1, 1)
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            if upper:
                return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
            return date(year, month, 1)
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def iso(day: date | None) -> str | None:
    """``YYYY-MM-DD`` or None."""
    return day.isoformat() if day else None


def shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, kept inside the calendar."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def midpoint(earliest: date | None, latest: date | None) -> date | None:
    """The day halfway between two bounds, or None when one is open."""
    if earliest is None or latest is None:
        return None
    return date.fromordinal((earliest.toordinal() + latest.toordinal()) // 2)
