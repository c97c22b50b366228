"""The corpus web app (FastAPI): ``create_app(store)`` gives the ASGI app, guarded (``security.Guard``); ``serve``
runs it with uvicorn on 127.0.0.1 unless told, with keep-alive and concurrency limits."""

from __future__ import annotations

import threading
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from chronologue import __version__
from chronologue.corpus.store import Store
from chronologue.web import api, views
from chronologue.web.security import BodyTooLarge, Guard
from chronologue.web.service import Refused

LOOPBACK = ("127.0.0.1", "localhost", "::1")
SHARED_ASSETS = {"report.css": "text/css", "world-110m.json": "application/json"}  # from chronologue.export


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return views.templates.TemplateResponse(request, "error.html", {"status": status, "message": message,
                                                                    "types": views.TYPE_NAMES},
                                            status_code=status)


def build_app(store: Store) -> FastAPI:
    """The FastAPI app over ``store`` (unguarded: ``create_app`` is what to serve)."""
    app = FastAPI(title="chronologue corpus", version=__version__, docs_url=None, redoc_url=None,
                  description="Search, people, places, timelines and corrections of a chronologue corpus store.")
    app.state.store = store
    app.include_router(api.router)
    app.include_router(views.router)
    app.mount("/static", StaticFiles(packages=[("chronologue.web", "static")]), name="static")

    @app.get("/assets/{name}", include_in_schema=False)
    def shared_asset(name: str) -> Response:
        if name not in SHARED_ASSETS:
            raise Refused(404, "No such page.")
        path = resources.files("chronologue.export") / "assets" / name
        return FileResponse(str(path), media_type=SHARED_ASSETS[name])

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> Response:
        return _error(request, exc.status, exc.message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = "No such page." if exc.status_code == 404 else str(exc.detail)
        response = _error(request, exc.status_code, message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return _error(request, 422, problems)

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, exc: BodyTooLarge) -> Response:
        return _error(request, 413, f"the request is larger than {exc.args[0]} bytes")

    return app


def create_app(store: Store, *, host: str = "127.0.0.1", token: str | None = None,
               max_upload: int = 5_000_000) -> Guard:
    """The app to serve: the FastAPI app (``.app``) behind the guard."""
    hosts = {*LOOPBACK, host} if host in LOOPBACK else {host}
    return Guard(build_app(store), hosts=hosts, token=token, max_body=max_upload)


def server_config(app, *, host: str = "127.0.0.1", port: int = 8000):
    """uvicorn's settings for the app: keep-alive, concurrency and head-size limits, a deadline for a request's
    head (``protocol.HeadDeadlineProtocol``), no server header, no proxy headers trusted."""
    import uvicorn

    from chronologue.web.protocol import HeadDeadlineProtocol

    return uvicorn.Config(app, host=host, port=port, http=HeadDeadlineProtocol, timeout_keep_alive=5,
                          limit_concurrency=256, backlog=2048, server_header=False, proxy_headers=False,
                          log_level="warning", h11_max_incomplete_event_size=64 * 1024)


def serve(store: Store, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          max_upload: int = 5_000_000, on_start=None) -> None:
    """Run the app until interrupted."""
    import uvicorn

    from chronologue.corpus import within

    app = create_app(store, host=host, token=token, max_upload=max_upload)
    server = uvicorn.Server(server_config(app, host=host, port=port))
    threading.Thread(target=within.warm, name="warm-gazetteer", daemon=True).start()  # while the server starts
    if on_start is not None:
        on_start(host, port)
    server.run()
