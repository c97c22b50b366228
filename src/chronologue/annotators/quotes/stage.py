"""The quotes stage: quotations in marks, block quotes with or without marks, their kinds and speakers.

The work lives in ``chronologue.annotators.quotes``; this stage appends what it finds to ``story.quotes``.
"""

from __future__ import annotations

from chronologue.annotators.quotes import find_quotes
from chronologue.model.story import Story
from chronologue.pipeline.context import Context
from chronologue.pipeline.registry import Annotator


def run(story: Story, ctx: Context) -> None:
    """Add the story's quotations (ids ``q1…`` in text order)."""
    story.quotes.extend(find_quotes(story, ctx))


ANNOTATOR = Annotator(
    "quotes",
    run,
    requires=("ctx.doc", "story.structure", "story.entities"),
    assigns=("story.quotes",),
    description="Quotations, their kinds and speakers.",
)
