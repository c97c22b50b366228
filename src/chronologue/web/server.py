"""Serve a corpus directory (``chronologue corpus … -o OUT``) over HTTP with the standard library.

Routes: ``/`` (the corpus, ``?q=`` searches), ``/person/<id>`` and ``/entity/<id>`` (a corpus entity),
``/doc/<id>`` (a document's HTML report, the written one or drawn on demand), ``/doc/<id>.json`` (its story),
``/corpus.json`` and ``/static/<name>`` (the stylesheets). Only those: a path is matched against these patterns,
never joined to a file name, and every file served is checked to lie inside the corpus directory. Every answer
carries a content security policy: the pages load only the site's stylesheets, the reports only their own
inlined style and script.
"""

from __future__ import annotations

import base64
import hashlib
import re
import threading
from collections import OrderedDict
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from chronologue.corpus.build import CORPUS_FILE
from chronologue.corpus.model import Corpus
from chronologue.errors import ChronologueError
from chronologue.export import exporter
from chronologue.export.report.page import asset
from chronologue.model.story import Story
from chronologue.web import pages

# Style attributes are allowed (the map colours a route's key with one); every value in them is the site's own.
PAGE_POLICY = ("default-src 'none'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src data:; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
STATIC = {"web.css": ("chronologue.web", "static"), "report.css": ("chronologue.export", "assets")}
ROUTES = [
    (re.compile(r"/"), "corpus"),
    (re.compile(r"/(person|entity)/([plo][0-9]{1,9})"), "entity"),
    (re.compile(r"/doc/(d[0-9]{1,9})"), "report"),
    (re.compile(r"/doc/(d[0-9]{1,9})\.json"), "story"),
    (re.compile(r"/corpus\.json"), "corpus_json"),
    (re.compile(r"/static/([a-z]+\.css)"), "static"),
]
STORY_CACHE = 32
QUERY_LIMIT = 200


def report_policy() -> str:
    """The policy of a report: its inlined style, and its script by hash (as the report's own meta tag says)."""
    script = asset("report.js")
    digest = "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'unsafe-inline'; script-src '{digest}'; img-src data:; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


class Site:
    """A corpus directory: ``corpus.json`` (read again when it changes) and its stories (a few kept)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self._lock = threading.Lock()
        self._corpus: Corpus | None = None
        self._stamp: tuple[int, int] | None = None
        self._stories: OrderedDict[tuple[str, str], Story] = OrderedDict()
        self.corpus()  # fail early on a directory that holds no corpus

    def inside(self, relative: str) -> Path | None:
        """The file ``relative`` names under the root, or None when it lies outside (``../``, a link out)."""
        path = (self.root / relative).resolve()
        return path if path.is_relative_to(self.root) and path.is_file() else None

    def corpus(self) -> Corpus:
        """The corpus as ``corpus.json`` says now."""
        path = self.root / CORPUS_FILE
        try:
            stat = path.stat()
        except OSError:
            raise ChronologueError("E400", f"{self.root} holds no {CORPUS_FILE}",
                                   "build one first: chronologue corpus DIR -o OUT") from None
        stamp = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            if self._corpus is None or stamp != self._stamp:
                try:
                    self._corpus = Corpus.model_validate_json(path.read_text(encoding="utf-8"))
                except ValueError as exc:
                    raise ChronologueError("E401", f"{path} is not a corpus file ({exc.__class__.__name__})",
                                           "build it again: chronologue corpus DIR -o OUT") from None
                self._stamp = stamp
                self._stories.clear()
            return self._corpus

    def story(self, document_id: str) -> Story | None:
        """The story of a document of the corpus, or None."""
        document = self.corpus().document(document_id)
        path = self.inside(document.story) if document else None
        if path is None:
            return None
        key = (document_id, document.sha256)
        with self._lock:
            if key in self._stories:
                self._stories.move_to_end(key)
                return self._stories[key]
        try:
            story = Story.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        with self._lock:
            self._stories[key] = story
            while len(self._stories) > STORY_CACHE:
                self._stories.popitem(last=False)
        return story

    def report(self, document_id: str) -> str | None:
        """The HTML report of a document: the one written beside its story, else drawn from the story."""
        document = self.corpus().document(document_id)
        if document is None:
            return None
        written = self.inside(document.report) if document.report else None
        if written is not None:
            return written.read_text(encoding="utf-8")
        story = self.story(document_id)
        return exporter("html").render(story) if story is not None else None


class Handler(BaseHTTPRequestHandler):
    """Answers GET and HEAD for the routes of the module; everything else is 404 or 405."""

    site: Site
    server_version = "chronologue"
    sys_version = ""
    quiet = True

    def _send(self, status: int, body: str | bytes, content_type: str, policy: str = PAGE_POLICY) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Security-Policy", policy)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _not_found(self, what: str = "No such page.") -> None:
        self._send(HTTPStatus.NOT_FOUND, pages.not_found(what), "text/html; charset=utf-8")

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        """Route the request."""
        url = urlsplit(self.path)
        for pattern, name in ROUTES:
            match = pattern.fullmatch(url.path)
            if match:
                try:
                    getattr(self, f"_{name}")(*match.groups(), query=parse_qs(url.query))
                except ChronologueError as exc:
                    self._send(HTTPStatus.INTERNAL_SERVER_ERROR, pages.not_found(exc.problem),
                               "text/html; charset=utf-8")
                return
        self._not_found()

    do_HEAD = do_GET  # noqa: N815

    def _method_not_allowed(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, "only GET and HEAD\n", "text/plain; charset=utf-8")

    do_POST = do_PUT = do_DELETE = do_PATCH = _method_not_allowed  # noqa: N815

    def _corpus(self, query: dict[str, list[str]]) -> None:
        text = (query.get("q") or [""])[0].strip()[:QUERY_LIMIT]
        self._send(HTTPStatus.OK, pages.corpus_page(self.site.corpus(), text), "text/html; charset=utf-8")

    def _entity(self, kind: str, entity_id: str, query: dict[str, list[str]]) -> None:
        corpus = self.site.corpus()
        entity = corpus.entity(entity_id)
        if entity is None or (kind == "person") != (entity.type == "PERSON"):
            self._not_found("No such person, place or organisation in this corpus.")
            return
        self._send(HTTPStatus.OK, pages.entity_page(entity, corpus, self.site.story), "text/html; charset=utf-8")

    def _report(self, document_id: str, query: dict[str, list[str]]) -> None:
        report = self.site.report(document_id)
        if report is None:
            self._not_found("No such document in this corpus.")
            return
        self._send(HTTPStatus.OK, report, "text/html; charset=utf-8", report_policy())

    def _story(self, document_id: str, query: dict[str, list[str]]) -> None:
        story = self.site.story(document_id)
        if story is None:
            self._not_found("No such document in this corpus.")
            return
        self._send(HTTPStatus.OK, exporter("json").render(story), "application/json; charset=utf-8")

    def _corpus_json(self, query: dict[str, list[str]]) -> None:
        path = self.site.inside(CORPUS_FILE)
        if path is None:
            self._not_found()
            return
        self._send(HTTPStatus.OK, path.read_bytes(), "application/json; charset=utf-8")

    def _static(self, name: str, query: dict[str, list[str]]) -> None:
        if name not in STATIC:
            self._not_found()
            return
        package, folder = STATIC[name]
        text = (resources.files(package) / folder / name).read_text(encoding="utf-8")
        self._send(HTTPStatus.OK, text, "text/css; charset=utf-8")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the standard library's name)
        """Requests are logged only when the server is not quiet."""
        if not self.quiet:
            super().log_message(format, *args)


def make_server(root: Path, host: str = "127.0.0.1", port: int = 8000, quiet: bool = True) -> ThreadingHTTPServer:
    """A server for the corpus in ``root`` (port 0: any free port); call ``serve_forever()`` on it."""
    handler = type("CorpusHandler", (Handler,), {"site": Site(root), "quiet": quiet})
    return ThreadingHTTPServer((host, port), handler)
