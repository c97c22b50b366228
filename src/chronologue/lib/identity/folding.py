"""Fold a name written in any script or romanisation scheme into one comparison key.

The rules live in ``data/names_folding.toml``: letters with diacritics become plain digraphs, the spelling
convention (French, …) is detected from markers, then ordered rewrites merge the scheme variants
(zh/ż/ž/sch/j, kh/ch/h, ts/c/z, y/j/i, ie/je/ye, -ov/-ow/-off, double letters…). The key keeps the vowels
that distinguish names (Ivanov/Ivanova) and drops everything a transliteration scheme decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from chronologue.lib.identity.scripts import to_latin
from chronologue.lib.identity.tables import load_table
from chronologue.rules import cached

_NOT_LETTER_RE = re.compile(r"[^a-zS]")
_POSSESSIVE_RE = re.compile(r"(?<=\w\w)['’]s\b")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’ʹʺ`\-][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class _Rewrite:
    pattern: re.Pattern[str]
    replace: str
    scheme: str


@dataclass(frozen=True, slots=True)
class _Rules:
    letters: re.Pattern[str]
    letter_map: dict[str, str]
    markers: tuple[tuple[str, re.Pattern[str]], ...]
    rewrites: tuple[_Rewrite, ...]


@cached
def _rules() -> _Rules:
    table = load_table("names_folding")
    letter_map: dict[str, str] = {}
    for entry in table.get("letter", []):
        letter_map.update(entry["map"])
    letters = re.compile("|".join(re.escape(key) for key in sorted(letter_map, key=len, reverse=True)))
    markers = tuple((entry["scheme"], re.compile(entry["pattern"])) for entry in table.get("marker", []))
    rewrites = tuple(
        _Rewrite(re.compile(entry["pattern"]), entry["replace"], entry.get("scheme", ""))
        for entry in table.get("rewrite", [])
    )
    return _Rules(letters, letter_map, markers, rewrites)


NO_CONVENTIONS: frozenset[str] = frozenset()


@lru_cache(maxsize=65536)
def detect_conventions(text: str) -> frozenset[str]:
    """The spelling conventions (e.g. ``french``) whose markers occur in any word of a name.

    A name is written in one convention, so a marker in one word (``Léonid``) decides how the others are read
    (``Brejnev``: French j is ж).
    """
    words = [to_latin(word).lower() for word in _WORD_RE.findall(text)]
    return frozenset(scheme for scheme, pattern in _rules().markers for word in words if pattern.search(word))


@lru_cache(maxsize=131072)
def fold_word(word: str, conventions: frozenset[str] = NO_CONVENTIONS) -> str:
    """Return the comparison key of one word (a given name, patronymic or surname part).

    ``conventions`` are those detected on the whole name (:func:`detect_conventions`); the word's own markers
    are always added.
    """
    rules = _rules()
    text = to_latin(word).lower()
    schemes = set(conventions) | {scheme for scheme, pattern in rules.markers if pattern.search(text)}
    text = rules.letters.sub(lambda match: rules.letter_map[match.group(0)], text)
    text = _NOT_LETTER_RE.sub("", anyascii(text).lower())
    for rewrite in rules.rewrites:
        if rewrite.scheme and rewrite.scheme not in schemes:
            continue
        text = rewrite.pattern.sub(rewrite.replace, text)
    return text


def fold_words(text: str, conventions: frozenset[str] = NO_CONVENTIONS) -> str:
    """Fold each word of ``text`` with the given conventions; keys joined by one space."""
    return " ".join(key for key in (fold_word(word, conventions) for word in _WORD_RE.findall(text)) if key)


@lru_cache(maxsize=65536)
def _text_key(text: str) -> str:
    return fold_words(_POSSESSIVE_RE.sub("", text), detect_conventions(text))


def name_key(name: object) -> str:
    """Return the folded comparison key of a name: each word folded, words joined by one space.

    Script-independent: ``name_key("Жуков") == name_key("Zhukov") == name_key("Schukow") == name_key("Joukov")``.
    A :class:`~chronologue.lib.identity.parsing.PersonName` gives the key of its given name, patronymic and surname
    (rank left out).
    """
    if isinstance(name, str):
        return _text_key(name)
    parts = (getattr(name, "given", ""), getattr(name, "patronymic", ""), getattr(name, "surname", ""))
    return fold_words(" ".join(part for part in parts if part), getattr(name, "conventions", NO_CONVENTIONS))
