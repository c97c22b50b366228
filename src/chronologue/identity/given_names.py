"""Given names and patronymics: equivalence sets across languages, initials, patronymic stems.

Sets come from ``data/names_given.toml`` (Piotr/Pierre/Peter, Józef/Iosif/Joseph…). Every member is folded with
:func:`fold_word`, so scheme variants of a listed form (Pjotr, Pëtr, Пётр) join its set without being listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz.fuzz import ratio

from .folding import fold_word
from .tables import load_table

_VOWELS = "aeiou"
# A patronymic key: stem + -ovich/-evich/-ich (garbled tails of two letters tolerated) or -ovna/-evna/-ichna.
_PATRONYMIC_RE = re.compile(r"^(?P<stem>[a-zS]{2,}?)(?P<suffix>(?:[oei]?vi|i)S[a-z]{0,2}|[oei]?vna|iSna)$")
_FEMALE_SUFFIX_RE = re.compile(r"vna$|Sna$")
GIVEN_FUZZY_MIN = 88.0
PATRONYMIC_FUZZY_MIN = 85.0


@dataclass(frozen=True, slots=True)
class _GivenIndex:
    sets_by_key: dict[str, frozenset[int]]
    sets_by_stem: dict[str, frozenset[int]]
    gender_by_set: tuple[str, ...]


def stem_of(key: str) -> str:
    """The stem of a folded given name: final vowels dropped (nikolai → nikol, ilia → il)."""
    return key.rstrip(_VOWELS) or key


@cache
def _index() -> _GivenIndex:
    by_key: dict[str, set[int]] = {}
    by_stem: dict[str, set[int]] = {}
    genders: list[str] = []
    for set_id, entry in enumerate(load_table("names_given").get("set", [])):
        genders.append(entry.get("gender", ""))
        for name in entry["names"]:
            key = fold_word(name)
            by_key.setdefault(key, set()).add(set_id)
            by_stem.setdefault(stem_of(key), set()).add(set_id)
    return _GivenIndex(
        {key: frozenset(ids) for key, ids in by_key.items()},
        {key: frozenset(ids) for key, ids in by_stem.items()},
        tuple(genders),
    )


def is_known_given(word: str) -> bool:
    """True when the word is a given name listed in the equivalence sets (in any scheme)."""
    return fold_word(word) in _index().sets_by_key


def given_sets(key: str) -> frozenset[int]:
    """The equivalence sets a folded given name belongs to (empty when unknown)."""
    return _index().sets_by_key.get(key, frozenset())


def is_initial(word: str) -> bool:
    """True for an initial: ``P.``, ``Yu.``, ``Zh.``, or a single capital letter."""
    letters = word.rstrip(".")
    return bool(letters) and letters[0].isupper() and (len(letters) == 1 or (word.endswith(".") and len(letters) <= 3))


@lru_cache(maxsize=65536)
def patronymic_parts(word: str) -> tuple[str, str] | None:
    """Split a patronymic into (father's name stem, gender) or return None when the word is not one.

    ``Nikolaevich`` → ("nikol", "male"); ``Nikołajewica`` (garbled) → ("nikol", "male"); ``Ivanovna`` →
    ("ivan", "female").
    """
    match = _PATRONYMIC_RE.match(fold_word(word))
    if not match:
        return None
    gender = "female" if _FEMALE_SUFFIX_RE.search(match.group("suffix")) else "male"
    return stem_of(match.group("stem")), gender


def looks_like_patronymic(word: str) -> bool:
    """A patronymic built on a known given name (``Sergeyevich``, ``Iljitsch``), not a surname like Shostakovich."""
    parts = patronymic_parts(word)
    return parts is not None and parts[0] in _index().sets_by_stem


def _initial_compatible(initial: str, full: str) -> bool:
    """An initial fits a name when the name, or one of its equivalents, starts with it."""
    initial_key, full_key = fold_word(initial), fold_word(full)
    if not initial_key:
        return False
    if full_key.startswith(initial_key) or initial_key.startswith(full_key):
        return True
    index = _index()
    for set_id in index.sets_by_key.get(full_key, ()):
        for key, ids in index.sets_by_key.items():
            if set_id in ids and key.startswith(initial_key):
                return True
    return False


@lru_cache(maxsize=65536)
def given_compatibility(a: str, b: str) -> float:
    """How well two given names fit one person: 1 same name, 0.9 equivalents, 0.75 initial or close spelling, 0 no.

    An empty side is handled by the caller (missing information is not a conflict).
    """
    if is_initial(a) or is_initial(b):
        if is_initial(a) and is_initial(b):
            key_a, key_b = fold_word(a), fold_word(b)
            return 0.75 if key_a.startswith(key_b) or key_b.startswith(key_a) else 0.0
        initial, full = (a, b) if is_initial(a) else (b, a)
        return 0.75 if _initial_compatible(initial, full) else 0.0
    key_a, key_b = fold_word(a), fold_word(b)
    if key_a == key_b:
        return 1.0
    if given_sets(key_a) & given_sets(key_b):
        return 0.9
    if given_sets(key_a) and given_sets(key_b):
        return 0.0
    if key_a[:1] == key_b[:1] and (key_a[-1:] in _VOWELS) == (key_b[-1:] in _VOWELS):
        if ratio(key_a, key_b) >= GIVEN_FUZZY_MIN:
            return 0.75
    return 0.0


@lru_cache(maxsize=65536)
def patronymic_compatibility(a: str, b: str) -> float:
    """How well two patronymics (or middle names) fit one person; tolerant of garbled machine-translated endings."""
    if is_initial(a) or is_initial(b):
        return given_compatibility(a, b)
    key_a, key_b = fold_word(a), fold_word(b)
    if key_a == key_b:
        return 1.0
    parts_a, parts_b = patronymic_parts(a), patronymic_parts(b)
    if parts_a and parts_b:
        (stem_a, gender_a), (stem_b, gender_b) = parts_a, parts_b
        if gender_a != gender_b:
            return 0.0
        if stem_a == stem_b:
            return 0.9
        index = _index()
        if index.sets_by_stem.get(stem_a, frozenset()) & index.sets_by_stem.get(stem_b, frozenset()):
            return 0.85
        if index.sets_by_stem.get(stem_a) and index.sets_by_stem.get(stem_b):
            return 0.0
    if ratio(key_a, key_b) >= PATRONYMIC_FUZZY_MIN:
        return 0.75
    return 0.0
