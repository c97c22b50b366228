"""The HTML pages (Jinja templates, every value escaped): home (paste or upload an article), people, a person,
places, search, a document's report, and the correction forms."""

from __future__ import annotations

import base64
import hashlib
import math
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi import Path as PathPart
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from chronologue.corpus import queries
from chronologue.corpus import tables as t
from chronologue.corpus.chronology import corpus_timeline
from chronologue.corpus.corrections import TYPES, Fix
from chronologue.errors import ChronologueError
from chronologue.export import exporter
from chronologue.export.report.page import asset
from chronologue.web import service
from chronologue.web.service import Refused

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("chronologue.web") / "templates"))
PER_PAGE = 50
TYPE_NAMES = {"PERSON": "People", "PLACE": "Places", "ORG": "Organisations", "GROUP": "Groups", "EVENT": "Events",
              "WORK": "Works", "LAW": "Laws", "MISC": "Other"}


def marked(snippet: str) -> Markup:
    """A snippet escaped, its matched words in <mark>."""
    return Markup(str(escape(snippet)).replace(queries.OPEN, "<mark>").replace(queries.CLOSE, "</mark>"))


templates.env.filters["marked"] = marked


def report_policy() -> str:
    """The policy of a report page: its inlined style, and its script by hash (as the report's meta tag says)."""
    digest = "sha256-" + base64.b64encode(hashlib.sha256(asset("report.js").encode("utf-8")).digest()).decode()
    return (f"default-src 'none'; style-src 'unsafe-inline'; script-src '{digest}'; img-src data:; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def _page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"types": TYPE_NAMES, **context}, status_code=status)


def _store(request: Request):
    return request.app.state.store


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    store = _store(request)
    with store.session() as session:
        documents = session.query(t.Document.id, t.Document.title, t.Document.path).order_by(t.Document.path).limit(
            PER_PAGE).all()
    stats = {"documents": store.count(t.Document), "identities": store.count(t.Identity)}
    return _page(request, "home.html", documents=documents, stats=stats)


@router.post("/analyze")
async def analyze(request: Request, text: Annotated[str, Form(max_length=2_000_000)] = "",
                  file: Annotated[UploadFile | None, File()] = None,
                  fmt: Annotated[str, Form(alias="format", max_length=16)] = "",
                  keep: Annotated[str, Form(max_length=8)] = "") -> Response:
    if file is not None and file.filename:
        data, name = await file.read(), file.filename.replace("/", "_").replace("\\", "_")[:200]
        source = service.format_of(name, fmt or None)
    else:
        data, name, source = text.encode("utf-8"), "pasted.txt", service.format_of(None, fmt or "text")
    from starlette.concurrency import run_in_threadpool

    story, document_id = await run_in_threadpool(service.analyse, _store(request), data, name, source, bool(keep))
    if document_id is not None:
        return RedirectResponse(f"/documents/{document_id}", status_code=303)
    return HTMLResponse(exporter("html").render(story), headers={"content-security-policy": report_policy()})


@router.get("/people", response_class=HTMLResponse)
def people(request: Request, type: Annotated[str, Query(max_length=16)] = "PERSON",  # noqa: A002
           q: Annotated[str, Query(max_length=200)] = "", page: Annotated[int, Query(ge=1, le=100_000)] = 1):
    if type not in TYPE_NAMES:
        raise Refused(404, f"no type {type}")
    found = queries.identities(_store(request), type, q, PER_PAGE, (page - 1) * PER_PAGE)
    pages = max(1, math.ceil(found.total / PER_PAGE))
    return _page(request, "people.html", found=found, type=type, q=q, page=page, pages=pages)


@router.get("/people/{identity_id}", response_class=HTMLResponse)
def person(request: Request, identity_id: Annotated[str, PathPart(max_length=16)],
           page: Annotated[int, Query(ge=1, le=100_000)] = 1):
    per_page = service.TIMELINE_PAGE
    detail = service.person_detail(_store(request), identity_id, per_page, (page - 1) * per_page)
    if detail is None:
        raise Refused(404, "No such person, place or organisation in this corpus.")
    places = {}
    for entry in detail["timeline"]:
        if entry["place_id"] and entry["place_id"] not in places:
            found = queries.identity(_store(request), entry["place_id"])
            if found and found[0].lat is not None:
                places[entry["place_id"]] = {"name": found[0].name, "lat": found[0].lat, "lon": found[0].lon}
    route = [places[e["place_id"]] for e in detail["timeline"] if e["place_id"] in places]
    if detail["lat"] is not None:
        route = route or [{"name": detail["name"], "lat": detail["lat"], "lon": detail["lon"]}]
    flagged = {key for conflict in detail["conflicts"] for key in conflict["events"]}
    pages = max(1, math.ceil(detail["timeline_total"] / per_page))
    return _page(request, "person.html", p=detail, route=route, kinds=TYPES, flagged=flagged, page=page,
                 per_page=per_page, pages=pages)


@router.get("/places", response_class=HTMLResponse)
def places(request: Request):
    found = queries.places(_store(request), limit=5000)
    points = [{"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "documents": p.documents} for p in found]
    return _page(request, "places.html", points=points)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "",
           date_from: Annotated[str, Query(alias="from", max_length=32)] = "",
           date_to: Annotated[str, Query(alias="to", max_length=32)] = "",
           kind: Annotated[str, Query(max_length=16)] = "", page: Annotated[int, Query(ge=1, le=100_000)] = 1):
    error, found = None, None
    if q.strip() or date_from or date_to:
        try:
            kinds = [kind] if kind in ("text", "quote", "name", "caption") else None
            found = queries.search(_store(request), q, date_from or None, date_to or None, kinds, PER_PAGE,
                                   (page - 1) * PER_PAGE)
        except ChronologueError as exc:
            error = exc.problem + (f" ({exc.hint})" if exc.hint else "")
    pages = max(1, math.ceil(found.total / PER_PAGE)) if found else 1
    return _page(request, "search.html", status=422 if error else 200, q=q, date_from=date_from,
                 date_to=date_to, kind=kind, found=found, error=error, page=page, pages=pages)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, date_from: Annotated[str, Query(alias="from", max_length=32)] = "",
             date_to: Annotated[str, Query(alias="to", max_length=32)] = "",
             page: Annotated[int, Query(ge=1, le=100_000)] = 1):
    """The corpus timeline: a chart of the events of every document over the range (a bar zooms to its part, the
    wheel or a drag zooms with ``timeline.js``) and the events of the range with their people and document."""
    try:
        span = service.date_span(date_from, date_to)
    except Refused as exc:
        return _page(request, "timeline.html", status=422, error=exc.message, found=None, date_from=date_from,
                     date_to=date_to, zoom={}, page=1, pages=1, chart=None)
    found = corpus_timeline(_store(request), span, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    pages = max(1, math.ceil(found.total / PER_PAGE))
    return _page(request, "timeline.html", found=found, date_from=date_from or found.first or "",
                 date_to=date_to or found.last or "", zoom=service.zoom_links(found.first, found.last), page=page,
                 pages=pages, chart=service.chart(found.bins), error=None)


@router.get("/documents/{document_id}")
def document(request: Request, document_id: Annotated[int, PathPart(ge=1, le=2**62)]) -> Response:
    found = _store(request).story(document_id)
    if found is None:
        raise Refused(404, "No such document in this corpus.")
    return HTMLResponse(exporter("html").render(found[1]), headers={"content-security-policy": report_policy()})


@router.post("/corrections")
def correct(request: Request, identity: Annotated[str, Form(max_length=16)],
            kind: Annotated[str, Form(max_length=16)], author: Annotated[str, Form(max_length=128)] = "",
            member: Annotated[int, Form(ge=0, le=100_000)] = 0, other: Annotated[str, Form(max_length=16)] = "",
            new_type: Annotated[str, Form(max_length=16)] = "", lat: Annotated[str, Form(max_length=32)] = "",
            lon: Annotated[str, Form(max_length=32)] = "", event: Annotated[str, Form(max_length=80)] = "") -> Response:
    """The forms of the person page: each names the identity and, where it matters, one of its members."""
    store = _store(request)
    found = queries.identity(store, identity)
    if found is None or not found[1]:
        raise Refused(404, "No such person, place or organisation in this corpus.")
    members = found[1]
    if member >= len(members):
        raise Refused(422, "no such member")
    chosen, document = members[member]
    target = {"path": document.path, "name": chosen.name}
    fix = Fix(kind=kind, target=target, author=author)
    if kind == "merge":
        partner = queries.identity(store, other.strip())
        if partner is None or not partner[1]:
            raise Refused(422, f"no identity {other} to merge with")
        fix = Fix(kind, target, {"path": partner[1][0][1].path, "name": partner[1][0][0].name}, author=author)
    elif kind == "type":
        fix = Fix(kind, target, value={"type": new_type}, author=author)
    elif kind == "pin":
        try:
            fix = Fix(kind, target, value={"lat": float(lat), "lon": float(lon)}, author=author)
        except ValueError:
            raise Refused(422, "a pin needs numbers for lat and lon") from None
    elif kind == "reject":
        document_key, _, event_id = event.partition(":")
        owner = next((d for _, d in members if f"d{d.id}" == document_key), None)
        if owner is None:
            raise Refused(422, "no such event")
        fix = Fix(kind, {"path": owner.path, "kind": "event", "id": event_id}, author=author)
    try:
        store.correct(fix)
    except ChronologueError as exc:
        raise Refused(422, exc.problem) from None
    survivor = _survivor(store, target) or identity
    return RedirectResponse(f"/people/{survivor}", status_code=303)


def _survivor(store, member: dict) -> str | None:
    """The identity a member belongs to now (ids are drawn again after a correction)."""
    with store.session() as session:
        row = (session.query(t.IdentityMember.identity_id).join(t.Document)
               .filter(t.Document.path == member["path"], t.IdentityMember.name == member["name"]).first())
        return row[0] if row else None
