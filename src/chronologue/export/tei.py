"""TEI P5: the text in divisions and paragraphs with names, dates, quotes, numbers and figures marked inline,
and the people, places, organisations and events in the header with their identities and coordinates."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from chronologue.model.story import Paragraph, Story

SUFFIX = "tei.xml"
NAME_TAG = {"PERSON": "persName", "PLACE": "placeName", "ORG": "orgName", "GROUP": "orgName", "EVENT": "name",
            "WORK": "title", "LAW": "name", "MISC": "name"}
# characters XML 1.0 cannot hold even escaped (C0 controls other than tab and line ends, U+FFFE, U+FFFF); a
# document with a stray form feed or vertical tab would otherwise not be well-formed
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    """``value`` as XML character data: escaped, characters XML cannot hold replaced by U+FFFD."""
    return escape(_NOT_XML.sub("\ufffd", value))


def _attr(value: str) -> str:
    """``value`` as a quoted XML attribute value, characters XML cannot hold replaced by U+FFFD."""
    return quoteattr(_NOT_XML.sub("\ufffd", value))


@dataclass(frozen=True)
class Tag:
    """An inline element over ``start..end`` of the text: its name and its rendered attributes."""

    start: int
    end: int
    name: str
    attrs: str


def _attrs(**values: object) -> str:
    return "".join(f" {k.rstrip('_').replace('_', ':', 1) if k.startswith('xml_') else k.rstrip('_')}="
                   f"{_attr(str(v))}" for k, v in values.items() if v not in (None, ""))


def _inline_tags(story: Story) -> list[Tag]:
    tags = []
    for e in story.entities:
        for m in e.mentions:
            tags.append(Tag(m.start, m.end, NAME_TAG[e.type], _attrs(ref=f"#{e.id}", type=e.type.lower())))
    for t in story.timexes:
        when = t.value if t.value and t.earliest == t.latest else None
        tags.append(Tag(t.start, t.end, "date", _attrs(when=when, notBefore=t.earliest, notAfter=t.latest,
                                                      type=t.type.lower(), ana=t.value)))
    for q in story.quotes:
        name = "title" if q.kind == "title" else "soCalled" if q.kind == "scare" else "quote"
        who = f"#{q.speaker}" if q.speaker else None
        tags.append(Tag(q.start, q.end, name, _attrs(who=who, type=q.kind if name == "quote" else None)))
    for c in story.claims:
        tags.append(Tag(c.start, c.end, "num", _attrs(value=c.value, atLeast=c.low, atMost=c.high, type=c.qualifier)))
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
            out.append(f"<{tag.name}{tag.attrs}>")
            open_stack.append(tag)
        elif open_stack and open_stack[-1] is tag:
            out.append(f"</{tag.name}>")
            open_stack.pop()
    out.append(_text(text[pos:end]))
    return "".join(out)


def _body(story: Story) -> Iterator[str]:
    text = story.text
    tags = _nestable(_inline_tags(story))  # sorted by start
    starts = [t.start for t in tags]
    in_div = False
    paragraphs = story.structure.paragraphs or [Paragraph(start=0, end=len(text))]
    for p in paragraphs:
        if p.role in ("kicker", "title"):
            continue
        if p.role == "heading":
            if in_div:
                yield "</div>"
            yield f"<div><head>{_text(text[p.start:p.end])}</head>"
            in_div = True
            continue
        content = _markup(text, p.start, p.end, tags[bisect_left(starts, p.start) : bisect_left(starts, p.end)])
        if p.role == "caption":
            yield f"<figure><figDesc>{content}</figDesc></figure>"
        elif p.role == "bibliography":
            yield f"<listBibl><bibl>{content}</bibl></listBibl>"
        elif p.role == "quote":
            yield f"<quote><p>{content}</p></quote>"
        else:
            yield f"<p>{content}</p>"
    if in_div:
        yield "</div>"


def _standoff(story: Story) -> Iterator[str]:
    lists = {"PERSON": ("listPerson", "person", "persName"), "PLACE": ("listPlace", "place", "placeName"),
             "ORG": ("listOrg", "org", "orgName"), "GROUP": ("listOrg", "org", "orgName")}
    for kind, (list_tag, item_tag, name_tag) in lists.items():
        items = [e for e in story.entities if e.type == kind]
        if not items:
            continue
        yield f"<{list_tag} type={_attr(kind.lower())}>"
        for e in items:
            names = "".join(f"<{name_tag}>{_text(n)}</{name_tag}>" for n in [e.name, *e.aliases])
            geo = f"<location><geo>{e.geo.lat} {e.geo.lon}</geo></location>" if e.geo else ""
            idno = f"<idno type='source'>{_text(e.geo.source_id)}</idno>" if e.geo else ""
            yield f"<{item_tag} xml:id={_attr(e.id)}>{names}{idno}{geo}</{item_tag}>"
        yield f"</{list_tag}>"
    if story.events:
        yield "<listEvent>"
        for v in story.events:
            who = " ".join(f"#{p.entity}" for p in v.participants)
            yield (f"<event xml:id={_attr(v.id)}{_attrs(type=v.predicate, notBefore=v.earliest, notAfter=v.latest)}"
                   f"{_attrs(where=f'#{v.place}' if v.place else None, ana=who)}>"
                   f"<desc>{_text(story.text[v.sentence.start:v.sentence.end])}</desc></event>")
        yield "</listEvent>"


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
