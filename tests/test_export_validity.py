"""Every export of real stories validates against its format's own schema or structure: the reference article,
the genre texts and a whole novel from PDNC (slow). TEI against TEI P5 tei_all (RELAX NG, lxml), CSL-JSON against
the CSL data schema (jsonschema), GeoJSON and Linked Places with geojson-pydantic, TimelineJS against the
structure of its JSON format, BibTeX read back by bibtexparser, TimeML and Web Annotation against the text."""

from __future__ import annotations

import json
import warnings
from functools import cache
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from conftest import DATA, SHARED
from edtf import parse_edtf
from geojson_pydantic import FeatureCollection
from lxml import etree
from test_export_formats import assert_round_trip

from chronologue.export import render
from chronologue.export.xmltext import xml_safe

SCHEMAS = SHARED / "schemas"
GENRE = sorted(p for p in (DATA / "genre").iterdir() if p.suffix in (".txt", ".md", ".html"))
NOVEL = SHARED / "eval" / "data" / "pdnc-dev" / "WinnieThePooh" / "novel_text.txt"
# TimelineJS's JSON format (a title slide, then events whose dates are objects of numbers), as a JSON Schema
DATE = {"type": "object", "required": ["year"], "additionalProperties": False,
        "properties": {"year": {"type": "integer"}, "month": {"type": "integer", "minimum": 1, "maximum": 12},
                       "day": {"type": "integer", "minimum": 1, "maximum": 31}}}
TEXT = {"type": "object", "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
        "additionalProperties": False}
TIMELINEJS = {
    "type": "object", "required": ["events"], "additionalProperties": False,
    "properties": {
        "title": {"type": "object", "required": ["text"], "properties": {"text": TEXT}},
        "events": {"type": "array", "items": {
            "type": "object", "required": ["start_date", "text"], "additionalProperties": False,
            "properties": {"start_date": DATE, "end_date": DATE, "text": TEXT, "unique_id": {"type": "string"},
                           "display_date": {"type": "string"}, "group": {"type": "string"}}}},
    },
}


@pytest.fixture(scope="session")
def tei_schema() -> etree.RelaxNG:
    path = SCHEMAS / "tei_all.rng"
    if not path.exists():
        pytest.skip("../shared/schemas (the TEI and CSL schemas) is not beside the project")
    return etree.RelaxNG(etree.parse(str(path)))  # compiled once: ~15 s for all of TEI


@pytest.fixture(scope="session")
def csl_validator() -> jsonschema.protocols.Validator:
    path = SCHEMAS / "csl-data.json"
    if not path.exists():
        pytest.skip("../shared/schemas (the TEI and CSL schemas) is not beside the project")
    schema = json.loads(path.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def check_tei(story, schema: etree.RelaxNG) -> None:
    schema.assertValid(etree.fromstring(render(story, "tei").encode()))


def check_csl_and_bibtex(story, validator) -> None:
    items = json.loads(render(story, "csl"))
    validator.validate(items)
    library = bibtexparser.parse_string(render(story, "bibtex"))
    assert not library.failed_blocks
    assert len(items) == len(library.entries) == len(story.citations)


def check_geojson(story) -> None:
    data = json.loads(render(story, "geojson"))
    collection = FeatureCollection.model_validate(data)
    assert len(collection.features) == sum(1 for e in story.entities if e.geo)
    for feature in data["features"]:
        props = feature["properties"]
        for event in props["events"]:
            assert event["earliest"] is None or event["latest"] is None or event["earliest"] <= event["latest"]
            if event["edtf"]:
                parse_edtf(event["edtf"])  # raises on anything that is not EDTF
        assert props["edtf"] is None or parse_edtf(props["edtf"])


def check_lpf(story) -> None:
    data = json.loads(render(story, "lpf"))
    with warnings.catch_warnings():  # LPF wants a GeometryCollection even around one point
        warnings.filterwarnings("ignore", "GeometryCollection should not be used for")
        collection = FeatureCollection.model_validate(data)
    assert len(collection.features) == sum(1 for e in story.entities if e.type == "PLACE")
    for feature in data["features"]:
        assert feature["@id"] and feature["properties"]["title"] and feature["names"][0]["citations"]
        assert all("start" in span for span in feature.get("when", {}).get("timespans", []))


def check_timelinejs(story) -> None:
    timeline = json.loads(render(story, "timelinejs"))
    jsonschema.validate(timeline, TIMELINEJS)
    for event in timeline["events"]:
        start = tuple(event["start_date"].get(k, 0) for k in ("year", "month", "day"))
        assert "end_date" not in event or start <= tuple(event["end_date"][k] for k in ("year", "month", "day"))
    assert len(timeline["events"]) == sum(1 for v in story.events if v.earliest)


def check_timeml_and_annotations(story) -> None:
    root = etree.fromstring(render(story, "timeml").encode())
    assert "".join(root.itertext()) == f"\n{xml_safe(story.text)}\n"
    assert all(t.get("tid") and t.get("type") and t.get("value") for t in root.iter("TIMEX3"))
    collection = json.loads(render(story, "annotations"))
    for item in collection["first"]["items"]:
        quote, position = item["target"]["selector"]
        assert (quote["type"], position["type"]) == ("TextQuoteSelector", "TextPositionSelector")
        assert story.text[position["start"] : position["end"]] == quote["exact"]
    assert_round_trip(story)


def check_structure(story) -> None:
    """The checks that need nothing from ../shared."""
    check_geojson(story)
    check_lpf(story)
    check_timelinejs(story)
    check_timeml_and_annotations(story)


def check_all(story, tei_schema, csl_validator) -> None:
    check_tei(story, tei_schema)
    check_csl_and_bibtex(story, csl_validator)
    check_structure(story)


@cache
def genre_story(path: Path):
    from chronologue import analyze_file

    return analyze_file(path)


def test_reference_article_exports_validate(reference_story, tei_schema, csl_validator):
    check_all(reference_story, tei_schema, csl_validator)
    # the article has every kind of thing the exports carry, so none of the checks above ran on nothing
    assert reference_story.citations and reference_story.figures and reference_story.quotes
    assert any(e.geo for e in reference_story.entities) and any(v.place for v in reference_story.events)


@pytest.mark.parametrize("path", GENRE, ids=[p.name for p in GENRE])
def test_genre_text_exports_hold_their_structure(path: Path):
    story = genre_story(path)
    check_structure(story)
    assert story.citations and story.timexes and any(v.place for v in story.events)


@pytest.mark.parametrize("path", GENRE, ids=[p.name for p in GENRE])
def test_genre_text_exports_validate_against_their_schemas(path: Path, tei_schema, csl_validator):
    story = genre_story(path)
    check_tei(story, tei_schema)
    check_csl_and_bibtex(story, csl_validator)


@pytest.mark.slow
def test_whole_novel_exports_validate(tei_schema, csl_validator):
    if not NOVEL.exists():
        pytest.skip("../shared/eval/data/pdnc-dev is not beside the project")
    from chronologue import analyze_file

    story = analyze_file(NOVEL)
    check_all(story, tei_schema, csl_validator)
    assert len(story.quotes) > 1000  # a whole novel's dialogue went through every format


def test_tei_with_every_entity_type_and_a_time_validates(tei_schema):
    from test_export_formats import story

    from chronologue.model.story import Entity, Span, Timex

    s = story()
    text = s.text
    s.entities += [Entity(id=f"e{n}", type=kind, name=kind.title(), mentions=[Span(start=start, end=start + 4)])
                   for n, (kind, start) in enumerate([("EVENT", text.index("dawn")), ("WORK", text.index("Blood")),
                                                      ("LAW", text.index("Basic")), ("MISC", text.index("York")),
                                                      ("ORG", text.index("NAC")), ("GROUP", text.index("left"))], 4)]
    dawn = text.index("dawn")
    s.timexes.append(Timex(id="t3", start=dawn, end=dawn + 4, type="TIME", value="1942-05-03T05:00"))
    written = render(s, "tei")
    check_tei(s, tei_schema)
    assert '<date when="1942-05-03T05:00:00" type="time">' in written
    assert [f"<{tag} " in written for tag in ("event", "object", "org", "figure", "q")] == [True] * 5
