"""The figures stage: each caption the layout stage found becomes a figure with its credit and licence."""

from __future__ import annotations

from chronologue.lib.credits.captions import Caption, parse_credit
from chronologue.lib.credits.licences import is_canonical
from chronologue.model.story import Figure, Finding, Span, Story
from chronologue.pipeline.context import Context
from chronologue.pipeline.registry import Annotator


def _figure(story: Story, caption: Caption, number: int) -> Figure:
    figure = Figure(
        id=f"f{number}",
        start=caption.start,
        end=caption.end,
        caption=Span(start=caption.text_start, end=caption.text_end),
    )
    if caption.credit_start is None or caption.credit_end is None:
        return figure
    parts = parse_credit(story.text, caption.credit_start, caption.credit_end)
    figure.credit, figure.credit_ref, figure.license = parts.credit, parts.credit_ref, parts.license
    if parts.license is not None and parts.license_span and not is_canonical(parts.license.raw, parts.license.spdx):
        expected = parts.license.spdx or "an SPDX licence id"
        story.findings.append(
            Finding(
                kind="license_garbled",
                severity="info",
                message=f"licence '{parts.license.raw}' is not written in a standard form (read as {expected})",
                spans=[Span(start=parts.license_span[0], end=parts.license_span[1])],
            )
        )
    return figure


def run(story: Story, ctx: Context) -> None:
    """Turn the noted captions into figures; report licences written in a garbled form."""
    for number, caption in enumerate(ctx.captions, start=1):
        story.figures.append(_figure(story, caption, number))


ANNOTATOR = Annotator(
    "figures",
    run,
    requires=("ctx.captions", "story.structure"),
    assigns=("story.figures", "story.findings"),
    parse=False,
    description="Each caption a figure with its credit and SPDX licence.",
)
