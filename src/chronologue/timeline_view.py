"""A person's timeline in the terminal: a Rich table of events with bounds, predicate, place and evidence."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from chronologue.lib.coref.mentions import protagonist
from chronologue.model.story import Entity, Event, Story

# How many characters of the sentence to show on each side of the trigger.
EVIDENCE_REACH = 60


def find_person(story: Story, name: str | None) -> Entity | None:
    """The person called ``name`` (exact name or alias first, then a case-insensitive part of one).

    Without a name: the protagonist when they have events, else the person with the most events.
    """
    people = [e for e in story.entities if e.type == "PERSON"]
    if name is None:
        with_events = {t.entity for t in story.timelines if t.events}
        chosen = protagonist(story)
        if chosen not in with_events:
            chosen = person_with_most_events(story)
        return story.entity(chosen)
    wanted = name.casefold().strip()
    for entity in people:
        if wanted in (n.casefold() for n in [entity.name, *entity.aliases]):
            return entity
    partial = [e for e in people if any(wanted in n.casefold() for n in [e.name, *e.aliases])]
    return max(partial, key=lambda e: len(e.mentions), default=None)


def evidence(story: Story, event: Event) -> Text:
    """The words of the sentence around the trigger, the trigger in bold."""
    start, end = event.trigger.start, event.trigger.end
    left_edge = max(event.sentence.start, start - EVIDENCE_REACH)
    right_edge = min(event.sentence.end, end + EVIDENCE_REACH)
    text = story.text
    out = Text()
    if left_edge > event.sentence.start:
        out.append("…")
    out.append(" ".join(text[left_edge:start].split()) + (" " if text[start - 1:start].isspace() else ""))
    out.append(" ".join(text[start:end].split()), style="bold")
    tail = text[end:right_edge]
    out.append((" " if tail[:1].isspace() else "") + " ".join(tail.split()))
    if right_edge < event.sentence.end:
        out.append("…")
    return out


def _name(story: Story, entity_id: str | None) -> str:
    entity = story.entity(entity_id)
    return entity.name if entity else ""


def timeline_table(story: Story, person: Entity) -> Table:
    """The person's events in time order as a Rich table."""
    table = Table(title=f"Timeline of {person.name}", title_justify="left", show_lines=False, expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("earliest", no_wrap=True)
    table.add_column("latest", no_wrap=True)
    table.add_column("basis", style="dim")
    table.add_column("event", style="cyan")
    table.add_column("place", style="green")
    table.add_column("evidence", ratio=1)
    events = {e.id: e for e in story.events}
    timeline = next((t for t in story.timelines if t.entity == person.id), None)
    for number, event_id in enumerate(timeline.events if timeline else [], start=1):
        event = events[event_id]
        table.add_row(
            str(number),
            event.earliest or "?",
            event.latest or "?",
            event.basis,
            event.predicate,
            _name(story, event.place),
            evidence(story, event),
        )
    return table


def print_timeline(story: Story, person: Entity, console: Console) -> int:
    """Print the person's timeline (nothing when it is empty); returns how many events it holds."""
    table = timeline_table(story, person)
    if table.row_count:
        console.print(table)
    return table.row_count


def person_with_most_events(story: Story) -> str | None:
    """The person with the longest timeline (the first one in entity order on a tie)."""
    best = max(story.timelines, key=lambda t: len(t.events), default=None)
    return best.entity if best else None
