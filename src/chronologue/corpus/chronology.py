"""The corpus timeline: the dated events of every document in a date range, as counts in equal bins over the
range (what a zoomable chart draws) and one page of the events themselves with their people and document."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from chronologue.corpus import tables as t
from chronologue.corpus.store import Store
from chronologue.lib.timex import calendar

BINS = 60
MIN_DAYS = 1


@dataclass
class Bin:
    first: str  # ISO days, the bin's first and last
    last: str
    count: int


@dataclass
class TimelineEvent:
    document: int
    title: str | None
    event: str
    predicate: str
    sentence: str
    earliest: str | None
    latest: str | None
    people: list[tuple[str, str]] = field(default_factory=list)  # (identity id, name) of its participants


@dataclass
class CorpusTimeline:
    first: str | None  # the range shown (the whole corpus's when none was asked)
    last: str | None
    bins: list[Bin]  # the events that begin in each bin
    total: int  # every event overlapping the range (some began before it)
    events: list[TimelineEvent]


def _extent(session) -> tuple[int, int] | None:
    low, high = session.execute(select(func.min(t.Event.earliest_day), func.max(t.Event.latest_day))).one()
    return (low, high) if low is not None and high is not None else None


def corpus_timeline(store: Store, span: tuple[int, int] | None = None, bins: int = BINS, limit: int = 50,
                    offset: int = 0) -> CorpusTimeline:
    """Events overlapping ``span`` (day numbers, inclusive; the corpus's whole extent when None): how many begin
    in each of ``bins`` equal parts of it, how many overlap it, and ``limit`` of those from ``offset`` in date
    order."""
    with store.session() as session:
        if span is None:
            span = _extent(session)
            if span is None:
                return CorpusTimeline(None, None, [], 0, [])
        first, last = span
        days = max(MIN_DAYS, last - first + 1)
        overlapping = [t.Event.earliest_day.is_not(None), t.Event.earliest_day <= last, t.Event.latest_day >= first]
        slot = ((t.Event.earliest_day - first) * bins) // days
        counts = dict(session.execute(select(slot, func.count()).where(*overlapping, t.Event.earliest_day >= first)
                                      .group_by(slot)).all())
        total = session.scalar(select(func.count()).select_from(t.Event).where(*overlapping)) or 0
        edges = [first + (days * i) // bins for i in range(bins + 1)]
        shown = [Bin(calendar.iso(edges[i]), calendar.iso(max(edges[i], edges[i + 1] - 1)),
                     int(counts.get(i, 0))) for i in range(bins) if edges[i + 1] > edges[i]]
        rows = session.execute(
            select(t.Event, t.Document.title).join(t.Document, t.Document.id == t.Event.document_id)
            .where(*overlapping).order_by(t.Event.earliest_day, t.Event.latest_day, t.Event.document_id, t.Event.id)
            .limit(limit).offset(offset)).all()
        wanted = {(e.document_id, p.get("entity")) for e, _ in rows for p in e.participants or []}
        who: dict[tuple[int, str], tuple[str, str]] = {}
        if wanted:
            for document_id, local_id, identity_id, name in session.execute(
                    select(t.IdentityMember.document_id, t.IdentityMember.entity_local_id, t.Identity.id,
                           t.Identity.name).join(t.Identity, t.Identity.id == t.IdentityMember.identity_id)
                    .where(t.IdentityMember.document_id.in_({d for d, _ in wanted}))):
                if (document_id, local_id) in wanted:
                    who[(document_id, local_id)] = (identity_id, name)
        events = []
        for event, title in rows:
            people = list(dict.fromkeys(who[(event.document_id, p.get("entity"))] for p in event.participants or []
                                        if (event.document_id, p.get("entity")) in who))
            events.append(TimelineEvent(event.document_id, title, event.local_id, event.predicate, event.sentence,
                                        event.earliest, event.latest, people))
    return CorpusTimeline(calendar.iso(first), calendar.iso(last), shown, total, events)
