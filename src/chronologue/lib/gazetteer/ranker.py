"""The candidate ranker: a candidate's score is a weighted sum of its features, the weights being data.

The weights live in ``data/gazetteer/ranker.toml``, written by ``tools/fit_place_ranker.py`` (a conditional
logistic regression over each toponym's candidates on the dev split of TR-News) rather than chosen by hand.
The features (``FEATURES``, in order):

- ``log_population``: log10(population + 10) (a supplement entry's weight stands in for population);
- ``country``, ``region``, ``continent``, ``historical_state``, ``supplement``: what the candidate is;
- ``alternate_name``: 1 when only an alternate (foreign, historical) name matched, not the main name;
- ``kind_hint``: a word around the name hints at the candidate's kind (``the Volga``, ``Kursk Oblast``);
- ``river_course``: for ``X-on-the-Y`` forms, nearness to river Y's course (1 within 60 km, 0 beyond 300 km);
- ``local_*`` (places, countries and demonyms of the same paragraph), ``background_*`` (the rest of the
  document): ``country`` 1 when the candidate lies in a country the context names or holds, ``demonym`` 1 when
  only a demonym points there (``French``), ``near`` exp(-d / 250 km) for the nearest settlement the context
  names;
- ``qualifier_*``: the same for the place that qualifies the name in the text (``Paris, Texas``,
  ``Lewisburg in West Virginia``), ``near`` measured to the qualifier's own point;
- ``region_city_namesake``: a region named like a town of 10,000+ in its own country (``Idlib``, ``Quebec``,
  ``Sverdlovsk``), where the name is more often the town's;
- ``capital``: the candidate is a national capital (``Washington`` the city, not the state);
- ``document_share``: the share of the document's other places (as the first pass resolved them) that lie in
  the candidate's country: the story's region;
- ``local_region``, ``background_region``, ``qualifier_region``: 1 when the candidate lies in (or is) a
  first-order region (GeoNames' ``admin1``) that a place of the paragraph, of the rest of the document or of the
  qualifier lies in or is: ``Paris, Idaho``, ``Monroe County`` beside ``Missouri`` or a Missouri town.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field

from chronologue.rules import cached
from chronologue.rules import load as load_rules

from .candidate import AREA_KINDS, Candidate

RANKER_FILE = "gazetteer/ranker"
NEAR_SCALE_KM = 250.0
NAMESAKE_TOWN_POPULATION = 10_000
RIVER_NEAR = ((60.0, 1.0), (150.0, 0.67), (300.0, 0.33))

FEATURES = (
    "log_population",
    "country",
    "region",
    "continent",
    "historical_state",
    "supplement",
    "alternate_name",
    "kind_hint",
    "river_course",
    "local_country",
    "local_demonym",
    "local_near",
    "background_country",
    "background_demonym",
    "background_near",
    "qualifier_country",
    "qualifier_near",
    "region_city_namesake",
    "capital",
    "document_share",
    "local_region",
    "background_region",
    "qualifier_region",
)
REGION_KINDS = frozenset({"state", "region"})
LOCAL_AREA_KINDS = frozenset({"county"})  # areas small enough that their point places the text like a town's


@dataclass
class Evidence:
    """What context says: country codes of places named, codes of demonyms used, points of places named."""

    codes: set[str] = field(default_factory=set)
    points: list[tuple[float, float]] = field(default_factory=list)
    demonym_codes: set[str] = field(default_factory=set)
    areas_count: bool = False  # a qualifier: its point counts even when it is a country or region
    shares: dict[str, float] = field(default_factory=dict)  # country code -> share of the document's places
    # the points of the regions named: nearness for a county only (Adair County near the Kentucky the text names)
    region_points: list[tuple[float, float]] = field(default_factory=list)
    admin1: set[str] = field(default_factory=set)  # the first-order regions the places named lie in or are

    def add(self, candidate: Candidate) -> None:
        """Count a place the context names: its countries, its region, and its point when it is a settlement or a
        county."""
        self.codes |= candidate.codes
        if candidate.admin1:
            self.admin1.add(candidate.admin1)
        if self.areas_count or candidate.kind not in AREA_KINDS or candidate.kind in LOCAL_AREA_KINDS:
            self.points.append((candidate.lat, candidate.lon))
        elif candidate.kind in REGION_KINDS:
            self.region_points.append((candidate.lat, candidate.lon))

    def values(self, candidate: Candidate) -> tuple[float, float, float]:
        """(shares a country, only a demonym's country, nearness to the nearest point) for ``candidate``."""
        codes = candidate.codes
        country = 1.0 if codes & self.codes else 0.0
        demonym = 1.0 if not country and codes & self.demonym_codes else 0.0
        near = 0.0
        points = self.points + self.region_points if candidate.kind in LOCAL_AREA_KINDS else self.points
        if points:
            near = math.exp(-candidate.nearest_km(points) / NEAR_SCALE_KM)
        return country, demonym, near

    def region(self, candidate: Candidate) -> float:
        """1 when ``candidate`` lies in (or is) a first-order region of a place the context names, else 0."""
        return 1.0 if candidate.admin1 and candidate.admin1 in self.admin1 else 0.0


def features(
    c: Candidate,
    hinted: bool,
    river: Candidate | None,
    context: Evidence,
    background: Evidence,
    qualifier: Evidence | None = None,
    city_countries: frozenset[str] = frozenset(),
    capital: bool = False,
) -> tuple[float, ...]:
    """The feature values of one candidate, in the order of ``FEATURES``."""
    river_course = 0.0
    if river is not None:
        distance = river.distance_km(c.lat, c.lon)
        river_course = next((v for limit, v in RIVER_NEAR if distance <= limit), 0.0)
        river_course += 0.2 if c.codes & river.codes else 0.0
    local = context.values(c)
    wider = background.values(c)
    qualified = qualifier.values(c) if qualifier is not None else (0.0, 0.0, 0.0)
    return (
        math.log10(c.population + 10),
        float(c.kind == "country"),
        float(c.kind in REGION_KINDS),
        float(c.kind == "continent"),
        float(c.kind == "historical_state"),
        float(c.source_id.startswith("supplement:")),
        float(not c.main_name),
        float(hinted),
        river_course,
        *local,
        *wider,
        qualified[0],
        qualified[2],
        float(c.kind in REGION_KINDS and c.country in city_countries),
        float(capital),
        max((background.shares.get(code, 0.0) for code in c.codes), default=0.0),
        context.region(c),
        background.region(c),
        qualifier.region(c) if qualifier is not None else 0.0,
    )


# the features that say the context places a candidate in its country or region (not nearness, never quite 0)
AGREEMENT_FEATURES = (
    "local_country",
    "local_demonym",
    "background_country",
    "background_demonym",
    "qualifier_country",
    "document_share",
    "local_region",
    "background_region",
    "qualifier_region",
)
_AGREEMENT_AT = tuple(FEATURES.index(name) for name in AGREEMENT_FEATURES)


def context_agrees(candidate: Candidate) -> bool:
    """Whether anything in the text places the ranked ``candidate`` in its country or region."""
    values = candidate.features
    return bool(values) and any(values[i] for i in _AGREEMENT_AT)


@cached
def weights() -> tuple[float, ...]:
    """The fitted weights, in the order of ``FEATURES`` (a missing feature weighs 0)."""
    table = load_rules(RANKER_FILE)["weights"]
    unknown = set(table) - set(FEATURES)
    if unknown:
        raise ValueError(f"{RANKER_FILE}: unknown features {sorted(unknown)}")
    return tuple(float(table.get(name, 0.0)) for name in FEATURES)


def score(values: tuple[float, ...]) -> float:
    """The weighted sum of a candidate's feature values (summed in feature order, as ``sum`` of the products)."""
    table = weights()
    if len(values) != len(table):
        raise ValueError(f"{len(values)} feature values for {len(table)} weights")
    return sum(map(operator.mul, table, values))
