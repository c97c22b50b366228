"""Script detection and transliteration of Cyrillic and Greek names into Latin letters.

Cyrillic goes through ``iuliia`` (one fixed Russian scheme; the folding step erases the differences between
schemes afterwards). Letters iuliia does not know (Ukrainian і ї є ґ, Belarusian ў) and Greek digraphs are mapped
first from ``names_scripts.toml``; ``anyascii`` handles whatever is left.
"""

from __future__ import annotations

import re
from functools import lru_cache

import iuliia
from anyascii import anyascii

from chronologue.lib.identity.tables import load_table
from chronologue.rules import cached

CYRILLIC = "cyrillic"
GREEK = "greek"
LATIN = "latin"

_CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
_GREEK_RE = re.compile(r"[\u0370-\u03FF\u1F00-\u1FFF]")
_SCHEMA = iuliia.WIKIPEDIA


def detect_script(text: str) -> str:
    """Return ``cyrillic``, ``greek`` or ``latin`` for the dominant script of a name."""
    if _CYRILLIC_RE.search(text):
        return CYRILLIC
    if _GREEK_RE.search(text):
        return GREEK
    return LATIN


@cached
def _premap(script: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The letter map applied before the general transliterator, as one alternation (longest first)."""
    entries = load_table("names_scripts").get(script, [])
    mapping: dict[str, str] = {}
    for entry in entries:
        for source, target in entry["map"].items():
            mapping[source] = target
            mapping[source.upper()] = target.capitalize()
            mapping[source.capitalize()] = target.capitalize()
    if not mapping:
        return None, mapping
    alternation = "|".join(re.escape(key) for key in sorted(mapping, key=len, reverse=True))
    return re.compile(alternation), mapping


def _apply_premap(text: str, script: str) -> str:
    pattern, mapping = _premap(script)
    if pattern is None:
        return text
    return pattern.sub(lambda match: mapping[match.group(0)], text)


@lru_cache(maxsize=65536)
def to_latin(text: str) -> str:
    """Transliterate a Cyrillic or Greek name to Latin letters; Latin text is returned unchanged."""
    script = detect_script(text)
    if script == CYRILLIC:
        return _SCHEMA.translate(_apply_premap(text, CYRILLIC))
    if script == GREEK:
        return anyascii(_apply_premap(text, GREEK))
    return text
