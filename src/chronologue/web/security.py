"""What guards every reply of the web app, as the outermost layer (so errors, even a server error, carry it):
the security headers, the Host header check (a DNS-rebinding page cannot read the corpus), the optional access
token, the same-origin check on forms and API calls that change something, and the upload size limit."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, Iterable
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# Referrer policy same-origin, not no-referrer: under no-referrer a browser's forms send "Origin: null".
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
           (b"x-frame-options", b"DENY"), (b"cross-origin-opener-policy", b"same-origin"),
           (b"cross-origin-resource-policy", b"same-origin"), (b"cache-control", b"no-store")]
COOKIE = "chronologue_token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
Send = Callable[[dict], Awaitable[None]]


def _host_name(host: str) -> str:
    """``127.0.0.1:8000`` -> ``127.0.0.1``; ``[::1]:8000`` -> ``::1``."""
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    """ASGI middleware around the app (see the module doc). ``hosts``: the names the Host header may give;
    ``token``: when set, every request but the static files needs it (``Authorization: Bearer``, the cookie
    the first visit with ``?token=`` sets, or that query parameter); ``max_body``: bytes a request may send."""

    def __init__(self, app, hosts: Iterable[str], token: str | None = None, max_body: int = 5_000_000) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}
        self.token = token
        self.max_body = max_body

    async def __call__(self, scope: dict, receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        policy: list[tuple[bytes, bytes]] = []

        async def secured(message: dict) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", PAGE_POLICY.encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra, *policy]}
            await send(message)

        refusal = self._refusal(scope, headers)
        if refusal is not None:
            status, text = refusal
            await _plain(secured, status, text)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if self.token and query.get("token") == [self.token]:
            cookie = f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
            policy.append((b"set-cookie", cookie.encode()))
        await self.app(scope, self._limited(receive), secured)

    def _refusal(self, scope: dict, headers: dict[str, str]) -> tuple[int, str] | None:
        host = _host_name(headers.get("host", "").strip().lower())
        if host not in self.hosts:
            return 400, "unknown Host header: open the app by the address it listens on"
        if scope["method"] in UNSAFE:
            origin = headers.get("origin")
            foreign = origin is not None and urlsplit(origin).netloc.lower() != headers.get("host", "").lower()
            if foreign or headers.get("sec-fetch-site") in ("cross-site", "same-site"):
                return 403, "a request from another site is refused"
            length = headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                return 413, f"the request is larger than {self.max_body} bytes"
        if self.token and not scope["path"].startswith("/static/") and not self._has_token(scope, headers):
            return 401, "this corpus needs its access token (?token=… once, or Authorization: Bearer …)"
        return None

    def _has_token(self, scope: dict, headers: dict[str, str]) -> bool:
        token = self.token
        if token is None:
            return False
        given = []
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given.append(auth[7:].strip())
        cookies = SimpleCookie()
        try:
            cookies.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header: no token from it  # noqa: BLE001
            pass
        if COOKIE in cookies:
            given.append(cookies[COOKIE].value)
        given += parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [])
        return any(hmac.compare_digest(g.encode(), token.encode()) for g in given)

    def _limited(self, receive):
        """``receive`` that stops a body longer than the limit (one sent without a length, chunked)."""
        seen = 0

        async def limited() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        return limited


class BodyTooLarge(Exception):
    """A request body past the limit (turned into a 413 by the app)."""


async def _plain(send: Send, status: int, text: str) -> None:
    body = (text + "\n").encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
