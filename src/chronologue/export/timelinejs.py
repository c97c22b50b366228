"""TimelineJS: the story's dated events as a Knight Lab TimelineJS timeline (its JSON format: a title slide and
events with ``start_date``/``end_date`` objects of year, month and day)."""

from __future__ import annotations

import html
import json
from typing import Any

from chronologue.export import SUFFIXES
from chronologue.export.dates import day_parts, unit
from chronologue.model.story import Event, Story

SUFFIX = SUFFIXES["timelinejs"]


def date_object(day: tuple[int, int, int], precision: str | None = None) -> dict[str, int]:
    """A TimelineJS date of a day (year, month, day), down to the year or month when ``precision`` (the EDTF of
    the unit the event fills, ``1942`` or ``1942-05``) is that coarse."""
    year, month, day_of_month = day
    if precision is not None and len(precision.lstrip("-")) == 4:
        return {"year": year}
    if precision is not None and len(precision.lstrip("-")) == 7:
        return {"year": year, "month": month}
    return {"year": year, "month": month, "day": day_of_month}


def slide(story: Story, event: Event) -> dict[str, Any] | None:
    """One event as a slide: it starts on its earliest day (the year or month alone when its bounds are exactly
    that year or month) and ends on its latest; None for an event with no earliest day (TimelineJS needs a start)."""
    first, last = day_parts(event.earliest), day_parts(event.latest)
    if first is None:
        return None
    exactly = unit(event.earliest, event.latest)
    found: dict[str, Any] = {"unique_id": event.id, "start_date": date_object(first, exactly)}
    if not exactly and last:
        found["end_date"] = date_object(last)
    timex = next((t for t in story.timexes if t.id == event.time), None) if event.time else None
    if timex:
        found["display_date"] = story.text[timex.start : timex.end]
    names = [e.name for p in event.participants if (e := story.entity(p.entity))]
    place = story.entity(event.place)
    headline = event.predicate.capitalize() + (f": {', '.join(dict.fromkeys(names))}" if names else "")
    found["text"] = {
        "headline": html.escape(headline + (f" ({place.name})" if place else "")),
        "text": f"<p>{html.escape(story.text[event.sentence.start : event.sentence.end])}</p>",
    }
    if names:
        found["group"] = names[0]
    return found


def render(story: Story) -> str:
    """A TimelineJS timeline of the events that have an earliest day, in story order."""
    title = story.structure.title or story.source.path or "chronologue"
    timeline = {
        "title": {"text": {"headline": html.escape(title), "text": f"<p>{html.escape(story.source.path or '')}</p>"}},
        "events": [found for found in (slide(story, v) for v in story.events) if found],
    }
    return json.dumps(timeline, ensure_ascii=False, indent=1) + "\n"
