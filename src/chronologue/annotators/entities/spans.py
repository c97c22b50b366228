"""Span helpers of the entities annotator, and the parse as plain lists (faster than spaCy tokens)."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy

from chronologue.lib import docview
from chronologue.lib.identity import NAME_PARTICLES
from chronologue.model.story import Story
from chronologue.pipeline.handoffs import PRIORITY_RULE, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

from chronologue.annotators.entities.rules import (
    ARTICLE_BEFORE,
    CAPITALISED_NAME,
    CLOSING_AFTER,
    HYPHEN_TAIL,
    INITIAL,
    JUNK_PREFIX,
    LEADING_ARTICLES,
    NON_SPACE,
    QUOTE_CHARS,
    TRAILING_JUNK,
    TRAILING_YEAR,
    WORD_ENDS_CLAUSE,
)

# lower-case words that join a name to its epithet or seat
EPITHET_LINKS = frozenset({"the", "of"})

# -- span helpers ------------------------------------------------------------------------------------------------


class Roles:
    """Paragraph role at an offset (``body`` when the layout stage gave none)."""

    def __init__(self, story: Story) -> None:
        paragraphs = sorted(story.structure.paragraphs, key=lambda p: p.start)
        self.starts = [p.start for p in paragraphs]
        self.paragraphs = paragraphs

    def at(self, offset: int) -> str:
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return self.paragraphs[i].role
        return "body"


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip junk before a colon or an opening quote, a leading article, a possessive and trailing punctuation."""
    span = text[start:end]
    junk = JUNK_PREFIX.match(span)
    if junk and junk.end() < len(span):
        start += junk.end()
    while start < end and not text[start].isalnum():
        start += 1
    for article in LEADING_ARTICLES:
        if text.startswith(article, start) and end - start > len(article):
            start += len(article)
            break
    tail = TRAILING_JUNK.search(text, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    return start, end


def cut_list(text: str, start: int, end: int) -> tuple[int, int]:
    """A name ends before a comma or a year spaCy ran into ("Chełm, Kovalenko", "Wydawnictwo Literackie 1991")."""
    comma = text.find(",", start, end)
    if comma > start:
        end = comma
    year = TRAILING_YEAR.search(text, start, end)
    if year and year.start() > start:
        end = year.start()
    return start, end


def extend_hyphenated(text: str, start: int, end: int) -> int:
    """Extend a span over a hyphenated tail: ``Brest`` in ``Brest-on-the-Bug`` becomes the whole name."""
    if end < len(text) and text[end] == "-":
        tail = HYPHEN_TAIL.match(text, end)
        if tail:
            return tail.end()
    return end


def capitalised_words(words: list[str], titles: dict[str, Any] | frozenset[str] = frozenset()) -> int:
    """How many leading words form a name (capitalised, or particles between capitalised words); a title ends it."""
    count = 0
    for i, word in enumerate(words):
        if i > 0 and word in titles:
            break
        if word[:1].isupper():
            count = i + 1
            if WORD_ENDS_CLAUSE.search(word) and not INITIAL.fullmatch(word):
                break  # a clause ends here ("Ivan Petrov.", "Hilbery.’"); an initial ("A.") does not
            if word.endswith(("'s", "’s")):
                break  # "Mrs Gildea's London flat": the owner's name ends at the possessive
        elif word not in NAME_PARTICLES:
            break
    return count


# -- the parse as plain lists (iterating spaCy tokens costs more than all the rules) --------------------------------


def _signed(value: int) -> int:
    """A spaCy hash as ``to_array(...).astype(int64)`` shows it."""
    return value - (1 << 64) if value >= 1 << 63 else value


class Tokens:
    """Columns of the parse: offsets, words, parts of speech, dependencies, heads, entity and sentence flags.

    Each as a list (for rules that read a token at a time), and as a numpy column (:meth:`column`, for rules
    that first pick the few tokens they read with one comparison over the whole parse)."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.view = docview.of(doc)
        self._columns: dict[str, numpy.ndarray] = {}
        self._counts: Counter[str] | None = None
        (
            self.idx,
            self.length,
            self.pos,
            self.tag,
            self.dep,
            self.head,
            self.lemma,
            self.ent_iob,
            self.ent_type,
            self.is_title,
            self.sent_start,
        ) = self.view.lists(
            "IDX", "LENGTH", "POS", "TAG", "DEP", "HEAD", "LEMMA", "ENT_IOB", "ENT_TYPE", "IS_TITLE", "SENT_START"
        )
        self.words = [text[i : i + n] for i, n in zip(self.idx, self.length, strict=True)]
        self.by_offset = {offset: i for i, offset in enumerate(self.idx)}
        self.strings = strings = doc.vocab.strings
        self.code = lambda name: _signed(strings[name])

    def __len__(self) -> int:
        return len(self.idx)

    def column(self, name: str) -> numpy.ndarray:
        """The attribute ``name`` of every token (``int64``, values as in the lists), made once."""
        found = self._columns.get(name)
        if found is None:
            found = self._columns[name] = self.view.signed(name)
        return found

    def entity_spans(self) -> list[tuple[int, int, str]]:
        """(start offset, end offset, label) of each of the recogniser's entities, as ``doc.ents`` gives them (an
        entity opens at a ``B`` token with a type and runs over the ``I`` tokens after it), without a ``Span``
        per entity."""
        iob, kind = self.column("ENT_IOB"), self.view.columns("ENT_TYPE")
        inside = 1  # ENT_IOB: 1 inside, 2 outside, 3 beginning, 0 unset
        starts = numpy.flatnonzero((iob == 3) & (kind != 0))
        if not len(starts):
            return []
        edges = numpy.flatnonzero(iob != inside)  # where any entity ends
        ends = numpy.append(edges, len(iob))[numpy.searchsorted(edges, starts, side="right")]
        idx, length, strings = self.idx, self.length, self.strings
        return [(idx[a], idx[b - 1] + length[b - 1], strings[int(kind[a])])
                for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]

    @staticmethod
    def where(mask: numpy.ndarray) -> list[int]:
        """The token indices where ``mask`` holds, in order."""
        return numpy.flatnonzero(mask).tolist()

    @property
    def word_counts(self) -> Counter[str]:
        """How often the text writes each word, as written, counted once."""
        if self._counts is None:
            self._counts = Counter(self.words)
        return self._counts


def in_table(column: numpy.ndarray, table: numpy.ndarray) -> numpy.ndarray:
    """``numpy.isin(column, table)`` for a sorted ``table``: a binary search per value, where ``isin`` compares the
    whole column with each value of the table in turn."""
    if not len(table):
        return numpy.zeros(len(column), dtype=bool)
    at = numpy.minimum(numpy.searchsorted(table, column), len(table) - 1)
    return table[at] == column


def has_capital(span: str) -> bool:
    """Whether some character of ``span`` is upper case (in ASCII, without a look at each character)."""
    if span.isascii():
        return span != span.lower()
    return any(ch.isupper() for ch in span)


def word_before(text: str, low: int, offset: int) -> str:
    """The last run of non-space characters in ``text[low:offset]`` (empty when there is none)."""
    end = offset
    while end > low and text[end - 1].isspace():
        end -= 1
    start = end
    while start > low and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def skip_lower_lead(text: str, start: int, end: int) -> int:
    """The start of a person's name after the lower-case words a span swallowed (``demesne Buck``, ``this Hester``).

    Name particles (``von``, ``de``) stay.
    """
    while True:
        space = text.find(" ", start, end)
        if space < 0:
            return start
        word = text[start:space]
        if not word[:1].islower() or word in NAME_PARTICLES or not text[space + 1 : end][:1].isupper():
            return start
        start = space + 1


def end_at_lower_word(text: str, start: int, end: int) -> int:
    """The end of a person's name before a lower-case word inside the span that is no name particle (``John to
    Elinor`` is John, then Elinor; ``Leonardo da Vinci``, ``Ivan the Terrible``, ``Joan of Arc`` stay whole)."""
    for word in NON_SPACE.finditer(text[start:end]):
        lower = word.group()[:1].islower() and word.group() not in NAME_PARTICLES
        if word.start() and lower and word.group() not in EPITHET_LINKS:
            return start + len(text[start:start + word.start()].rstrip())
    return end


def after_article(text: str, start: int) -> bool:
    """An article right before the span: ``the Happy Family``, ``a Native Son`` name no one person."""
    return ARTICLE_BEFORE.search(text, max(0, start - 5), start) is not None


def enclosed_in_quotes(text: str, start: int, end: int) -> bool:
    """A quotation mark right before the span and right after it (trailing punctuation allowed): a quoted title."""
    before = text[max(0, start - 2) : start].rstrip()
    after = CLOSING_AFTER.match(text, end)
    return bool(before) and before[-1] in QUOTE_CHARS and after is not None


def is_capitalised_name(words: str) -> bool:
    """One to three capitalised words."""
    return CAPITALISED_NAME.fullmatch(words) is not None


def acronyms_everywhere(mentions: list[Mention]) -> None:
    """Every spaCy mention of an acronym defined in parentheses is that acronym ("The NKVD sent", not a person)."""
    defined = {m.text: m for m in mentions if m.source == "acronym" and m.alias_of is not None}
    if not defined:
        return
    for m in mentions:
        acronym = defined.get(m.text)
        if acronym is not None and m is not acronym and m.source.startswith("spacy"):
            m.type, m.alias_of, m.source = acronym.type, acronym.alias_of, "acronym"
            m.priority = PRIORITY_RULE


def end_before(text: str, offset: int) -> int:
    """The offset just after the last non-space character before ``offset``."""
    while offset > 0 and text[offset - 1].isspace():
        offset -= 1
    return offset


def overlaps_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of sorted, non-overlapping ``spans``."""
    i = bisect_right(spans, (end, -1)) - 1
    return i >= 0 and spans[i][1] > start or (i >= 1 and spans[i - 1][1] > start)
