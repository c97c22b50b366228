"""What stages share besides the story: the parsed spaCy Doc, the document date, reader blocks, scratch notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from chronologue.model.document import Block

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from chronologue.lib.coref import Coreference
    from chronologue.model.story import Story


@dataclass
class Context:
    """Per-document state handed to every stage.

    ``doc`` is the one spaCy parse of ``story.text`` (set by the pipeline between the stages that need no parse
    and those that do); ``dct`` the document date that relative expressions may anchor to; ``blocks`` what the
    reader saw; ``notes`` holds data a stage offers later stages that is not part of the story contract (keyed by
    the stage's name); ``coref`` the document's one coreference (``coreference``), built on first use after the
    names stage, when the people are known.
    """

    dct: date | None = None
    blocks: list[Block] = field(default_factory=list)
    markup: bool = False
    doc: Doc | None = None
    notes: dict[str, Any] = field(default_factory=dict)
    coref: Coreference | None = None
    _sentences: tuple[Doc | None, list[Span]] | None = field(default=None, repr=False)

    @property
    def sentences(self) -> list[Span]:
        """The parse's sentences, listed once for every stage that walks them (``doc.sents`` walks the Doc)."""
        if self._sentences is None or self._sentences[0] is not self.doc:
            self._sentences = (self.doc, list(self.doc.sents) if self.doc is not None else [])
        return self._sentences[1]

    def coreference(
        self,
        story: Story,
        quoted: list[tuple[int, int]] | None = None,
        asides: list[tuple[int, int]] | None = None,
    ) -> Coreference:
        """The document's coreference, built on the first call (later calls get the same one, whatever they pass).

        ``quoted``: the quotations' spans (the story's quotes when not given); ``asides``: spans outside the running
        text (the story's captions, headings, titles and bibliography when not given).
        """
        if self.coref is None or self.coref.story is not story:
            from chronologue.lib.coref import Coreference
            from chronologue.lib.coref.sentences import Sentences

            assert self.doc is not None, "coreference needs the parse"
            self.coref = Coreference(
                story,
                Sentences(self.doc, self.sentences, story.text),
                quoted if quoted is not None else [(q.start, q.end) for q in story.quotes],
                sorted({*(asides or []), *Coreference.asides_of(story)}),
            )
        return self.coref
