"""The times stage: tags and normalises time expressions (TIMEX3 type/value/mod, EDTF, day bounds, anchor).

The rules are data (``data/time_patterns.toml``, ``time_vocab.toml``, ``time_holidays.toml``,
``event_anchors.toml``); the engine is ``chronologue.lib.timex``. Relative expressions resolve against the
narrative reference time (the last fitting absolute time in the story) or, for deictic ones ("today",
"last year"), against ``ctx.dct`` when given. Calendar expressions without a year ("17 September", "in
October", "that winter", "on Monday") take the story's year when the text so far tells of times far from
``ctx.dct`` (a history told today), else the document date's (news). Expressions tied to named events
("after the war", "the first months of Operation Barbarossa") resolve from the event anchor table; users
add their own anchors with the environment variable ``CHRONOLOGUE_EVENT_ANCHORS`` (TOML files like
``data/event_anchors.toml``, separated by ``os.pathsep``) or the annotator's config ``{"times": {"anchors":
[paths]}}``.

Offers later annotators ``ctx.timex_rules``: the rule that found each timex, by timex id.
"""

from __future__ import annotations

from typing import cast

from chronologue.lib.timex import tag
from chronologue.lib.timex.background import background_spans
from chronologue.model.story import Anchor, Story, Timex, TimexType
from chronologue.pipeline.context import Context
from chronologue.pipeline.registry import Annotator

ASIDE_ROLES = frozenset({"caption", "bibliography", "kicker"})  # outside the story's flow of time


def run(story: Story, ctx: Context) -> None:
    """Add the story's time expressions to ``story.timexes`` (ids t1, t2, ... in text order)."""
    config = ctx.config.get("times", {})
    anchors = tuple(str(p) for p in config.get("anchors", ()))  # type: ignore[attr-defined]
    asides = tuple(sorted((p.start, p.end) for p in story.structure.paragraphs if p.role in ASIDE_ROLES))
    background = background_spans(ctx.doc) if ctx.doc is not None else ()
    found = tag(story.text, dct=ctx.dct, doc=ctx.doc, anchors=anchors, asides=asides, background=background)
    rules: dict[str, str] = {}
    offset = len(story.timexes)
    for i, t in enumerate(found, start=offset + 1):
        tid = f"t{i}"
        story.timexes.append(
            Timex(
                id=tid,
                start=t.start,
                end=t.end,
                type=cast(TimexType, t.type),
                value=t.value,
                mod=t.mod,
                edtf=t.edtf,
                earliest=t.earliest,
                latest=t.latest,
                anchor=cast(Anchor | None, t.anchor),
            )
        )
        rules[tid] = t.rule
    ctx.timex_rules = rules


ANNOTATOR = Annotator(
    "times",
    run,
    requires=("ctx.doc", "story.structure"),
    assigns=("story.timexes", "ctx.timex_rules"),
    description="Time expressions: TIMEX3, EDTF, day bounds.",
)
