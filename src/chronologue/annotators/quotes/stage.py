"""The quotes stage: quotations in marks, block quotes with or without marks, their kinds and speakers.

The work lives in ``chronologue.annotators.quotes``; this stage appends what it finds to ``story.quotes``, then
lets the trained speaker ranker (``reranking``) choose each spoken quotation's speaker among its candidates.
"""

from __future__ import annotations

from chronologue.annotators.quotes import find_quotes
from chronologue.annotators.quotes.reranking import enabled, rerank
from chronologue.model.story import Story
from chronologue.pipeline.context import Context
from chronologue.pipeline.registry import Annotator


def run(story: Story, ctx: Context) -> None:
    """Add the story's quotations (ids ``q1…`` in text order), their speakers ranked by the trained model."""
    story.quotes.extend(find_quotes(story, ctx))
    if story.quotes and ctx.doc is not None and enabled():
        rerank(story, ctx.coreference(story))


ANNOTATOR = Annotator(
    "quotes",
    run,
    requires=("ctx.doc", "story.structure", "story.entities"),
    assigns=("story.quotes",),
    description="Quotations, their kinds and speakers (the trained ranker where the rules name no one).",
)
