"""CSV: one row per annotation (entity mention, time, quote, claim, figure, citation, event), for spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from chronologue.export import SUFFIXES
from chronologue.model.story import Story

SUFFIX = SUFFIXES["csv"]
COLUMNS = ["kind", "id", "start", "end", "text", "label", "value", "earliest", "latest", "link"]


def _rows(story: Story) -> Iterator[list[object]]:
    text = story.text
    for e in story.entities:
        for m in e.mentions:
            yield ["entity", e.id, m.start, m.end, text[m.start : m.end], e.type, e.name, "", "", ""]
    for t in story.timexes:
        yield ["timex", t.id, t.start, t.end, text[t.start : t.end], t.type, t.value or "", t.earliest or "",
               t.latest or "", t.anchor or ""]
    for q in story.quotes:
        yield ["quote", q.id, q.start, q.end, text[q.start : q.end], q.kind, "", "", "", q.speaker or ""]
    for c in story.claims:
        value = c.value if c.value is not None else f"{c.low}..{c.high}"
        yield ["claim", c.id, c.start, c.end, text[c.start : c.end], c.qualifier, value, "", "", c.time or ""]
    for f in story.figures:
        licence = f.license.spdx if f.license else ""
        yield ["figure", f.id, f.start, f.end, text[f.caption.start : f.caption.end], f.credit or "", licence or "",
               "", "", ""]
    for b in story.citations:
        yield ["citation", b.id, b.start, b.end, text[b.start : b.end], b.author or "", b.title or "",
               b.year or "", "", b.author_entity or ""]
    for v in story.events:
        who = " ".join(f"{p.role}:{p.entity}" for p in v.participants)
        yield ["event", v.id, v.trigger.start, v.trigger.end, text[v.sentence.start : v.sentence.end], v.predicate,
               who, v.earliest or "", v.latest or "", v.place or ""]


def _inert(cell: object) -> object:
    """Text a spreadsheet would run as a formula (``=``, ``+``, ``@``, ``-`` before no space) gets a leading
    apostrophe; a dash that opens prose ("- with banners unfolded") is left as it is."""
    if isinstance(cell, str) and (cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and cell[1:2] != " ")):
        return "'" + cell
    return cell


def render(story: Story) -> str:
    """The annotations as CSV with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([_inert(cell) for cell in row] for row in _rows(story))
    return buffer.getvalue()
