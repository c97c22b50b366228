"""The quotes stage: quotations in marks, block quotes with or without marks, their kinds and speakers.

The work lives in ``chronologue.quoting``; this stage appends what it finds to ``story.quotes``.
"""

from __future__ import annotations

from ..context import Context
from ..quoting import find_quotes
from ..story import Story


def run(story: Story, ctx: Context) -> None:
    """Add the story's quotations (ids ``q1…`` in text order)."""
    story.quotes.extend(find_quotes(story, ctx))
