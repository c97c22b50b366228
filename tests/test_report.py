"""The HTML report: escaping, well-formed nesting of highlights, links, timeline bars, the map and its data.

Stories here are built by hand on texts written for the tests, so every part of the report has something to
show while the stages that fill a story are being written.
"""

from __future__ import annotations

import json
import re
from datetime import date
from html import unescape
from html.parser import HTMLParser
from importlib import resources

import pytest

from chronologue.export.html_report import SUFFIX, render
from chronologue.export.report import annotated, outlines, worldmap
from chronologue.export.report.labels import bounds_label, range_label
from chronologue.export.report.timescale import TimeScale
from chronologue.model.story import (
    Citation,
    Claim,
    Entity,
    Event,
    Figure,
    Finding,
    Geo,
    License,
    Paragraph,
    Participant,
    Quote,
    Source,
    Span,
    Story,
    Structure,
    Timeline,
    Timex,
)

MEMOIR = """Memoir fragment

The long road home

In the spring of 1939 Anton Weller served as a lieutenant in Lviv. On 1 September 1939 the war began. A few days \
later he was captured near Krakow. "We marched for nine days without bread," Weller wrote later.

The camp at Lubeck held more than 4,000 prisoners. Weller stayed there until the winter of 1944/45.

A column of prisoners on the march (source: Imperial Archive; lic. CC BY-SA 4.0).

After the war he emigrated to Canada , where he wrote his memoir.

Sources:

Anton Weller, The Long Road Home, Toronto: Maple Press 1968.
"""

VOID = {"meta", "br", "input", "img", "hr", "link", "rect", "line", "circle", "polyline", "path", "stop"}


def at(text: str, needle: str, occurrence: int = 1) -> Span:
    """The span of the ``occurrence``-th ``needle`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return Span(start=start, end=start + len(needle))


def memoir_story() -> Story:
    """A story of MEMOIR with every kind of annotation, as the stages would fill it."""
    text = MEMOIR
    paragraphs = [m.span() for m in re.finditer(r"[^\n]+", text)]
    roles = ["kicker", "title", "body", "body", "caption", "body", "heading", "bibliography"]
    structure = Structure(kicker="Memoir fragment", title="The long road home",
                          paragraphs=[Paragraph(start=a, end=b, role=r) for (a, b), r in zip(paragraphs, roles,
                                                                                              strict=True)])
    weller = Entity(id="e1", type="PERSON", name="Anton Weller", aliases=["Weller"],
                    mentions=[at(text, "Anton Weller"), at(text, "Weller", 2), at(text, "Weller", 3),
                              at(text, "Anton Weller", 2)])
    lviv = Entity(id="e2", type="PLACE", name="Lviv", mentions=[at(text, "Lviv")],
                  geo=Geo(lat=49.84, lon=24.03, source_id="geonames:702550"))
    krakow = Entity(id="e3", type="PLACE", name="Krakow", mentions=[at(text, "Krakow")],
                    geo=Geo(lat=50.06, lon=19.94, source_id="geonames:3094802"))
    lubeck = Entity(id="e4", type="PLACE", name="Lubeck", mentions=[at(text, "Lubeck")],
                    geo=Geo(lat=53.87, lon=10.69, source_id="geonames:2875601"))
    canada = Entity(id="e5", type="PLACE", name="Canada", mentions=[at(text, "Canada")])
    archive = Entity(id="e6", type="ORG", name="Imperial Archive", mentions=[at(text, "Imperial Archive")])
    camp = Entity(id="e7", type="ORG", name="The camp at Lubeck", mentions=[at(text, "The camp at Lubeck")])
    timexes = [
        Timex(id="t1", type="DATE", value="1939-SP", earliest="1939-03-01", latest="1939-05-31",
              anchor="absolute", **at(text, "the spring of 1939").model_dump()),
        Timex(id="t2", type="DATE", value="1939-09-01", earliest="1939-09-01", latest="1939-09-01",
              anchor="absolute", **at(text, "1 September 1939").model_dump()),
        Timex(id="t3", type="DATE", earliest="1939-09-01", latest="1939-09-30", anchor="narrative",
              **at(text, "A few days later").model_dump()),
        Timex(id="t4", type="DATE", value="1944-WI", earliest="1944-12-01", latest="1945-02-28",
              anchor="absolute", **at(text, "the winter of 1944/45").model_dump()),
    ]
    quote = Quote(id="q1", kind="writing", speaker="e1", speaker_mention=at(text, "Weller", 2),
                  **at(text, '"We marched for nine days without bread,"').model_dump())
    claim = Claim(id="c1", value=4000, qualifier="more_than", unit="prisoners",
                  **at(text, "more than 4,000 prisoners").model_dump())
    caption_start = text.index("A column")
    figure = Figure(id="f1", start=caption_start, end=text.index(").", caption_start) + 1,
                    caption=Span(start=caption_start, end=text.index(" (source", caption_start)),
                    credit="Imperial Archive", license=License(raw="CC BY-SA 4.0", spdx="CC-BY-SA-4.0"))
    citation = Citation(id="b1", author="Anton Weller", author_entity="e1", title="The Long Road Home",
                        publisher="Maple Press", place="Toronto", year=1968,
                        **at(text, "Anton Weller, The Long Road Home, Toronto: Maple Press 1968.").model_dump())

    def event(eid: str, predicate: str, trigger: str, earliest: str | None, latest: str | None, basis: str,
              place: str | None = None, time: str | None = None) -> Event:
        span = at(text, trigger)
        start = text.rfind(".", 0, span.start) + 1
        end = text.index(".", span.end) + 1
        return Event(id=eid, predicate=predicate, trigger=span, sentence=Span(start=start, end=end),
                     participants=[Participant(entity="e1", role="patient")], place=place, time=time,
                     earliest=earliest, latest=latest, basis=basis)

    events = [
        event("v1", "serve", "served", "1939-03-01", "1939-05-31", "stated", "e2", "t1"),
        event("v2", "capture", "captured", "1939-09-01", "1939-09-30", "narrative", "e3", "t3"),
        event("v3", "stay", "stayed", "1939-09-01", "1945-02-28", "stated", "e4", "t4"),
        event("v4", "emigrate", "emigrated", "1945-05-08", "1968-12-31", "inferred", "e5"),
        event("v5", "write", "wrote his memoir", None, "1968-12-31", "inferred"),
        event("v6", "march", "marched", None, None, "inferred"),
    ]
    findings = [
        Finding(kind="spacing", severity="info", message="space before punctuation", spans=[at(text, "Canada ,")]),
        Finding(kind="numeric_inconsistency", severity="warning", message="two counts of prisoners differ",
                spans=[at(text, "more than 4,000")]),
    ]
    return Story(
        source=Source(path="memoir.txt", sha256="ab" * 32), text=text, structure=structure,
        entities=[weller, lviv, krakow, lubeck, canada, archive, camp], timexes=timexes, quotes=[quote],
        claims=[claim], figures=[figure], citations=[citation], events=events, findings=findings,
        timelines=[Timeline(entity="e1", events=["v1", "v2", "v3", "v4", "v5", "v6"])],
    )


class Nesting(HTMLParser):
    """Checks that every element is closed in order, and collects ids, hrefs and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if "id" in values:
            self.ids.append(values["id"])
        if "href" in values:
            self.hrefs.append(values["href"])
        if tag == "script":
            self.scripts += 1
        if tag == "a" and "a" in self.stack:
            self.errors.append("a inside a")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        values = dict(attrs)
        if "href" in values:
            self.hrefs.append(values["href"])

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> Nesting:
    checker = Nesting()
    checker.feed(markup)
    checker.close()
    return checker


@pytest.fixture(scope="module")
def story() -> Story:
    return memoir_story()


@pytest.fixture(scope="module")
def page(story) -> str:
    return render(story)


def test_suffix_and_document(page):
    assert SUFFIX == "html"
    assert page.startswith("<!doctype html>")
    checker = parse(page)
    assert checker.errors == []
    assert checker.stack == []
    assert len(checker.ids) == len(set(checker.ids)), "ids are unique"


def test_every_internal_link_has_a_target(page):
    checker = parse(page)
    targets = set(checker.ids)
    missing = sorted({h for h in checker.hrefs if h.startswith("#") and h[1:] not in targets})
    assert missing == []


def test_no_request_can_leave_the_page(page):
    assert not re.search(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//", page, re.I)
    assert not re.search(r"@import", page)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert policy.startswith("default-src 'none';")
    assert "script-src 'sha256-" in policy


def test_text_is_kept_whole(story):
    """Stripping the markup gives back every paragraph of the text, nothing lost, nothing doubled."""
    html = annotated.render_text(story)
    checker = parse(html)
    assert checker.errors == []
    paragraphs = [story.text[b.start:b.end] for b in annotated.blocks(story)]
    assert unescape("".join(checker.text)) == "".join(paragraphs)
    assert len(paragraphs) == 8


def test_crossing_spans_are_split_and_nested():
    text = "alpha beta gamma delta"
    story = Story(source=Source(sha256="0" * 64), text=text,
                  quotes=[Quote(id="q1", start=0, end=10, kind="speech")],
                  entities=[Entity(id="e1", type="ORG", name="beta gamma", mentions=[Span(start=6, end=16)])])
    html = annotated.render_text(story)
    assert html == (
        '<p class="para r-body" id="p1" data-n="1">'
        '<span class="hl qt k-speech" title="speech quote — speaker unknown" id="q1">alpha '
        '<a class="hl ent t-ORG" title="beta gamma · ORG" id="e1-m0" data-ref="e1" href="#e1">beta</a></span>'
        '<a class="hl ent t-ORG" title="beta gamma · ORG" data-ref="e1" href="#e1"> gamma</a> delta</p>'
    )


def test_nested_mentions_make_no_nested_links(story):
    html = annotated.render_text(story)
    outer = re.search(r'<a class="hl ent t-ORG"[^>]*id="e7-m0"[^>]*>(.*?)</a>', html).group(1)
    assert '<span class="hl ent t-PLACE" title="Lubeck · PLACE" id="e4-m0" data-ref="e4" data-href="#e4">' in outer
    assert parse(html).errors == []


def test_mentions_link_to_the_index_and_back(page, story):
    for k, _ in enumerate(story.entities[0].mentions):
        assert f'id="e1-m{k}"' in page
        assert f'href="#e1-m{k}"' in page
    assert '<article class="entity t-PERSON" id="e1">' in page
    assert '<span class="alias">Weller</span>' in page
    assert page.count('href="#e1"') >= 4


def test_untrusted_text_is_escaped():
    payload = '<script>alert("x")</script></textarea><img src=x onerror=alert(1)>\'"&'
    text = f"Dear {payload} wrote to {payload} from Oslo."
    name = text.index(payload)
    second = text.index(payload, name + 1)
    story = Story(
        source=Source(path=payload, sha256="1" * 64), text=text,
        structure=Structure(title=payload, kicker=payload),
        entities=[Entity(id="e1", type="PERSON", name=payload, aliases=[payload + "!"],
                         attributes={payload: payload},
                         mentions=[Span(start=name, end=name + len(payload))]),
                  Entity(id="e2", type="PLACE", name=payload, mentions=[Span(start=second, end=second + 6)],
                         geo=Geo(lat=59.9, lon=10.7, source_id=payload))],
        quotes=[Quote(id="q1", start=0, end=len(text), kind="writing", speaker="e1")],
        figures=[Figure(id="f1", start=0, end=len(text), caption=Span(start=0, end=4), credit=payload,
                        credit_ref=payload, license=License(raw=payload))],
        citations=[Citation(id="b1", start=0, end=4, author=payload, title=payload, publisher=payload,
                            place=payload)],
        events=[Event(id="v1", predicate=payload, trigger=Span(start=0, end=4), sentence=Span(start=0, end=len(text)),
                      participants=[Participant(entity="e1", role=payload)], place="e2",
                      earliest="1940-01-01", latest="1940-12-31")],
        findings=[Finding(kind=payload, message=payload, spans=[Span(start=0, end=4)])],
        timelines=[Timeline(entity="e1", events=["v1"])],
    )
    page = render(story)
    checker = parse(page)
    assert checker.errors == []
    assert checker.scripts == 1, "only the report's own script"
    assert "<script>alert" not in page
    assert "</textarea>" not in page
    assert "<img" not in page
    assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;/textarea&gt;" in page
    assert "&#x27;&quot;&amp;" in page


def test_timeline_draws_bounds_as_bars(page, story):
    svg = re.search(r'<svg class="tl-svg".*?</svg>', page, re.S).group(0)
    bars = re.findall(r'<rect class="tl-bar b-(\w+)" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
    assert [b[0] for b in bars] == ["stated", "narrative", "stated", "inferred", "inferred"]
    xs = [float(b[1]) for b in bars]
    widths = [float(b[2]) for b in bars]
    assert xs[0] < xs[1] < xs[3], "bars follow the dates"
    assert widths[2] > widths[0] > widths[1], "a longer stretch of time is a wider bar"
    assert 'fill="url(#tl0-fade-l)"' in svg, "an open earliest bound fades out"
    assert '<text class="tl-undated"' in svg
    assert "Mar – May 1939" in svg and "Sep 1939" in svg and "Sep 1939 – Feb 1945" in svg and "by 1968" in svg
    assert svg.count('class="tl-row"') == 6
    table = re.search(r'<table class="tl-table">.*?</table>', page, re.S).group(0)
    assert "<td>A few days later he was <b>captured</b> near Krakow.</td>" in table
    assert '<a href="#e1">Anton Weller</a>' in table


def test_timelines_fall_back_to_events_per_person(story):
    without = story.model_copy(update={"timelines": []})
    page = render(without)
    assert page.count('class="tl-row"') == 6
    assert 'href="#v6"' in page


def test_range_labels():
    assert range_label(date(1930, 1, 1), date(1934, 12, 31)) == "1930–1934"
    assert range_label(date(1941, 1, 1), date(1941, 12, 31)) == "1941"
    assert range_label(date(1941, 7, 1), date(1941, 7, 31)) == "Jul 1941"
    assert range_label(date(1941, 9, 1), date(1941, 12, 31)) == "Sep – Dec 1941"
    assert range_label(date(1941, 7, 16), date(1941, 7, 31)) == "16–31 Jul 1941"
    assert range_label(date(1941, 7, 16), date(1941, 8, 15)) == "16 Jul – 15 Aug 1941"
    assert range_label(date(1941, 6, 22), date(1941, 6, 22)) == "22 Jun 1941"
    assert range_label(date(1945, 5, 8), date(2015, 12, 31)) == "8 May 1945 – 31 Dec 2015"
    assert range_label(None, date(1968, 12, 31)) == "by 1968"
    assert range_label(date(1945, 5, 8), None) == "from 8 May 1945"
    assert bounds_label("1944-12-01", "1945-02-28") == "Dec 1944 – Feb 1945"
    assert bounds_label(None, None) == "undated"


def test_time_scale_cuts_long_empty_gaps_only():
    def day(iso: str) -> int:
        return date.fromisoformat(iso).toordinal()

    war = [(day("1941-06-22"), day("1941-06-23")), (day("1942-01-01"), day("1944-12-01"))]
    after = [(day("1945-05-08"), day("2016-01-01"))]
    scale = TimeScale([*war, (day("2015-06-01"), day("2015-06-02"))], 0, 500)
    assert len(scale.breaks) == 1, "1945-2015 is empty: cut"
    assert scale.x(day("1941-06-22")) < scale.x(day("1944-12-01")) < scale.x(day("2015-06-01")) <= 500
    covered = TimeScale([*war, *after, (day("2015-06-01"), day("2015-06-02"))], 0, 500)
    assert len(covered.breaks) == 1, "a 70-year bar over an empty stretch is still cut"
    assert covered.x(day("1945-05-08")) < covered.breaks[0].x0 < covered.x(day("2015-06-01"))
    short = TimeScale([(day("1930-01-01"), day("1935-01-01")), (day("1941-06-22"), day("1941-06-23"))], 0, 500)
    assert len(short.breaks) == 1
    inside = short.breaks[0]
    assert day("1935-01-01") < inside.lo < inside.hi < day("1941-06-22")
    five = TimeScale([(day("1930-01-01"), day("1935-01-01"))], 0, 500)
    assert five.breaks == [], "the body of a bar is not cut"
    alone = TimeScale([(day("1945-05-09"), day("2016-01-01"))], 0, 500)
    assert alone.breaks == [], "nor is the body of a bar that is alone"
    labels = [label for _, label in five.ticks()]
    assert labels[:2] == ["1930", "1931"]


def test_map_draws_places_over_country_outlines(page):
    svg = re.search(r'<svg class="map-svg".*?</svg>', page, re.S).group(0)
    assert svg.count("<circle") == 3, "Lviv, Krakow, Lubeck; Canada has no coordinates"
    assert "<title>Poland</title>" in svg and "<title>Germany</title>" in svg
    assert '<path class="country home"' in svg
    assert svg.count('class="route"') == 2, "Lviv -> Krakow -> Lubeck"
    assert "Places without coordinates (not drawn): " in page and 'href="#e5">Canada</a>' in page


def test_map_view_fits_the_places():
    points = [(24.03, 49.84), (19.94, 50.06), (10.69, 53.87)]
    view = worldmap.fit(points)
    assert view.west < 10.69 and view.east > 24.03 and view.south < 49.84 and view.north > 53.87
    assert 380 <= view.height <= 560 + 1e-6
    for lon, lat in points:
        x, y = view.xy(lon, lat)
        assert 0 < x < 1000 and 0 < y < view.height
    single = worldmap.fit([(2.35, 48.86)])
    assert single.west < 2.35 < single.east and single.south < 48.86 < single.north


def test_country_outlines_are_small_and_whole():
    raw = (resources.files("chronologue.export") / "assets" / "world-110m.json").read_bytes()
    assert len(raw) < 300_000
    data = json.loads(raw)
    assert len(data["countries"]) == 177
    assert "public domain" in data["license"]
    world = outlines.outlines()
    poland, germany, italy = world.index("Poland"), world.index("Germany"), world.index("Italy")
    assert outlines.contains(poland, 21.01, 52.23)
    assert not outlines.contains(poland, 13.40, 52.52)
    assert outlines.contains(germany, 13.40, 52.52)
    assert outlines.contains(italy, 12.5, 41.9)
    assert outlines.holding(21.01, 52.23) == {poland}
    assert outlines.holding(13.77, 54.14) == {germany}, "a port just off the coarse coast"
    assert outlines.holding(-30.0, 40.0) == set(), "mid-Atlantic"


def test_sections_show_quotes_figures_bibliography_findings(page):
    assert '<blockquote class="quote-card k-writing" id="ql-q1">' in page
    assert '— <a href="#e1">Anton Weller</a>' in page
    assert '<span class="badge ok">CC-BY-SA-4.0</span>' in page
    assert "<cite>The Long Road Home</cite>" in page and "Toronto: Maple Press, 1968." in page
    warnings = page.index("Numeric inconsistency")
    assert warnings < page.index("Spacing"), "warnings come first"
    assert 'href="#fd2-0"' in page and 'id="fd2-0"' in page
    assert '<a href="#c1">more than 4,000 prisoners</a>' in page


def test_header_counts(page):
    assert '<p class="kicker">Memoir fragment</p><h1>The long road home</h1>' in page
    assert "<b>6</b> events" in page and "<b>7</b> entities" in page and "<b>3</b> places on the map" in page
    assert "<b>1</b> warning" in page


def test_an_empty_story_still_renders():
    page = render(Story(source=Source(sha256="2" * 64), text=""))
    assert parse(page).errors == []
    for note in ["No dated events were found.", "No place in this story has coordinates.",
                 "No entities were found.", "No quotations were found.", "No findings."]:
        assert note in page


def test_scare_quotes_and_titles_are_listed_apart(story):
    scare = Quote(id="q2", kind="scare", **at(story.text, "the war").model_dump())
    page = render(story.model_copy(update={"quotes": [*story.quotes, scare]}))
    minor = re.search(r'<p class="minor-quotes">.*?</p>', page).group(0)
    assert 'href="#q2"' in minor and "“the war”" in minor
    assert page.count('<blockquote class="quote-card') == 1


def test_far_places_point_from_the_edge_and_shared_coordinates_share_a_marker(story):
    canada = story.entities[4].model_copy(update={"geo": Geo(lat=45.42, lon=-75.70, source_id="geonames:6094817")})
    region = Entity(id="e8", type="PLACE", name="Galicia", mentions=[at(story.text, "Lviv")],
                    geo=Geo(lat=49.84, lon=24.03, source_id="geonames:702550"))
    entities = [*story.entities[:4], canada, *story.entities[5:], region]
    page = render(story.model_copy(update={"entities": entities}))
    svg = re.search(r'<svg class="map-svg".*?</svg>', page, re.S).group(0)
    assert svg.count("<circle") == 3, "Lviv and Galicia share one marker; Canada is off the map"
    assert ">Lviv / Galicia</text>" in svg
    offmap = re.search(r'<a href="#e5" class="place offmap">.*?</a>', svg, re.S).group(0)
    assert "<polygon" in offmap and ">Canada</text>" in offmap
    view_left = re.search(r'<polygon points="([\d.]+),', offmap).group(1)
    assert float(view_left) < 40, "Canada lies west: its arrow is at the left edge"
    assert svg.count('class="route"') == 3, "Lviv -> Krakow -> Lubeck -> (edge towards) Canada"
    assert "far-off place, in its direction" in page


def test_focus_keeps_every_place_when_none_is_an_outlier():
    spread = [Entity(id=f"e{i}", type="PLACE", name=n, geo=Geo(lat=lat, lon=lon, source_id="x"))
              for i, (n, lat, lon) in enumerate([("A", 40.7, -74.0), ("B", 51.5, -0.1), ("C", 35.7, 139.7)])]
    assert len(worldmap.focus(worldmap.sites(spread))) == 3


def test_reference_article_report_is_whole(reference_story):
    """The report of the real pipeline's story: well-formed, unique ids, every link lands, all text kept."""
    page = render(reference_story)
    checker = parse(page)
    assert checker.errors == [] and checker.stack == []
    assert len(checker.ids) == len(set(checker.ids))
    targets = set(checker.ids)
    assert sorted({h for h in checker.hrefs if h.startswith("#") and h[1:] not in targets}) == []
    text = parse(annotated.render_text(reference_story))
    kept = "".join(reference_story.text[b.start:b.end] for b in annotated.blocks(reference_story))
    assert unescape("".join(text.text)) == kept
    assert len(kept) > 0.95 * len(reference_story.text.replace("\n", ""))


def test_entity_facts_are_plain_words():
    from chronologue.export.report.sections import _facts

    entity = Entity(id="e1", type="PLACE", name="Lviv", attributes={
        "country_name": "Ukraine", "modern_name": "Lviv", "acronyms": [], "former_names": ["Lwów", "Lemberg"]})
    assert _facts(entity) == "country name: Ukraine · former names: Lwów, Lemberg"


def test_people_with_one_event_share_a_chart(story):
    text = story.text
    maria = Entity(id="e8", type="PERSON", name="Maria Weller", mentions=[at(text, "Canada")])
    priest = Entity(id="e9", type="PERSON", name="Jan Novak", mentions=[at(text, "Toronto")])
    extra = [Event(id="v7", predicate="emigrate", trigger=at(text, "emigrated"), sentence=story.events[3].sentence,
                   participants=[Participant(entity="e8", role="agent")], earliest="1946-01-01",
                   latest="1946-12-31", basis="stated"),
             Event(id="v8", predicate="publish", trigger=at(text, "Maple Press"),
                   sentence=Span(start=story.citations[0].start, end=story.citations[0].end),
                   participants=[Participant(entity="e9", role="agent")], earliest="1968-01-01",
                   latest="1968-12-31", basis="stated")]
    page = render(story.model_copy(update={
        "entities": [*story.entities, maria, priest], "events": [*story.events, *extra],
        "timelines": [*story.timelines, Timeline(entity="e9", events=["v8"]), Timeline(entity="e8", events=["v7"])]}))
    others = re.search(r'<figure class="tl" id="timeline-others">.*?</figure>', page, re.S).group(0)
    assert others.count('class="tl-row"') == 2
    labels = re.findall(r'<tspan class="tl-who">([^<]+)</tspan>', others)
    assert labels == ["Maria Weller", "Jan Novak"], "ordered by date"
    assert 'id="timeline-0"' in page and page.count('<figure class="tl"') == 2
    entry = re.search(r'<article class="entity t-PERSON" id="e8">.*?</article>', page, re.S).group(0)
    assert 'href="#timeline-others"' in entry
