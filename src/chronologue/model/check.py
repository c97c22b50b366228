"""The contract's own rules, checked: unique ids, spans inside the text, references that resolve."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chronologue.model.story import Story


def problems(story: Story) -> list[str]:
    """Every breach of the contract in ``story``, one line each (``quotes[3] q4: speaker e99 is no entity``)."""
    return [*_duplicate_ids(story), *_spans(story), *_references(story)]


def _duplicate_ids(story: Story) -> Iterator[str]:
    ids = Counter(
        item.id
        for items in (story.entities, story.timexes, story.quotes, story.claims, story.figures, story.citations,
                      story.events)  # fmt: skip
        for item in items
    )
    yield from (f"id {found} is used {count} times" for found, count in ids.items() if count > 1)


def _spans(story: Story) -> Iterator[str]:
    size = len(story.text)

    def outside(where: str, spans: Iterable[object]) -> Iterator[str]:
        for span in spans:
            start, end = span.start, span.end  # type: ignore[attr-defined]
            if not 0 <= start <= end <= size:
                yield f"{where}: span {start}..{end} is outside the text (0..{size})"

    structure = story.structure
    yield from outside("structure.paragraphs", structure.paragraphs)
    yield from outside("structure.headings", structure.headings)
    yield from outside("structure.lede", [structure.lede] if structure.lede else [])
    for entity in story.entities:
        yield from outside(f"entity {entity.id}", entity.mentions)
    for kind, items in (("timex", story.timexes), ("quote", story.quotes), ("claim", story.claims),
                        ("figure", story.figures), ("citation", story.citations)):  # fmt: skip
        for item in items:
            yield from outside(f"{kind} {item.id}", [item])
    for figure in story.figures:
        yield from outside(f"figure {figure.id} caption", [figure.caption])
    for quote in story.quotes:
        mention = [quote.speaker_mention] if quote.speaker_mention else []
        yield from outside(f"quote {quote.id} speaker_mention", mention)
    for event in story.events:
        yield from outside(f"event {event.id}", [event.trigger, event.sentence])
    for finding in story.findings:
        yield from outside(f"finding {finding.kind}", finding.spans)


def _references(story: Story) -> Iterator[str]:
    entities = {e.id for e in story.entities}
    timexes = {t.id for t in story.timexes}
    events = {e.id for e in story.events}

    def check(where: str, value: str | None, known: set[str], kind: str) -> Iterator[str]:
        if value is not None and value not in known:
            yield f"{where}: {value} is no {kind} of this story"

    for quote in story.quotes:
        yield from check(f"quote {quote.id} speaker", quote.speaker, entities, "entity")
        yield from check(f"quote {quote.id} source", quote.source, entities, "entity")
    for claim in story.claims:
        yield from check(f"claim {claim.id} time", claim.time, timexes, "timex")
    for citation in story.citations:
        yield from check(f"citation {citation.id} author_entity", citation.author_entity, entities, "entity")
        yield from check(f"citation {citation.id} work_entity", citation.work_entity, entities, "entity")
    for event in story.events:
        yield from check(f"event {event.id} place", event.place, entities, "entity")
        yield from check(f"event {event.id} time", event.time, timexes, "timex")
        for participant in event.participants:
            yield from check(f"event {event.id} participant", participant.entity, entities, "entity")
        if event.earliest and event.latest and event.earliest > event.latest and not event.earliest.startswith("-"):
            yield f"event {event.id}: earliest {event.earliest} is after latest {event.latest}"
    for timeline in story.timelines:
        yield from check("timeline", timeline.entity, entities, "entity")
        for event_id in timeline.events:
            yield from check(f"timeline of {timeline.entity}", event_id, events, "event")
