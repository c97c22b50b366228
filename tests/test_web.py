"""The corpus browser over HTTP: its pages, search, reports, escaping, the security headers, and that no path
reaches a file outside the corpus directory."""

from __future__ import annotations

import http.client
import json
import shutil
import threading
from pathlib import Path

import pytest

from chronologue.corpus import Corpus, build_corpus
from chronologue.errors import ChronologueError
from chronologue.web import make_server
from chronologue.web.server import PAGE_POLICY, Site, report_policy

DATA = Path(__file__).parent / "data"
PAYLOAD = '<img src="http://leak.example/x.png">'
HOSTILE = (f"The diary {PAYLOAD} of the ferryman\n\n"
           "Ivan Orlov kept a diary in Kaunas in 1942. In 1943 Orlov moved to Grodno.\n")


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("web")
    inputs = root / "in"
    shutil.copytree(DATA / "corpus", inputs)
    (inputs / "diary.txt").write_text(HOSTILE, encoding="utf-8")
    (root / "secret.txt").write_text("outside the corpus", encoding="utf-8")
    out = root / "out"
    build_corpus([inputs], out)
    return out


@pytest.fixture(scope="module")
def server(corpus_dir):
    httpd = make_server(corpus_dir, port=0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def get(server, path: str, method: str = "GET") -> tuple[int, dict[str, str], str]:
    """A request with ``path`` sent exactly as written (no client-side clean-up of ``..``)."""
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    connection.putrequest(method, path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read().decode("utf-8")
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def corpus_of(corpus_dir: Path) -> Corpus:
    return Corpus.model_validate_json((corpus_dir / "corpus.json").read_text(encoding="utf-8"))


def named(corpus: Corpus, name: str):
    """The corpus person one of whose documents calls them ``name``."""
    return next(p for p in corpus.people if name in [m.name for m in p.members])


def test_corpus_page_lists_documents_people_and_places(server, corpus_dir):
    status, headers, body = get(server, "/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert headers["content-security-policy"] == PAGE_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    corpus = corpus_of(corpus_dir)
    orlov = named(corpus, "Ivan Orlov")
    assert f'<a href="/person/{orlov.id}">Iwan Siergiejewicz Orłow</a>' in body
    assert body.count('<tr id="d') == 4 and '<a href="/doc/d1">The diary' in body
    assert '<svg class="map-svg"' in body and body.count('<a href="#l') >= 4
    assert '<link rel="stylesheet" href="/static/report.css">' in body
    assert "<script" not in body


def test_text_from_documents_is_escaped(server):
    body = get(server, "/")[2]
    assert PAYLOAD not in body and "<img" not in body
    assert "The diary &lt;img src=&quot;http://leak.example/x.png&quot;&gt; of the ferryman" in body
    searched = get(server, "/?q=%3Cscript%3Ealert(1)%3C/script%3E")[2]
    assert "<script>" not in searched and 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in searched


def test_search_finds_a_person_in_another_script(server, corpus_dir):
    body = get(server, "/?q=%D0%9E%D1%80%D0%BB%D0%BE%D0%B2")[2]  # Орлов
    assert "<h1>Search: Орлов</h1>" in body
    corpus = corpus_of(corpus_dir)
    found = {p.id for p in corpus.people if f'href="/person/{p.id}"' in body}
    assert found == {named(corpus, n).id for n in ("Ivan Orlov", "Vera Orloff", "Michaił Orłow")}


def test_person_page_has_mentions_across_documents_and_a_merged_timeline(server, corpus_dir):
    corpus = corpus_of(corpus_dir)
    orlov = named(corpus, "Ivan Orlov")
    assert {m.document for m in orlov.members} == {"d1", "d3", "d4"}
    status, headers, body = get(server, f"/person/{orlov.id}")
    assert status == 200 and headers["content-security-policy"] == PAGE_POLICY
    assert body.count('<div class="member">') == 3
    assert "<mark>Iwan Siergiejewicz Orłow</mark>" in body and "<mark>Ivan Orloff</mark>" in body
    timeline = corpus.timeline(orlov.id)
    assert body.count("<tr><td class=\"nowrap\">") == len(timeline.events) >= 5
    assert "1903-01-01 – 1903-12-31" in body
    route = [e.place_id for e in timeline.events if e.place_id]
    assert len(route) >= 3 and body.count('<path class="route"') == len(route) - 1
    kaunas = next(p for p in corpus.places if p.name == "Kaunas")
    assert f'<li id="{kaunas.id}"><a href="/entity/{kaunas.id}">Kaunas</a>' in body
    assert get(server, f"/entity/{orlov.id}")[0] == 404, "a person is at /person/"


def test_place_page(server, corpus_dir):
    kaunas = next(p for p in corpus_of(corpus_dir).places if p.name == "Kaunas")
    status, _, body = get(server, f"/entity/{kaunas.id}")
    assert status == 200 and "<h1>Kaunas</h1>" in body and "geonames:598316" in body
    assert "Timeline across documents" not in body


def test_document_report_and_story(server, corpus_dir):
    status, headers, body = get(server, "/doc/d1")
    assert status == 200 and body.startswith("<!doctype html>")
    assert headers["content-security-policy"] == report_policy()
    assert "script-src 'sha256-" in report_policy()
    status, headers, body = get(server, "/doc/d1.json")
    assert status == 200 and headers["content-type"].startswith("application/json")
    assert json.loads(body)["source"]["path"] == corpus_of(corpus_dir).documents[0].path
    assert get(server, "/corpus.json")[0] == 200
    assert get(server, "/static/web.css")[1]["content-type"] == "text/css; charset=utf-8"


@pytest.mark.parametrize("path", [
    "/../secret.txt", "/doc/../corpus.json", "/doc/../../secret.txt", "/static/../../../../etc/passwd",
    "/static/..%2f..%2fsecret.txt", "/doc/%2e%2e%2fsecret.txt", "/doc/d1/../../secret.txt", "/stories/d1.json",
    "/static/world-110m.json", "/doc/d99", "/person/p999", "//etc/passwd", "/doc/d1.json/..", "/static/report.js",
])
def test_no_path_leaves_the_routes(server, path):
    status, _, body = get(server, path)
    assert status == 404
    assert "outside the corpus" not in body and "root:" not in body


def test_only_get_and_head(server):
    assert get(server, "/", "POST")[0] == 405
    status, headers, body = get(server, "/", "HEAD")
    assert (status, body) == (200, "") and int(headers["content-length"]) > 1000


def test_a_corpus_file_pointing_outside_is_not_followed(corpus_dir, tmp_path):
    copy = tmp_path / "out"
    shutil.copytree(corpus_dir, copy)
    corpus = corpus_of(copy)
    corpus.documents[0].story = "../secret.json"
    corpus.documents[1].report = "../../../etc/passwd"
    (tmp_path / "secret.json").write_text((copy / corpus.documents[2].story).read_text(encoding="utf-8"))
    (copy / "corpus.json").write_text(corpus.model_dump_json(by_alias=True), encoding="utf-8")
    site = Site(copy)
    assert site.inside("../secret.json") is None and site.inside("stories/diary.json") is not None
    assert site.story("d1") is None and site.report("d1") is None
    assert "root:" not in site.report("d2"), "the report is drawn from the story instead"


def test_a_directory_without_a_corpus_is_refused(tmp_path):
    with pytest.raises(ChronologueError, match="holds no corpus.json"):
        Site(tmp_path)


def test_serve_refuses_a_directory_without_a_corpus(tmp_path):
    from typer.testing import CliRunner

    from chronologue.cli import app

    result = CliRunner().invoke(app, ["serve", str(tmp_path), "--port", "0"])
    assert result.exit_code == 2
    assert "holds no corpus.json" in result.output and "chronologue corpus DIR -o OUT" in result.output
