"""Bibliography entries -> author, title, publisher, place, year, each with its span in the text.

The common forms of the genre:
- European: ``Author, Title, Publisher Year`` / ``Author, Title, Place: Publisher, Year``
- Anglo-American: ``Author (Year). Title. Place: Publisher.`` / ``Author. Title. Place: Publisher, Year.``
Titles in quotation marks or italics (markup removed) are taken as they stand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chronologue.lib.gazetteer import is_known_place
from chronologue.rules import cached
from chronologue.rules import load as load_rules

YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")  # a publication year
_PAREN_YEAR = re.compile(r"\(\s*(1[5-9]\d\d|20\d\d)[a-z]?\s*\)")
_QUOTED = re.compile(r"[\"“„«‘']([^\"”“»’']{3,})[\"”“»’']")
_LEADING_NUMBER = re.compile(r"^\s*(?:\[\d+\]|\d+[.)]|[-*•])\s*")
_INLINE_HEAD = re.compile(r"^\s*[\w ]{2,30}:\s+")
_SOURCES_HEAD = re.compile(r"^\s*(?:sources?|bibliography|references|źródł[oa]|quellen?)\s*:", re.I)
_PLACE_SEPARATOR = re.compile(r"[-/–]|\band\b")


@dataclass
class Field:
    text: str
    start: int
    end: int


@dataclass
class Entry:
    """A parsed bibliography entry; fields are None when the entry does not state them."""

    start: int
    end: int
    author: Field | None = None
    title: Field | None = None
    publisher: Field | None = None
    place: Field | None = None
    year: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


@cached
def _publisher_words() -> re.Pattern[str]:
    words = load_rules("bibliography")["publisher_words"]["words"]
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


@cached
def _known_places() -> frozenset[str]:
    return frozenset(w.lower() for w in load_rules("bibliography")["publisher_places"]["places"])


def _field(text: str, start: int, end: int) -> Field | None:
    while start < end and text[start] in " \t,.;:":
        start += 1
    while end > start and text[end - 1] in " \t,.;:":
        end -= 1
    return Field(text[start:end], start, end) if end > start else None


def _is_place(words: str) -> bool:
    """A publishing town: one the table lists, or a notable place the gazetteer knows (Helsinki, Iași)."""
    parts = [p.strip() for p in _PLACE_SEPARATOR.split(words) if p.strip()]
    return bool(parts) and all(p.lower() in _known_places() or is_known_place(p) for p in parts)


_NOT_AN_INITIAL = r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])"  # "M. C. Ricklefs", "Th. Mann": no sentence ends there


def _split(text: str, start: int, end: int, sep: str) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` split at ``sep`` (a regex), quoted titles kept whole."""
    protected = [(m.start(), m.end()) for m in _QUOTED.finditer(text, start, end)]
    pieces, cursor = [], start
    for m in re.finditer(sep, text[start:end]):
        at = start + m.start()
        if any(a < at < b for a, b in protected):
            continue
        pieces.append((cursor, at))
        cursor = start + m.end()
    pieces.append((cursor, end))
    return [(a, b) for a, b in pieces if text[a:b].strip(" .,")]


def _publisher_and_place(text: str, start: int, end: int, entry: Entry) -> None:
    """Fill place and publisher from a tail like ``Place: Publisher``, ``Publisher Place``, ``Publisher``."""
    piece = _field(text, start, end)
    if piece is None:
        return
    if ":" in piece.text:
        head, _, tail = piece.text.partition(":")
        entry.place = _field(text, piece.start, piece.start + len(head))
        entry.publisher = _field(text, piece.start + len(head) + 1, piece.end)
    elif _is_place(piece.text):
        entry.place = piece
    else:
        entry.publisher = piece


def parse_entry(text: str, start: int, end: int) -> Entry:
    """Parse one bibliography entry ``text[start:end]``."""
    lead = _LEADING_NUMBER.match(text, start)
    if lead:
        start = lead.end()
    inline = _INLINE_HEAD.match(text[start:end])
    if inline and _SOURCES_HEAD.match(inline.group(0)):
        start += inline.end()
    entry = Entry(start=start, end=end)
    paren_year = _PAREN_YEAR.search(text, start, end)
    if paren_year:
        # Anglo-American: Author (Year). Title. Place: Publisher.
        entry.year = int(paren_year.group(1))
        entry.author = _field(text, start, paren_year.start())
        rest = _split(text, paren_year.end(), end, r"\.\s+")
        if rest:
            entry.title = _field(text, *rest[0])
        if len(rest) > 1:
            _publisher_and_place(text, rest[1][0], rest[-1][1], entry)
        return entry
    dotted = _split(text, start, end, _NOT_AN_INITIAL + r"\.\s+(?=[A-Z0-9„“\"])")
    if len(dotted) >= 3:
        # Anglo-American without a bracketed year: Author. Title. Place: Publisher, Year.
        entry.author = _field(text, *dotted[0])
        entry.title = _field(text, *dotted[1])
        tail_start, tail_end = dotted[2][0], dotted[-1][1]
        year_in_tail = list(YEAR.finditer(text, tail_start, tail_end))
        if year_in_tail:
            entry.year = int(year_in_tail[-1].group(1))
            tail_end = year_in_tail[-1].start()
        _publisher_and_place(text, tail_start, tail_end, entry)
        return entry
    years = list(YEAR.finditer(text, start, end))
    year_match = years[-1] if years else None
    body_end = end
    if year_match:
        entry.year = int(year_match.group(1))
        body_end = year_match.start()
    pieces = _split(text, start, body_end, r",\s+|" + _NOT_AN_INITIAL + r"\.\s+(?=[A-Z„“\"])")
    # a colon parts a title from its subtitle, and a place from its publisher after the title
    pieces = pieces[:2] + [part for a, b in pieces[2:] for part in _split(text, a, b, r":\s+")]
    if not pieces:
        return entry
    entry.author = _field(text, *pieces[0])
    quoted = next((m for m in _QUOTED.finditer(text, start, body_end)), None)
    if quoted:
        entry.title = Field(quoted.group(1), quoted.start(1), quoted.end(1))
        tail_pieces = [p for p in pieces[1:] if p[0] >= quoted.end()]
    else:
        if len(pieces) > 1:
            entry.title = _field(text, *pieces[1])
        tail_pieces = pieces[2:]
    if tail_pieces:
        last = _field(text, *tail_pieces[-1])
        before = _field(text, *tail_pieces[-2]) if len(tail_pieces) > 1 else None
        publisher_before_place = (
            before is not None and last is not None and bool(_publisher_words().search(before.text))
            and not _publisher_words().search(last.text) and len(last.text.split()) <= 3
        )
        if last and len(tail_pieces) > 1 and (_is_place(last.text) or publisher_before_place):
            entry.place = last
            entry.publisher = _field(text, *tail_pieces[-2])
        elif last and before is not None and _is_place(before.text):
            entry.place, entry.publisher = before, last  # "London: Macmillan, 1961"
        elif last:
            _publisher_and_place(text, last.start, last.end, entry)
            if entry.publisher and not _publisher_words().search(entry.publisher.text):
                words = entry.publisher.text.split()
                if len(words) > 1 and _is_place(words[-1]):
                    at = entry.publisher.start + entry.publisher.text.rfind(words[-1])
                    entry.place = Field(words[-1], at, at + len(words[-1]))
                    entry.publisher = _field(text, entry.publisher.start, at)
    return entry
