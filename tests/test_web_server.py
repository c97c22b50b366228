"""The server as ``chronologue serve`` runs it (``web.app.server_config``): a client that sends its request head
a byte at a time (slowloris) is cut off at the head deadline, one that sends it in time is answered, and a
kept-alive connection gets a new deadline for its next request."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from chronologue.corpus.store import open_store
from chronologue.web.app import create_app, server_config
from chronologue.web.protocol import HeadDeadlineProtocol

DEADLINE = 0.6
HEAD = b"GET /api/people HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


@pytest.fixture(scope="module")
def address(tmp_path_factory):
    import uvicorn

    server = uvicorn.Server(server_config(create_app(open_store(tmp_path_factory.mktemp("s") / "c.db")), port=0))
    original, HeadDeadlineProtocol.head_seconds = HeadDeadlineProtocol.head_seconds, DEADLINE
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield server.servers[0].sockets[0].getsockname()[:2]
    server.should_exit = True
    thread.join(timeout=10)
    HeadDeadlineProtocol.head_seconds = original


def read_all(conn: socket.socket) -> bytes:
    conn.settimeout(5)
    chunks = []
    try:
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    except ConnectionResetError:  # the server closed first and the rest we sent was refused
        pass
    return b"".join(chunks)


def test_a_head_sent_too_slowly_is_cut_off(address):
    with socket.create_connection(address) as conn:
        conn.sendall(HEAD[:20])
        time.sleep(DEADLINE * 2.5)
        try:
            conn.sendall(HEAD[20:])
        except OSError:
            pass  # already closed: what the test wants
        assert read_all(conn) == b""  # closed without an answer


def test_a_head_sent_in_time_is_answered_and_the_next_gets_its_own_deadline(address):
    with socket.create_connection(address) as conn:
        conn.sendall(HEAD[:20])
        time.sleep(DEADLINE / 3)
        conn.sendall(HEAD[20:])
        conn.settimeout(5)
        first = conn.recv(65536)
        assert first.startswith(b"HTTP/1.1 200 ")
        time.sleep(DEADLINE * 2.5)  # idle after the answer: closed
        assert read_all(conn) == b""
