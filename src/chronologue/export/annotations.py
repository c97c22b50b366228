"""W3C Web Annotation (JSON-LD, what Recogito and Hypothesis exchange): one annotation for every entity mention,
time expression, quotation, claim, figure, citation and event, each targeting the text with a
TextQuoteSelector and a TextPositionSelector (offsets in code points, as the model and the story both count).

Every annotation's first body is a tag naming its kind (``entity``, ``timex``, ``quote``, ``claim``, ``figure``,
``citation``, ``event``) and its second classifies it (entity type, time type, quotation kind, claim qualifier,
event predicate). Links are SpecificResource bodies: the entity a mention identifies, a place's GeoNames URI, a
quotation's speaker, a citation's author and work, an event's participants and place (these with a ``role``,
chronologue's one property beyond the Web Annotation vocabulary). ``read`` rebuilds a story from such a
collection and the text."""

from __future__ import annotations

import base64
import json
from typing import Any

from chronologue.export import SUFFIXES
from chronologue.export.identifiers import geonames_uri, local_iri, source_iri
from chronologue.model.story import (
    Citation,
    Claim,
    Entity,
    Event,
    Figure,
    Participant,
    Quote,
    Source,
    Span,
    Story,
    Timex,
)

SUFFIX = SUFFIXES["annotations"]
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # characters of prefix and suffix in a TextQuoteSelector


def _body(purpose: str, value: str) -> dict[str, str]:
    return {"type": "TextualBody", "purpose": purpose, "value": value}


def _resource(purpose: str, iri: str) -> dict[str, str]:
    return {"type": "SpecificResource", "purpose": purpose, "source": iri}


def _annotation(story: Story, local_id: str, motivation: str, start: int, end: int,
                bodies: list[dict[str, str]]) -> dict[str, Any]:
    text = story.text
    return {
        "id": local_iri(story, local_id),
        "type": "Annotation",
        "motivation": motivation,
        "body": bodies,
        "target": {"source": source_iri(story), "selector": [
            {"type": "TextQuoteSelector", "exact": text[start:end], "prefix": text[max(0, start - CONTEXT_CHARS):start],
             "suffix": text[end : end + CONTEXT_CHARS]},
            {"type": "TextPositionSelector", "start": start, "end": end},
        ]},
    }


def annotation_list(story: Story) -> list[dict[str, Any]]:
    """Every annotation of the story, kind by kind in story order."""
    def iri(entity_id: str) -> str:
        return local_iri(story, entity_id)

    found = []
    for e in story.entities:
        links = [_resource("linking", uri)] if (uri := geonames_uri(e.geo)) else []
        for n, m in enumerate(e.mentions, 1):
            found.append(_annotation(story, f"{e.id}.{n}", "identifying", m.start, m.end,
                                     [_body("tagging", "entity"), _body("classifying", e.type),
                                      _resource("identifying", iri(e.id)), *links]))
    for t in story.timexes:
        value = [_body("describing", t.value)] if t.value else []
        found.append(_annotation(story, t.id, "classifying", t.start, t.end,
                                 [_body("tagging", "timex"), _body("classifying", t.type), *value]))
    for q in story.quotes:
        speaker = [_resource("linking", iri(q.speaker))] if q.speaker else []
        found.append(_annotation(story, q.id, "tagging", q.start, q.end,
                                 [_body("tagging", "quote"), _body("classifying", q.kind), *speaker]))
    for c in story.claims:
        amount = c.value if c.value is not None else f"{c.low}..{c.high}"
        found.append(_annotation(story, c.id, "describing", c.start, c.end,
                                 [_body("tagging", "claim"), _body("classifying", c.qualifier),
                                  _body("describing", str(amount))]))
    for f in story.figures:
        found.append(_annotation(story, f.id, "describing", f.start, f.end,
                                 [_body("tagging", "figure"), _body("classifying", "figure"),
                                  _body("describing", story.text[f.caption.start : f.caption.end])]))
    for b in story.citations:
        cited = [_resource("linking", iri(x)) for x in (b.author_entity, b.work_entity) if x]
        found.append(_annotation(story, b.id, "linking", b.start, b.end,
                                 [_body("tagging", "citation"), _body("classifying", "citation"), *cited]))
    for v in story.events:
        who = [_resource("linking", iri(p.entity)) | {"role": p.role} for p in v.participants]
        where = [_resource("linking", iri(v.place)) | {"role": "place"}] if v.place else []
        found.append(_annotation(story, v.id, "describing", v.trigger.start, v.trigger.end,
                                 [_body("tagging", "event"), _body("classifying", v.predicate), *who, *where]))
    return found


def render(story: Story) -> str:
    """The annotations as one AnnotationCollection whose first (and only) page holds them all."""
    items = annotation_list(story)
    collection = {
        "@context": CONTEXT,
        "id": local_iri(story, "annotations"),
        "type": "AnnotationCollection",
        "label": story.structure.title or story.source.path or "chronologue annotations",
        "total": len(items),
        "first": {"id": local_iri(story, "annotations.page1"), "type": "AnnotationPage", "startIndex": 0,
                  "items": items},
    }
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"


class AnnotationError(ValueError):
    """A Web Annotation document ``read`` cannot rebuild a story from, with the annotation it failed on."""


def _span(annotation: dict[str, Any], text: str) -> tuple[int, int]:
    """The annotation's position selector, checked against its quote selector and the text."""
    selectors = {s["type"]: s for s in annotation["target"]["selector"]}
    position, quote = selectors.get("TextPositionSelector"), selectors.get("TextQuoteSelector")
    if position is None or quote is None:
        raise AnnotationError(f"{annotation['id']}: needs a TextPositionSelector and a TextQuoteSelector")
    start, end = position["start"], position["end"]
    if text[start:end] != quote["exact"]:
        raise AnnotationError(f"{annotation['id']}: the text at {start}..{end} is {text[start:end]!r}, "
                              f"the annotation quotes {quote['exact']!r}")
    return start, end


def _local(iri: str) -> str:
    return iri.rpartition("#")[2]


def read(document: str, text: str) -> Story:
    """A story rebuilt from a collection ``render`` wrote and the text it annotates: entities (ids, types,
    mention spans), times (spans, types, values), quotations (spans, kinds, speakers), claims (spans,
    qualifiers), figures, citations and events (trigger spans, predicates, participants, places). What the
    annotations do not carry (names beyond the first mention, coordinates, sentences, captions) is not rebuilt.
    Raises AnnotationError when an annotation's selectors do not match the text."""
    collection = json.loads(document)
    source = collection["id"].partition("#")[0]  # ni:///sha-256;<digest>, see identifiers.source_iri
    sha256 = base64.urlsafe_b64decode(source.rpartition(";")[2] + "==").hex()
    story = Story(source=Source(sha256=sha256), text=text)
    entities: dict[str, Entity] = {}
    for annotation in collection["first"]["items"]:
        bodies = annotation["body"]
        kind, label = bodies[0]["value"], bodies[1]["value"]
        start, end = _span(annotation, text)
        local_id = _local(annotation["id"])
        values = [b["value"] for b in bodies[2:] if b["type"] == "TextualBody"]
        links = [b for b in bodies[2:] if b["type"] == "SpecificResource"]
        if kind == "entity":
            entity_id = _local(next(b["source"] for b in links if b["purpose"] == "identifying"))
            entity = entities.setdefault(entity_id, Entity(id=entity_id, type=label, name=text[start:end]))
            entity.mentions.append(Span(start=start, end=end))
        elif kind == "timex":
            story.timexes.append(Timex(id=local_id, start=start, end=end, type=label,
                                       value=values[0] if values else None))
        elif kind == "quote":
            story.quotes.append(Quote(id=local_id, start=start, end=end, kind=label,
                                      speaker=_local(links[0]["source"]) if links else None))
        elif kind == "claim":
            story.claims.append(Claim(id=local_id, start=start, end=end, qualifier=label))
        elif kind == "figure":
            story.figures.append(Figure(id=local_id, start=start, end=end, caption=Span(start=start, end=end)))
        elif kind == "citation":
            story.citations.append(Citation(id=local_id, start=start, end=end))
        elif kind == "event":
            story.events.append(Event(
                id=local_id, predicate=label, trigger=Span(start=start, end=end), sentence=Span(start=start, end=end),
                participants=[Participant(entity=_local(b["source"]), role=b["role"]) for b in links
                              if b.get("role") != "place"],
                place=next((_local(b["source"]) for b in links if b.get("role") == "place"), None)))
        else:
            raise AnnotationError(f"{annotation['id']}: unknown kind {kind!r}")
    story.entities = list(entities.values())
    return story
