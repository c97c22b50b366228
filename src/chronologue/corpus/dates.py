"""Dates of the store: ISO 8601 days (as the stories write them, ``-0043-03-15`` for 44 BC) to day numbers for
range queries, and the bounds a user types (``1943``, ``1943-06``, ``1943-06-22``, ``44 BC``, ``-0043``)."""

from __future__ import annotations

import re

from chronologue.errors import ChronologueError
from chronologue.lib.timex import calendar

_ISO = re.compile(r"(-?\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?")
_BC = re.compile(r"(\d{1,4})\s*(?:BC|BCE|B\.C\.)", re.IGNORECASE)


def day_of(iso: str | None) -> int | None:
    """The day number of an ISO day the story wrote, or None (none, or not a day the calendar holds)."""
    if not iso:
        return None
    match = _ISO.fullmatch(iso.strip())
    if match is None:
        return None
    year, month, dom = match.group(1), match.group(2) or "1", match.group(3) or "1"
    try:
        return calendar.day(int(year), int(month), int(dom))
    except ValueError:
        return None


def bound(text: str, *, last: bool) -> int:
    """The first (``last=False``) or last day of the period a user typed; a ChronologueError when it is none."""
    text = text.strip()
    bc = _BC.fullmatch(text)
    if bc is not None:
        text = f"-{int(bc.group(1)) - 1:04d}"  # 1 BC is astronomical year 0
    match = _ISO.fullmatch(text)
    if match is None:
        raise ChronologueError("E401", f"'{text}' is not a date", "use YYYY, YYYY-MM, YYYY-MM-DD or 44 BC")
    year = int(match.group(1))
    try:
        if match.group(3):
            return calendar.day(year, int(match.group(2)), int(match.group(3)))
        if match.group(2):
            span = calendar.month_span(year, int(match.group(2)))
        else:
            span = calendar.year_span(year)
    except ValueError:
        raise ChronologueError("E401", f"'{text}' is not a date the calendar holds",
                               f"years run from {calendar.MIN_YEAR} to {calendar.MAX_YEAR}") from None
    return span[1] if last else span[0]
