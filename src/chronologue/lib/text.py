"""Spans of text (a span without its surrounding whitespace, the paragraphs between blank lines, whether an offset
lies inside a quotation) and counted nouns."""

from __future__ import annotations

import re

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n")


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start..end`` without the whitespace at either end (empty, ``start == end``, when all of it is space)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def blank_line_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The stretches of ``text[start:end]`` between blank lines, trimmed; empty ones are left out.

    The paragraphs of a story built by hand, without a layout: every stage that needs paragraphs falls back
    to these."""
    end = len(text) if end is None else end
    spans, pos = [], start
    for gap in [*_BLANK_LINES.finditer(text, start, end), None]:
        stop = gap.start() if gap else end
        span = trimmed_span(text, pos, stop)
        if span[1] > span[0]:
            spans.append(span)
        if gap:
            pos = gap.end()
    return spans


def inside_quotation(text: str, offset: int, reach: int | None = None) -> bool:
    """Whether ``offset`` lies inside a quotation of its paragraph (an odd number of straight double quotes before
    it, or an opening curly quote not yet closed); with ``reach``, looking back at most that many characters (a
    text on one line stays linear)."""
    lowest = 0 if reach is None else max(0, offset - reach)
    before = text[max(text.rfind("\n", lowest, offset) + 1, lowest):offset]
    return before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”")


def plural(count: int, noun: str) -> str:
    """``1 document``, ``2 documents`` (nouns with a plain plural)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
