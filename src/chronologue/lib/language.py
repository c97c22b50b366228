"""Which language a document is written in, identified offline with py3langid's packaged model.

The pipeline reads English; a story records the language its text was identified as (``source.language``,
an ISO 639 code), or ``und`` (undetermined) when the text is too short or too mixed for the model to be sure,
so that a short English note is never turned away for looking like something else.
"""

from __future__ import annotations

from functools import cache

ENGLISH = "en"
UNDETERMINED = "und"
SAMPLE_CHARS = 50_000  # the identification reads the start of a long text; it is settled long before this
MIN_LETTERS = 40  # below this many letters no language is claimed
MIN_PROBABILITY = 0.9  # the model's normalised probability a language needs to be claimed
NO_LANGUAGE = "zxx"  # the model's label for text without linguistic content


@cache
def _identifier():  # noqa: ANN202 - py3langid's LanguageIdentifier
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> str:
    """The ISO 639 code of the language ``text`` is written in, or ``und`` when it cannot be told."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return UNDETERMINED
    code, probability = _identifier().classify(sample)
    if code == NO_LANGUAGE or probability < MIN_PROBABILITY:
        return UNDETERMINED
    return code
