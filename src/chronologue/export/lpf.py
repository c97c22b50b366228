"""Linked Places Format (GeoJSON-T, the World Historical Gazetteer's exchange format): every place of the
story with the names the text attests for it, its coordinates, its GeoNames link and, in ``when``, the time
spans of the events that happened there."""

from __future__ import annotations

import json
from typing import Any

from chronologue.export import SUFFIXES
from chronologue.export.dates import unit
from chronologue.export.geojson import events_at
from chronologue.export.identifiers import geonames_uri, local_iri, source_iri
from chronologue.model.story import Entity, Event, Story

SUFFIX = SUFFIXES["lpf"]
CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"


def timespan(event: Event) -> dict[str, Any] | None:
    """When an event happened as an LPF timespan: ``in`` a year, month or day it fills exactly, else starting
    no earlier than its earliest day and ending no later than its latest; None when it has no date at all."""
    if event.earliest is None and event.latest is None:
        return None
    exactly = unit(event.earliest, event.latest)
    if exactly:
        return {"start": {"in": exactly}}
    span: dict[str, Any] = {"start": {"earliest": event.earliest} if event.earliest else {"latest": event.latest}}
    if event.latest:
        span["end"] = {"latest": event.latest}
    return span


def attested_names(story: Story, place: Entity) -> list[str]:
    """The place's names as the text writes them, in order of first use (its canonical name when it has no
    mention)."""
    names = list(dict.fromkeys(story.text[m.start : m.end] for m in place.mentions))
    return names or [place.name]


def feature(story: Story, place: Entity, events: list[Event]) -> dict[str, Any]:
    """One place as a Linked Places feature, its names cited to the analysed text."""
    citation = {"label": story.structure.title or story.source.path or "the analysed text", "@id": source_iri(story)}
    found: dict[str, Any] = {
        "@id": local_iri(story, place.id),
        "type": "Feature",
        "properties": {"title": place.name},
        "names": [{"toponym": name, "citations": [citation]} for name in attested_names(story, place)],
        "geometry": ({"type": "GeometryCollection",
                      "geometries": [{"type": "Point", "coordinates": [place.geo.lon, place.geo.lat]}]}
                     if place.geo else None),
    }
    country = place.attributes.get("country")
    countries = place.attributes.get("modern_countries") or ([country] if country else [])
    if countries:
        found["properties"]["ccodes"] = countries
    spans = [span for span in (timespan(v) for v in events) if span]
    if spans:
        found["when"] = {"timespans": spans}
    uri = geonames_uri(place.geo)
    if uri:
        found["links"] = [{"type": "closeMatch", "identifier": uri}]
    return found


def render(story: Story) -> str:
    """The story's places as a Linked Places FeatureCollection (a place not geocoded has a null geometry)."""
    at = events_at(story)
    features = [feature(story, e, at.get(e.id, [])) for e in story.entities if e.type == "PLACE"]
    collection = {"type": "FeatureCollection", "@context": CONTEXT, "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
