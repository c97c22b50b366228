"""The corpus web app over a store (FastAPI): its pages and API, search in any script and by date, escaping,
the security headers on every reply (errors too), the Host check, the access token, the same-origin rule,
upload limits, corrections from the forms, and that no path reaches a file outside the routes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from chronologue.cli import app as cli
from chronologue.corpus.fill import fill_store
from chronologue.corpus.store import open_store
from chronologue.web.app import create_app
from chronologue.web.security import PAGE_POLICY

DATA = Path(__file__).parent / "data"
PAYLOAD = '<img src="http://leak.example/x.png">'
HOSTILE = (f"The diary {PAYLOAD} of the ferryman\n\n"
           "Ivan Orlov kept a diary in Kaunas in 1942. In 1943 Orlov moved to Grodno.\n")
BASE = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("web")
    shutil.copytree(DATA / "corpus", root / "in")
    (root / "in" / "diary.txt").write_text(HOSTILE, encoding="utf-8")
    (root / "secret.txt").write_text("outside the corpus", encoding="utf-8")
    opened = open_store(root / "corpus.db")
    fill_store([root / "in"], opened)
    return opened


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store), base_url=BASE, follow_redirects=False)


def orlov(client) -> dict:
    people = client.get("/api/people", params={"q": "orloff"}).json()["items"]
    return next(p for p in people if "Ivan Orloff" in [p["name"], *p["aliases"]])


def test_pages_answer_with_the_security_headers(client):
    for path in ["/", "/people", "/people?type=PLACE", "/places", "/search?q=ferry", "/timeline", "/openapi.json",
                 "/api/people", "/no/such/page", "/api/people/zz", "/search?from=yesterday"]:
        response = client.get(path)
        assert response.headers["content-security-policy"] in (PAGE_POLICY,), path
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["x-frame-options"] == "DENY", path
    assert client.get("/no/such/page").status_code == 404
    assert client.get("/search?from=yesterday").status_code == 422


def test_home_lists_documents_and_offers_the_upload(client):
    body = client.get("/").text
    assert body.count('<tr id="d') == 4 and '<form action="/analyze" method="post"' in body
    assert "<script" not in body


def test_text_from_documents_is_escaped(client):
    body = client.get("/").text
    assert PAYLOAD not in body and "<img" not in body
    assert "The diary &lt;img src=&#34;http://leak.example/x.png&#34;&gt; of the ferryman" in body
    searched = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert" not in searched and 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in searched
    hit = client.get("/search", params={"q": "diary leak"}).text
    assert "&lt;img src=&#34;http://<mark>leak</mark>.example" in hit or "<mark>leak</mark>" in hit
    assert "<img" not in hit


def test_search_in_another_script_and_by_date(client):
    found = client.get("/api/search", params={"q": "Орлов", "kind": "name"}).json()
    names = {h["snippet"].split(" · ")[0] for h in found["hits"]}
    assert {"Ivan Orloff", "Vera Orloff", "Michaił Orłow", "Ivan Orlov"} <= names
    dated = client.get("/api/search", params={"q": "ferry", "from": "1941", "to": "1942"}).json()
    assert {h["title"] for h in dated["hits"]} >= {"Letters from the river"}
    hit = dated["hits"][0]
    assert [hit["snippet"][a:b] for a, b in hit["marks"]] == ["ferry"]
    assert client.get("/api/search", params={"q": "ferry", "from": "1990", "to": "1991"}).json()["total"] == 0
    assert client.get("/api/search", params={"from": "nonsense"}).status_code == 422


def test_people_are_paginated_and_filtered(client):
    page = client.get("/people", params={"type": "PLACE"}).text
    assert "<h1>Places</h1>" in page and 'href="/people/l1"' in page and 'href="/people/p1"' not in page
    api = client.get("/api/people", params={"limit": 2, "offset": 1}).json()
    assert len(api["items"]) == 2 and api["total"] > 3
    assert all(p["type"] == "PERSON" for p in api["items"])


def test_person_page_has_the_merged_timeline_conflicts_and_map(client):
    person = orlov(client)
    detail = client.get(f"/api/people/{person['id']}").json()
    documents = {Path(m["path"]).name for m in detail["members"]}
    assert documents == {"diary.txt", "orloff-letters.md", "orlow-notebooks.txt"}
    assert [c["kind"] for c in detail["conflicts"]] == ["after_death"]
    body = client.get(f"/people/{person['id']}").text
    assert "Timeline across documents" in body and body.count('class="conflicting"') == 2
    assert body.count("<td class=\"nowrap\">") == len(detail["timeline"]) >= 5
    assert '<div id="leaflet-map"' in body and '<script src="/static/vendor/leaflet/leaflet.js">' in body
    assert "1903-01-01 – 1903-12-31" in body


def test_the_corpus_timeline_has_every_documents_events_and_zooms(client):
    whole = client.get("/api/timeline", params={"bins": 4}).json()
    assert (whole["first"], whole["last"]) == ("1901-01-01", "1998-12-31")
    assert [b["count"] for b in whole["bins"]] == [3, 7, 1, 3] and whole["total"] == len(whole["events"]) == 14
    assert len({e["document"] for e in whole["events"]}) == 4  # every document has a dated event
    person = orlov(client)
    year = client.get("/api/timeline", params={"from": "1903", "to": "1903"}).json()
    assert [(e["predicate"], e["sentence"], e["people"]) for e in year["events"]] == [
        ("born", "Orłow was born in 1903 in Ozyory.", [[person["id"], person["name"]]])]
    page = client.get("/timeline", params={"from": "1943", "to": "1944"}).text
    assert page.count('<rect class="bar"') == 60 and '<script src="/static/timeline.js">' in page
    assert 'id="zoom-in" href="/timeline?from=1943-07-03&amp;to=1944-07-01"' in page
    assert 'id="zoom-out" href="/timeline?from=1942-01-01&amp;to=1945-12-31"' in page
    assert f'<a class="who" href="/people/{person["id"]}">' in page and '<td>escape</td>' in page
    assert page.count('<a class="doc" href="/documents/') == 5
    for path in ["/timeline", "/api/timeline"]:
        assert client.get(path, params={"from": "1945", "to": "1943"}).status_code == 422
        assert client.get(path, params={"from": "yesterday"}).status_code == 422
    assert "No dated event in this range." in client.get("/timeline", params={"from": "44 BC", "to": "44 BC"}).text


def test_a_persons_timeline_comes_in_pages(client):
    person = orlov(client)
    whole = client.get(f"/api/people/{person['id']}", params={"limit": 1000}).json()
    page = client.get(f"/api/people/{person['id']}", params={"limit": 2, "offset": 1}).json()
    assert page["timeline"] == whole["timeline"][1:3] and page["timeline_total"] == len(whole["timeline"]) >= 5
    shown = {f"{e['document']}:{e['event']}" for e in page["timeline"]}
    assert page["conflicts"] == [c for c in whole["conflicts"] if shown.intersection(c["events"])]
    assert page["conflicts_total"] == whole["conflicts_total"] == 1
    assert client.get(f"/api/people/{person['id']}", params={"limit": 1001}).status_code == 422


def test_document_report_and_story(client, store):
    document_id = next(iter(store.known().values())).id
    report = client.get(f"/documents/{document_id}")
    assert report.status_code == 200 and report.text.startswith("<!doctype html>")
    assert "script-src 'sha256-" in report.headers["content-security-policy"]
    story = client.get(f"/api/documents/{document_id}").json()
    assert story["schema"] == "chronologue.story/1"


@pytest.mark.parametrize("path", [
    "/../secret.txt", "/static/../../secret.txt", "/static/..%2f..%2fsecret.txt", "/documents/..%2fsecret.txt",
    "/static/../store.py", "/assets/../cli.py", "/assets/world-110m.json/..", "/documents/99999", "//etc/passwd",
    "/people/p999",
])
def test_no_path_leaves_the_routes(client, path):
    response = client.get(path)
    assert response.status_code in (404, 422)
    assert "outside the corpus" not in response.text and "root:" not in response.text


def test_host_header_is_checked(client):
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    refused = client.get("/api/people", headers={"host": "rebind.example:8000"})
    assert refused.status_code == 400 and refused.headers["content-security-policy"] == PAGE_POLICY
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_writes_from_another_site_are_refused(client):
    refused = client.post("/api/analyze", json={"text": "x"}, headers={"origin": "http://evil.example"})
    assert refused.status_code == 403


def test_upload_limits(store):
    small = TestClient(create_app(store, max_upload=1000), base_url=BASE)
    assert small.post("/api/analyze", json={"text": "x" * 2000}).status_code == 413
    response = small.post("/analyze", files={"file": ("a.exe", b"MZ", "application/octet-stream")})
    assert response.status_code == 415 and "only .txt" in response.text


def test_access_token(store):
    locked = TestClient(create_app(store, token="s3cret"), base_url=BASE)
    assert locked.get("/people").status_code == 401
    assert locked.get("/people", headers={"authorization": "Bearer s3cret"}).status_code == 200
    first = locked.get("/people?token=s3cret")
    assert first.status_code == 200 and "HttpOnly" in first.headers["set-cookie"]
    assert locked.get("/api/people").status_code == 200, "the cookie set by the first visit"
    assert locked.get("/static/web.css").status_code == 200


def test_analyze_an_article_from_the_api_and_a_form(client):
    analysed = client.post("/api/analyze", json={"text": "Anna Kowalska moved to Lida in 1939.", "store": False})
    assert analysed.status_code == 200 and analysed.json()["document"] is None
    assert any(e["name"] == "Anna Kowalska" for e in analysed.json()["story"]["entities"])
    assert client.post("/api/analyze", json={"text": ""}).status_code == 422
    report = client.post("/analyze", data={"text": "Piotr Nowak was born in Grodno in 1901."})
    assert report.status_code == 200 and "Piotr Nowak" in report.text


def test_merge_from_the_person_page_survives_a_refill(tmp_path):
    shutil.copytree(DATA / "corpus", tmp_path / "in")
    store = open_store(tmp_path / "corpus.db")
    fill_store([tmp_path / "in"], store)
    client = TestClient(create_app(store), base_url=BASE, follow_redirects=False)
    vera = client.get("/api/people", params={"q": "vera"}).json()["items"][0]
    mikhail = client.get("/api/people", params={"q": "michaił"}).json()["items"][0]
    merged = client.post("/corrections", data={"identity": vera["id"], "kind": "merge", "other": mikhail["id"],
                                               "author": "curator"})
    assert merged.status_code == 303
    survivor = merged.headers["location"].rsplit("/", 1)[1]
    names = {m["name"] for m in client.get(f"/api/people/{survivor}").json()["members"]}
    assert names == {"Vera Orloff", "Michaił Orłow"}
    letters = tmp_path / "in" / "orloff-letters.md"
    letters.write_text(letters.read_text(encoding="utf-8") + "\nThe end.\n", encoding="utf-8")
    assert fill_store([tmp_path / "in"], store).analysed == 1
    again = client.get("/api/people", params={"q": "vera"}).json()["items"][0]
    assert {m["name"] for m in client.get(f"/api/people/{again['id']}").json()["members"]} == names
    assert client.get("/api/corrections").json()[0]["author"] == "curator"


def test_serve_refuses_a_store_it_cannot_open(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--store", str(tmp_path / "no" / "such.db"), "--port", "0"])
    assert result.exit_code == 2 and "no such directory for the store" in result.output
