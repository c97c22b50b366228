"""Unnamed recurring people: a speaker the text never names but speaks of again and again is a person of its own.

``"…," said the Grandmother`` forty times, ``the stranger replied``: the story gains a PERSON entity for each
such description (a definite noun phrase the quotations' speakers are given at least ``RECURRING`` times, that
no named person took), with those descriptions as its mentions (kind ``nominal``) and those quotations as its
lines, so that a dialogue between "the stranger" and "the clerk" has two participants. One description names one
person in a text; a description said a few times only (``the other``, a passer-by) stays unnamed.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from chronologue.model.story import Entity, Span

if TYPE_CHECKING:
    from chronologue.model.story import Quote, Story

__all__ = ["RECURRING", "unnamed_speakers"]

RECURRING = 3  # quotations a description must speak to be someone of the story
_DESCRIPTION = re.compile(r"(?:the|The)\s+(?:[A-Za-z][\w'’-]*\s+){0,2}[A-Za-z][\w'’-]*")
NOT_SOMEONE = frozenset({"other", "others", "one", "former", "latter", "first", "second", "last", "same", "rest",
                         "two", "three", "both", "voice", "voices"})  # heads that name no one person


def unnamed_speakers(story: Story) -> None:
    """Give each recurring unnamed speaker an entity of its own and its quotations (in place)."""
    text = story.text
    groups: dict[str, list[tuple[str, Quote, Span]]] = {}  # description, folded -> its lines as written
    for quote in story.quotes:
        span = quote.speaker_mention
        if quote.speaker is not None or span is None:
            continue
        words = _description(text, span.start, span.end)
        if words is not None:
            groups.setdefault(words.lower(), []).append((words, quote, span))
    numbers = [int(e.id[1:]) for e in story.entities if e.id[1:].isdigit()]
    next_number = max(numbers, default=0) + 1
    for lines in groups.values():
        if len(lines) < RECURRING:
            continue
        name = Counter(words for words, _, _ in lines).most_common(1)[0][0]
        spans = sorted({(span.start, span.end) for _, _, span in lines})
        entity = Entity(id=f"e{next_number}", type="PERSON", name=name,
                        mentions=[Span(start=a, end=b, kind="nominal") for a, b in spans],
                        attributes={"unnamed": True})
        next_number += 1
        story.entities.append(entity)
        for _, quote, _ in lines:
            quote.speaker = entity.id


def _description(text: str, start: int, end: int) -> str | None:
    """The definite description a speaker mention is (``the Grandmother``, with the article before the noun the
    attribution marked), or None for a name, a pronoun, an indefinite or a head that names no one person."""
    words = " ".join(text[start:end].split())
    if not words.lower().startswith("the "):
        article = text[max(0, start - 4):start]
        if article.lower() != "the ":
            return None
        words = f"{article}{words}"
    if not _DESCRIPTION.fullmatch(words) or words.split()[-1].lower() in NOT_SOMEONE:
        return None
    return words
