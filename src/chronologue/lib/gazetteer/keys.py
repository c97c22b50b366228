"""Name keys: the one folding rule shared by the index builder and every look-up.

A key is the name transliterated to ASCII (``anyascii``: Cyrillic, Greek and Latin diacritics alike), lowercased,
with apostrophes, soft-sign marks and periods dropped and every run of spaces, hyphens, slashes, commas and
brackets made one space: ``Brześć-Litewski`` -> ``brzesc litewski``, ``Львов`` -> ``lvov``, ``L'viv`` -> ``lviv``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_DROPPED = re.compile(r"[\"'`´.ʹʻʼ’‘]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/,;:()\[\]]+")


@lru_cache(maxsize=65_536)
def fold(name: str) -> str:
    """The look-up key of a place name (ASCII, lowercase, punctuation-free); kept for the names a process meets
    again and again."""
    text = anyascii(unicodedata.normalize("NFC", name)).lower()
    text = _DROPPED.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()
