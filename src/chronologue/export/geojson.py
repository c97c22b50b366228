"""GeoJSON: one point feature per geocoded place, with the events that happened there."""

from __future__ import annotations

import json
from collections import defaultdict

from chronologue.model.story import Story

SUFFIX = "geojson"


def render(story: Story) -> str:
    """A FeatureCollection of the story's geocoded entities (lon/lat order, as GeoJSON wants)."""
    events_at: dict[str, list[str]] = defaultdict(list)
    for event in story.events:
        if event.place:
            events_at[event.place].append(event.id)
    features = []
    for entity in story.entities:
        if entity.geo is None:
            continue
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
                    "events": events_at.get(entity.id, []),
                    "attributes": entity.attributes,
                },
            }
        )
    collection = {"type": "FeatureCollection", "features": features, "properties": {"source": story.source.path}}
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
