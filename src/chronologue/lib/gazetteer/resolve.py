"""Look-ups: a name (historical, foreign, compound) -> ranked candidates, settled by context and population.

Ranking, never first match. A candidate's score is ``log10(population + 10)`` (a supplement entry's weight
stands in for population), plus:

- +1 for a country or continent, -0.3 when only an alternate name (not the main name) matched;
- +3 when a word around the name hints at the candidate's kind (``the Volga``, ``Kursk Oblast``);
- for ``X-on-the-Y`` forms, up to +6 when the candidate lies by river Y's course (+1 in Y's countries);
- context (places, countries and demonyms named in the same paragraph): +2.5 when the candidate lies in a
  country a place of the context is in or stands for (+1.25 when only a demonym points there: ``French``),
  up to +3 for nearness to a place the context names (<= 100 km; +2 <= 300 km; +1 <= 800 km); background
  (the rest of the document) counts 0.3 of that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from math import log10

from chronologue.errors import ChronologueError
from chronologue.lib.gazetteer.candidate import AREA_KINDS, Candidate
from chronologue.lib.gazetteer.index import INDEX_PATH, GeoIndex, read_index
from chronologue.lib.gazetteer.keys import fold
from chronologue.lib.gazetteer.rules import Rules, rules
from chronologue.lib.gazetteer.supplement import load_supplement
from chronologue.rules import cached

KIND_BONUS = {"country": 1.0, "continent": 1.0, "historical_state": 1.0}
ALTERNATE_PENALTY = 0.3
HINT_BONUS = 3.0
RIVER_BONUS = ((60.0, 6.0), (150.0, 4.0), (300.0, 2.0))
RIVER_COUNTRY_BONUS = 1.0
COUNTRY_BONUS = 2.5
DEMONYM_BONUS = 1.25  # "German troops took X" names the actor more often than X's country
NEAR_BONUS = ((100.0, 3.0), (300.0, 2.0), (800.0, 1.0))
BACKGROUND_WEIGHT = 0.3
MAX_READING_DEPTH = 3
KNOWN_MAIN_NAME_POPULATION = 50_000  # is_known_place: a settlement's main name
KNOWN_ALTERNATE_POPULATION = 100_000  # is_known_place: an alternate name (Lemberg, Danzig)


@dataclass
class Evidence:
    """What context says: country codes of places named, codes of demonyms used, points of settlements named."""

    codes: set[str] = field(default_factory=set)
    points: list[tuple[float, float]] = field(default_factory=list)
    demonym_codes: set[str] = field(default_factory=set)

    def add(self, candidate: Candidate) -> None:
        """Count a place the context names: its countries, and its point when it is no area."""
        self.codes |= candidate.codes
        if candidate.kind not in AREA_KINDS:
            self.points.append((candidate.lat, candidate.lon))

    def score(self, candidate: Candidate) -> float:
        """The bonus this context gives a candidate: a shared country (or a demonym's), and nearness to a point."""
        codes = candidate.codes
        bonus = COUNTRY_BONUS if codes & self.codes else DEMONYM_BONUS if codes & self.demonym_codes else 0.0
        if self.points:
            nearest = min(candidate.distance_km(lat, lon) for lat, lon in self.points)
            bonus += next((b for limit, b in NEAR_BONUS if nearest <= limit), 0.0)
        return bonus


@dataclass(frozen=True)
class Reading:
    """One way to read a name: the key to look up, kinds hinted by the words around it, a river it is on."""

    key: str
    prefer: frozenset[str] = frozenset()
    river: Candidate | None = None


class Gazetteer:
    """The GeoNames index plus the supplement and the name rules."""

    def __init__(self, index: GeoIndex, name_rules: Rules) -> None:
        self.index = index
        self.rules = name_rules
        self.supplement = load_supplement(self._find_town)
        self.country_names = {cc: index.place(i).name for cc, i in index.header["country_places"].items()}
        self._context_cache: dict[str, Candidate | None] = {}

    # raw candidates -----------------------------------------------------------------------------------------
    def _from_index(self, i: int, main_name: bool) -> Candidate:
        p = self.index.place(i)
        return Candidate(
            source_id=f"geonames:{p.geonameid}",
            name=p.name,
            lat=p.lat,
            lon=p.lon,
            kind=p.kind,
            country=p.country,
            population=p.population,
            main_name=main_name,
        )

    def raw(self, key: str) -> list[Candidate]:
        """Every candidate a folded key names (index, supplement, country aliases), unranked, no duplicates."""
        found = self.raw_index(key)
        found += self.supplement.get(key, [])
        alias = self.rules.country_aliases.get(key)
        if alias and alias in self.index.header["country_places"]:
            found.append(self._from_index(self.index.header["country_places"][alias], False))
        unique: dict[str, Candidate] = {}
        for c in found:
            if c.source_id not in unique or (c.main_name and not unique[c.source_id].main_name):
                unique[c.source_id] = c
        return list(unique.values())

    def _find_town(self, name: str, country: str) -> Candidate | None:
        towns = [c for c in self.raw_index(fold(name)) if c.kind == "city" and (not country or c.country == country)]
        return max(towns, key=lambda c: c.population, default=None)

    def raw_index(self, key: str) -> list[Candidate]:
        """The GeoNames candidates of a folded key only."""
        return [self._from_index(i, main) for i, main in self.index.postings(key)]

    # readings -----------------------------------------------------------------------------------------------
    def readings(self, name: str, depth: int = 0, prefer: frozenset[str] = frozenset()) -> list[Reading]:
        """The ways to read a name that find candidates: as written, without affixes, as ``X on river Y``."""
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
            ranked = self.rank(name, Evidence(), Evidence())
            self._context_cache[key] = ranked[0] if ranked else None
        return self._context_cache[key]

    # ranking ------------------------------------------------------------------------------------------------
    def rank(self, name: str, context: Evidence, background: Evidence) -> list[Candidate]:
        """Candidates for ``name``, best first."""
        scored: dict[str, Candidate] = {}
        for reading in self.readings(name):
            for c in self.raw(reading.key):
                score = self._score(c, reading, context, background)
                if c.source_id not in scored or scored[c.source_id].score < score:
                    scored[c.source_id] = c.with_score(score)
        return sorted(scored.values(), key=lambda c: (-c.score, -c.population, c.source_id))

    @staticmethod
    def _score(c: Candidate, reading: Reading, context: Evidence, background: Evidence) -> float:
        score = log10(c.population + 10) + KIND_BONUS.get(c.kind, 0.0)
        if not c.main_name:
            score -= ALTERNATE_PENALTY
        if c.kind in reading.prefer:
            score += HINT_BONUS
        if reading.river is not None:
            river = reading.river
            distance = river.distance_km(c.lat, c.lon)
            score += next((b for limit, b in RIVER_BONUS if distance <= limit), 0.0)
            if c.codes & river.codes:
                score += RIVER_COUNTRY_BONUS
        return score + context.score(c) + BACKGROUND_WEIGHT * background.score(c)

    # notability ---------------------------------------------------------------------------------------------
    def is_known_place(self, name: str) -> bool:
        """See :func:`chronologue.lib.gazetteer.is_known_place`."""
        key = fold(name)
        if not key or key in self.rules.namesakes or key.removeprefix("the ") in self.rules.namesakes:
            return False
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
