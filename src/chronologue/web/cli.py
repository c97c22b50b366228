"""``chronologue serve --store S``: open the store and run the web app until Ctrl-C."""

from __future__ import annotations

import errno
import socket

from rich.markup import escape

from chronologue.corpus.cli import err, fail_usage, open_or_fail


def run_server(store: str, *, host: str, port: int, token: str | None, max_upload: int) -> None:
    """Serve the store; a port in use or an address that cannot be bound is a usage error, before any work."""
    from chronologue.web.app import serve

    opened = open_or_fail(store)
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        problem = "in use" if exc.errno == errno.EADDRINUSE else exc.strerror
        fail_usage(f"cannot listen on {host}:{port} ({problem}): choose another --port or --host")

    def started(bound_host: str, bound_port: int) -> None:
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        err.print(f"serving {escape(store)} at http://{shown}:{bound_port}/ (Ctrl-C stops)"
                  + (" · access token required" if token else ""))

    serve(opened, host=host, port=port, token=token, max_upload=max_upload, on_start=started)
