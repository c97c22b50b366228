"""The HTML report in a real browser: headless Chromium (Debian ``chromium``) draws it, takes a screenshot,
and every request it would make goes to a canary proxy on the loopback address, which must see none from the
page. (Chromium itself still calls its own services, updates and sign-in, whatever the flags: those requests
are told apart by host; they too only reach the loopback proxy.)
"""

from __future__ import annotations

import re
import struct
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_report import memoir_story

from chronologue.export.html_report import render

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs headless chromium (apt-get install chromium)")]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--no-pings", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
         "--disable-default-apps", "--disable-extensions",
         "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate"]
BROWSER_SERVICES = re.compile(
    r"^\w+ (?:https?://)?[\w.-]+\.(?:google\.com|googleapis\.com|gstatic\.com|gvt1\.com|gvt2\.com)(?::\d+)?(?:/|$)")
LEAK = "http://127.0.0.1:9/leak.png"


class Canary(BaseHTTPRequestHandler):
    """Answers 404 to everything and records what was asked."""

    seen: list[str] = []

    @classmethod
    def from_page(cls) -> list[str]:
        """The requests that did not come from Chromium's own services."""
        return [request for request in cls.seen if not BROWSER_SERVICES.match(request)]

    def _record(self) -> None:
        Canary.seen.append(f"{self.command} {self.path}")
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_CONNECT = do_OPTIONS = _record  # noqa: N815

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def proxy():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Canary)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def chromium(page: Path, tmp_path: Path, proxy, *extra: str) -> subprocess.CompletedProcess:
    """Run headless Chromium on ``page`` with every request routed to the canary proxy."""
    port = proxy.server_address[1]
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", f"--proxy-server=http://127.0.0.1:{port}",
               "--proxy-bypass-list=<-loopback>", *extra, page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    story = memoir_story()
    story.text = story.text.replace("Memoir fragment", f'<img src="{LEAK}">', 1)  # same length is not needed
    path = tmp_path_factory.mktemp("report") / "memoir.html"
    path.write_text(render(story), encoding="utf-8")
    return path


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_screenshot_is_taken(report, tmp_path, proxy):
    Canary.seen.clear()
    shot = tmp_path / "report.png"
    chromium(report, tmp_path, proxy, f"--screenshot={shot}", "--window-size=1400,2400")
    assert shot.exists()
    assert png_size(shot) == (1400, 2400)
    assert shot.stat().st_size > 40_000, "a page with text, charts and a map, not a blank one"
    assert Canary.from_page() == []


def test_timeline_and_map_are_drawn_and_nothing_is_requested(report, tmp_path, proxy):
    Canary.seen.clear()
    dom = chromium(report, tmp_path, proxy, "--dump-dom").stdout
    assert 'data-script="ran"' in dom, "the page's own script ran under its content security policy"
    timeline = re.search(r'<svg class="tl-svg".*?</svg>', dom, re.S).group(0)
    assert len(re.findall(r'<rect class="tl-bar', timeline)) == 5
    drawn = re.search(r'<svg class="map-svg".*?</svg>', dom, re.S).group(0)
    assert len(re.findall(r'<path class="country', drawn)) >= 8
    assert len(re.findall(r"<circle", drawn)) == 3
    assert "<img" not in dom, "the payload in the text stayed text"
    assert "&lt;img src=\"http://127.0.0.1:9/leak.png\"&gt;" in dom
    assert Canary.from_page() == []


def test_the_canary_catches_a_page_that_does_request(tmp_path, proxy):
    """Control: without the report's escaping and policy, the same request reaches the proxy."""
    Canary.seen.clear()
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<!doctype html><img src="http://leak.example/x.png">', encoding="utf-8")
    chromium(leaky, tmp_path, proxy, "--dump-dom")
    assert any("leak.example" in request for request in Canary.from_page())
