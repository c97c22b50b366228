"""What annotators share besides the story: the parse, the document date, reader blocks, typed hand-offs.

Every hand-off between annotators is a typed field here, written by one annotator and read by later ones (the
registry checks that order): nothing travels through an untyped dict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from chronologue.model.document import Block
from chronologue.pipeline.handoffs import ClaimContext, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from chronologue.lib.coref import Coreference
    from chronologue.lib.credits.captions import Caption
    from chronologue.lib.gazetteer import Candidate
    from chronologue.model.story import Story


@dataclass
class Context:
    """Per-document state handed to every annotator.

    ``doc`` is the one spaCy parse of ``story.text`` (set by the pipeline between the annotators that need no
    parse and those that do); ``dct`` the document date that relative expressions may anchor to; ``blocks``
    what the reader saw; ``config`` each annotator's settings by its name (``{"times": {"anchors": [...]}}``).
    The other fields are hand-offs, each named with the annotator that writes it; ``coref`` is the
    document's one coreference (:meth:`coreference`), built on first use after the names annotator.
    """

    dct: date | None = None
    blocks: list[Block] = field(default_factory=list)
    markup: bool = False
    doc: Doc | None = None
    config: dict[str, dict[str, object]] = field(default_factory=dict)
    captions: list[Caption] = field(default_factory=list)  # layout -> figures: the captions found in blocks
    mentions: list[Mention] = field(default_factory=list)  # entities -> names: recognised mentions
    places: dict[str, Candidate] = field(default_factory=dict)  # places: entity id -> chosen gazetteer entry
    timex_rules: dict[str, str] = field(default_factory=dict)  # times: timex id -> the rule that found it
    claims: ClaimContext = field(default_factory=ClaimContext)  # claims -> findings
    coref: Coreference | None = None  # built on first use by coreference()
    _sentences: tuple[Doc | None, list[Span]] | None = field(default=None, repr=False)

    @property
    def sentences(self) -> list[Span]:
        """The parse's sentences, listed once for every annotator that walks them (``doc.sents`` walks the Doc)."""
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
