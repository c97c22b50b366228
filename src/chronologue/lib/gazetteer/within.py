"""Which gazetteer place lies within which, for a search that names a place to find what lies inside it.

The index keeps, for every place, its country (the first level of GeoNames' administrative hierarchy), its point
and its population, but no boundary. The rule, from those:

- a country holds every settlement and region of that country; a historical state (supplement, ``Soviet Union``)
  holds those of the modern countries it stands for;
- a settlement holds the smaller settlements of its own country whose point lies within its extent: the radius
  of a disc holding its population at ``URBAN_DENSITY`` people a square kilometre (Berlin, 3.4 million: 19 km,
  so Tempelhof, 6 km from its centre, and Spandau, 15 km, lie within; Potsdam, 26 km, does not);
- nothing lies within a region, a river or anything else: the index has no boundary to tell (a region's own
  point says nothing of its extent).
"""

from __future__ import annotations

import math
from functools import cache

from .candidate import Candidate, haversine_km
from .resolve import gazetteer

URBAN_DENSITY = 3_000.0  # people per km² of a city as a whole (Berlin 3,800; Warsaw 3,500; Kyiv 3,500)
MIN_EXTENT_KM = 1.0
SETTLEMENT_KINDS = frozenset({"city"})
STATE_KINDS = frozenset({"country", "historical_state"})


@cache
def _index_positions() -> dict[int, int]:
    """GeoNames id -> position in the index (built once: the index is kept in name order)."""
    return {geonameid: position for position, geonameid in enumerate(gazetteer().index.t.geonameid)}


@cache
def _supplement() -> dict[str, Candidate]:
    return {c.source_id: c for found in gazetteer().supplement.values() for c in found}


def place(source_id: str | None) -> Candidate | None:
    """The gazetteer's place of a story's ``geo.source_id`` (``geonames:2950159``, ``supplement:...``), or None."""
    if not source_id:
        return None
    scheme, _, key = source_id.partition(":")
    if scheme == "geonames" and key.isdigit():
        position = _index_positions().get(int(key))
        return gazetteer()._from_index(position, True) if position is not None else None
    if scheme == "supplement":
        return _supplement().get(source_id)
    return None


def extent_km(settlement: Candidate) -> float:
    """The radius of a settlement's extent (see the module doc)."""
    return max(MIN_EXTENT_KM, math.sqrt(settlement.population / (math.pi * URBAN_DENSITY)))


def contains(outer: Candidate, inner: Candidate) -> bool:
    """Whether ``inner`` lies within ``outer`` by the module's rule (a place never contains itself)."""
    if outer.source_id == inner.source_id:
        return False
    if outer.kind in STATE_KINDS:
        return inner.kind not in STATE_KINDS and bool(inner.codes) and inner.codes <= outer.codes
    if outer.kind in SETTLEMENT_KINDS and inner.kind in SETTLEMENT_KINDS:
        return (inner.country == outer.country and inner.population < outer.population
                and haversine_km(outer.lat, outer.lon, inner.lat, inner.lon) <= extent_km(outer))
    return False
