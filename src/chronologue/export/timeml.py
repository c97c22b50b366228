"""TimeML: the text with its time expressions marked inline as TIMEX3 elements (type, value, mod), the way
HeidelTime writes its output."""

from __future__ import annotations

from chronologue.export import SUFFIXES
from chronologue.export.xmltext import attr, text
from chronologue.model.story import Story, Timex

SUFFIX = SUFFIXES["timeml"]
# TIMEX3 needs a value: TimeML's placeholder for one the text leaves unknown
UNKNOWN_VALUE = {"DATE": "XXXX-XX-XX", "TIME": "XXXX-XX-XXTXX:XX", "DURATION": "PX", "SET": "PX"}


def _timex3(timex: Timex, inner: str) -> str:
    attributes = {"tid": timex.id, "type": timex.type, "value": timex.value or UNKNOWN_VALUE[timex.type],
                  "mod": timex.mod}
    rendered = "".join(f" {name}={attr(value)}" for name, value in attributes.items() if value)
    return f"<TIMEX3{rendered}>{inner}</TIMEX3>"


def tagged(story: Story) -> list[Timex]:
    """The time expressions to tag, in text order; one that overlaps an earlier one is left out (TIMEX3
    elements neither nest nor cross)."""
    kept: list[Timex] = []
    for timex in sorted(story.timexes, key=lambda t: (t.start, -t.end)):
        if timex.end > timex.start and (not kept or timex.start >= kept[-1].end):
            kept.append(timex)
    return kept


def render(story: Story) -> str:
    """The story's text as a TimeML document with TIMEX3 tags; the text itself is unchanged (escaped)."""
    parts, position = [], 0
    for timex in tagged(story):
        parts.append(text(story.text[position : timex.start]))
        parts.append(_timex3(timex, text(story.text[timex.start : timex.end])))
        position = timex.end
    parts.append(text(story.text[position:]))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\n'
            + "".join(parts) + "\n</TimeML>\n")
