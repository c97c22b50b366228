"""Which language a document is written in, identified offline with py3langid's packaged model.

The pipeline reads English; a story records the language its text was identified as (``source.language``,
an ISO 639 code), or ``und`` (undetermined) when the text is too short or too mixed for the model to be sure,
so that a short English note is never turned away for looking like something else.
"""

from __future__ import annotations

import json
from functools import cache
from itertools import islice
from pathlib import Path

from chronologue.lib import prebuilt

ENGLISH = "en"
UNDETERMINED = "und"
SAMPLE_CHARS = 50_000  # the identification reads the start of a long text; it is settled long before this
MIN_LETTERS = 40  # below this many letters no language is claimed
MIN_PROBABILITY = 0.9  # the model's normalised probability a language needs to be claimed
NO_LANGUAGE = "zxx"  # the model's label for text without linguistic content


LAYOUT = 1  # of the prebuilt model's files
ARRAYS = ("ptc", "pc", "nextmove", "nextmove_row", "out_feat")  # py3langid's model: the arrays it reads


def _model_file() -> Path:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return MODEL_DIR / MODEL_FILE


@cache
def _identifier():  # noqa: ANN202 - py3langid's LanguageIdentifier
    from py3langid.langid import LanguageIdentifier

    model = _model_file()
    folder = prebuilt.find("langid", [model], LAYOUT)
    if folder is None:  # not prebuilt: decompress the packaged model (about 0.4 s)
        return LanguageIdentifier.from_model_file(model, norm_probs=True)
    import numpy

    # The same arrays, memory-mapped; the automaton's tables as memoryviews, which index to Python ints as the
    # ``array``s py3langid makes of them do.
    ptc, pc, nextmove, row, out = (numpy.load(folder / f"{name}.npy", mmap_mode="r") for name in ARRAYS)
    classes = json.loads((folder / "classes.json").read_text(encoding="utf-8"))
    return LanguageIdentifier(numpy.asarray(ptc), numpy.asarray(pc), classes, memoryview(nextmove), memoryview(out),
                              norm_probs=True, tk_row=memoryview(row))


def prebuild() -> Path:
    """Write py3langid's model as plain memory-mappable arrays (:mod:`chronologue.lib.prebuilt`)."""
    import io
    import lzma

    import numpy

    model = _model_file()

    def write(folder: Path) -> None:
        with lzma.open(model) as packed, numpy.load(io.BytesIO(packed.read()), allow_pickle=False) as data:
            for name in ARRAYS:
                numpy.save(folder / f"{name}.npy", data[name])
            (folder / "classes.json").write_text(json.dumps(data["classes"].tolist()), encoding="utf-8")

    return prebuilt.build("langid", [model], LAYOUT, write)


def identify(text: str) -> str:
    """The ISO 639 code of the language ``text`` is written in, or ``und`` when it cannot be told."""
    sample = text[:SAMPLE_CHARS]
    if next(islice((ch for ch in sample if ch.isalpha()), MIN_LETTERS - 1, None), None) is None:
        return UNDETERMINED  # fewer than MIN_LETTERS letters (counted only as far as that)
    code, probability = _identifier().classify(sample)
    if code == NO_LANGUAGE or probability < MIN_PROBABILITY:
        return UNDETERMINED
    return code
