"""What the pages and the API share: the store, analysing an uploaded article (one at a time, in a worker thread,
with the batch engine's per-document error handling), and the answers as plain dictionaries."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import asdict
from pathlib import PurePath
from typing import cast

from chronologue.corpus import engine, queries
from chronologue.corpus.build import title_of
from chronologue.corpus.store import Store
from chronologue.errors import ChronologueError
from chronologue.lib.timex import calendar
from chronologue.model.story import Story
from chronologue.read import FORMAT_ALIASES

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
UPLOAD_PREFIX = "upload:"
TIMELINE_PAGE = 100  # events of a merged timeline a page shows (a person may have thousands)
CONFLICTS_PAGE = 100  # and at most so many of the conflicts of those events (a wrong merge makes hundreds)
_analysing = threading.Lock()  # the model is large: one analysis at a time


class Refused(Exception):
    """A request the app cannot serve, with the status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def format_of(name: str | None, declared: str | None) -> str:
    """The input format: the one declared, else the file name's suffix, else text."""
    if declared:
        fmt = FORMAT_ALIASES.get(declared.lower())
        if fmt is None:
            raise Refused(422, f"unknown format '{declared}': use text, html or markdown")
        return fmt
    suffix = PurePath(name or "").suffix.lower()
    if name and suffix not in SUFFIXES:
        raise Refused(415, f"{name}: only .txt, .md, .markdown, .html and .htm documents")
    return SUFFIXES.get(suffix, "text")


def analyse(store: Store, data: bytes, name: str, fmt: str, keep: bool) -> tuple[Story, int | None]:
    """Analyse one article; with ``keep`` store it (under ``upload:<name>``) and resolve identities again."""
    if not data.strip():
        raise Refused(422, f"{name}: the document is empty")
    digest = hashlib.sha256(data).hexdigest()
    with _analysing:
        outcome = engine.analyse_batch([engine.Task(0, name, data, fmt, digest)])[0]
    if outcome.problem is not None:
        raise Refused(422, f"{name}: {outcome.problem}")
    story = Story.model_validate_json(cast(str, outcome.story))  # no problem: the story is there
    if not keep:
        return story, None
    document_id = store.put(f"{UPLOAD_PREFIX}{digest[:12]}/{name}", story, title=title_of(story, name))
    store.resolve()
    return story, document_id


def hit(h: queries.Hit) -> dict:
    """A search hit for the API: the snippet as text and where its matched words are."""
    marks, plain, position = [], [], 0
    for index, piece in enumerate(h.snippet.replace(queries.CLOSE, queries.OPEN).split(queries.OPEN)):
        if index % 2:
            marks.append([position, position + len(piece)])
        plain.append(piece)
        position += len(piece)
    return {**asdict(h), "snippet": "".join(plain), "marks": marks}


def identity_summary(i) -> dict:
    return {"id": i.id, "type": i.type, "name": i.name, "aliases": i.aliases, "mentions": i.mentions,
            "documents": i.documents, "confidence": i.confidence, "lat": i.lat, "lon": i.lon}


def person_detail(store: Store, identity_id: str, limit: int = TIMELINE_PAGE, offset: int = 0) -> dict | None:
    """An identity with its members, evidence, and one page of its merged timeline (``limit`` events from
    ``offset``) with the first ``CONFLICTS_PAGE`` conflicts those events are in; ``timeline_total`` and
    ``conflicts_total`` count all."""
    found = queries.identity(store, identity_id)
    if found is None:
        return None
    identity, members = found
    merged = queries.timeline(store, identity_id, found) if identity.type == "PERSON" else None
    events = merged.events[offset:offset + limit] if merged else []
    shown = {f"{e.document}:{e.event}" for e in events}
    return {
        **identity_summary(identity), "evidence": identity.evidence,
        "members": [{"document": d.id, "title": d.title, "path": d.path, "name": m.name, "entity": m.entity_local_id,
                     "mentions": m.mentions} for m, d in members],
        "timeline": [e.model_dump() for e in events],
        "timeline_total": len(merged.events) if merged else 0,
        "conflicts": [{"kind": c.kind, "events": list(c.events), "message": c.message} for c in
                      [c for c in merged.conflicts if shown.intersection(c.events)][:CONFLICTS_PAGE]] if merged else [],
        "conflicts_total": len(merged.conflicts) if merged else 0,
    }


def check_date(value: str | None) -> None:
    """A Refused(422) when a date filter is no date."""
    from chronologue.corpus.dates import bound

    if value:
        try:
            bound(value, last=False)
        except ChronologueError as exc:
            raise Refused(422, exc.problem + (f" ({exc.hint})" if exc.hint else "")) from None


def date_span(date_from: str | None, date_to: str | None) -> tuple[int, int] | None:
    """The day numbers of a range the user typed (None when neither end is), a Refused(422) when it is none."""
    from chronologue.corpus.dates import bound

    if not date_from and not date_to:
        return None
    try:
        first = bound(date_from, last=False) if date_from else calendar.day(calendar.MIN_YEAR)
        last = bound(date_to, last=True) if date_to else calendar.year_span(calendar.MAX_YEAR)[1]
    except ChronologueError as exc:
        raise Refused(422, exc.problem + (f" ({exc.hint})" if exc.hint else "")) from None
    if first > last:
        raise Refused(422, f"the range ends ({date_to}) before it begins ({date_from})")
    return first, last


def zoom_links(first: str | None, last: str | None) -> dict[str, tuple[str, str]]:
    """The ranges of zooming in (the middle half), out (twice as long) and moving half a range either way,
    within the years the calendar holds."""
    from chronologue.corpus.dates import bound

    if first is None or last is None:
        return {}
    low, high = bound(first, last=False), bound(last, last=True)
    floor, ceiling = calendar.day(calendar.MIN_YEAR), calendar.year_span(calendar.MAX_YEAR)[1]
    days, middle = high - low + 1, (low + high) // 2

    def clamp(a: int, b: int) -> tuple[str, str]:
        return calendar.iso(max(floor, a)), calendar.iso(min(ceiling, max(a, b)))

    return {"in": clamp(middle - days // 4, middle + days // 4), "out": clamp(low - days // 2, high + days // 2),
            "earlier": clamp(low - days // 2, high - days // 2), "later": clamp(low + days // 2, high + days // 2)}


CHART_WIDTH, CHART_HEIGHT = 960, 160


def chart(bins: list) -> dict:
    """The bars of the timeline chart (SVG coordinates: x, width, y, height) and a label every tenth bar (its
    year, or its day when the chart spans less than three years)."""
    tallest = max((b.count for b in bins), default=0) or 1
    width = CHART_WIDTH / max(1, len(bins))
    by_year = bool(bins) and int(bins[-1].last[:-6]) - int(bins[0].first[:-6]) >= 3  # label years, else days
    bars = []
    for i, b in enumerate(bins):
        height = round((CHART_HEIGHT - 20) * b.count / tallest, 1) if b.count else 0
        bars.append({"x": round(i * width, 1), "width": round(max(1.0, width - 1), 1), "y": CHART_HEIGHT - 20 - height,
                     "height": height, "first": b.first, "last": b.last, "count": b.count,
                     "label": (b.first[:-6] if by_year else b.first) if i % 10 == 0 else None})
    return {"width": CHART_WIDTH, "height": CHART_HEIGHT, "bars": bars}
