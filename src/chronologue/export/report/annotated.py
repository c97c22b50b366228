"""The story's text as HTML, with every annotation highlighted and linked.

Annotations may nest (an ORG mention holding a PLACE, a claim inside a quote) or cross each other (a quote
ending inside a finding). The markup is built from one sorted sweep over all span boundaries: between two
boundaries the set of open spans is fixed, ordered outermost first, and only the elements that differ from
the previous segment are closed and reopened, so the output always nests properly.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field

from chronologue.export.report.labels import bounds_label, claim_label, entity_label, timex_label
from chronologue.export.report.markup import esc, esc_text
from chronologue.lib.text import blank_line_spans, trimmed_span
from chronologue.model.story import Story

# Nesting order for spans that start and end at the same offsets: earlier = outer.
RANK = {"para": 0, "fig": 1, "cite": 2, "quote": 3, "cap": 4, "finding": 5, "claim": 6, "timex": 7, "entity": 8,
        "event": 9}
ROLE_TAGS = {"kicker": "p", "title": "h3", "heading": "h4", "lede": "p", "body": "p", "quote": "p", "caption": "p",
             "bibliography": "p"}


@dataclass(slots=True)
class Mark:
    """One highlighted span: the element it becomes and what its first fragment carries."""

    start: int
    end: int
    kind: str
    classes: str
    anchor: str | None = None  # id of the first fragment
    title: str | None = None
    href: str | None = None
    data: dict[str, str] = field(default_factory=dict)
    tag: str = "span"

    def sort_key(self, seq: int) -> tuple[int, int, int, int, int]:
        """Nesting order: paragraphs first, then by start, the longer span outside, then by kind, then ``seq``."""
        outer = 0 if self.kind == "para" else 1
        return (outer, self.start, -self.end, RANK[self.kind], seq)


@dataclass(slots=True)
class Block:
    """A paragraph of the text, trimmed of surrounding whitespace."""

    start: int
    end: int
    role: str
    number: int


def blocks(story: Story) -> list[Block]:
    """The paragraphs: the layout's when it has them, text between them (and without them) split at blank lines."""
    text = story.text
    given = sorted((p.start, p.end, p.role) for p in story.structure.paragraphs if p.end > p.start)
    spans: list[tuple[int, int, str]] = []
    cursor = 0

    def fill(upto: int) -> None:
        spans.extend((start, end, "body") for start, end in blank_line_spans(text, cursor, upto))

    for start, end, role in given:
        start, end = max(start, cursor), min(end, len(text))
        if start >= end:
            continue
        fill(start)
        spans.append((start, end, role))
        cursor = end
    fill(len(text))
    result = []
    for start, end, role in spans:
        start, end = trimmed_span(text, start, end)
        if end > start:
            result.append(Block(start, end, role, len(result) + 1))
    return result


def _marks(story: Story, paragraphs: list[Block]) -> list[Mark]:
    marks: list[Mark] = []
    for block in paragraphs:
        marks.append(Mark(block.start, block.end, "para", f"para r-{block.role}", anchor=f"p{block.number}",
                          tag=ROLE_TAGS.get(block.role, "p"), data={"n": str(block.number)}))
    for entity in story.entities:
        label = entity_label(entity)
        for k, mention in enumerate(entity.mentions):
            marks.append(Mark(mention.start, mention.end, "entity", f"hl ent t-{entity.type}",
                              anchor=f"{entity.id}-m{k}", title=label, href=f"#{entity.id}",
                              data={"ref": entity.id}))
    for timex in story.timexes:
        marks.append(Mark(timex.start, timex.end, "timex", "hl tx", anchor=timex.id, title=timex_label(timex)))
    for quote in story.quotes:
        speaker = story.entity(quote.speaker)
        title = f"{quote.kind} quote" + (f" — {speaker.name}" if speaker else " — speaker unknown")
        marks.append(Mark(quote.start, quote.end, "quote", f"hl qt k-{quote.kind}", anchor=quote.id, title=title))
        if quote.speaker_mention is not None and speaker is not None:
            marks.append(Mark(quote.speaker_mention.start, quote.speaker_mention.end, "entity", "hl spk",
                              title=f"speaker of {quote.id}", href=f"#{speaker.id}", data={"ref": speaker.id}))
    for claim in story.claims:
        marks.append(Mark(claim.start, claim.end, "claim", "hl cl", anchor=claim.id, title=claim_label(claim)))
    for figure in story.figures:
        marks.append(Mark(figure.start, figure.end, "fig", "hl fig", anchor=figure.id,
                          title=f"figure {figure.id}: credit {figure.credit or 'not named'}"))
        marks.append(Mark(figure.caption.start, figure.caption.end, "cap", "hl cap", title=f"caption of {figure.id}"))
    for citation in story.citations:
        marks.append(Mark(citation.start, citation.end, "cite", "hl cite", anchor=citation.id,
                          title=f"citation {citation.id}"))
    for event in story.events:
        marks.append(Mark(event.trigger.start, event.trigger.end, "event", "hl ev", anchor=event.id,
                          title=f"event: {event.predicate} ({bounds_label(event.earliest, event.latest)})"))
    for i, finding in enumerate(story.findings, 1):
        for j, span in enumerate(finding.spans):
            marks.append(Mark(span.start, span.end, "finding", f"hl fd s-{finding.severity}",
                              anchor=f"fd{i}-{j}", title=f"{finding.kind}: {finding.message}"))
    return marks


def _open_tag(mark: Mark, first: bool, inside_link: bool) -> tuple[str, str]:
    """The start tag of one fragment of a mark, and the tag name used (the hot path: plain string building)."""
    tag = mark.tag
    parts = [f' class="{esc(mark.classes)}"']
    if mark.title:
        parts.append(f' title="{esc(mark.title)}"')
    if first and mark.anchor:
        parts.append(f' id="{esc(mark.anchor)}"')
    for key, value in mark.data.items():
        parts.append(f' data-{key}="{esc(value)}"')
    if mark.href:
        if inside_link:
            parts.append(f' data-href="{esc(mark.href)}"')  # an <a> may not hold another <a>: the script follows it
        else:
            tag = "a"
            parts.append(f' href="{esc(mark.href)}"')
    return f"<{tag}{''.join(parts)}>", tag


def render_text(story: Story, paragraphs: list[Block] | None = None) -> str:
    """The whole text as paragraphs of highlighted, linked HTML."""
    text = story.text
    paragraphs = blocks(story) if paragraphs is None else paragraphs
    size = len(text)
    candidates = [m for m in _marks(story, paragraphs) if 0 <= m.start < m.end <= size]
    # rank = place in the nesting order: the open marks, sorted by rank, are the elements outermost first
    marks = [m for _key, m in sorted((m.sort_key(seq), m) for seq, m in enumerate(candidates))]
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for rank, mark in enumerate(marks):
        starts.setdefault(mark.start, []).append(rank)
        ends.setdefault(mark.end, []).append(rank)
    bounds = sorted(set(starts) | set(ends) | {0, size})
    active: list[int] = []  # ranks of the marks covering the current segment, sorted
    stack: list[tuple[int, str]] = []  # open elements: (rank, tag used)
    opened: set[int] = set()
    links = 0  # open <a> elements
    out: list[str] = []
    for pos, nxt in zip(bounds, bounds[1:], strict=False):
        if pos in ends:
            gone = set(ends[pos])
            active = [r for r in active if r not in gone]
        if pos in starts:
            for rank in starts[pos]:
                insort(active, rank)
        wanted = active if active and marks[active[0]].kind == "para" else []
        keep = 0
        limit = min(len(stack), len(wanted))
        while keep < limit and stack[keep][0] == wanted[keep]:
            keep += 1
        for _rank, tag in reversed(stack[keep:]):
            out.append(f"</{tag}>")
            links -= tag == "a"
        del stack[keep:]
        for rank in wanted[keep:]:
            markup, tag = _open_tag(marks[rank], rank not in opened, links > 0)
            opened.add(rank)
            links += tag == "a"
            out.append(markup)
            stack.append((rank, tag))
        if wanted:
            out.append(esc_text(text[pos:nxt]))
    for _rank, tag in reversed(stack):
        out.append(f"</{tag}>")
    return "".join(out)
