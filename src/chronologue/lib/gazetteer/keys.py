"""Name keys: the one folding rule shared by the index builder and every look-up.

A key is the name transliterated to ASCII (``anyascii``: Cyrillic, Greek and Latin diacritics alike), lowercased,
with apostrophes, soft-sign marks and periods dropped and every run of spaces, hyphens, slashes, commas and
brackets made one space: ``Brześć-Litewski`` -> ``brzesc litewski``, ``Львов`` -> ``lvov``, ``L'viv`` -> ``lviv``.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_DROPPED = re.compile(r"[\"'`´.ʹʻʼ’‘]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/,;:()\[\]]+")


def fold(name: str) -> str:
    """The look-up key of a place name (ASCII, lowercase, punctuation-free)."""
    text = anyascii(unicodedata.normalize("NFC", name)).lower()
    text = _DROPPED.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()
