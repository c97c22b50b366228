"""Name rules kept as data in ``data/gazetteer/rules.toml``: name forms, affixes, demonyms, country aliases and
person namesakes (the demonyms of every country of ``areas.tsv`` join those of the file). Each entry carries the
example it exists for (``tests/test_places_rules.py`` runs them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chronologue.lib.gazetteer.areas import areas
from chronologue.lib.gazetteer.keys import fold
from chronologue.rules import cached
from chronologue.rules import load as load_rules

RULES_FILE = "gazetteer/rules.toml"


@dataclass(frozen=True)
class NameForm:
    """``X-on-the-Y``, ``X nad Y``, ``X am Y``...: a settlement named together with its river."""

    id: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Affix:
    """A word around a name that is not part of it (``the``, ``River``, ``Oblast``) and the kinds it hints at."""

    id: str
    pattern: re.Pattern[str]
    prefer: frozenset[str]


@dataclass(frozen=True)
class Rules:
    name_forms: tuple[NameForm, ...]
    affixes: tuple[Affix, ...]
    demonyms: dict[str, frozenset[str]]  # folded word -> country codes it points to
    demonym_pattern: re.Pattern[str] | None
    country_aliases: dict[str, str]  # folded alias -> ISO code
    namesakes: frozenset[str]  # folded names never taken as places by is_known_place
    surname_shapes: tuple[tuple[re.Pattern[str], int], ...]  # (shape, min population of a main-name match)
    non_places: frozenset[str]  # folded names that name no place (directions, "the front")
    river_connectors: frozenset[str]  # words joining a place to its river in GeoNames names (nad, am, on)
    region_aliases: dict[str, tuple[str, str]]  # folded abbreviation -> (folded region name, ISO country code)
    continent_adjectives: dict[str, str]  # a continent's adjective as written (``European``) -> the continent's name


@cached
def rules() -> Rules:
    """The rules, read once per process."""
    data = load_rules(RULES_FILE.removesuffix(".toml"))
    forms = tuple(NameForm(r["id"], re.compile(r["pattern"], re.IGNORECASE)) for r in data.get("name_form", []))
    affixes = tuple(
        Affix(r["id"], re.compile(r["pattern"], re.IGNORECASE), frozenset(r.get("prefer", [])))
        for r in data.get("affix", [])
    )
    demonyms: dict[str, frozenset[str]] = {}
    surface: list[str] = []
    for r in data.get("demonym", []):
        for word in r["words"]:
            demonyms[fold(word)] = frozenset(r["countries"])
            surface.append(word)
    for written, code in areas().demonyms:
        for word in _demonym_forms(written):
            if fold(word) not in demonyms:
                demonyms[fold(word)] = frozenset({code})
                surface.append(word)
    pattern = None
    if surface:
        words = "|".join(re.escape(w) for w in sorted(set(surface), key=len, reverse=True))
        pattern = re.compile(rf"\b(?:{words})\b")
    aliases = {fold(name): r["country"] for r in data.get("country_alias", []) for name in r["names"]}
    namesakes = frozenset(fold(n) for r in data.get("namesake", []) for n in r["names"])
    shapes = tuple((re.compile(r["pattern"]), int(r["min_population"])) for r in data.get("surname_shape", []))
    non_places = frozenset(fold(n) for r in data.get("non_place", []) for n in r["names"])
    connectors = frozenset(fold(w) for r in data.get("river_connector", []) for w in r["words"])
    region_aliases = {
        fold(abbreviation): (fold(region), r["country"])
        for r in data.get("region_alias", [])
        for region, abbreviations in r["regions"].items()
        for abbreviation in abbreviations
    }
    continents = {
        adjective: continent
        for r in data.get("continent_adjective", [])
        for continent, adjectives in r["continents"].items()
        for adjective in adjectives
    }
    return Rules(
        forms, affixes, demonyms, pattern, aliases, namesakes, shapes, non_places, connectors, region_aliases,
        continents,
    )


def _demonym_forms(written: str) -> list[str]:
    """The words of a country's demonym field (``Antiguan,Barbudan``) with the plurals of those that take one
    (``Canadian`` -> ``Canadians``, ``Iraqi`` -> ``Iraqis``; ``Turkish``, ``Chinese`` take none)."""
    words = [w.strip() for w in written.split(",") if w.strip() and " " not in w.strip()]
    return words + [w + "s" for w in words if w.endswith(("an", "i"))]
