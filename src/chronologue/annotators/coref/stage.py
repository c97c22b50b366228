"""The coref annotator: each person's mentions gain the pronouns and descriptions that refer to them.

The resolver itself is :mod:`chronologue.lib.coref`, built once per document (``ctx.coreference``) and shared by
the annotators that need to know who "he" or "her mother" is; this annotator runs after all of them and writes
its chains into ``story.entities`` (mentions with ``kind`` name, pronoun or nominal). A speaker the text never
names but gives many lines (``said the Grandmother``) becomes a person of its own
(:mod:`chronologue.lib.coref.unnamed`).
"""

from __future__ import annotations

from chronologue.lib.coref.chains import write_chains
from chronologue.lib.coref.unnamed import unnamed_speakers
from chronologue.model.story import Story
from chronologue.pipeline.context import Context
from chronologue.pipeline.registry import Annotator


def run(story: Story, ctx: Context) -> None:
    """Write the document's coreference chains into its person entities; recurring unnamed speakers become
    entities."""
    write_chains(story, ctx.coreference(story))
    unnamed_speakers(story)


ANNOTATOR = Annotator(
    "coref",
    run,
    requires=("ctx.doc", "story.entities", "story.quotes"),
    assigns=("story.entities.mentions", "story.entities.unnamed", "story.quotes.speaker"),
    description="Pronouns, descriptions and kin terms linked to the people they refer to; recurring unnamed "
                "speakers as people of their own.",
)
