"""Paragraphs and sentences of a story as the quotation modules need them."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.attrs import IDX, LENGTH

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from chronologue.model.story import Story
    from chronologue.pipeline.context import Context

_BLOCK_ROLES = {"quote": "quote", "kicker": "kicker", "title": "title", "heading": "heading", "caption": "caption",
                "bibliography": "bibliography"}


@dataclass(frozen=True)
class Paragraph:
    """A paragraph span and its role (body, quote, heading, …)."""

    start: int
    end: int
    role: str = "body"


def paragraphs_of(story: Story, ctx: Context) -> list[Paragraph]:
    """The story's paragraphs: from the layout stage when it ran, else from the reader's blocks, else one."""
    if story.structure.paragraphs:
        return [Paragraph(p.start, p.end, p.role) for p in story.structure.paragraphs]
    if ctx.blocks:
        return [Paragraph(b.start, b.end, _BLOCK_ROLES.get(b.kind, "body")) for b in ctx.blocks]
    return [Paragraph(0, len(story.text))]


class Sentences:
    """Sentence and token look-ups by character offset over the one spaCy parse."""

    def __init__(self, text: str, doc: Doc, spans: list[Span] | None = None) -> None:
        self.text = text
        self.doc = doc
        self.spans: list[Span] = spans if spans is not None else list(doc.sents)
        self.starts = [s.start_char for s in self.spans]
        self._token_starts: list[int] | None = None
        self._token_ends: list[int] = []

    def index_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the one before it when offset falls between sentences)."""
        return max(0, bisect_right(self.starts, offset) - 1)

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
            array = self.doc.to_array([IDX, LENGTH])
            self._token_starts = array[:, 0].tolist()
            self._token_ends = (array[:, 0] + array[:, 1]).tolist()
        return self._token_starts, self._token_ends
