"""Dialogue introduced by a dash instead of quotation marks (``—Where are you going? —asked Pedro.``).

A paragraph that opens with a dash (``—``, ``–`` or ``--``) followed by a word is a line of
dialogue. Its words run to the next dash that opens the narrator's words (a dash followed by a lower-case word:
``—asked Pedro``) or to the paragraph's end; after the narrator's words, a further dash opens the rest of the
line (``—Yes —said Pedro—. And you?``). The spans come out as ``Marked`` quotations, the dash as their mark.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from chronologue.annotators.quotes.marks import Marked

DASH = r"(?:—|–|--)"
DASH_MARKS = "—–-"
# a dash at a paragraph's start, before a word (a wrapped line may start with a dash inside a sentence)
_OPENING = re.compile(rf"[ \t]*({DASH})[ \t]*(?=[\w¿¡\"'“‘])")
_DASH = re.compile(DASH)


def _words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding space and the punctuation that only closes the narrator's words."""
    while start < end and (text[start].isspace() or text[start] in ",.;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",."):
        end -= 1
    return start, end


def find_dashed(text: str, paragraph_starts: list[int], marked: list[Marked]) -> list[Marked]:
    """The dash-introduced lines of dialogue of ``text`` that no quotation mark already covers."""
    starts = sorted(paragraph_starts)
    taken = sorted((m.open_at, m.end) for m in marked)
    found: list[Marked] = []
    for paragraph in starts:
        opening = _OPENING.match(text, paragraph)
        if opening is None:
            continue
        dash_at = opening.start(1)
        if _covered(taken, dash_at):
            continue
        i = bisect_right(starts, dash_at)
        blank = text.find("\n\n", dash_at)
        end = min(starts[i] if i < len(starts) else len(text), blank if blank >= 0 else len(text))
        speaking, open_at, cursor = True, dash_at, opening.end()
        for dash in _DASH.finditer(text, opening.end(), end):
            after = text[dash.end():dash.end() + 3].lstrip()
            if speaking and after[:1].islower():  # "—asked Pedro": the narrator's words begin
                _add(found, text, open_at, cursor, dash.start(), dash.start())
                speaking = False
            elif not speaking:  # "—. And you?": the line goes on
                speaking, open_at, cursor = True, dash.start(), dash.end()
        if speaking:
            _add(found, text, open_at, cursor, end, None)
    return found


def _add(found: list[Marked], text: str, open_at: int, start: int, end: int, close_at: int | None) -> None:
    start, end = _words(text, start, end)
    if end > start and any(ch.isalpha() for ch in text[start:end]):
        found.append(Marked(start, end, open_at, close_at, text[open_at], 0))


def _covered(taken: list[tuple[int, int]], offset: int) -> bool:
    i = bisect_right(taken, (offset, 1 << 62)) - 1
    return i >= 0 and taken[i][0] <= offset < taken[i][1]
