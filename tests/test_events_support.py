"""Support for the events tests (no tests here): hand-built stories on the real parse.

Entities and timexes are laid on by the test itself and the events stage runs alone, so the events tests do
not depend on the entity or time stages.
"""

from __future__ import annotations

import re
from datetime import date

from chronologue import nlp
from chronologue.annotators.events import stage as events
from chronologue.model.story import Entity, Event, Heading, Paragraph, Source, Span, Story, Timex
from chronologue.pipeline.context import Context

# Names the examples of the lexicon use, with the gender a pronoun needs.
PEOPLE = {
    "Ivan Sorokin": "male",
    "Oleh Marchenko": "male",
    "Vera Lanska": "female",
    "Captain Weber": "male",
}
PLACES = ["Lviv", "Kiev", "Kharkiv", "Uman", "Vyazma", "Kerch", "Bavaria", "Smolensk", "Kazakhstan", "Tashkent",
          "Poland", "Prague", "Canada", "Argentina", "Chicago", "New York", "Normandy", "Minsk", "Toronto",
          "Munich", "Kursk", "Poltava", "Germany"]


def _mentions(text: str, pattern: str) -> list[Span]:
    return [Span(start=m.start(), end=m.end()) for m in re.finditer(pattern, text)]


def person_pattern(name: str) -> str:
    """A name or its last word alone ("Ivan Sorokin", "Sorokin")."""
    last = name.split()[-1]
    return rf"\b(?:{re.escape(name)}|{re.escape(last)})\b"


def build_story(
    text: str,
    *,
    timexes: list[tuple[str, str | None, str | None]] = (),
    extra_people: dict[str, str] | None = None,
    headings: list[str] = (),
    captions: list[str] = (),
) -> Story:
    """A story of ``text`` with the known people and places as entities and the given timexes.

    ``timexes``: (snippet, earliest, latest); a snippet given twice names its next occurrence.
    ``headings`` and ``captions``: paragraphs (by their text) with that role; all others are body.
    """
    entities: list[Entity] = []
    people = {**PEOPLE, **(extra_people or {})}
    for name, gender in people.items():
        mentions = _mentions(text, person_pattern(name))
        if mentions:
            entities.append(Entity(id=f"e{len(entities) + 1}", type="PERSON", name=name, mentions=mentions,
                                   attributes={"gender": gender}))
    for place in PLACES:
        mentions = _mentions(text, rf"\b{re.escape(place)}\b")
        if mentions:
            entities.append(Entity(id=f"e{len(entities) + 1}", type="PLACE", name=place, mentions=mentions))
    found: list[Timex] = []
    seen: dict[str, int] = {}
    for snippet, earliest, latest in timexes:
        start = text.index(snippet, seen.get(snippet, 0))
        seen[snippet] = start + 1
        found.append(Timex(id=f"t{len(found) + 1}", start=start, end=start + len(snippet), type="DATE",
                           earliest=earliest, latest=latest, anchor="absolute" if earliest else "narrative"))
    found.sort(key=lambda t: t.start)
    paragraphs = []
    position = 0
    for block in text.split("\n\n"):
        start = text.index(block, position)
        role = "heading" if block in headings else "caption" if block in captions else "body"
        paragraphs.append(Paragraph(start=start, end=start + len(block), role=role))
        position = start + len(block)
    story = Story(source=Source(sha256="0"), text=text, entities=entities, timexes=found)
    story.structure.paragraphs = paragraphs
    story.structure.headings = [Heading(text=p, start=text.index(p), end=text.index(p) + len(p)) for p in headings]
    return story


def run_events(story: Story, dct: date | None = None) -> Story:
    """Parse the story's text and run the events stage on it."""
    ctx = Context(dct=dct)
    ctx.doc = nlp.load()(story.text)
    events.run(story, ctx)
    return story


def events_of(text: str, **kw) -> Story:
    """Build and run in one go (``dct`` goes to the stage, the rest to :func:`build_story`)."""
    dct = kw.pop("dct", None)
    return run_events(build_story(text, **kw), dct)


def by_trigger(story: Story, word: str) -> Event:
    """The event whose trigger text starts with ``word``."""
    found = [e for e in story.events if story.text[e.trigger.start:e.trigger.end].startswith(word)]
    triggers = [story.snippet(e.trigger.start, e.trigger.end) for e in story.events]
    assert found, f"no event triggered by {word!r}: {triggers}"
    return found[0]


def names(story: Story, event: Event) -> list[tuple[str, str]]:
    """(entity name, role) of an event's participants."""
    return [(story.entity(p.entity).name, p.role) for p in event.participants]


def bounds(event: Event) -> tuple[str | None, str | None, str]:
    """(earliest, latest, basis)."""
    return event.earliest, event.latest, event.basis
