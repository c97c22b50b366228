"""The new export formats (TimelineJS, CSL-JSON, BibTeX, Web Annotation, Linked Places, TimeML), the dates they
share, and the Python surface (chronologue.render, story.speaker), on a story built by hand."""

from __future__ import annotations

import json
import pydoc
import subprocess
import sys

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from lxml import etree

import chronologue
from chronologue.export import FORMATS, SUFFIXES, exporter, render
from chronologue.export import annotations as web_annotations
from chronologue.export.dates import edtf, iso_duration, span_of, unit, w3c
from chronologue.model.story import (
    Citation,
    Entity,
    Event,
    Figure,
    Geo,
    License,
    Paragraph,
    Participant,
    Quote,
    Source,
    Span,
    Story,
    Structure,
    Timex,
)

TEXT = ('Anna Roe reached Łódź in May 1942 and stayed 3 days. "We left at dawn," she said.\n'
        'Photo: the station at Łódź (fot. NAC; lic. CC BY 4.0).\n'
        'Snyder, Timothy. Bloodlands & after. Basic Books, New York 2010.')


def span(needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return Span(start=start, end=start + len(needle))


def story() -> Story:
    s = Story(source=Source(path="hand.txt", sha256="ab" * 32), text=TEXT)
    s.entities = [
        Entity(id="e1", type="PERSON", name="Anna Roe", mentions=[span("Anna Roe"), span("she")]),
        Entity(id="e2", type="PLACE", name="Łódź", mentions=[span("Łódź"), span("Łódź", 1)],
               geo=Geo(lat=51.75, lon=19.47, source_id="geonames:3093133"), attributes={"country": "PL"}),
        Entity(id="e3", type="PERSON", name="Timothy Snyder", mentions=[span("Snyder, Timothy")]),
    ]
    may, days = span("May 1942"), span("3 days")
    s.timexes = [Timex(id="t1", start=may.start, end=may.end, type="DATE", value="1942-05", edtf="1942-05",
                       earliest="1942-05-01", latest="1942-05-31"),
                 Timex(id="t2", start=days.start, end=days.end, type="DURATION", value="P3D")]
    quote = span('"We left at dawn,"')
    s.quotes = [Quote(id="q1", start=quote.start, end=quote.end, kind="speech", speaker="e1")]
    photo = span("Photo: the station at Łódź (fot. NAC; lic. CC BY 4.0).")
    s.figures = [Figure(id="f1", start=photo.start, end=photo.end, caption=span("Photo: the station at Łódź"),
                        credit="NAC", license=License(raw="CC BY 4.0", spdx="CC-BY-4.0"))]
    cited = span("Snyder, Timothy. Bloodlands & after. Basic Books, New York 2010.")
    s.citations = [Citation(id="b1", start=cited.start, end=cited.end, author="Snyder, Timothy", author_entity="e3",
                            title="Bloodlands & after", publisher="Basic Books", place="New York", year=2010)]
    s.events = [Event(id="v1", predicate="arrive", trigger=span("reached"), sentence=span(TEXT.split("\n")[0][:52]),
                      participants=[Participant(entity="e1", role="agent")], place="e2", time="t1",
                      earliest="1942-05-01", latest="1942-05-31", basis="stated"),
                Event(id="v2", predicate="stay", trigger=span("stayed"), sentence=span(TEXT.split("\n")[0][:52]),
                      participants=[Participant(entity="e1", role="agent")], place="e2",
                      earliest="1942-05-01", latest="1942-06-03", basis="inferred")]
    return s


def test_dates_in_the_forms_the_formats_want():
    assert [w3c(v) for v in ["1942", "1942-05", "1942-05-30", "1942-05-03T10:30", "1942-05-03TMO", "1942-SU", "PXW",
                             "1942-13", None]] == [
        "1942", "1942-05", "1942-05-30", "1942-05-03T10:30:00", None, None, None, None, None]
    assert [iso_duration(v) for v in ["P3D", "PT20M", "P1Y2M", "PXW", "P", "PT", "1942"]] == [
        "P3D", "PT20M", "P1Y2M", None, None, None, None]
    assert unit("1942-01-01", "1942-12-31") == "1942" and unit("1940-02-01", "1940-02-29") == "1940-02"
    assert unit("1942-05-30", "1942-05-30") == "1942-05-30" and unit("1942-05-01", "1942-06-03") is None
    assert span_of("1940-02") == ("1940-02-01", "1940-02-29") and span_of("1942-SU") is None
    assert [edtf("1942-05-01", "1942-06-03"), edtf(None, "1945-05-09"), edtf("1945-05-10", None), edtf(None, None)] == [
        "1942-05-01/1942-06-03", "../1945-05-09", "1945-05-10/..", None]


def test_tei_dates_never_put_a_duration_in_when():
    text = "In 1939 for 3 days and some weeks."
    s = Story(source=Source(sha256="0" * 64), text=text)
    s.timexes = [Timex(id="t1", start=3, end=7, type="DATE", value="1939", earliest="1939-09-22", latest="1939-10-10"),
                 Timex(id="t2", start=12, end=18, type="DURATION", value="P3D"),
                 Timex(id="t3", start=23, end=33, type="DURATION", value="PXW")]
    root = etree.fromstring(exporter("tei").render(s).encode())
    dates = [dict(d.attrib) for d in root.iterfind(".//{http://www.tei-c.org/ns/1.0}date")]
    assert dates == [{"notBefore": "1939-09-22", "notAfter": "1939-10-10", "type": "date"},
                     {"dur-iso": "P3D", "type": "duration"}, {"type": "duration"}]


def test_tei_quote_over_two_paragraphs_is_two_linked_q():
    text = 'He said: "We went east.\n\nThen we came back," and left.'
    s = Story(source=Source(sha256="0" * 64), text=text, structure=Structure(paragraphs=[
        Paragraph(start=0, end=23), Paragraph(start=25, end=len(text))]))
    s.entities = [Entity(id="e1", type="PERSON", name="He", mentions=[Span(start=0, end=2)])]
    s.quotes = [Quote(id="q1", start=9, end=text.index(",\"") + 2, kind="speech", speaker="e1")]
    root = etree.fromstring(exporter("tei").render(s).encode())
    ns = "{http://www.tei-c.org/ns/1.0}"
    assert [(q.text, dict(q.attrib)) for q in root.iter(f"{ns}q")] == [
        ('"We went east.', {"{http://www.w3.org/XML/1998/namespace}id": "q1.1", "next": "#q1.2", "who": "#e1",
                            "type": "spoken"}),
        ('Then we came back,"', {"{http://www.w3.org/XML/1998/namespace}id": "q1.2", "prev": "#q1.1", "who": "#e1",
                                 "type": "spoken"})]


def test_csl_json_items():
    assert json.loads(render(story(), "csl")) == [{
        "id": "b1", "type": "book", "author": [{"family": "Snyder", "given": "Timothy"}], "title": "Bloodlands & after",
        "publisher": "Basic Books", "publisher-place": "New York", "issued": {"date-parts": [[2010]]}}]


def test_bibtex_entry_reads_back_with_bibtexparser():
    written = render(story(), "bibtex")
    assert written.strip() == ("@book{snyder2010,\n\tauthor = {Snyder, Timothy},\n\ttitle = {Bloodlands \\& after},\n"
                               "\tpublisher = {Basic Books},\n\taddress = {New York},\n\tyear = {2010}\n}")
    library = bibtexparser.parse_string(written, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    [entry] = library.entries
    assert {f.key: f.value for f in entry.fields} == {"author": "Snyder, Timothy", "title": "Bloodlands & after",
                                                      "publisher": "Basic Books", "address": "New York",
                                                      "year": "2010"}


def test_bibtex_keys_are_ascii_and_unique():
    from chronologue.export.bibtex import unique_keys

    s = story()
    s.citations.append(s.citations[0].model_copy(update={"id": "b2", "author": "Łukasz Żółw"}))
    s.citations.append(s.citations[0].model_copy(update={"id": "b3"}))
    assert [e.key for e in bibtexparser.parse_string(render(s, "bibtex")).entries] == [
        "snyder2010a", "zolw2010", "snyder2010b"]
    assert unique_keys(["a", "b", "a"]) == ["aa", "b", "ab"]


def test_timelinejs_slides():
    timeline = json.loads(render(story(), "timelinejs"))
    assert timeline["title"]["text"]["headline"] == "hand.txt"
    assert timeline["events"] == [
        {"unique_id": "v1", "start_date": {"year": 1942, "month": 5}, "display_date": "May 1942",
         "text": {"headline": "Arrive: Anna Roe (Łódź)",
                  "text": "<p>Anna Roe reached Łódź in May 1942 and stayed 3 days.</p>"}, "group": "Anna Roe"},
        {"unique_id": "v2", "start_date": {"year": 1942, "month": 5, "day": 1},
         "end_date": {"year": 1942, "month": 6, "day": 3},
         "text": {"headline": "Stay: Anna Roe (Łódź)",
                  "text": "<p>Anna Roe reached Łódź in May 1942 and stayed 3 days.</p>"}, "group": "Anna Roe"},
    ]


def test_linked_places_feature():
    collection = json.loads(render(story(), "lpf"))
    assert collection["@context"].endswith("linkedplaces-context-v1.1.jsonld")
    source = "ni:///sha-256;q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s"
    assert collection["features"] == [{
        "@id": f"{source}#e2", "type": "Feature", "properties": {"title": "Łódź", "ccodes": ["PL"]},
        "names": [{"toponym": "Łódź", "citations": [{"label": "hand.txt", "@id": source}]}],
        "geometry": {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [19.47, 51.75]}]},
        "when": {"timespans": [{"start": {"in": "1942-05"}},
                               {"start": {"earliest": "1942-05-01"}, "end": {"latest": "1942-06-03"}}]},
        "links": [{"type": "closeMatch", "identifier": "https://sws.geonames.org/3093133/"}],
    }]


def test_timeml_tags_times_inline():
    written = render(story(), "timeml")
    assert written.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n')
    assert 'reached Łódź in <TIMEX3 tid="t1" type="DATE" value="1942-05">May 1942</TIMEX3> and stayed ' \
           '<TIMEX3 tid="t2" type="DURATION" value="P3D">3 days</TIMEX3>.' in written
    root = etree.fromstring(written.encode())
    assert "".join(root.itertext()) == f"\n{TEXT}\n"


def test_web_annotations_have_both_selectors():
    collection = json.loads(render(story(), "annotations"))
    items = collection["first"]["items"]
    assert collection["type"] == "AnnotationCollection" and collection["total"] == len(items) == 12
    assert [item["body"][0]["value"] for item in items].count("entity") == 5
    mention = items[2]  # the first mention of Łódź
    assert mention["body"] == [
        {"type": "TextualBody", "purpose": "tagging", "value": "entity"},
        {"type": "TextualBody", "purpose": "classifying", "value": "PLACE"},
        {"type": "SpecificResource", "purpose": "identifying", "source": mention["id"].rsplit(".", 1)[0]},
        {"type": "SpecificResource", "purpose": "linking", "source": "https://sws.geonames.org/3093133/"}]
    assert mention["target"]["selector"] == [
        {"type": "TextQuoteSelector", "exact": "Łódź", "prefix": "Anna Roe reached ", "suffix": TEXT[21:53]},
        {"type": "TextPositionSelector", "start": 17, "end": 21}]


def _spans_and_labels(s: Story) -> dict[str, set]:
    return {
        "entities": {(e.id, e.type, tuple((m.start, m.end) for m in e.mentions)) for e in s.entities},
        "timexes": {(t.id, t.start, t.end, t.type, t.value) for t in s.timexes},
        "quotes": {(q.id, q.start, q.end, q.kind, q.speaker) for q in s.quotes},
        "claims": {(c.id, c.start, c.end, c.qualifier) for c in s.claims},
        "figures": {(f.id, f.start, f.end) for f in s.figures},
        "citations": {(b.id, b.start, b.end) for b in s.citations},
        "events": {(v.id, v.trigger.start, v.trigger.end, v.predicate, v.place,
                    tuple((p.entity, p.role) for p in v.participants)) for v in s.events},
    }


def assert_round_trip(original: Story) -> None:
    rebuilt = web_annotations.read(render(original, "annotations"), original.text)
    assert rebuilt.source.sha256 == original.source.sha256
    assert _spans_and_labels(rebuilt) == _spans_and_labels(original)


def test_web_annotations_round_trip():
    assert_round_trip(story())


def test_web_annotations_refuse_a_text_they_do_not_annotate():
    written = render(story(), "annotations")
    expected = "#e1.1: the text at 0..8 is 'HAnna Ro', the annotation quotes 'Anna Roe'"
    with pytest.raises(web_annotations.AnnotationError, match=expected):
        web_annotations.read(written, "H" + TEXT)


def test_render_by_name_in_any_case():
    assert chronologue.render is render and chronologue.FORMATS is FORMATS
    assert render(story(), "CSL") == render(story(), "csl") == exporter("csl").render(story())
    with pytest.raises(ValueError, match="unknown export format 'docx'; known formats: json, html, tei"):
        render(story(), "docx")


def test_suffixes_are_distinct():
    suffixes = [exporter(fmt).SUFFIX for fmt in FORMATS]
    assert len(set(suffixes)) == len(FORMATS) == 11
    assert dict(zip(FORMATS, suffixes, strict=True)) == SUFFIXES  # the table the output's name is read by


def test_naming_the_output_imports_no_format_module():
    """Choosing the format of ``-o x.tei.xml`` reads the suffix table: the CLI imports only the format it writes."""
    script = ("import sys; from pathlib import Path; from chronologue.outputs import choose_format; "
              "print(choose_format(None, Path('story.tei.xml'), False), "
              "sorted(m for m in sys.modules if m.startswith('chronologue.export.')))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split(" ", 1)[0] == "tei"
    assert "chronologue.export.tei" not in done.stdout and "chronologue.export.report" not in done.stdout


def test_speaker_and_entity():
    s = story()
    assert s.speaker(s.quotes[0]).name == "Anna Roe" and s.speaker("q1") is s.entity("e1")
    assert s.speaker(Quote(id="q9", start=0, end=1, kind="speech")) is None
    with pytest.raises(KeyError, match="no quote 'q9'"):
        s.speaker("q9")


def test_help_shows_the_public_surface_without_pydantic_internals():
    text = pydoc.render_doc(chronologue, renderer=pydoc.plaintext)
    for name in ["analyze_file(", "render(story", "story.speaker(quote)", "chronologue.FORMATS", "FORMATS = "]:
        assert name in text, name
    assert "BaseModel" not in text and "model_dump_json" not in text


def test_help_examples_run_on_the_reference_article(reference_path, monkeypatch):
    import doctest

    monkeypatch.chdir(reference_path.parent)  # the examples open palij-pow-article.txt by its name
    [test] = [t for t in doctest.DocTestFinder(recurse=False).find(chronologue) if t.examples]
    result = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS).run(test)
    assert (result.failed, result.attempted) == (0, 8)
