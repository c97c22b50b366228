"""What stages share besides the story: the parsed spaCy Doc, the document date, reader blocks, scratch notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from chronologue.model.document import Block

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass
class Context:
    """Per-document state handed to every stage.

    ``doc`` is the one spaCy parse of ``story.text`` (set by the pipeline between the stages that need no parse
    and those that do); ``dct`` the document date that relative expressions may anchor to; ``blocks`` what the
    reader saw; ``notes`` holds data a stage offers later stages that is not part of the story contract (keyed by
    the stage's name).
    """

    dct: date | None = None
    blocks: list[Block] = field(default_factory=list)
    markup: bool = False
    doc: Doc | None = None
    notes: dict[str, Any] = field(default_factory=dict)
    _sentences: tuple[Doc | None, list[Span]] | None = field(default=None, repr=False)

    @property
    def sentences(self) -> list[Span]:
        """The parse's sentences, listed once for every stage that walks them (``doc.sents`` walks the Doc)."""
        if self._sentences is None or self._sentences[0] is not self.doc:
            self._sentences = (self.doc, list(self.doc.sents) if self.doc is not None else [])
        return self._sentences[1]
