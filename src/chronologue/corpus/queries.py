"""Questions to the corpus store, asked the same way by the command line and the API: full text with snippets,
identities with their documents, events and time expressions overlapping a date range (BC included), places in
a box or near a point, and a person's merged timeline with its cross-document conflicts."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import ColumnElement, FromClause, and_, case, column, func, literal, literal_column, or_, select, table
from sqlalchemy.orm import Bundle, defer

from chronologue.corpus import tables as t
from chronologue.corpus.conflicts import Conflict, Dated, conflicts
from chronologue.corpus.dates import bound
from chronologue.corpus.model import TimelineEntry
from chronologue.corpus.resolve import normalised
from chronologue.corpus.store import Store
from chronologue.corpus.within import names_within

OPEN, CLOSE = "\x02", "\x03"  # the marks a snippet's matched words stand between
SNIPPET_WORDS = 16
_WORD = re.compile(r"\w+", re.UNICODE)
EARTH_KM = 6371.0
MAX_WITHIN = 200  # names of places inside a searched place that a word may match besides its own
FTS = table("passages_fts", column("rowid"), column("rank"), column("passages_fts"))  # SQLite FTS5
TSV: ColumnElement[Any] = literal_column("passages.tsv")  # PostgreSQL


@dataclass
class Hit:
    """One passage that matches, or one dated annotation in the range."""

    document: int
    title: str | None
    path: str
    kind: str  # text | quote | name | caption | event | timex
    ref: str | None
    snippet: str  # matched words between OPEN and CLOSE
    earliest: str | None = None
    latest: str | None = None


@dataclass
class Page:
    total: int
    items: list = field(default_factory=list)


def _range(date_from: str | None, date_to: str | None) -> tuple[int, int] | None:
    if not date_from and not date_to:
        return None
    first = bound(date_from, last=False) if date_from else -10**9
    last = bound(date_to, last=True) if date_to else 10**9
    return first, last


def _overlaps(table, span: tuple[int, int]):
    return and_(table.earliest_day.is_not(None), table.earliest_day <= span[1], table.latest_day >= span[0])


def _alternatives(words: list[str], store: Store | None = None) -> list[list[tuple[str, ...]]]:
    """Each word's forms, any of which may match: as typed, folded like the names (Орлов, Orłow and Orloff all
    fold to orlov), and with ``store`` the names of the places inside the place it names (``within``); a form
    is a phrase (a tuple of words). When all the words together name a place with places inside, they are one
    phrase."""
    def inside(name: str) -> list[tuple[str, ...]]:
        forms: list[tuple[str, ...]] = []
        for found in (names_within(store, name)[:MAX_WITHIN] if store is not None else []):
            forms += [tuple(_WORD.findall(found)), tuple(_WORD.findall(normalised(found)))]
        return forms

    whole = inside(" ".join(words)) if len(words) > 1 else []
    if whole:  # the words together name a place (Soviet Union): one phrase, or a place inside
        return [list(dict.fromkeys([tuple(words), tuple(_WORD.findall(normalised(" ".join(words)))), *whole]))]
    groups = []
    for w in words:
        forms = [(w,), *((f,) for f in _WORD.findall(normalised(w)) if f), *inside(w)]
        groups.append(list(dict.fromkeys(f for f in forms if f)))
    return groups


def _fts_sqlite(forms: list[list[tuple[str, ...]]]) -> str:
    """An FTS5 query: every word (any of its forms), each form a quoted string (a phrase), so no operator a user
    types reaches FTS5."""
    return " AND ".join("(" + " OR ".join('"' + " ".join(f) + '"' for f in alts) + ")" for alts in forms)


def _tsquery(forms: list[list[tuple[str, ...]]]) -> str:
    """A PostgreSQL tsquery of the same (words are letters and digits only; a phrase's words follow each other)."""
    return " & ".join("(" + " | ".join("(" + " <-> ".join(f) + ")" for f in alts) + ")" for alts in forms)


def search(store: Store, q: str = "", date_from: str | None = None, date_to: str | None = None,
           kinds: Sequence[str] | None = None, limit: int = 20, offset: int = 0, within: bool = True) -> Page:
    """Passages matching every word of ``q`` (best first) in documents with an event or time expression in the
    date range; with no words, the events and time expressions in the range themselves. With ``within``, a word
    naming a place also matches the places inside it (``corpus.within``)."""
    span = _range(date_from, date_to)
    words = _WORD.findall(q or "")[:20]
    with store.session() as session:
        if not words:
            if span is None:
                return Page(0)
            return _dated(session, span, limit, offset)
        score: ColumnElement[Any]
        joined: FromClause
        forms = _alternatives(words, store if within else None)
        if store.dialect == "sqlite":
            match = FTS.c.passages_fts.op("MATCH")(_fts_sqlite(forms))
            snippet = func.snippet(literal_column("passages_fts"), 0, OPEN, CLOSE, "…", SNIPPET_WORDS)
            score, joined = FTS.c.rank, t.Passage.__table__.join(FTS, FTS.c.rowid == t.Passage.id)
        else:
            query = func.to_tsquery("english", _tsquery(forms))
            options = f"StartSel={OPEN}, StopSel={CLOSE}, MaxWords={SNIPPET_WORDS}, MinWords=6"
            match, score, joined = TSV.op("@@")(query), -func.ts_rank(TSV, query), t.Passage.__table__
            snippet = func.ts_headline("english", t.Passage.body, query, options)
        where = [match]
        if kinds:
            where.append(t.Passage.kind.in_(kinds))
        if span is not None:
            where.append(_in_range(span))
        # counted without snippets; snippets drawn for the page's rows only
        total = session.scalar(select(func.count()).select_from(joined).where(*where)) or 0
        page = (select(t.Passage.id, score.label("score")).select_from(joined).where(*where)
                .order_by(score, t.Passage.id).limit(limit).offset(offset)).subquery()
        shown = case((t.Passage.kind == "name", t.Passage.body), else_=snippet)  # a name: all its forms
        rows = session.execute(
            select(t.Passage.document_id, t.Document.title, t.Document.path, t.Passage.kind, t.Passage.ref, shown)
            .select_from(joined).join(page, page.c.id == t.Passage.id)
            .join(t.Document, t.Document.id == t.Passage.document_id)
            .where(match).order_by(page.c.score, t.Passage.id))
        return Page(total, [Hit(*row) for row in rows])


def _in_range(span: tuple[int, int]):
    """A passage speaks of the range: a time expression or an event inside it is dated there (a name: its
    document has one anywhere)."""
    def inside(table, start, end):
        where = [table.document_id == t.Passage.document_id, _overlaps(table, span)]
        return select(table.id).where(*where, or_(t.Passage.start.is_(None),
                                                  and_(start >= t.Passage.start, end <= t.Passage.end))).exists()

    return or_(inside(t.Timex, t.Timex.start, t.Timex.end),
               inside(t.Event, t.Event.trigger_start, t.Event.trigger_end))


def _dated(session, span: tuple[int, int], limit: int, offset: int) -> Page:
    events = select(t.Event.document_id.label("document"), literal("event").label("kind"),
                    t.Event.local_id.label("ref"), t.Event.sentence.label("snippet"), t.Event.earliest, t.Event.latest,
                    t.Event.earliest_day.label("day")).where(_overlaps(t.Event, span))
    timexes = select(t.Timex.document_id, literal("timex"), t.Timex.local_id, t.Timex.text, t.Timex.earliest,
                     t.Timex.latest, t.Timex.earliest_day).where(_overlaps(t.Timex, span))
    both = events.union_all(timexes).subquery()
    total = session.scalar(select(func.count()).select_from(both)) or 0
    rows = session.execute(
        select(both.c.document, t.Document.title, t.Document.path, both.c.kind, both.c.ref, both.c.snippet,
               both.c.earliest, both.c.latest).join(t.Document, t.Document.id == both.c.document)
        .order_by(both.c.day, both.c.document, both.c.ref).limit(limit).offset(offset))
    return Page(total, [Hit(*row) for row in rows])


def identities(store: Store, type_: str | None = None, q: str = "", limit: int = 50, offset: int = 0) -> Page:
    """Identities, most mentioned first, of one type and with a name or alias containing ``q`` when given."""
    with store.session() as session:
        query = select(t.Identity)
        if type_:
            query = query.where(t.Identity.type == type_)
        if q.strip():
            like = f"%{q.strip().lower()}%"
            named = select(t.IdentityMember.identity_id).where(func.lower(t.IdentityMember.name).like(like))
            query = query.where(or_(func.lower(t.Identity.name).like(like), t.Identity.id.in_(named)))
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        return Page(total, list(session.scalars(query.order_by(t.Identity.rank).limit(limit).offset(offset))))


def identity(store: Store, identity_id: str) -> tuple[t.Identity, list[tuple[t.IdentityMember, t.Document]]] | None:
    """One identity and its members with their documents, or None."""
    with store.session() as session:
        found = session.get(t.Identity, identity_id)
        if found is None:
            return None
        members = session.execute(select(t.IdentityMember, t.Document).options(defer(t.Document.story))
                                  .join(t.Document, t.Document.id == t.IdentityMember.document_id)
                                  .where(t.IdentityMember.identity_id == identity_id)
                                  .order_by(t.Document.path, t.IdentityMember.id)).all()
        return found, cast(list[tuple[t.IdentityMember, t.Document]], [tuple(m) for m in members])


def places(store: Store, bbox: tuple[float, float, float, float] | None = None,
           near: tuple[float, float, float] | None = None, limit: int = 500) -> list[t.Identity]:
    """Located places: inside ``bbox`` (south, west, north, east; west > east crosses the antimeridian) and/or
    within ``near`` (lat, lon, km) of a point, nearest first then; most mentioned first otherwise."""
    with store.session() as session:
        query = select(t.Identity).where(t.Identity.type == "PLACE", t.Identity.lat.is_not(None))
        if bbox is not None:
            south, west, north, east = bbox
            query = query.where(t.Identity.lat.between(south, north))
            query = query.where(t.Identity.lon.between(west, east) if west <= east
                                else or_(t.Identity.lon >= west, t.Identity.lon <= east))
        if near is None:
            return list(session.scalars(query.order_by(t.Identity.rank).limit(limit)))
        lat, lon, km = near
        reach = km / 111.0  # a box first (degrees of latitude), then the great-circle distance
        query = query.where(t.Identity.lat.between(lat - reach, lat + reach))
        # the query keeps located places only, so both coordinates are set
        found = [(distance_km(lat, lon, cast(float, p.lat), cast(float, p.lon)), p) for p in session.scalars(query)]
        return [p for d, p in sorted(found, key=lambda pair: (pair[0], pair[1].rank)) if d <= km][:limit]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance of two points (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class PersonTimeline:
    events: list[TimelineEntry]
    conflicts: list[Conflict]
    documents: dict[str, tuple[int, str | None, str]]  # d3 -> (id, title, path)


def timeline(store: Store, identity_id: str, found: tuple | None = None) -> PersonTimeline | None:
    """A person's merged timeline over their documents, read from the rows (sorted as
    ``resolve.merged_timeline`` sorts: earliest then latest bound, undated last, then document and story order),
    and its conflicts. ``found``: what ``identity`` gave for it, when the caller has it already."""
    found = found or identity(store, identity_id)
    if found is None:
        return None
    members = found[1]
    documents = {f"d{d.id}": (d.id, d.title, d.path) for _, d in members}
    order = {key: index for index, key in enumerate(documents)}
    owner = {(m.document_id, m.entity_local_id): index for index, (m, _) in enumerate(members)}
    ids = [value[0] for value in documents.values()]
    with store.session() as session:
        steps = session.execute(  # the steps of this identity's members only, and the columns used only
            select(t.TimelineStep.document_id, t.TimelineStep.entity_local_id, t.TimelineStep.position,
                   Bundle("event", t.Event.local_id, t.Event.predicate, t.Event.sentence, t.Event.earliest,
                          t.Event.latest, t.Event.place, t.Event.basis))
            .join(t.Event, and_(t.Event.document_id == t.TimelineStep.document_id,
                                t.Event.local_id == t.TimelineStep.event_local_id))
            .join(t.IdentityMember, and_(t.IdentityMember.document_id == t.TimelineStep.document_id,
                                         t.IdentityMember.entity_local_id == t.TimelineStep.entity_local_id))
            .where(t.IdentityMember.identity_id == found[0].id, t.TimelineStep.document_id.in_(ids))).all()
        names: dict[tuple[int, str | None], str] = dict(((doc, local), name) for doc, local, name in session.execute(
            select(t.Entity.document_id, t.Entity.local_id, t.Entity.name).where(t.Entity.document_id.in_(ids),
                                                                                t.Entity.type == "PLACE")))
        place_of: dict[tuple[int, str | None], str] = dict(((doc, local), pid) for doc, local, pid in session.execute(
            select(t.IdentityMember.document_id, t.IdentityMember.entity_local_id, t.IdentityMember.identity_id)
            .join(t.Identity, t.Identity.id == t.IdentityMember.identity_id)
            .where(t.Identity.type == "PLACE", t.IdentityMember.document_id.in_(ids))))
    steps = sorted((s for s in steps if (s[0], s[1]) in owner), key=lambda s: (owner[(s[0], s[1])], s[2]))
    rows, seen = [], set()
    for document_id, entity, position, event in steps:
        if (document_id, event.local_id) in seen:
            continue
        seen.add((document_id, event.local_id))
        key = f"d{document_id}"
        entry = TimelineEntry(document=key, event=event.local_id, entity=entity, predicate=event.predicate,
                              sentence=event.sentence, earliest=event.earliest, latest=event.latest,
                              place=names.get((document_id, event.place)),
                              place_id=place_of.get((document_id, event.place)), basis=event.basis)
        rows.append(((event.earliest is None, event.earliest or "", event.latest or "", order[key], position),
                     entry))
    merged = [entry for _, entry in sorted(rows, key=lambda row: row[0])]
    dated = [Dated(key=f"{e.document}:{e.event}", predicate=e.predicate, earliest=e.earliest, latest=e.latest,
                   place=e.place_id or e.place, document=documents[e.document][2]) for e in merged]
    return PersonTimeline(merged, conflicts(dated), documents)
