"""TEI P5 (valid against tei_all): the text in divisions and paragraphs with names, dates, quotations, numbers
and figures marked inline, and stand-off lists of the people, places, organisations, events and citations."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from chronologue.export import SUFFIXES
from chronologue.export.dates import iso_duration, span_of, unit, w3c
from chronologue.export.identifiers import geonames_uri
from chronologue.export.xmltext import attr as _attr
from chronologue.export.xmltext import text as _text
from chronologue.model.story import Citation, Entity, Event, Paragraph, Quote, Story, Timex

SUFFIX = SUFFIXES["tei"]
NAME_TAG = {"PERSON": "persName", "PLACE": "placeName", "ORG": "orgName", "GROUP": "orgName", "EVENT": "name",
            "WORK": "title", "LAW": "name", "MISC": "name"}
# a quotation's kind as TEI's q/@type
Q_TYPE = {"speech": "spoken", "writing": "written", "document": "document"}


@dataclass(frozen=True)
class Tag:
    """Markup around ``start..end`` of the text: an element with its rendered attributes, and for elements that
    hold no text of their own (a figure holds a paragraph) the markup inside it at each end."""

    start: int
    end: int
    name: str
    attrs: str
    inner_open: str = ""
    inner_close: str = ""

    def open(self) -> str:
        return f"<{self.name}{self.attrs}>{self.inner_open}"

    def close(self) -> str:
        return f"{self.inner_close}</{self.name}>"


def _attrs(**values: object) -> str:
    """Attributes from keywords (``xml_id`` -> ``xml:id``, ``dur_iso`` -> ``dur-iso``); None and "" left out."""
    return "".join(f" {_attr_name(k)}={_attr(str(v))}" for k, v in values.items() if v not in (None, ""))


def _attr_name(keyword: str) -> str:
    return keyword.replace("xml_", "xml:", 1) if keyword.startswith("xml_") else keyword.replace("_", "-")


def _entity_ref(e: Entity) -> str:
    """The entity in the stand-off lists, and for a place from GeoNames its GeoNames URI too."""
    uri = geonames_uri(e.geo)
    return f"#{e.id} {uri}" if uri else f"#{e.id}"


def _date_attrs(t: Timex) -> str:
    """@when for a date the text fixes to a year, month, day or time; otherwise the @notBefore/@notAfter day
    bounds (never both: TEI forbids @when beside them); a duration of known length in @dur-iso."""
    when = w3c(t.value) if t.type in ("DATE", "TIME") else None
    if when and span_of(when) not in (None, (t.earliest, t.latest)) and (t.earliest or t.latest):
        when = None  # the bounds say more (or other) than the value: '1939' between 22 September and 10 October
    bounds = {} if when else {"notBefore": w3c(t.earliest), "notAfter": w3c(t.latest)}
    duration = iso_duration(t.value) if t.type in ("DURATION", "SET") else None
    return _attrs(when=when, **bounds, dur_iso=duration, type=t.type.lower())


def _paragraphs(story: Story) -> list[Paragraph]:
    return story.structure.paragraphs or [Paragraph(start=0, end=len(story.text))]


def _quote_tags(q: Quote, paragraphs: list[Paragraph], starts: list[int]) -> list[Tag]:
    """A quotation as one ``q``, or, when it runs over several paragraphs, one ``q`` in each, chained by TEI's
    @prev/@next (``q6.1`` -> ``q6.2``) so the paragraphs stay paragraphs and the quotation stays one."""
    attrs = _attrs(who=f"#{q.speaker}" if q.speaker else None, type=Q_TYPE[q.kind])
    first = max(bisect_right(starts, q.start) - 1, 0)  # starts: the paragraphs' starts
    pieces = []
    for p in paragraphs[first:]:
        if p.start >= q.end:
            break
        start, end = max(q.start, p.start), min(q.end, p.end)
        if start < end:
            pieces.append((start, end))
    if len(pieces) <= 1:
        return [Tag(q.start, q.end, "q", attrs)]
    ids = [f"{q.id}.{n}" for n in range(1, len(pieces) + 1)]
    return [Tag(start, end, "q", _attrs(xml_id=ids[n], prev=f"#{ids[n - 1]}" if n else None,
                                        next=f"#{ids[n + 1]}" if n + 1 < len(ids) else None) + attrs)
            for n, (start, end) in enumerate(pieces)]


def _inline_tags(story: Story) -> list[Tag]:
    tags = []
    paragraphs = _paragraphs(story)
    starts = [p.start for p in paragraphs]
    for e in story.entities:
        for m in e.mentions:
            tags.append(Tag(m.start, m.end, NAME_TAG[e.type], _attrs(ref=_entity_ref(e), type=e.type.lower())))
    for t in story.timexes:
        tags.append(Tag(t.start, t.end, "date", _date_attrs(t)))
    for q in story.quotes:
        if q.kind in ("title", "scare"):
            tags.append(Tag(q.start, q.end, "title" if q.kind == "title" else "soCalled", ""))
        else:
            tags += _quote_tags(q, paragraphs, starts)
    for c in story.claims:
        tags.append(Tag(c.start, c.end, "num", _attrs(value=c.value, atLeast=c.low, atMost=c.high, type=c.qualifier)))
    for f in story.figures:
        licence = f"<note type='licence'>{_text(f.license.spdx or f.license.raw)}</note>" if f.license else ""
        tags.append(Tag(f.start, f.end, "figure", _attrs(xml_id=f.id), "<p>", f"</p>{licence}"))
    return tags


def _nestable(tags: list[Tag]) -> list[Tag]:
    """Tags sorted for nesting; a tag that crosses an already kept one is left out (XML cannot hold it).

    In (start, -end) order every kept tag still open at a tag's start encloses the one kept after it, so the
    tag fits exactly when it ends within the innermost of them: one stack, linear after the sort.
    """
    kept: list[Tag] = []
    open_: list[Tag] = []  # kept tags open at the current start, outermost first
    for tag in sorted(tags, key=lambda t: (t.start, -t.end)):
        while open_ and open_[-1].end <= tag.start:
            open_.pop()
        if not open_ or tag.end <= open_[-1].end:
            kept.append(tag)
            open_.append(tag)
    return kept


def _markup(text: str, start: int, end: int, tags: list[Tag]) -> str:
    """``text[start:end]`` with the tags that lie inside it, properly nested."""
    inside = sorted((t for t in tags if start <= t.start and t.end <= end and t.end > t.start),
                    key=lambda t: (t.start, -t.end))
    out, pos, open_stack = [], start, []
    # opened in nesting order, closed in its reverse: of two tags on the same span the inner one closes first
    events = sorted([(t.start, 1, rank, t) for rank, t in enumerate(inside)]
                    + [(t.end, 0, -rank, t) for rank, t in enumerate(inside)], key=lambda e: (e[0], e[1], e[2]))
    for at, is_open, _key, tag in events:
        out.append(_text(text[pos:at]))
        pos = at
        if is_open:
            out.append(tag.open())
            open_stack.append(tag)
        elif open_stack and open_stack[-1] is tag:
            out.append(tag.close())
            open_stack.pop()
    out.append(_text(text[pos:end]))
    return "".join(out)


def _body(story: Story) -> Iterator[str]:
    text = story.text
    tags = _nestable(_inline_tags(story))  # sorted by start
    starts = [t.start for t in tags]

    def content(p: Paragraph) -> str:
        return _markup(text, p.start, p.end, tags[bisect_left(starts, p.start) : bisect_left(starts, p.end)])

    figure_spans = {(f.start, f.end) for f in story.figures}
    open_: list[str] = []  # "div" and "listBibl" still open, outermost first
    for p in _paragraphs(story):
        if p.role in ("kicker", "title"):
            continue
        if open_[-1:] == ["listBibl"] and p.role != "bibliography":
            yield f"</{open_.pop()}>"
        if p.role == "heading":
            if open_:
                yield f"</{open_.pop()}>"
            yield f"<div><head>{content(p)}</head>"
            open_.append("div")
        elif p.role == "bibliography":
            if open_[-1:] != ["listBibl"]:
                yield "<listBibl>"
                open_.append("listBibl")
            cited = " ".join(f"#{b.id}" for b in story.citations if p.start <= b.start < p.end)
            yield f"<bibl{_attrs(corresp=cited)}>{content(p)}</bibl>"
        elif p.role == "caption":  # a figure of its own, or a caption whose figure was not recognised
            yield content(p) if (p.start, p.end) in figure_spans else f"<figure><p>{content(p)}</p></figure>"
        elif p.role == "quote":
            yield f"<quote><p>{content(p)}</p></quote>"
        else:
            yield f"<p>{content(p)}</p>"
    while open_:
        yield f"</{open_.pop()}>"


def _names(tag: str, e: Entity) -> str:
    return f"<{tag}>{_text(e.name)}</{tag}>" + "".join(f"<{tag} type='alias'>{_text(a)}</{tag}>" for a in e.aliases)


def _place(e: Entity) -> str:
    location = f"<location><geo>{e.geo.lat} {e.geo.lon}</geo></location>" if e.geo else ""
    uri = geonames_uri(e.geo)
    idno = (f"<idno type='GeoNames'>{uri}</idno>" if uri
            else f"<idno type='gazetteer'>{_text(e.geo.source_id)}</idno>" if e.geo else "")
    return f"<place xml:id={_attr(e.id)}>{_names('placeName', e)}{location}{idno}</place>"


def _object(e: Entity) -> str:
    """A law or another named thing: a TEI object identified by its names."""
    return (f"<object xml:id={_attr(e.id)} type={_attr(e.type.lower())}><objectIdentifier>"
            f"{_names('objectName', e)}</objectIdentifier></object>")


# entity type -> the stand-off list that holds it and how one entry is written
ENTRY = {
    "PERSON": ("listPerson", lambda e: f"<person xml:id={_attr(e.id)}>{_names('persName', e)}</person>"),
    "PLACE": ("listPlace", _place),
    "ORG": ("listOrg", lambda e: f"<org xml:id={_attr(e.id)} type='org'>{_names('orgName', e)}</org>"),
    "GROUP": ("listOrg", lambda e: f"<org xml:id={_attr(e.id)} type='group'>{_names('orgName', e)}</org>"),
    "EVENT": ("listEvent", lambda e: f"<event xml:id={_attr(e.id)} type='named'>{_names('label', e)}</event>"),
    "WORK": ("listBibl", lambda e: f"<bibl xml:id={_attr(e.id)} type='work'>{_names('title', e)}</bibl>"),
    "LAW": ("listObject", _object),
    "MISC": ("listObject", _object),
}
LISTS = ["listPerson", "listPlace", "listOrg", "listEvent", "listBibl", "listObject"]


def _event(story: Story, v: Event) -> str:
    when = unit(v.earliest, v.latest)
    dates = _attrs(when=w3c(when)) if when else _attrs(notBefore=w3c(v.earliest), notAfter=w3c(v.latest))
    who = "".join(f"<ptr{_attrs(type=p.role, target=f'#{p.entity}')}/>" for p in v.participants)
    return (f"<event xml:id={_attr(v.id)}{_attrs(type=v.predicate.replace(' ', '_'))}{dates}"
            f"{_attrs(where=f'#{v.place}' if v.place else None)}>"
            f"<desc>{_text(story.text[v.sentence.start:v.sentence.end])}</desc>{who}</event>")


def _citation(b: Citation) -> str:
    parts = [
        f"<author{_attrs(ref=f'#{b.author_entity}' if b.author_entity else None)}>{_text(b.author)}</author>"
        if b.author else "",
        f"<title{_attrs(ref=f'#{b.work_entity}' if b.work_entity else None)}>{_text(b.title)}</title>"
        if b.title else "",
        f"<pubPlace>{_text(b.place)}</pubPlace>" if b.place else "",
        f"<publisher>{_text(b.publisher)}</publisher>" if b.publisher else "",
        f"<date{_attrs(when=f'{b.year:04d}')}>{b.year}</date>" if b.year else "",
    ]
    return f"<bibl xml:id={_attr(b.id)} type='citation'>{''.join(parts)}</bibl>"


def _standoff(story: Story) -> Iterator[str]:
    entries: dict[str, list[str]] = {name: [] for name in LISTS}
    for e in story.entities:
        list_name, entry = ENTRY[e.type]
        entries[list_name].append(entry(e))
    entries["listEvent"] += [_event(story, v) for v in story.events]
    entries["listBibl"] += [_citation(b) for b in story.citations]
    for name in LISTS:
        if entries[name]:
            yield f"<{name}>{''.join(entries[name])}</{name}>"


def render(story: Story) -> str:
    """The story as a TEI P5 document: header, stand-off lists of entities and events, the annotated text."""
    title = _text(story.structure.title or story.source.path or "Untitled")
    source = _text(story.source.path or "text given to chronologue.analyze")
    header = (
        f"<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>"
        "<publicationStmt><p>Annotated by chronologue (schema chronologue.story/1).</p></publicationStmt>"
        f"<sourceDesc><p>{source} (sha256 {story.source.sha256})</p></sourceDesc></fileDesc></teiHeader>"
    )
    standoff = "".join(_standoff(story))
    standoff = f"\n<standOff>{standoff}</standOff>" if standoff else ""
    parts = []
    if story.structure.kicker:
        parts.append(f"<titlePart type='kicker'>{_text(story.structure.kicker)}</titlePart>")
    if story.structure.title:
        parts.append(f"<titlePart type='main'>{title}</titlePart>")
    front = f"<front><docTitle>{''.join(parts)}</docTitle></front>" if parts else ""
    body = "\n".join(_body(story)) or "<p/>"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
        f"{header}{standoff}\n<text>{front}<body>\n{body}\n</body></text></TEI>\n"
    )
