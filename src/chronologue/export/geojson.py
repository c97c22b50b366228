"""GeoJSON: one point feature per geocoded place, carrying the events that happened there with their dates
(EDTF and earliest/latest days), and the span of those dates on the feature itself so a map can filter by time."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from chronologue.export import SUFFIXES
from chronologue.export.dates import edtf, event_edtf
from chronologue.export.identifiers import geonames_uri
from chronologue.model.story import Event, Story

SUFFIX = SUFFIXES["geojson"]


def events_at(story: Story) -> dict[str, list[Event]]:
    """Each place's events (by the place's entity id), in story order."""
    found: dict[str, list[Event]] = defaultdict(list)
    for event in story.events:
        if event.place:
            found[event.place].append(event)
    return found


def event_summary(story: Story, event: Event) -> dict[str, Any]:
    """An event as a map shows it: id, predicate, the sentence, participants, and its dates."""
    return {
        "id": event.id,
        "predicate": event.predicate,
        "text": story.text[event.sentence.start : event.sentence.end],
        "participants": [{"entity": p.entity, "role": p.role, "name": getattr(story.entity(p.entity), "name", None)}
                         for p in event.participants],
        "edtf": event_edtf(story, event),
        "earliest": event.earliest,
        "latest": event.latest,
    }


def render(story: Story) -> str:
    """A FeatureCollection of the story's geocoded entities (lon/lat order, as GeoJSON wants). A feature's
    ``earliest``/``latest`` are the first and last day any of its events may have happened (null when none is
    dated), ``edtf`` the same span in EDTF."""
    at = events_at(story)
    features = []
    for entity in story.entities:
        if entity.geo is None:
            continue
        events = [event_summary(story, v) for v in at.get(entity.id, [])]
        earliest = min((v["earliest"] for v in events if v["earliest"]), default=None)
        latest = max((v["latest"] for v in events if v["latest"]), default=None)
        features.append(
            {
                "type": "Feature",
                "id": entity.id,
                "geometry": {"type": "Point", "coordinates": [entity.geo.lon, entity.geo.lat]},
                "properties": {
                    "name": entity.name,
                    "type": entity.type,
                    "aliases": entity.aliases,
                    "mentions": [story.text[m.start : m.end] for m in entity.mentions],
                    "source_id": entity.geo.source_id,
                    "geonames": geonames_uri(entity.geo),
                    "earliest": earliest,
                    "latest": latest,
                    "edtf": edtf(earliest, latest),
                    "events": events,
                    "attributes": entity.attributes,
                },
            }
        )
    collection = {"type": "FeatureCollection", "features": features, "properties": {"source": story.source.path}}
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
