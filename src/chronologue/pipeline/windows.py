"""Parsing in windows of whole blocks, so that a book's parse needs the memory of one window, not of the book.

spaCy's parse of one ``Doc`` holds the network's activations for every token of it at once (about 17 kB a token
for the small English pipeline), and refuses texts longer than ``nlp.max_length``. A long document is therefore
cut into windows of whole blocks (paragraphs, headings), each at most ``WINDOW_CHARS`` characters; the windows
go through ``nlp.pipe`` one a batch, and their parses are joined into one ``Doc`` of the whole text
(``Doc.from_docs``), whose offsets are offsets into the whole text. The annotators then see one parse as they
always did: a name introduced in chapter one still resolves a surname in chapter ten. A document of at most
``WINDOW_CHARS`` characters (every article) is one window, parsed as before; such documents share a batch, up to
``BATCH_CHARS`` characters of them.

A block longer than a window (a paragraph of a hundred thousand characters) is cut at its last line break,
else its last sentence end, else its last space before the limit, so no input the readers accept is too long.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from chronologue import nlp as nlp_loader

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from chronologue.model.document import Block, Document

WINDOW_CHARS = 20_000
# spaCy's parser steps through the documents of a batch together: fuller batches of short documents parse faster
# (8 % on bench/run.py's articles from 20,000 to 40,000 characters a batch), at the memory of a batch's
# activations (about 17 kB a token while it is parsed, some 50 MB more for 40,000 characters than for 20,000)
BATCH_CHARS = 40_000
BATCH_DOCS = 8

# Progress of a document's parse: (the document, windows parsed, windows in all).
WindowProgress = Callable[["Document", int, int], None]

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


def _cut_inside(text: str, start: int, limit: int) -> int:
    """Where to end a window that starts at ``start`` inside a block longer than ``limit``: after the last line
    break, else the last sentence end, else the last space before ``start + limit`` (a hard cut if none)."""
    end = start + limit
    newline = text.rfind("\n", start + 1, end)
    if newline > start:
        return newline + 1
    ends = [m.end() for m in _SENTENCE_END.finditer(text, max(start, end - limit // 4), end)]
    if ends and ends[-1] > start:
        return ends[-1]
    space = text.rfind(" ", start + 1, end)
    return space + 1 if space > start else end


def window_spans(text: str, blocks: list[Block], limit: int | None = None) -> list[tuple[int, int]]:
    """Contiguous ``(start, end)`` spans covering ``text``, each at most ``limit`` characters, cut where a block
    starts (or inside a block longer than ``limit``).

    >>> window_spans("One.\\n\\nTwo.\\n\\nThree.", [], limit=100)
    [(0, 17)]
    """
    limit = limit or WINDOW_CHARS
    if len(text) <= limit:
        return [(0, len(text))]
    starts = sorted({block.start for block in blocks if 0 < block.start < len(text)})
    spans, start, index = [], 0, 0
    while len(text) - start > limit:
        best = None
        while index < len(starts) and starts[index] - start <= limit:
            if starts[index] > start:
                best = starts[index]
            index += 1
        end = best if best is not None else _cut_inside(text, start, limit)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _batches(windows: Iterable[tuple[int, Doc, bool]], most: int) -> Iterator[list[tuple[int, Doc]]]:
    """Windows grouped for ``nlp.pipe``: a window of a long document (``True``: one of several) alone, so that a
    book's parse needs the memory of one window; whole documents together, at most ``most`` of them and
    ``BATCH_CHARS`` characters a batch."""
    batch: list[tuple[int, Doc]] = []
    chars = 0
    for number, doc, alone in windows:
        size = len(doc.text)
        if batch and (alone or len(batch) >= most or chars + size > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        if alone:
            yield [(number, doc)]
            continue
        batch.append((number, doc))
        chars += size
    if batch:
        yield batch


def parse_documents(
    documents: list[Document], progress: WindowProgress | None = None, batch_size: int = BATCH_DOCS
) -> Iterator[Doc]:
    """One parse of each document's whole text, in order, its windows parsed with ``nlp.pipe`` (at most
    ``batch_size`` windows a batch). ``progress``, when given, is told after each window of a document of several
    windows.
    """
    import numpy
    from spacy.tokens import Doc

    nlp = nlp_loader.load()
    plans = [window_spans(d.text, d.blocks) for d in documents]

    def windows() -> Iterator[tuple[int, Doc, bool]]:
        for number, (document, spans) in enumerate(zip(documents, plans, strict=True)):
            for start, end in spans:
                yield number, nlp_loader.prepare(document.text, document.blocks, start, end), len(spans) > 1

    pending: list[Doc] = []
    for batch in _batches(windows(), batch_size):
        parsed = nlp.pipe((doc for _, doc in batch), batch_size=len(batch))
        for (number, _), doc in zip(batch, parsed, strict=True):
            total = len(plans[number])
            if total == 1:
                yield doc
                continue
            # No annotator reads the network's activations (a book's would be large); a new empty array, as a slice
            # would keep the whole one alive.
            doc.tensor = numpy.zeros((0, doc.tensor.shape[-1]), dtype=doc.tensor.dtype)
            pending.append(doc)
            if progress is not None:
                progress(documents[number], len(pending), total)
            if len(pending) == total:
                # spaCy 3.8 takes ``exclude`` (its type stub does not list it)
                yield Doc.from_docs(pending, ensure_whitespace=False, exclude=["tensor", "user_data"])  # type: ignore[call-arg]
                pending = []
