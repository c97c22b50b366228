"""The sentences of the one parse, listed once: the one holding a token or an offset found by bisection, and the
tokens of a character range."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from chronologue.lib import docview

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


class Sentences:
    """Sentence and token look-ups over one spaCy parse (``Token.sent`` walks the document on every call)."""

    def __init__(self, doc: Doc, spans: list[Span] | None = None, text: str | None = None) -> None:
        """``spans``: the parse's sentences when already listed; ``text``: the story's text (the parse's own
        when not given)."""
        self.doc = doc
        self.text = text if text is not None else doc.text
        self.spans: list[Span] = spans if spans is not None else list(doc.sents)
        self._first_tokens = [sent.start for sent in self.spans]
        self._first_chars = [sent.start_char for sent in self.spans]
        self._token_starts: list[int] | None = None
        self._token_ends: list[int] = []

    def index(self, tok: Token) -> int:
        """The number of the sentence holding a token."""
        return bisect_right(self._first_tokens, tok.i) - 1

    def of(self, tok: Token) -> Span:
        """The sentence holding a token."""
        return self.spans[self.index(tok)]

    def index_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the one before it when offset falls between sentences)."""
        return max(0, bisect_right(self._first_chars, offset) - 1)

    def sentence_at(self, offset: int) -> Span:
        return self.spans[self.index_at(offset)]

    def last_sentence(self, start: int, end: int) -> tuple[int, int] | None:
        """The character span of the last sentence that ends inside [start, end), clipped to it."""
        text = self.text
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            return None
        sent = self.sentence_at(end - 1)
        return max(start, sent.start_char), end

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens that lie wholly inside [start, end) (found by bisection over the token offsets)."""
        starts, ends = self._offsets()
        first = bisect_left(starts, start)
        last = bisect_right(ends, end)  # tokens first..last-1 end by ``end``
        return list(self.doc[first:last]) if last > first else []

    def _offsets(self) -> tuple[list[int], list[int]]:
        if self._token_starts is None:
            idx, length = docview.of(self.doc).lists("IDX", "LENGTH")
            self._token_starts = idx
            self._token_ends = [start + size for start, size in zip(idx, length, strict=True)]
        return self._token_starts, self._token_ends
