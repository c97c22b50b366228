"""The corpus browser in headless Chromium (Debian ``chromium``): the corpus page draws its map from the
bundled outlines, a payload in a document's title stays text, and the pages ask for nothing but the site's
own stylesheets. Requests to any other host go to a canary proxy, which must see none from the pages.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from test_report_browser import CHROMIUM, FLAGS, Canary, proxy  # noqa: F401 (proxy is a fixture)

from chronologue.corpus import build_corpus
from chronologue.web import make_server

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs headless chromium (apt-get install chromium)")]
DATA = Path(__file__).parent / "data"
LEAK = "http://leak.example/x.png"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(DATA / "corpus", root / "in")
    (root / "in" / "diary.txt").write_text(f'The diary <img src="{LEAK}"> of the ferryman\n\n'
                                           "Ivan Orlov kept a diary in Kaunas in 1942.\n", encoding="utf-8")
    build_corpus([root / "in"], root / "out")
    httpd = make_server(root / "out", port=0)
    seen: list[str] = []

    class Recording(httpd.RequestHandlerClass):
        def log_request(self, code="-", size="-") -> None:
            seen.append(self.path)

    httpd.RequestHandlerClass = Recording
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    httpd.shutdown()
    httpd.server_close()


def dump_dom(url: str, tmp_path: Path, proxy) -> str:  # noqa: F811
    """The DOM Chromium builds for ``url``; other hosts than the loopback one go to the canary proxy."""
    command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
               f"--proxy-server=http://127.0.0.1:{proxy.server_address[1]}", "--dump-dom", url]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False).stdout


def test_corpus_page_draws_the_map_and_requests_only_its_stylesheets(site, tmp_path, proxy):  # noqa: F811
    base, seen = site
    Canary.seen.clear()
    seen.clear()
    dom = dump_dom(base + "/", tmp_path, proxy)
    drawn = re.search(r'<svg class="map-svg".*?</svg>', dom, re.S).group(0)
    assert len(re.findall(r'<path class="country', drawn)) >= 5
    assert len(re.findall(r"<circle", drawn)) >= 4
    assert "<img" not in dom and "The diary &lt;img src=\"http://leak.example/x.png\"&gt; of the ferryman" in dom
    assert Canary.from_page() == []
    assert sorted(seen) == ["/", "/static/report.css", "/static/web.css"]


def test_person_page_and_report_request_nothing_outside(site, tmp_path, proxy):  # noqa: F811
    base, seen = site
    Canary.seen.clear()
    dom = dump_dom(base + "/person/p1", tmp_path, proxy)
    assert "Timeline across documents" in dom and dom.count('<div class="member">') == 3
    report = dump_dom(base + "/doc/d1", tmp_path, proxy)
    assert 'data-script="ran"' in report, "the report's own script ran under the server's policy"
    assert "<img" not in report
    assert Canary.from_page() == []
