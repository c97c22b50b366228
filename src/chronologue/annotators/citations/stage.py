"""The citations stage: bibliography paragraphs become citations linked to their author and work entities."""

from __future__ import annotations

from chronologue.lib.bibliography import YEAR, Field, parse_entry
from chronologue.model.story import Citation, Story
from chronologue.pipeline.context import Context


def _entity_over(story: Story, field: Field | None, types: tuple[str, ...]) -> str | None:
    """The entity of one of ``types`` with a mention inside or around the field's span (the widest overlap)."""
    if field is None:
        return None
    best, best_overlap = None, 0
    for entity in story.entities:
        if entity.type not in types:
            continue
        for m in entity.mentions:
            overlap = min(m.end, field.end) - max(m.start, field.start)
            if overlap > best_overlap:
                best, best_overlap = entity.id, overlap
    return best


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
    for start, end in spans:
        entry = parse_entry(story.text, start, end)
        story.citations.append(
            Citation(
                id=f"b{len(story.citations) + 1}",
                start=entry.start,
                end=entry.end,
                author=entry.author.text if entry.author else None,
                author_entity=_entity_over(story, entry.author, ("PERSON", "ORG")),
                title=entry.title.text if entry.title else None,
                work_entity=_entity_over(story, entry.title, ("WORK",)),
                publisher=entry.publisher.text if entry.publisher else None,
                place=entry.place.text if entry.place else None,
                year=entry.year,
            )
        )
