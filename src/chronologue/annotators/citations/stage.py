"""The citations stage: bibliography paragraphs become citations linked to their author and work entities."""

from __future__ import annotations

from bisect import bisect_left

from chronologue.lib.bibliography import YEAR, Field, parse_entry
from chronologue.model.story import Citation, Story
from chronologue.pipeline.context import Context
from chronologue.pipeline.registry import Annotator


class _Mentions:
    """The mentions of entities of some types, sorted by start, so that a field finds the ones it overlaps by
    bisection (a book has thousands of mentions and may have hundreds of entries)."""

    def __init__(self, story: Story, types: tuple[str, ...]) -> None:
        found = [
            (m.start, m.end, rank, entity.id)
            for rank, entity in enumerate(e for e in story.entities if e.type in types)
            for m in entity.mentions
        ]
        found.sort()
        self.mentions = found
        self.starts = [m[0] for m in found]
        self.longest = max((end - start for start, end, _, _ in found), default=0)

    def entity_over(self, field: Field | None) -> str | None:
        """The entity with a mention inside or around the field's span (the widest overlap; the first entity in
        the story's order on a tie)."""
        if field is None:
            return None
        best: tuple[int, int] | None = None
        best_id = None
        first = bisect_left(self.starts, field.start - self.longest)
        last = bisect_left(self.starts, field.end)
        for start, end, rank, entity_id in self.mentions[first:last]:
            overlap = min(end, field.end) - max(start, field.start)
            if overlap > 0 and (best is None or (-overlap, rank) < best):
                best, best_id = (-overlap, rank), entity_id
        return best_id


def entry_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The entries of a bibliography paragraph: one per line when every line is an entry (each names a year),
    else the whole paragraph (one entry wrapped over several lines)."""
    lines, cursor = [], start
    for line in text[start:end].split("\n"):
        if line.strip():
            lines.append((cursor, cursor + len(line)))
        cursor += len(line) + 1
    if len(lines) > 1 and all(YEAR.search(text, a, b) for a, b in lines):
        return lines
    return [(start, end)]


def run(story: Story, ctx: Context) -> None:
    """Parse every bibliography entry; link author and title to entities when the entity stages named them."""
    spans = [
        span
        for paragraph in story.structure.paragraphs
        if paragraph.role == "bibliography"
        for span in entry_spans(story.text, paragraph.start, paragraph.end)
    ]
    if not spans:
        return
    authors, works = _Mentions(story, ("PERSON", "ORG")), _Mentions(story, ("WORK",))
    for start, end in spans:
        entry = parse_entry(story.text, start, end)
        story.citations.append(
            Citation(
                id=f"b{len(story.citations) + 1}",
                start=entry.start,
                end=entry.end,
                author=entry.author.text if entry.author else None,
                author_entity=authors.entity_over(entry.author),
                title=entry.title.text if entry.title else None,
                work_entity=works.entity_over(entry.title),
                publisher=entry.publisher.text if entry.publisher else None,
                place=entry.place.text if entry.place else None,
                year=entry.year,
            )
        )


ANNOTATOR = Annotator(
    "citations",
    run,
    requires=("story.structure", "story.entities"),
    assigns=("story.citations",),
    description="The works cited, parsed into author, title, publisher, place, year.",
)
