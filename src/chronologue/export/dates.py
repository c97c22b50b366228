"""Dates as the export formats want them: XML Schema (W3C) date forms for TEI, ISO 8601 durations, EDTF of a
span of days, and the calendar unit (year, month or day) a span covers exactly."""

from __future__ import annotations

import calendar
import re

from chronologue.model.story import Event, Story

# gYear, gYearMonth, date and dateTime (with seconds), the forms of XML Schema that TEI's @when accepts
_W3C = re.compile(r"-?\d{4,}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?)?)?)?")
_TO_THE_MINUTE = re.compile(r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}")
# an ISO 8601 duration of known quantities ('P3Y', 'PT20M', 'P1.5D'); TimeML's unknown 'PXW' is none
_DURATION = re.compile(r"P(?=[\d.]+[YMWD]|T[\d.]+[HMS])(?:[\d.]+Y)?(?:[\d.]+M)?(?:[\d.]+W)?(?:[\d.]+D)?"
                       r"(?:T(?=[\d.]+[HMS])(?:[\d.]+H)?(?:[\d.]+M)?(?:[\d.]+S)?)?")
_DAY = re.compile(r"(-?\d{4,})-(\d{2})-(\d{2})")


def w3c(value: str | None) -> str | None:
    """``value`` when it is an XML Schema year, year-month, date or date-time, else None; a TIMEX3 time to the
    minute (``1942-05-03T10:30``) gets the seconds XML Schema wants (``1942-05-03T10:30:00``)."""
    if value and _TO_THE_MINUTE.fullmatch(value):
        value += ":00"
    if not value or not _W3C.fullmatch(value):
        return None
    month = value.lstrip("-").split("-")[1:2]
    return value if not month or 1 <= int(month[0]) <= 12 else None


def iso_duration(value: str | None) -> str | None:
    """``value`` when it is an ISO 8601 duration with known quantities (``P3D``, ``PT20M``), else None."""
    return value if value and _DURATION.fullmatch(value) else None


def day_parts(day: str | None) -> tuple[int, int, int] | None:
    """Year, month and day of an ISO day ``YYYY-MM-DD``, or None for anything else."""
    match = _DAY.fullmatch(day or "")
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def unit(earliest: str | None, latest: str | None) -> str | None:
    """The year (``1942``), month (``1942-05``) or day the inclusive day span covers exactly, else None."""
    first, last = day_parts(earliest), day_parts(latest)
    if first is None or last is None:
        return None
    if first == last:
        return earliest
    if first[0] != last[0] or first[2] != 1:
        return None
    if first[1] == 1 and last[1:] == (12, 31):
        return f"{first[0]:04d}"
    if first[1] == last[1] and last[2] == calendar.monthrange(first[0], first[1])[1]:
        return f"{first[0]:04d}-{first[1]:02d}"
    return None


def span_of(value: str) -> tuple[str, str] | None:
    """First and last day of an XML Schema year, year-month or date: ``1942-05`` -> 1942-05-01, 1942-05-31."""
    parts = [int(p) for p in value.split("T")[0].split("-")] if re.fullmatch(r"\d{4}(-\d{2}){0,2}", value) else []
    if len(parts) == 1:
        return f"{parts[0]:04d}-01-01", f"{parts[0]:04d}-12-31"
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return f"{parts[0]:04d}-{parts[1]:02d}-01", f"{parts[0]:04d}-{parts[1]:02d}-{last:02d}"
    if len(parts) == 3:
        return value, value
    return None


def edtf(earliest: str | None, latest: str | None) -> str | None:
    """EDTF of an inclusive day span: the year, month or day it covers exactly, else an interval whose open
    side is ``..`` (``../1945-05-09``); None when neither bound is known."""
    if earliest is None and latest is None:
        return None
    return unit(earliest, latest) or f"{earliest or '..'}/{latest or '..'}"


def event_edtf(story: Story, event: Event) -> str | None:
    """EDTF of when an event happened: its time expression's own EDTF when the event's bounds are that time's
    (a season stays a season, '1940-22'), else the EDTF of the event's day bounds."""
    if event.time:
        timex = next((t for t in story.timexes if t.id == event.time), None)
        if timex and timex.edtf and (timex.earliest, timex.latest) == (event.earliest, event.latest):
            return timex.edtf
    return edtf(event.earliest, event.latest)
