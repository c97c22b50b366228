"""The places supplement (``data/places_supplement.toml``): rivers, regions, historical states and places that
GeoNames' city table lacks, read at run time (no rebuild needed to add one).

An entry's point is either given (``lat``/``lon`` with its ``source``) or that of a GeoNames town named in
``at`` (``"Lutsk/UA"``: name/country); a river's ``course`` lists riverside towns the same way, and their
GeoNames points stand for the river when names are matched against it (``Brest-on-the-Bug``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from chronologue.lib.gazetteer.candidate import Candidate
from chronologue.lib.gazetteer.keys import fold
from chronologue.rules import load as load_rules

SUPPLEMENT_FILE = "places_supplement.toml"
DEFAULT_WEIGHT = {
    "historical_state": 50_000_000,
    "river": 1_000_000,
    "region": 1_000_000,
    "sea": 1_000_000,
    "lake": 300_000,
    "mountains": 1_000_000,
    "island": 300_000,
    "place": 20_000,
}

TownFinder = Callable[[str, str], Candidate | None]


def town_reference(reference: str, find_town: TownFinder) -> Candidate:
    """The GeoNames town a ``"Name/CC"`` reference names; raises ValueError if there is none."""
    name, _, country = reference.partition("/")
    town = find_town(name.strip(), country.strip().upper())
    if town is None:
        raise ValueError(f"{SUPPLEMENT_FILE}: no GeoNames town {reference!r}")
    return town


def entry_candidate(entry: dict, find_town: TownFinder) -> Candidate:
    """The candidate of one supplement entry."""
    kind = entry["kind"]
    seat = town_reference(entry["at"], find_town) if "at" in entry else None
    lat, lon = (entry["lat"], entry["lon"]) if "lat" in entry else (seat.lat, seat.lon)  # type: ignore[union-attr]
    countries = tuple(entry.get("countries", ()))
    country = entry.get("country", seat.country if seat else (countries[0] if countries else ""))
    course = tuple((t.lat, t.lon) for t in (town_reference(r, find_town) for r in entry.get("course", [])))
    return Candidate(
        source_id=f"supplement:{entry['id']}",
        name=entry["name"],
        lat=round(lat, 5),
        lon=round(lon, 5),
        kind=kind,
        country=country,
        countries=countries,
        population=int(entry.get("weight", DEFAULT_WEIGHT.get(kind, 100_000))),
        points=course,
    )


def load_supplement(find_town: TownFinder) -> dict[str, list[Candidate]]:
    """Folded name -> supplement candidates."""
    by_key: dict[str, list[Candidate]] = defaultdict(list)
    seen: set[str] = set()
    for entry in load_rules(SUPPLEMENT_FILE.removesuffix(".toml")).get("place", []):
        if entry["id"] in seen:
            raise ValueError(f"{SUPPLEMENT_FILE}: duplicate id {entry['id']!r}")
        seen.add(entry["id"])
        candidate = entry_candidate(entry, find_town)
        for name in {entry["name"], *entry.get("names", [])}:
            key = fold(name)
            by_key[key].append(candidate if fold(entry["name"]) == key else _as_alternate(candidate))
            if key.startswith("the "):
                by_key[key[4:]].append(_as_alternate(candidate))
    return dict(by_key)


def _as_alternate(candidate: Candidate) -> Candidate:
    return replace(candidate, main_name=False)
