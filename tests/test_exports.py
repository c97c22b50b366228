"""TEI, GeoJSON and CSV exports of a story built by hand (independent of the analysis stages)."""

from __future__ import annotations

import csv
import io
import json

from lxml import etree

from chronologue.export import FORMATS, exporter
from chronologue.model.story import Claim, Entity, Event, Geo, Participant, Quote, Source, Span, Story, Timex

TEXT = 'Captain Anna <Roe> & co. reached Lida in May 1942. She wrote: "=HYPERLINK(1) we stayed".'


def story() -> Story:
    s = Story(source=Source(path="a.txt", sha256="0" * 64), text=TEXT)
    s.entities = [
        Entity(id="e1", type="PERSON", name="Anna <Roe>", mentions=[Span(start=8, end=18)]),
        Entity(id="e2", type="PLACE", name="Lida", mentions=[Span(start=33, end=37)],
               geo=Geo(lat=53.88, lon=25.3, source_id="geonames:626081"), attributes={"country": "BY"}),
    ]
    s.timexes = [Timex(id="t1", start=41, end=49, type="DATE", value="1942-05", earliest="1942-05-01",
                       latest="1942-05-31", anchor="absolute")]
    s.quotes = [Quote(id="q1", start=63, end=86, kind="writing", speaker="e1")]
    s.claims = [Claim(id="c1", start=74, end=75, value=1, qualifier="exactly")]  # nested in q1
    s.events = [Event(id="v1", predicate="move", trigger=Span(start=25, end=32), sentence=Span(start=0, end=50),
                      participants=[Participant(entity="e1", role="agent")], place="e2", time="t1",
                      earliest="1942-05-01", latest="1942-05-31", basis="stated")]
    return s


def test_every_format_is_registered_and_renders():
    for fmt in FORMATS:
        written = exporter(fmt).render(story())
        # a story that cites nothing has an empty bibliography; every other format has something to say
        assert written == "" if fmt == "bibtex" else written, fmt


def test_tei_is_well_formed_and_escapes_text():
    xml = exporter("tei").render(story())
    root = etree.fromstring(xml.encode())
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert [p.get("ref") for p in root.iterfind(".//t:body//t:persName", ns)] == ["#e1"]
    assert root.find(".//t:body//t:persName", ns).text == "Anna <Roe>"
    date = root.find(".//t:body//t:date", ns)  # May 1942 is a month: @when, no day bounds beside it
    assert (date.get("when"), date.get("notBefore"), date.get("notAfter")) == ("1942-05", None, None)
    assert root.find(".//t:body//t:q", ns).get("who") == "#e1"
    assert root.find(".//t:standOff//t:place/t:location/t:geo", ns).text == "53.88 25.3"
    assert root.find(".//t:listEvent/t:event", ns).get("where") == "#e2"


def test_geojson_points_are_lon_lat():
    data = json.loads(exporter("geojson").render(story()))
    [feature] = data["features"]
    assert feature["geometry"]["coordinates"] == [25.3, 53.88]
    assert feature["properties"]["attributes"] == {"country": "BY"}
    assert feature["properties"]["events"] == [{
        "id": "v1", "predicate": "move", "text": "Captain Anna <Roe> & co. reached Lida in May 1942.",
        "participants": [{"entity": "e1", "role": "agent", "name": "Anna <Roe>"}],
        "edtf": "1942-05", "earliest": "1942-05-01", "latest": "1942-05-31"}]
    assert (feature["properties"]["earliest"], feature["properties"]["latest"], feature["properties"]["edtf"]) == (
        "1942-05-01", "1942-05-31", "1942-05")
    assert feature["properties"]["geonames"] == "https://sws.geonames.org/626081/"


def test_csv_rows_and_formula_guard():
    rows = list(csv.DictReader(io.StringIO(exporter("csv").render(story()))))
    assert [r["kind"] for r in rows] == ["entity", "entity", "timex", "quote", "claim", "event"]
    quote = next(r for r in rows if r["kind"] == "quote")
    assert quote["text"] == "'=HYPERLINK(1) we stayed"
    assert next(r for r in rows if r["kind"] == "timex")["earliest"] == "1942-05-01"


def test_csv_guards_every_formula_opener():
    from chronologue.export.csv_table import _inert

    assert [_inert(c) for c in ["=1+1", "+1", "@SUM(A1)", "-2+3", "- a dash of prose", "plain", 3]] == [
        "'=1+1", "'+1", "'@SUM(A1)", "'-2+3", "- a dash of prose", "plain", 3,
    ]


def test_tei_closes_tags_on_the_same_span_innermost_first():
    text = "He wrote Notes of a Soldier in 1950."
    s = Story(source=Source(path="b.txt", sha256="0" * 64), text=text)
    s.entities = [Entity(id="e1", type="WORK", name="Notes of a Soldier", mentions=[Span(start=9, end=27)])]
    s.quotes = [Quote(id="q1", start=9, end=27, kind="title")]
    xml = exporter("tei").render(s)
    root = etree.fromstring(xml.encode())
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    [outer] = root.iterfind(".//t:body/t:p/t:title", ns)
    assert outer.get("ref") == "#e1" and outer.tail == " in 1950."
    assert [inner.text for inner in outer.iterfind("t:title", ns)] == ["Notes of a Soldier"]


def test_tei_replaces_characters_xml_cannot_hold():
    text = "Page one.\x0cPage two\x0b ends."
    s = Story(source=Source(path="c.txt", sha256="0" * 64), text=text)
    xml = exporter("tei").render(s)
    root = etree.fromstring(xml.encode())
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert root.find(".//t:body/t:p", ns).text == "Page one.\ufffdPage two\ufffd ends."
