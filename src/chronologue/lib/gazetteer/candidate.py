"""A gazetteer candidate: one place a name may refer to, with what is needed to rank and cite it."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

EARTH_RADIUS_KM = 6371.0

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

    @property
    def feature(self) -> str:
        """What kind of feature the place is, in the story's words (``geo.feature``): country, region, city..."""
        return FEATURE_OF_KIND.get(self.kind, self.kind)

    @property
    def codes(self) -> frozenset[str]:
        """The country codes this place counts for as context."""
        return frozenset(self.countries or ((self.country,) if self.country else ()))

    def with_score(self, score: float, features: tuple[float, ...] = ()) -> Candidate:
        """A copy with ``score`` (and the feature values it was computed from) set."""
        return replace(self, score=round(score, 3), features=features)

    def distance_km(self, lat: float, lon: float) -> float:
        """Great-circle distance from this place's point (or nearest course point) to (lat, lon)."""
        return min(haversine_km(p[0], p[1], lat, lon) for p in ((self.lat, self.lon), *self.points))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
