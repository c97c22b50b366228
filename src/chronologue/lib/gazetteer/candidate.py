"""A gazetteer candidate: one place a name may refer to, with what is needed to rank and cite it."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

EARTH_RADIUS_KM = 6371.0
asin, cos, radians, sin, sqrt = math.asin, math.cos, math.radians, math.sin, math.sqrt

# kinds that stand for an area or a watercourse rather than a settlement
AREA_KINDS = frozenset(
    {"country", "continent", "state", "region", "county", "historical_state", "river", "sea", "lake", "mountains",
     "island"}
)


# the index's and the supplement's kinds in the story's words (``geo.feature``); other kinds keep their name
FEATURE_OF_KIND = {"state": "region", "place": "site"}


@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to.

    ``source_id`` is stable (``geonames:703448``, ``supplement:dnieper``); ``name`` is the modern or main name;
    ``country`` the ISO 3166-1 alpha-2 code of the modern country ('' for continents and historical states);
    ``countries`` every country the place lies in or stands for (the Soviet Union: its successor states),
    used as context for other names; ``population`` is the GeoNames population, or for supplement entries a
    population-like prominence; ``main_name`` tells whether the name matched the place's main name rather
    than an alternate; ``score`` is set by ranking (higher is better).
    """

    source_id: str
    name: str
    lat: float
    lon: float
    kind: str
    country: str = ""
    countries: tuple[str, ...] = ()
    population: int = 0
    main_name: bool = True
    score: float = 0.0
    points: tuple[tuple[float, float], ...] = ()
    features: tuple[float, ...] = ()  # the ranker's feature values (resolve.FEATURES), set by ranking
    admin1: str = ""  # the first-order region the place lies in or is (GeoNames' code: ``US.ID``), '' unknown

    @property
    def feature(self) -> str:
        """What kind of feature the place is, in the story's words (``geo.feature``): country, region, city..."""
        return FEATURE_OF_KIND.get(self.kind, self.kind)

    @cached_property
    def codes(self) -> frozenset[str]:
        """The country codes this place counts for as context (made once: the ranker asks it of every candidate
        against every context)."""
        return frozenset(self.countries or ((self.country,) if self.country else ()))

    def with_score(self, score: float, features: tuple[float, ...] = ()) -> Candidate:
        """A copy with ``score`` (and the feature values it was computed from) set.

        Copied field by field rather than through ``dataclasses.replace``, which costs more than the ranking's
        arithmetic: the ranker makes one copy per candidate of every name it ranks."""
        copy = object.__new__(Candidate)
        copy.__dict__.update(self.__dict__)
        copy.__dict__["score"] = round(score, 3)
        copy.__dict__["features"] = features
        return copy

    def distance_km(self, lat: float, lon: float) -> float:
        """Great-circle distance from this place's point (or nearest course point) to (lat, lon)."""
        return min(haversine_km(p[0], p[1], lat, lon) for p in ((self.lat, self.lon), *self.points))

    def nearest_km(self, points: Iterable[tuple[float, float]]) -> float:
        """``min(self.distance_km(lat, lon) for lat, lon in points)`` (``inf`` for no points), to the same bit:
        the same formula as :func:`haversine_km`, with each point's sine and cosine taken once rather than once
        per pair (the ranker measures every candidate against every place the context names)."""
        own = [(radians(lat), cos(radians(lat)), lon) for lat, lon in ((self.lat, self.lon), *self.points)]
        nearest = math.inf
        for lat, lon in points:
            p2 = radians(lat)
            cos2 = cos(p2)
            for p1, cos1, lon1 in own:
                half_dl = sin(radians(lon - lon1) / 2)
                a = sin((p2 - p1) / 2) ** 2 + cos1 * cos2 * half_dl**2
                nearest = min(nearest, 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a))))
        return nearest


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
