"""Look-ups: a name (historical, foreign, compound) -> ranked candidates, settled by context and population.

Ranking, never first match: every candidate of every reading of the name (as written, without affixes, as
``X on river Y``) is scored by :mod:`.ranker` (a weighted sum of features whose weights are fitted data:
population, what the candidate is, kind hints, river courses, the places and demonyms of the paragraph, of the
document, and of a qualifier such as ``Paris, Texas``). Countries and first-order regions stand at their own
points (:mod:`.areas`), not at their capitals.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from chronologue.errors import ChronologueError
from chronologue.rules import cached

from . import ranker
from .areas import areas, country_table
from .candidate import AREA_KINDS, Candidate
from .index import INDEX_PATH, GeoIndex, read_index
from .keys import fold
from .ranker import Evidence
from .rules import Rules, rules
from .supplement import load_supplement

MAX_READING_DEPTH = 3
RAW_CACHE_SIZE = 20_000  # folded keys whose candidates are kept
FORMER_NAME_TOWN = 100_000  # a region keeping the former name of a town this large is not a bare-name candidate
KNOWN_MAIN_NAME_POPULATION = 50_000  # is_known_place: a settlement's main name
KNOWN_ALTERNATE_POPULATION = 100_000  # is_known_place: an alternate name (Lemberg, Danzig)

__all__ = ["Evidence", "Gazetteer", "Reading", "gazetteer"]

K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True)
class Reading:
    """One way to read a name: the key to look up, kinds hinted by the words around it, a river it is on."""

    key: str
    prefer: frozenset[str] = frozenset()
    river: Candidate | None = None


class _Kept(Generic[K, V]):
    """Values kept for the process, each a function of its key, emptied when RAW_CACHE_SIZE keys are kept."""

    def __init__(self) -> None:
        self._values: dict[K, V] = {}

    def get(self, key: K, make: Callable[[], V]) -> V:
        if key in self._values:
            return self._values[key]
        if len(self._values) >= RAW_CACHE_SIZE:
            self._values.clear()
        value = self._values[key] = make()
        return value


class Gazetteer:
    """The GeoNames index plus the supplement and the name rules."""

    def __init__(self, index: GeoIndex, name_rules: Rules) -> None:
        self.index = index
        self.rules = name_rules
        self.areas = areas()
        self.supplement = load_supplement(self._find_town)
        self.country_names = {cc: index.place(i).name for cc, i in index.header["country_places"].items()}
        self._context_cache: dict[str, Candidate | None] = {}
        self._raw_kept: _Kept[str, list[Candidate]] = _Kept()
        self._alone_kept: _Kept[str, tuple[Candidate, ...]] = _Kept()
        self._readings_kept: _Kept[tuple[str, int, frozenset[str]], tuple[Reading, ...]] = _Kept()
        self._known_kept: _Kept[str, bool] = _Kept()
        self.capitals = self._capitals()
        self.adjectives = self._adjectives()
        self.adjective_pattern = _word_pattern(self.adjectives)

    def country(self, code: str) -> Candidate | None:
        """The country of ISO code ``code`` at its own point, or None."""
        index = self.index.header["country_places"].get(code)
        return None if index is None else self._from_index(index, True)

    def _adjectives(self) -> dict[str, str]:
        """A country's adjective as written (``Turkish``, ``South African``) -> its ISO code, from the demonyms of
        ``areas.tsv``; an adjective of several countries is the most populous one's (``French``: France, not
        French Guiana; ``American``: the United States, not its outlying islands)."""
        codes: dict[str, set[str]] = {}
        for written, code in self.areas.demonyms:
            for word in written.split(","):
                if word.strip():
                    codes.setdefault(word.strip(), set()).add(code)
        table = country_table()
        people = {code: int(table.get(code, {}).get("population") or 0) for found in codes.values() for code in found}
        return {word: max(sorted(found), key=lambda code: people[code]) for word, found in codes.items()}

    # raw candidates -----------------------------------------------------------------------------------------
    def _from_index(self, i: int, main_name: bool) -> Candidate:
        p = self.index.place(i)
        lat, lon = p.lat, p.lon
        if p.kind == "country":
            lat, lon = self.areas.country_points.get(p.country, (lat, lon))
        elif p.kind == "state":
            lat, lon = self.areas.region_point(fold(p.name), p.country) or (lat, lon)
        return Candidate(
            source_id=f"geonames:{p.geonameid}",
            name=p.name,
            lat=lat,
            lon=lon,
            kind=p.kind,
            country=p.country,
            population=p.population,
            main_name=main_name,
            admin1=p.admin1,
        )

    def raw(self, key: str) -> list[Candidate]:
        """Every candidate a folded key names (index, supplement, country aliases), unranked, no duplicates
        (kept for the process: candidates are immutable and a text names the same places again and again)."""
        return self._raw_kept.get(key, lambda: self._raw(key))

    def _raw(self, key: str) -> list[Candidate]:
        found = self.raw_index(key)
        supplement = self.supplement.get(key, [])
        found += [c for c in self.areas.regions.get(key, ()) if self._keeps_region(c, found, supplement)]
        found += supplement
        region = self.rules.region_aliases.get(key)
        if region is not None:
            found += [c for c in self.raw(region[0]) if c.kind in ranker.REGION_KINDS and c.country == region[1]]
        alias = self.rules.country_aliases.get(key)
        if alias and alias in self.index.header["country_places"]:
            found.append(self._from_index(self.index.header["country_places"][alias], True))  # a standard name
        unique: dict[str, Candidate] = {}
        for c in found:
            if c.source_id not in unique or (c.main_name and not unique[c.source_id].main_name):
                unique[c.source_id] = c
        return list(unique.values())

    def _capitals(self) -> frozenset[str]:
        """Source ids of the national capitals (GeoNames' country table names them; the most populous town of
        that name in the country is taken)."""
        found = set()
        for code, country in country_table().items():
            town = self._find_town(country.get("capital", ""), code) if country.get("capital") else None
            if town is not None:
                found.add(town.source_id)
        return frozenset(found)

    @staticmethod
    def _keeps_region(region: Candidate, found: list[Candidate], supplement: list[Candidate]) -> bool:
        """Whether a first-order region of the areas table is a candidate beside the others of its name: not when
        the index has it already (a US state), nor when the supplement describes it (``Bavaria``), nor when it
        keeps the former name of a large town of its country (``Sverdlovsk``, ``Leningrad``: the bare name is
        the town's, as history writes it; the region is written ``Sverdlovsk Oblast``)."""
        for c in found:
            if c.country != region.country:
                continue
            if c.kind == "state" or (c.kind == "city" and not c.main_name and c.population >= FORMER_NAME_TOWN):
                return False
        return not any(region.country in s.codes and s.kind in AREA_KINDS for s in supplement)

    def _find_town(self, name: str, country: str) -> Candidate | None:
        """The most populous town (the first of equals) the index names ``name``, in ``country`` when given; read
        from the index's columns, a candidate made for that town only (the load asks this of every capital and
        every town the supplement refers to)."""
        t, kinds, countries = self.index.t, self.index.kinds, self.index.countries
        best: tuple[int, bool] | None = None
        for i, main in self.index.postings(fold(name)):
            if kinds[t.kind[i]] != "city" or (country and countries[t.country[i]] != country):
                continue
            if best is None or t.population[i] > t.population[best[0]]:
                best = (i, main)
        return None if best is None else self._from_index(*best)

    def raw_index(self, key: str) -> list[Candidate]:
        """The GeoNames candidates of a folded key only."""
        return [self._from_index(i, main) for i, main in self.index.postings(key)]

    # readings -----------------------------------------------------------------------------------------------
    def readings(self, name: str, depth: int = 0, prefer: frozenset[str] = frozenset()) -> list[Reading]:
        """The ways to read a name that find candidates: as written, without affixes, as ``X on river Y`` (kept for
        the process: a function of the name, and every form of every place is read again in each ranking)."""
        found = self._readings_kept.get((name, depth, prefer), lambda: tuple(self._readings(name, depth, prefer)))
        return list(found)

    def _readings(self, name: str, depth: int, prefer: frozenset[str]) -> list[Reading]:
        name = name.strip()
        key = fold(name)
        if not key or key in self.rules.non_places or key.removeprefix("the ") in self.rules.non_places:
            return []
        if self.raw(key):
            return [Reading(key, prefer)]
        if depth >= MAX_READING_DEPTH:
            return []
        for affix in self.rules.affixes:
            stripped = affix.pattern.sub("", name, count=1)
            if stripped != name and stripped.strip():
                found = self.readings(stripped, depth + 1, prefer | affix.prefer)
                if found:
                    return found
        for form in self.rules.name_forms:
            match = form.pattern.match(name)
            if not match:
                continue
            river = self.river(match.group("river"))
            place = match.group("place")
            found = [Reading(r.key, r.prefer, river or r.river) for r in self.readings(place, depth + 1, prefer)]
            if river is not None:
                found += [Reading(key, prefer, river) for key in self._named_with_river(fold(place), river)]
            if found:
                return found
        return []

    def _named_with_river(self, place_key: str, river: Candidate) -> list[str]:
        """GeoNames keys that write the place with a river in another form: a name form written as
        ``Frankfurt-on-the-Oder`` finds ``Frankfurt (Oder)``; ``Kostrzyn on the Oder`` finds ``Kostrzyn nad Odrą``."""
        keys = []
        for key in self.index.keys_with_prefix(place_key + " "):
            rest = key[len(place_key) + 1 :]
            if rest.split(" ", 1)[0] in self.rules.river_connectors or self.river(rest) == river:
                keys.append(key)
        return keys

    def river(self, name: str) -> Candidate | None:
        """The most prominent river (or other water) a name names, for ``X-on-the-Y`` forms."""
        waters = [c for r in self.readings(name, MAX_READING_DEPTH - 1) for c in self.raw(r.key)]
        waters = [c for c in waters if c.kind in ("river", "sea", "lake")]
        return max(waters, key=lambda c: c.population, default=None)

    # context ------------------------------------------------------------------------------------------------
    def evidence(self, items: Iterable[str | Candidate]) -> Evidence:
        """Evidence from context items: candidates as they are, names resolved without context, demonyms."""
        evidence = Evidence()
        for item in items:
            if isinstance(item, Candidate):
                evidence.add(item)
                continue
            codes = self.rules.demonyms.get(fold(item))
            if codes:
                evidence.demonym_codes |= codes
                continue
            best = self._context_place(item)
            if best is not None:
                evidence.add(best)
        return evidence

    def _context_place(self, name: str) -> Candidate | None:
        key = fold(name)
        if key not in self._context_cache:
            ranked = self.alone(name)
            self._context_cache[key] = ranked[0] if ranked else None
        return self._context_cache[key]

    def alone(self, name: str) -> list[Candidate]:
        """``rank(name)`` with no context, kept for the process (the ranking is a function of the name alone, and
        the typing and the embedded-place rules ask it of the same names in every text)."""
        return list(self._alone_kept.get(name, lambda: tuple(self.rank(name, Evidence(), Evidence()))))

    # ranking ------------------------------------------------------------------------------------------------
    def rank(
        self, name: str, context: Evidence, background: Evidence, qualifier: Evidence | None = None
    ) -> list[Candidate]:
        """Candidates for ``name``, best first, each with its score and feature values."""
        scored: dict[str, Candidate] = {}
        for reading in self.readings(name):
            found = self.raw(reading.key)
            towns = frozenset(
                c.country for c in found if c.kind == "city" and c.population >= ranker.NAMESAKE_TOWN_POPULATION
            )
            for c in found:
                hinted = c.kind in reading.prefer
                capital = c.source_id in self.capitals
                values = ranker.features(c, hinted, reading.river, context, background, qualifier, towns, capital)
                score = ranker.score(values)
                if c.source_id not in scored or scored[c.source_id].score < score:
                    scored[c.source_id] = c.with_score(score, values)
        return sorted(scored.values(), key=lambda c: (-c.score, -c.population, c.source_id))

    # notability ---------------------------------------------------------------------------------------------
    def is_known_place(self, name: str) -> bool:
        """See :func:`chronologue.lib.gazetteer.is_known_place` (kept for the process, a function of the name)."""
        return self._known_kept.get(name, lambda: self._is_known_place(name))

    def _is_known_place(self, name: str) -> bool:
        key = fold(name)
        if not key or key in self.rules.namesakes or key.removeprefix("the ") in self.rules.namesakes:
            return False
        if key in self.rules.region_aliases:
            return False  # an abbreviation ("Pa.", "Miss.") is no evidence that a word is a place
        word = name.strip()
        surname_floor = next((floor for shape, floor in self.rules.surname_shapes if shape.match(word)), None)
        for reading in self.readings(name):
            for c in self.raw(reading.key):
                if c.source_id.startswith("supplement:"):
                    return True
                if surname_floor is not None:
                    if c.main_name and c.population >= surname_floor:
                        return True
                elif c.kind in AREA_KINDS:
                    return True
                elif c.population >= (KNOWN_MAIN_NAME_POPULATION if c.main_name else KNOWN_ALTERNATE_POPULATION):
                    return True
        return False


def _word_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern matching any of ``words`` as whole words, the longest first; None for no words.

    A lookahead for the words' first letters leads it: the engine then tries the alternatives only where one of
    them can start (five times faster on running text than trying each alternative at every position)."""
    ordered = sorted(set(words), key=len, reverse=True)
    if not ordered:
        return None
    firsts = "".join(sorted({re.escape(w[0]) for w in ordered}))
    return re.compile(rf"(?=[{firsts}])\b(?:{'|'.join(re.escape(w) for w in ordered)})\b")


@cached
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded on first use (index, supplement, rules) and shared afterwards."""
    try:
        index = read_index()
    except (OSError, ValueError, EOFError) as exc:
        raise ChronologueError(
            "E301",
            f"the gazetteer index {INDEX_PATH} cannot be read ({exc})",
            "reinstall chronologue, or rebuild the index with: python -m chronologue.lib.gazetteer.build",
        ) from exc
    return Gazetteer(index, rules())
