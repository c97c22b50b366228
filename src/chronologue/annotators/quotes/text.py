"""Paragraphs (and, from ``lib.coref``, sentences) of a story as the quotation modules need them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from chronologue.lib.coref.sentences import Sentences  # noqa: F401  (the quotation modules take it from here)

if TYPE_CHECKING:
    from chronologue.model.story import Story
    from chronologue.pipeline.context import Context

_BLOCK_ROLES = {"quote": "quote", "kicker": "kicker", "title": "title", "heading": "heading", "caption": "caption",
                "bibliography": "bibliography"}


@dataclass(frozen=True)
class Paragraph:
    """A paragraph span and its role (body, quote, heading, …)."""

    start: int
    end: int
    role: str = "body"


def paragraphs_of(story: Story, ctx: Context) -> list[Paragraph]:
    """The story's paragraphs: from the layout stage when it ran, else from the reader's blocks, else one."""
    if story.structure.paragraphs:
        return [Paragraph(p.start, p.end, p.role) for p in story.structure.paragraphs]
    if ctx.blocks:
        return [Paragraph(b.start, b.end, _BLOCK_ROLES.get(b.kind, "body")) for b in ctx.blocks]
    return [Paragraph(0, len(story.text))]
