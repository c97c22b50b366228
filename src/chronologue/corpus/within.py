"""Place containment for search: a word that names a place also finds the places the corpus names inside it
(``Berlin`` finds the documents that name Tempelhof), by the gazetteer's rule (``lib.gazetteer.within``).

The searched place is what the corpus's documents meant by that name (their place entities' gazetteer ids) and,
when the name is a notable place, the gazetteer's own reading of it; what lies inside is every place entity of
the store whose gazetteer entry that place contains, found by the names the documents wrote it with.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from sqlalchemy import func, select

from chronologue.corpus import tables as t
from chronologue.corpus.store import Store
from chronologue.lib.gazetteer import Candidate, fold, notable_place_id
from chronologue.lib.gazetteer.within import contains, place

_cache: dict[int, tuple[int | None, dict[str, frozenset[str]]]] = {}  # id(engine) -> (newest entity id, names)
_lock = threading.Lock()


def _place_names(store: Store) -> dict[str, frozenset[str]]:
    """Gazetteer id -> the names the documents give that place (kept until an entity is written again)."""
    with store.session() as session:
        newest = session.scalar(select(func.max(t.Entity.id)))
        key = id(store.engine)
        with _lock:
            kept = _cache.get(key)
        if kept is not None and kept[0] == newest:
            return kept[1]
        names: dict[str, set[str]] = {}
        rows = session.execute(select(t.Entity.geo_source, t.Entity.name).distinct()
                               .where(t.Entity.type == "PLACE", t.Entity.geo_source.is_not(None)))
        for source, name in rows:
            names.setdefault(source, set()).add(name)
    table = {source: frozenset(found) for source, found in names.items()}
    with _lock:
        _cache[key] = (newest, table)
    return table


def warm() -> None:
    """Load the gazetteer and its id table now (a server does it at start, so no search waits for them)."""
    _place("geonames:0")
    notable_place_id("Berlin")


@lru_cache(maxsize=8192)
def _place(source: str) -> Candidate | None:
    return place(source)


def names_within(store: Store, word: str) -> list[str]:
    """The names, as the documents write them, of the places inside the place ``word`` names (none when it
    names no place, or nothing of the corpus lies inside it)."""
    folded = fold(word)
    if not folded:
        return []
    table = _place_names(store)
    sources = {s for s, names in table.items() if any(fold(n) == folded for n in names)}
    notable = notable_place_id(word)
    if notable is not None:
        sources.add(notable)
    outers = [p for p in (_place(s) for s in sources) if p is not None]
    if not outers:
        return []
    inside: set[str] = set()
    for source, names in table.items():
        inner = _place(source)
        if source not in sources and inner is not None and any(contains(o, inner) for o in outers):
            inside |= names
    return sorted(inside)
