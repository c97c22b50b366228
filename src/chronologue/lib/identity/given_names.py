"""Given names and patronymics: equivalence sets across languages, initials, patronymic stems.

Sets come from ``data/names_given.toml`` (Piotr/Pierre/Peter, Józef/Iosif/Joseph…) and ``data/names_english.toml``
(English pet forms: Lizzy/Elizabeth, Tommy/Thomas, Harry/Henry). Every member is folded with
:func:`fold_word`, so scheme variants of a listed form (Pjotr, Pëtr, Пётр) join its set without being listed.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import anyascii as anyascii_package
import iuliia
from anyascii import anyascii
from rapidfuzz.fuzz import ratio

from chronologue.data import DATA_DIR
from chronologue.lib import prebuilt
from chronologue.lib.identity.folding import NO_CONVENTIONS, fold_word
from chronologue.lib.identity.tables import load_table
from chronologue.rules import overlay_dirs

_VOWELS = "aeiou"
# A patronymic key: stem + -ovich/-evich/-ich or -ovna/-evna/-ichna. Machine translation garbles the ending
# (Polish -ewicz written -ewica, -ewic): after -vi a c (s) stands for cz, and two stray letters are tolerated.
_PATRONYMIC_RE = re.compile(
    r"^(?P<stem>[a-zS]{2,}?)(?P<suffix>[oei]?vi[Ss][a-z]{0,2}|iS[a-z]{0,2}|[oei]?vna|iSna)$"
)
_FEMALE_SUFFIX_RE = re.compile(r"vna$|Sna$")
GIVEN_FUZZY_MIN = 88.0
PATRONYMIC_FUZZY_MIN = 85.0


DIMINUTIVE = 0.85  # Petya for Pyotr: the same person, a little less certain than an equivalent full form
PREBUILT_TABLE = "given_names"
PREBUILT_FILE = "given_names.pickle"
PREBUILT_LAYOUT = 1  # of the prebuilt table: one pickle of (the sets of _entries, their _GivenIndex)

Entry = tuple[tuple[str, ...], tuple[str, ...], str]  # names, diminutives, gender


@dataclass(frozen=True, slots=True)
class _GivenIndex:
    sets_by_key: dict[str, frozenset[int]]
    sets_by_stem: dict[str, frozenset[int]]
    gender_by_set: tuple[str, ...]
    diminutive_sets: dict[str, frozenset[int]]
    keys_by_set: tuple[tuple[str, ...], ...]


def stem_of(key: str) -> str:
    """The stem of a folded given name: final vowels dropped (nikolai → nikol, ilia → il)."""
    return key.rstrip(_VOWELS) or key


def _entries() -> list[Entry]:
    """Every set of given names as (names, diminutives, gender).

    The sets of ``names_given.toml`` first; an entry of ``names_english.toml`` whose full form one of them lists
    (same gender) joins that set, the others are sets of their own; each ``plain`` name of the English table that
    no set knows yet is a set of one.
    """
    sets: list[tuple[list[str], list[str], str]] = []
    by_name: dict[tuple[str, str], int] = {}

    def remember(set_id: int, names: list[str], gender: str) -> None:
        for name in names:
            by_name.setdefault((fold_word(name), gender), set_id)

    for entry in load_table("names_given").get("set", []):
        sets.append((list(entry["names"]), list(entry.get("diminutives", [])), entry.get("gender", "")))
        remember(len(sets) - 1, entry["names"], entry.get("gender", ""))
    english = load_table("names_english")
    for entry in english.get("name", []):
        gender = entry.get("gender", "")
        names, diminutives = list(entry["names"]), list(entry.get("diminutives", []))
        keys = [(fold_word(name), gender) for name in names]
        known = next((by_name[key] for key in keys if key in by_name), None)
        if known is None:
            sets.append((names, diminutives, gender))
            known = len(sets) - 1
        else:
            sets[known][0].extend(names)
            sets[known][1].extend(diminutives)
        remember(known, names, gender)
    listed = {fold_word(name) for names, diminutives, _ in sets for name in (*names, *diminutives)}
    for entry in english.get("plain", []):
        for name in entry["names"]:
            if fold_word(name) not in listed:
                listed.add(fold_word(name))
                sets.append(([name], [], entry.get("gender", "")))
    return [(tuple(names), tuple(diminutives), gender) for names, diminutives, gender in sets]


@cache
def _tables() -> tuple[tuple[Entry, ...], _GivenIndex]:
    """The sets of given names and their index, read once per process: from the prebuilt table while it is current
    and no user's rule directory is in force (:func:`prebuild`), else read and folded (folding every name is the
    cost)."""
    folder = None if overlay_dirs() else prebuilt.find(PREBUILT_TABLE, _prebuilt_sources(), PREBUILT_LAYOUT)
    if folder is not None:
        with open(folder / PREBUILT_FILE, "rb") as handle:
            table: tuple[tuple[Entry, ...], _GivenIndex] = pickle.load(handle)
        return table
    entries = tuple(_entries())
    return entries, _index_of(entries)


def prebuild() -> Path:
    """The sets and their index as read from the packaged tables, pickled for :mod:`chronologue.lib.prebuilt`."""

    def write(folder: Path) -> None:
        entries = tuple(_entries())
        with open(folder / PREBUILT_FILE, "wb") as handle:
            pickle.dump((entries, _index_of(entries)), handle, protocol=pickle.HIGHEST_PROTOCOL)

    _tables.cache_clear()
    _index.cache_clear()
    return prebuilt.build(PREBUILT_TABLE, _prebuilt_sources(), PREBUILT_LAYOUT, write)


def _prebuilt_sources() -> list[Path]:
    """What the pickled table depends on: the name tables, the folding tables, and the code that folds (an edit of
    any of them, or another version of a transliteration library, makes the copy stale)."""
    from chronologue.lib.identity import folding, scripts

    tables = [DATA_DIR / f"{name}.toml" for name in ("names_given", "names_english", "names_folding", "names_scripts")]
    code = [Path(__file__), Path(folding.__file__), Path(scripts.__file__)]
    return tables + code + [Path(anyascii_package.__file__), Path(iuliia.__file__)]


@cache
def _index() -> _GivenIndex:
    return _tables()[1]


def _index_of(entries: tuple[Entry, ...]) -> _GivenIndex:
    by_key: dict[str, set[int]] = {}
    by_stem: dict[str, set[int]] = {}
    diminutives: dict[str, set[int]] = {}
    genders: list[str] = []
    for set_id, (names, small, gender) in enumerate(entries):
        genders.append(gender)
        for name in names:
            key = fold_word(name)
            by_key.setdefault(key, set()).add(set_id)
            by_stem.setdefault(stem_of(key), set()).add(set_id)
        for name in small:
            diminutives.setdefault(fold_word(name), set()).add(set_id)
    keys_by_set: list[list[str]] = [[] for _ in genders]
    for key, ids in by_key.items():
        for set_id in ids:
            keys_by_set[set_id].append(key)
    return _GivenIndex(
        {key: frozenset(ids) for key, ids in by_key.items()},
        {key: frozenset(ids) for key, ids in by_stem.items()},
        tuple(genders),
        {key: frozenset(ids) for key, ids in diminutives.items() if key not in by_key},
        tuple(tuple(keys) for keys in keys_by_set),
    )


def is_known_given(word: str) -> bool:
    """True when the word is a given name or diminutive listed in the equivalence sets (in any scheme)."""
    key = fold_word(word)
    index = _index()
    return key in index.sets_by_key or key in index.diminutive_sets


def given_gender(word: str) -> str:
    """``male`` or ``female`` when the name as spelt (or without its diacritics) is listed and every set listing it
    agrees; else empty. Spelling-blind folding joins names across transliterations, but it also joins Hungarian
    Gyula with Italian Giulia: a sex is only read off a listed spelling."""
    spelled = _spelled_genders()
    genders = spelled.get(word.casefold()) or spelled.get(anyascii(word).casefold()) or set()
    return next(iter(genders)) if len(genders) == 1 else ""


@cache
def _spelled_genders() -> dict[str, set[str]]:
    """Every listed given name and pet form, as spelt (casefolded, and without diacritics) -> the sexes of its sets."""
    found: dict[str, set[str]] = {}
    for names, diminutives, gender in _tables()[0]:
        for name in (*names, *diminutives):
            for key in {name.casefold(), anyascii(name).casefold()}:
                found.setdefault(key, set()).add(gender)
    return {key: genders - {""} for key, genders in found.items() if genders - {""}}


def given_sets(key: str) -> frozenset[int]:
    """The equivalence sets a folded given name belongs to (empty when unknown)."""
    return _index().sets_by_key.get(key, frozenset())


def given_set_ids(word: str) -> frozenset[int]:
    """The equivalence sets a given name or a pet form of one belongs to (``Lizzy`` and ``Eliza``: Elizabeth's)."""
    key = fold_word(word)
    index = _index()
    return index.sets_by_key.get(key, frozenset()) | index.diminutive_sets.get(key, frozenset())


def is_initial(word: str) -> bool:
    """True for an initial: ``P.``, ``Yu.``, ``Zh.``, or a single capital letter."""
    letters = word.rstrip(".")
    return bool(letters) and letters[0].isupper() and (len(letters) == 1 or (word.endswith(".") and len(letters) <= 3))


@lru_cache(maxsize=65536)
def patronymic_parts(word: str, conventions: frozenset[str] = NO_CONVENTIONS) -> tuple[str, str] | None:
    """Split a patronymic into (father's name stem, gender) or return None when the word is not one.

    ``Nikolaevich`` → ("nikol", "male"); ``Nikołajewica`` (garbled) → ("nikol", "male"); ``Ivanovna`` →
    ("ivan", "female").
    """
    match = _PATRONYMIC_RE.match(fold_word(word, conventions))
    if not match:
        return None
    gender = "female" if _FEMALE_SUFFIX_RE.search(match.group("suffix")) else "male"
    return stem_of(match.group("stem")), gender


def looks_like_patronymic(word: str) -> bool:
    """A patronymic built on a known given name (``Sergeyevich``, ``Iljitsch``), not a surname like Shostakovich."""
    parts = patronymic_parts(word)
    return parts is not None and parts[0] in _index().sets_by_stem


def _initial_compatible(initial_key: str, full_key: str) -> bool:
    """An initial fits a name when the name, or one of its equivalents, starts with it."""
    if not initial_key:
        return False
    if full_key.startswith(initial_key) or initial_key.startswith(full_key):
        return True
    index = _index()
    return any(
        key.startswith(initial_key)
        for set_id in index.sets_by_key.get(full_key, ())
        for key in index.keys_by_set[set_id]
    )


@lru_cache(maxsize=65536)
def given_compatibility(
    a: str, b: str, conventions_a: frozenset[str] = NO_CONVENTIONS, conventions_b: frozenset[str] = NO_CONVENTIONS
) -> float:
    """How well two given names fit one person: 1 same name, 0.9 equivalents, 0.75 initial or close spelling, 0 no.

    ``conventions_a``/``_b`` are the spelling conventions of the whole names (see ``detect_conventions``). An
    empty side is handled by the caller (missing information is not a conflict).
    """
    key_a, key_b = fold_word(a, conventions_a), fold_word(b, conventions_b)
    if is_initial(a) or is_initial(b):
        if is_initial(a) and is_initial(b):
            return 0.75 if key_a.startswith(key_b) or key_b.startswith(key_a) else 0.0
        initial_key, full_key = (key_a, key_b) if is_initial(a) else (key_b, key_a)
        return 0.75 if _initial_compatible(initial_key, full_key) else 0.0
    if key_a == key_b:
        return 1.0
    # The table lists names as their own language writes them (French Joseph, Jean): look them up plain too.
    sets_a = given_sets(key_a) | given_sets(fold_word(a)) if conventions_a else given_sets(key_a)
    sets_b = given_sets(key_b) | given_sets(fold_word(b)) if conventions_b else given_sets(key_b)
    if sets_a & sets_b:
        return 0.9
    diminutives = _index().diminutive_sets
    small_a, small_b = diminutives.get(key_a, frozenset()), diminutives.get(key_b, frozenset())
    if (small_a | sets_a) & (small_b | sets_b):
        return DIMINUTIVE
    if (sets_a or small_a) and (sets_b or small_b):
        return 0.0
    if key_a[:1] == key_b[:1] and (key_a[-1:] in _VOWELS) == (key_b[-1:] in _VOWELS):
        if ratio(key_a, key_b) >= GIVEN_FUZZY_MIN:
            return 0.75
    return 0.0


@lru_cache(maxsize=65536)
def patronymic_compatibility(
    a: str, b: str, conventions_a: frozenset[str] = NO_CONVENTIONS, conventions_b: frozenset[str] = NO_CONVENTIONS
) -> float:
    """How well two patronymics (or middle names) fit one person; tolerant of garbled machine-translated endings."""
    if is_initial(a) or is_initial(b):
        return given_compatibility(a, b, conventions_a, conventions_b)
    key_a, key_b = fold_word(a, conventions_a), fold_word(b, conventions_b)
    if key_a == key_b:
        return 1.0
    parts_a, parts_b = patronymic_parts(a, conventions_a), patronymic_parts(b, conventions_b)
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


# a word the text writes in lower case at least this often may be a common word there
OFTEN_LOWER = 3


def common_word(word: str, counts: Mapping[str, int]) -> bool:
    """A capitalised word the text (``counts``: its words as written) writes in lower case more often than
    capitalised, and no given name: a common word that opens sentences and answers (``No``, ``Well``), not a name of
    its own (``Hall`` beside ``the hall``: the name is written more)."""
    lower = counts.get(word.lower(), 0)
    return lower >= OFTEN_LOWER and lower > counts.get(word, 0) and not is_known_given(word)
