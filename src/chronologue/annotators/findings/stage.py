"""The findings stage: where the text contradicts itself and where it needs an editor.

Appends, grouped by kind: ``numeric_inconsistency`` and ``chronology_conflict`` (severity warning, see
:mod:`chronologue.annotators.findings.consistency`), then ``unbalanced_bracket`` and ``spacing`` (severity
info, see :mod:`chronologue.annotators.findings.text_quality`). ``license_garbled`` findings come from the
figures stage and are left as they are.
"""

from __future__ import annotations

from chronologue.annotators.findings.consistency import chronology_conflicts, numeric_inconsistencies
from chronologue.annotators.findings.text_quality import spacing, unbalanced
from chronologue.model.story import Story
from chronologue.pipeline.context import Context
from chronologue.pipeline.registry import Annotator


def run(story: Story, ctx: Context) -> None:
    """Add contradiction and text-quality findings to ``story.findings``."""
    doc = ctx.doc
    story.findings.extend(numeric_inconsistencies(story, ctx.claims))
    story.findings.extend(chronology_conflicts(story, doc))
    paragraphs = [(p.start, p.end) for p in story.structure.paragraphs]
    story.findings.extend(unbalanced(story.text, paragraphs))
    story.findings.extend(spacing(story.text))


ANNOTATOR = Annotator(
    "findings",
    run,
    requires=("story.claims", "ctx.claims", "story.timexes", "story.events", "story.entities"),
    assigns=("story.findings",),
    description="Numeric inconsistencies, chronology conflicts, brackets and spacing.",
)
