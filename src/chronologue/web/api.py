"""The JSON API (its schema at ``/openapi.json``): search, identities, places, documents, analysis, corrections."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathPart
from fastapi.responses import Response
from pydantic import BaseModel, Field

from chronologue.corpus import queries
from chronologue.corpus.chronology import BINS, corpus_timeline
from chronologue.corpus.corrections import Fix
from chronologue.errors import ChronologueError
from chronologue.export import exporter
from chronologue.web import service
from chronologue.web.service import Refused

router = APIRouter(prefix="/api", tags=["api"])
TYPES = Literal["PERSON", "PLACE", "ORG", "GROUP", "EVENT", "WORK", "LAW", "MISC"]
MAX_TEXT = 2_000_000


class HitOut(BaseModel):
    document: int
    title: str | None
    path: str
    kind: str
    ref: str | None
    snippet: str
    marks: list[list[int]] = Field(description="[start, end) of each matched word in the snippet")
    earliest: str | None = None
    latest: str | None = None


class SearchOut(BaseModel):
    total: int
    hits: list[HitOut]


class IdentityOut(BaseModel):
    id: str
    type: str
    name: str
    aliases: list[str]
    mentions: int
    documents: int
    confidence: float
    lat: float | None = None
    lon: float | None = None


class IdentitiesOut(BaseModel):
    total: int
    items: list[IdentityOut]


class MemberOut(BaseModel):
    document: int
    title: str | None
    path: str
    name: str
    entity: str
    mentions: int


class ConflictOut(BaseModel):
    kind: str
    events: list[str]
    message: str


class PersonOut(IdentityOut):
    evidence: list[dict[str, Any]]
    members: list[MemberOut]
    timeline: list[dict[str, Any]] = Field(description="one page of the merged timeline (limit, offset)")
    timeline_total: int
    conflicts: list[ConflictOut] = Field(description="the conflicts the page's events are in")
    conflicts_total: int


class BinOut(BaseModel):
    first: str
    last: str
    count: int = Field(description="events that begin in the bin")


class TimelineEventOut(BaseModel):
    document: int
    title: str | None
    event: str
    predicate: str
    sentence: str
    earliest: str | None
    latest: str | None
    people: list[tuple[str, str]] = Field(description="[identity id, name] of each participant")


class TimelineOut(BaseModel):
    first: str | None
    last: str | None
    bins: list[BinOut]
    total: int = Field(description="events overlapping the range")
    events: list[TimelineEventOut]


class AnalyzeIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    format: Literal["text", "markdown", "html"] = "text"
    name: str = Field(default="pasted.txt", min_length=1, max_length=200, pattern=r"^[^/\\\x00-\x1f]+$")
    store: bool = False


class AnalyzeOut(BaseModel):
    document: int | None
    story: dict[str, Any]


class MemberRef(BaseModel):
    path: str = Field(min_length=1, max_length=4096)
    name: str = Field(min_length=1, max_length=500)


class AnnotationRef(BaseModel):
    path: str = Field(min_length=1, max_length=4096)
    kind: Literal["entity", "event", "quote", "claim", "timex"]
    id: str = Field(min_length=1, max_length=32)


class CorrectionIn(BaseModel):
    kind: Literal["merge", "split", "type", "pin", "reject"]
    target: MemberRef | AnnotationRef
    other: MemberRef | None = None
    value: dict[str, Any] | None = None
    author: str = Field(min_length=1, max_length=128)


class CorrectionOut(BaseModel):
    id: int
    kind: str
    target: dict[str, Any]
    other: dict[str, Any] | None
    value: dict[str, Any] | None
    author: str
    created_at: str


def _store(request: Request):
    return request.app.state.store


Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]


@router.get("/search", response_model=SearchOut)
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "",
           date_from: Annotated[str | None, Query(alias="from", max_length=32)] = None,
           date_to: Annotated[str | None, Query(alias="to", max_length=32)] = None,
           kind: Annotated[list[Literal["text", "quote", "name", "caption"]] | None, Query()] = None,
           limit: Limit = 20, offset: Offset = 0, within: bool = True) -> dict:
    """Full text (every word, names in any script) with snippets, in passages dated in the range; with no words,
    the events and time expressions in the range. Dates: 1943, 1943-06, 1943-06-22, 44 BC. With ``within``
    (the default) a place's name also finds the places inside it (Berlin: Tempelhof)."""
    service.check_date(date_from)
    service.check_date(date_to)
    page = queries.search(_store(request), q, date_from, date_to, kind, limit, offset, within)
    return {"total": page.total, "hits": [service.hit(h) for h in page.items]}


@router.get("/people", response_model=IdentitiesOut)
def people(request: Request, type: TYPES | None = "PERSON", q: Annotated[str, Query(max_length=200)] = "",  # noqa: A002
           limit: Limit = 50, offset: Offset = 0) -> dict:
    """People (or another type) across documents, most mentioned first."""
    page = queries.identities(_store(request), type, q, limit, offset)
    return {"total": page.total, "items": [service.identity_summary(i) for i in page.items]}


@router.get("/people/{identity_id}", response_model=PersonOut, responses={404: {"description": "No such identity"}})
def person(request: Request, identity_id: Annotated[str, PathPart(max_length=16)],
           limit: Annotated[int, Query(ge=1, le=1000)] = service.TIMELINE_PAGE, offset: Offset = 0) -> dict:
    """One identity: its members and evidence, and for a person one page of the merged timeline (``limit``
    events from ``offset``) with the conflicts of those events."""
    found = service.person_detail(_store(request), identity_id, limit, offset)
    if found is None:
        raise Refused(404, f"no identity {identity_id}")
    return found


@router.get("/timeline", response_model=TimelineOut)
def timeline(request: Request, date_from: Annotated[str | None, Query(alias="from", max_length=32)] = None,
             date_to: Annotated[str | None, Query(alias="to", max_length=32)] = None,
             bins: Annotated[int, Query(ge=1, le=500)] = BINS, limit: Limit = 50, offset: Offset = 0) -> dict:
    """The corpus timeline over a range (the whole corpus's when none is given): how many events begin in each
    of ``bins`` equal parts, and the events overlapping it in date order with their people and document."""
    found = corpus_timeline(_store(request), service.date_span(date_from, date_to), bins, limit, offset)
    return asdict(found)


@router.get("/places", response_model=list[IdentityOut])
def places(request: Request,
           south: Annotated[float | None, Query(ge=-90, le=90)] = None,
           west: Annotated[float | None, Query(ge=-180, le=180)] = None,
           north: Annotated[float | None, Query(ge=-90, le=90)] = None,
           east: Annotated[float | None, Query(ge=-180, le=180)] = None,
           lat: Annotated[float | None, Query(ge=-90, le=90)] = None,
           lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
           km: Annotated[float | None, Query(gt=0, le=20_000)] = None,
           limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> list[dict]:
    """Located places: in a box (south, west, north, east) and/or within km of a point (lat, lon)."""
    box = None
    if south is not None and west is not None and north is not None and east is not None:
        if south > north:
            raise Refused(422, "south is north of north")
        box = (south, west, north, east)
    elif any(v is not None for v in (south, west, north, east)):
        raise Refused(422, "a box needs south, west, north and east")
    point = None
    if lat is not None and lon is not None and km is not None:
        point = (lat, lon, km)
    elif any(v is not None for v in (lat, lon, km)):
        raise Refused(422, "near a point needs lat, lon and km")
    found = queries.places(_store(request), box, point, limit)
    return [service.identity_summary(p) for p in found]


@router.get("/documents/{document_id}", responses={200: {"content": {"application/json": {}}}, 404: {}})
def document(request: Request, document_id: Annotated[int, PathPart(ge=1, le=2**62)]) -> Response:
    """A document's story (chronologue.story/1) with the corrections applied."""
    found = _store(request).story(document_id)
    if found is None:
        raise Refused(404, f"no document {document_id}")
    return Response(exporter("json").render(found[1]), media_type="application/json")


@router.post("/analyze", response_model=AnalyzeOut)
def analyze(request: Request, body: AnalyzeIn) -> dict:
    """Analyse an article (and, with ``store``, add it to the corpus)."""
    story, document_id = service.analyse(_store(request), body.text.encode("utf-8"), body.name,
                                         service.format_of(None, body.format), body.store)
    return {"document": document_id, "story": story.model_dump(mode="json", by_alias=True)}


@router.get("/corrections", response_model=list[CorrectionOut])
def corrections(request: Request) -> list[dict]:
    """Every correction with who made it and when, oldest first."""
    return [_fix_out(f) for f in _store(request).corrections()]


@router.post("/corrections", response_model=CorrectionOut, status_code=201)
def correct(request: Request, body: CorrectionIn) -> dict:
    """Keep a correction; it applies now and on every re-analysis."""
    fix = Fix(kind=body.kind, target=body.target.model_dump(), other=body.other.model_dump() if body.other else None,
              value=body.value, author=body.author)
    try:
        return _fix_out(_store(request).correct(fix))
    except ChronologueError as exc:
        raise Refused(422, exc.problem) from None


def _fix_out(fix: Fix) -> dict:
    return {"id": fix.id, "kind": fix.kind, "target": fix.target, "other": fix.other, "value": fix.value,
            "author": fix.author, "created_at": fix.created_at}
