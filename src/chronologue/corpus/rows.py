"""A story as the store's rows: its entities with their mentions, timexes, events, quotes, claims, figures,
citations, findings, and the passages full-text search runs over (paragraphs, quotes, names, captions)."""

from __future__ import annotations

import re

from chronologue.corpus import tables as t
from chronologue.corpus.dates import day_of
from chronologue.corpus.resolve import normalised
from chronologue.model.story import Story

_BLOCK = re.compile(r"\S(?:.|\n(?!\s*\n))*")  # text up to a blank line
SENTENCE_LIMIT = 400


def _paragraphs(story: Story) -> list[tuple[int, int]]:
    """Where each paragraph is: the layout's, else the blocks between blank lines."""
    if story.structure.paragraphs:
        spans = [(p.start, p.end) for p in story.structure.paragraphs]
    else:
        spans = [(m.start(), m.end()) for m in _BLOCK.finditer(story.text)]
    return [(a, b) for a, b in spans if story.text[a:b].strip()]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SENTENCE_LIMIT else text[: SENTENCE_LIMIT - 1].rstrip() + "…"


def rows(document_id: int, story: Story) -> list[t.Base]:
    """Every row of one document's story (``document_id`` is its ``documents.id``)."""
    text = story.text
    out: list[t.Base] = []
    for entity in story.entities:
        row = t.Entity(document_id=document_id, local_id=entity.id, type=entity.type, name=entity.name,
                       aliases=list(entity.aliases), mentions=len(entity.mentions),
                       lat=entity.geo.lat if entity.geo else None, lon=entity.geo.lon if entity.geo else None,
                       geo_source=entity.geo.source_id if entity.geo else None)
        row.mention_rows = [t.Mention(start=s.start, end=s.end) for s in entity.mentions]
        out.append(row)
        forms = list(dict.fromkeys([entity.name, *entity.aliases]))
        out.append(t.Passage(document_id=document_id, kind="name", ref=entity.id, body=" · ".join(forms),
                             folded=" ".join(dict.fromkeys(normalised(f) for f in forms))))
    for timex in story.timexes:
        out.append(t.Timex(document_id=document_id, local_id=timex.id, start=timex.start, end=timex.end,
                           type=timex.type, text=text[timex.start:timex.end], value=timex.value, edtf=timex.edtf,
                           earliest=timex.earliest, latest=timex.latest, earliest_day=day_of(timex.earliest),
                           latest_day=day_of(timex.latest)))
    for event in story.events:
        out.append(t.Event(document_id=document_id, local_id=event.id, predicate=event.predicate,
                           sentence=_short(text[event.sentence.start:event.sentence.end]),
                           trigger_start=event.trigger.start, trigger_end=event.trigger.end,
                           participants=[p.model_dump() for p in event.participants], place=event.place,
                           basis=event.basis, earliest=event.earliest, latest=event.latest,
                           earliest_day=day_of(event.earliest), latest_day=day_of(event.latest)))
    for timeline in story.timelines:
        out.extend(t.TimelineStep(document_id=document_id, entity_local_id=timeline.entity, position=position,
                                  event_local_id=event_id) for position, event_id in enumerate(timeline.events))
    for quote in story.quotes:
        words = text[quote.start:quote.end]
        out.append(t.Quote(document_id=document_id, local_id=quote.id, start=quote.start, end=quote.end,
                           kind=quote.kind, speaker=quote.speaker, text=words))
        out.append(t.Passage(document_id=document_id, kind="quote", ref=quote.id, start=quote.start,
                             end=quote.end, body=" ".join(words.split())))
    for claim in story.claims:
        out.append(t.Claim(document_id=document_id, local_id=claim.id, start=claim.start, end=claim.end,
                           value=claim.value, low=claim.low, high=claim.high, qualifier=claim.qualifier,
                           unit=claim.unit, subject=claim.subject, time=claim.time))
    for figure in story.figures:
        caption = " ".join(text[figure.caption.start:figure.caption.end].split())
        out.append(t.Figure(document_id=document_id, local_id=figure.id, caption=caption, credit=figure.credit,
                            license=(figure.license.spdx or figure.license.raw) if figure.license else None))
        if caption:
            out.append(t.Passage(document_id=document_id, kind="caption", ref=figure.id, body=caption,
                                 start=figure.caption.start, end=figure.caption.end))
    for citation in story.citations:
        out.append(t.Citation(document_id=document_id, local_id=citation.id, author=citation.author,
                              title=citation.title, publisher=citation.publisher, place=citation.place,
                              year=citation.year))
    for finding in story.findings:
        out.append(t.Finding(document_id=document_id, kind=finding.kind, severity=finding.severity,
                             message=finding.message))
    out.extend(t.Passage(document_id=document_id, kind="text", start=a, end=b, body=" ".join(text[a:b].split()))
               for a, b in _paragraphs(story))
    return out
