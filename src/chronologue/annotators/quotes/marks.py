"""Pairs quotation marks in every common style into quoted spans, nested ones included.

Styles: ``"…"``, ``“…”``, ``„…”``/``„…“``, ``«…»``, ``»…«``, ``‹…›``, ``‘…’``, ``‚…‘`` and ``'…'`` where it cannot
be an apostrophe. Straight double quotes get their direction from spacing (``says:" Abandoning … shooting ".``
still pairs), else from parity. A quotation may run on into the next paragraph (a closing mark there), and a
paragraph that opens with the same mark continues it (the fiction convention for multi-paragraph speech).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from chronologue.lib.text import trimmed_span

_MARK = re.compile(r"[\"'“”„‟«»‹›‘’‚]")
_OPENERS = "“„‟«‹‘‚"
_CLOSES = {"“": "”", "„": "”“", "‟": "”", "«": "»", "»": "«", "‹": "›", "‘": "’", "‚": "’‘", "”": "”",
           '"': '"', "'": "'"}
_OPENING_CONTEXT = set("([{—–-/:\u00a0")
_CLOSING_CONTEXT = set(".,;:!?)]}…—–-")
MAX_QUOTE_CHARS = 6000


@dataclass
class Marked:
    """A quoted span: ``start``/``end`` the quoted words (inside the marks, trimmed), the marks' positions."""

    start: int
    end: int
    open_at: int
    close_at: int | None  # None when the quotation was never closed
    mark: str
    depth: int = 0


@dataclass
class _Open:
    mark: str
    at: int
    paragraph: int


def _is_word(ch: str) -> bool:
    return ch.isalnum()


class _Scanner:
    def __init__(self, text: str, paragraph_starts: list[int]) -> None:
        self.text = text
        self.starts = paragraph_starts or [0]
        self.stack: list[_Open] = []
        self.found: list[Marked] = []
        self.skip: set[int] = set()
        self.paragraph = 0
        self.single_primary = _single_quotes_primary(text)

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def emit(self, entry: _Open, close_at: int | None, end: int) -> None:
        start, stop = trimmed_span(self.text, entry.at + 1, end)
        if stop > start and end - entry.at <= MAX_QUOTE_CHARS:
            self.found.append(Marked(start, stop, entry.at, close_at, entry.mark))

    def paragraph_end(self, index: int) -> int:
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return end

    def enter_paragraph(self, index: int) -> None:
        """Crossing into paragraph ``index``: continue, keep (one paragraph of slack) or give up open quotes."""
        start = self.starts[index]
        first = start
        while first < len(self.text) and self.text[first].isspace():
            first += 1
        kept: list[_Open] = []
        for entry in self.stack:
            if first < len(self.text) and self.text[first] == entry.mark and entry.mark in "“„«‹\"":
                self.skip.add(first)  # a new paragraph reopening the same quotation continues it
                entry.paragraph = index
                kept.append(entry)
            elif index - entry.paragraph <= 1:
                kept.append(entry)
            elif entry.mark in "“„«‹" and self.text[self.starts[entry.paragraph]:entry.at].strip() == "":
                # a paragraph opened by a curly mark that never closed: the whole paragraph is the quotation
                self.emit(entry, None, self.paragraph_end(entry.paragraph))
        self.stack = kept
        self.paragraph = index

    def open_index(self, marks: str, innermost: bool = False) -> int | None:
        """The stack index of the innermost open mark among ``marks``; with ``innermost``, only the top one."""
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].mark in marks:
                return i
            if innermost:
                return None
        return None

    def close(self, index: int, at: int) -> None:
        entry = self.stack[index]
        del self.stack[index:]
        self.emit(entry, at, at)

    def push(self, mark: str, at: int) -> None:
        top = self.stack[-1] if self.stack else None
        if top is not None and top.mark == mark and mark in "“\"„«":
            # the same mark opening again: the one before ran to a paragraph end whose break was lost
            self.stack.pop()
            self.emit(top, None, at)
        self.stack.append(_Open(mark, at, self.paragraph))

    def role(self, ch: str, at: int) -> str | None:
        """'open', 'close' or None (an apostrophe or a stray mark)."""
        text = self.text
        prev = text[at - 1] if at > 0 else "\n"
        nxt = text[at + 1] if at + 1 < len(text) else "\n"
        before_space = prev.isspace() or prev in _OPENING_CONTEXT or prev in "“‘«"
        after_space = nxt.isspace() or nxt in _CLOSING_CONTEXT or nxt in "”’»"
        if ch == '"' or (ch == "'" and self.single_primary):
            if ch == "'" and _is_word(prev) and not self._capital_follows(at):
                return None  # an apostrophe (don't, goin', the workers' paradise), not said' Poor child!
            if before_space and not after_space and _is_word(nxt):
                return "open"
            return "close" if self.open_index(ch) is not None else "open"
        if ch == "'":
            if _is_word(prev) and _is_word(nxt):
                return None
            if not before_space and not _is_word(nxt) and self.open_index("'", innermost=True) is not None:
                return "close"
            if before_space and _is_word(nxt):
                return "open"
            return None
        if ch == "’":
            if _is_word(prev) and _is_word(nxt):
                return None
            return "close" if not _is_word(nxt) and self.open_index("‘‚", innermost=True) is not None else None
        if ch == "“" and self.open_index("„") is not None and not before_space:
            return "close"
        if ch == "‘" and self.open_index("‚") is not None and not before_space:
            return "close"
        if ch == "«" and self.open_index("»") is not None:
            return "close"
        if ch in _OPENERS:
            return "open"
        if ch == "»":
            if self.open_index("«") is not None:
                return "close"
            return "open" if before_space and not after_space else None
        if ch in "”›":
            if self.open_index("“„‟‹”") is not None:
                return "close"
            return "open" if ch == "”" and before_space and not after_space else None
        return None

    def _capital_follows(self, at: int) -> bool:
        """A space, then a capital letter: a quotation mark glued to the word before (``said' Poor``)."""
        return self.text[at + 1:at + 2] == " " and self.text[at + 2:at + 3].isupper()

    def scan(self) -> list[Marked]:
        for match in _MARK.finditer(self.text):
            at = match.start()
            index = self.paragraph_of(at)
            while self.paragraph < index:
                self.enter_paragraph(self.paragraph + 1)
            if at in self.skip:
                continue
            ch = match.group()
            role = self.role(ch, at)
            if role == "open":
                self.push(ch, at)
            elif role == "close":
                marks = "".join(m for m, closers in _CLOSES.items() if ch in closers)
                found = self.open_index(marks, innermost=ch in "'’")
                if found is not None:
                    self.close(found, at)
        while self.paragraph + 1 < len(self.starts):
            self.enter_paragraph(self.paragraph + 1)
        for entry in self.stack:
            if entry.mark in "“„«‹" and self.text[self.starts[entry.paragraph]:entry.at].strip() == "":
                self.emit(entry, None, self.paragraph_end(entry.paragraph))
        return _with_depths(self.found)


_DOUBLE = re.compile(r"[\"“”„«»]")
_SINGLE_EDGE = re.compile(r"(?<![^\W\d_])'|'(?![^\W\d_])")


def _single_quotes_primary(text: str) -> bool:
    """True when straight single quotes are the text's quotation marks (hardly any double marks)."""
    sample = text[:200_000]
    return len(_DOUBLE.findall(sample)) < 3 and len(_SINGLE_EDGE.findall(sample)) >= 6


def _with_depths(found: list[Marked]) -> list[Marked]:
    found.sort(key=lambda m: (m.start, -m.end))
    outer: list[Marked] = []
    for quote in found:
        while outer and outer[-1].end <= quote.start:
            outer.pop()
        quote.depth = len(outer)
        outer.append(quote)
    return found


def find_marked(text: str, paragraph_starts: list[int]) -> list[Marked]:
    """Every quoted span of ``text`` in order of start (outer before inner), with its nesting depth."""
    return _Scanner(text, sorted(paragraph_starts)).scan()
