"""Decide whether two person names refer to the same person.

Same person = same surname under folding and transliteration (the Ukrainian h for г too, when the given names
agree), compatible given names (same, equivalent, diminutive, initial, or missing on one side) and compatible
patronymics (tolerant of garbled endings). Different given names with one surname (father and son, brothers),
similar surnames (Timoshenko/Tymoshenko is one surname, but Yulia is not Semyon; Rybakov/Rybalkov are two) and
``Ivanov``/``Ivanova`` (man and woman) stay apart.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from chronologue.lib.identity.folding import fold_words, name_key
from chronologue.lib.identity.given_names import given_compatibility, patronymic_compatibility
from chronologue.lib.identity.parsing import NAME_PARTICLES, PersonName, is_regnal_number, parse_person_name

_UKRAINIAN = frozenset({"ukrainian"})
UKRAINIAN_H_SURNAME = 0.85  # Bułhakow/Bulgakov, Hohol/Gogol: Ukrainian г written h, only with given names
SAME_PERSON_MIN = 0.5
GIVEN_ONLY_MIN = 0.9  # a given name without surname must be the same name or an equivalent, not an initial
GIVEN_ONLY_WEIGHT = 0.56  # "Pyotr" or "Piotr" vs "Pyotr Ivanov": just above SAME_PERSON_MIN
GIVEN_PATRONYMIC_WEIGHT = 0.6
_MISSING = 0.6  # a part present on one side only: no conflict, weaker evidence

NameLike = str | PersonName


def _strip_particles(surname: str) -> str:
    """``von Braun`` → ``Braun``: particles are dropped by many sources and do not identify anyone."""
    words = surname.split()
    kept = [word for word in words if word.lower() not in NAME_PARTICLES]
    return " ".join(kept or words)


def _as_name(name: NameLike) -> PersonName:
    return name if isinstance(name, PersonName) else parse_person_name(name)


def surname_key(name: NameLike) -> str:
    """The folded key of a name's surname (particles such as ``von`` dropped); empty when there is none."""
    parsed = _as_name(name)
    if is_regnal_number(parsed.surname):
        return parsed.surname
    return fold_words(_strip_particles(parsed.surname), parsed.conventions)


def _surname_similarity(key_a: str, key_b: str) -> float:
    """1 for one surname under folding (spaces and hyphens ignored), else 0."""
    if not key_a or not key_b:
        return 0.0
    return 1.0 if key_a == key_b or key_a.replace(" ", "") == key_b.replace(" ", "") else 0.0


def _close_surname(a: PersonName, b: PersonName) -> float:
    """Two surnames that differ after folding only by the Ukrainian h for г (Hohol/Gogol, Bułhakow/Bulgakov).

    Used only when the given names agree too, since a lone h is also ISO 9 х. No edit-distance tier on purpose:
    it joins different people (Rybakov/Rybalkov, Ivanov/Ivanin) with the same given name.
    """
    if is_regnal_number(a.surname) or is_regnal_number(b.surname):
        return 0.0
    key_a = fold_words(_strip_particles(a.surname), a.conventions | _UKRAINIAN)
    key_b = fold_words(_strip_particles(b.surname), b.conventions | _UKRAINIAN)
    return UKRAINIAN_H_SURNAME if key_a and key_a == key_b else 0.0


def _presence(a: str, b: str) -> float | None:
    """None when both sides lack a part, _MISSING when one does, -1 when both have it (compare them)."""
    if not a and not b:
        return None
    if not a or not b:
        return _MISSING
    return -1.0


def _parts_score(a: PersonName, b: PersonName) -> float:
    """Score one reading of each name (see :func:`match_score`)."""
    surname = _presence(a.surname, b.surname)
    if surname == -1.0:
        surname = _surname_similarity(surname_key(a), surname_key(b))
    given = _presence(a.given, b.given)
    if given == -1.0:
        given = given_compatibility(a.given, b.given, a.conventions, b.conventions)
        if surname == 0.0 and given >= GIVEN_ONLY_MIN:
            surname = _close_surname(a, b)
    patronymic = _presence(a.patronymic, b.patronymic)
    if patronymic == -1.0:
        patronymic = patronymic_compatibility(a.patronymic, b.patronymic, a.conventions, b.conventions)
    if 0.0 in (surname, given, patronymic):
        return 0.0
    if surname is None or surname == _MISSING:
        # No surname on one side: the given name (spelled out, not an initial) must fit, and the patronymic too
        # when both sides have one. Weak evidence: the caller links such a mention to the nearest candidate.
        if given is None or given == _MISSING or given < GIVEN_ONLY_MIN:
            return 0.0
        if patronymic is None or patronymic == _MISSING:
            return GIVEN_ONLY_WEIGHT * given
        return GIVEN_PATRONYMIC_WEIGHT * min(given, patronymic)
    given_score = _MISSING if given is None else given
    patronymic_score = _MISSING if patronymic is None else patronymic
    return 0.5 * surname + 0.3 * given_score + 0.2 * patronymic_score


def _readings(name: PersonName, other: PersonName) -> tuple[PersonName, ...]:
    """A name read as given + patronymic (``Roman Abramovich``) may also be given + surname, when compared with
    a name that has a surname (two given + patronymic names are compared as such)."""
    if name.surname or not other.surname or not name.patronymic or " " in name.patronymic:
        return (name,)
    return name, replace(name, patronymic="", surname=name.patronymic)


@lru_cache(maxsize=131072)
def _score(a: PersonName, b: PersonName) -> float:
    return max(
        _parts_score(reading_a, reading_b) for reading_a in _readings(a, b) for reading_b in _readings(b, a)
    )


def match_score(a: NameLike, b: NameLike) -> float:
    """A 0..1 score that two names refer to the same person (0 when any part conflicts)."""
    return _score(_as_name(a), _as_name(b))


def same_person(a: NameLike, b: NameLike) -> bool:
    """True when the two names can refer to the same person.

    A surname-only mention is compatible with a full name of that surname, a given-name-only mention with a full
    name of that (or an equivalent) given name; the caller picks the nearest compatible candidate.
    """
    return match_score(a, b) >= SAME_PERSON_MIN


def same_surname(a: str, b: str) -> bool:
    """True when two surnames (words only, no given names) are one surname across scripts and schemes."""
    return _surname_similarity(name_key(a), name_key(b)) > 0.0


__all__ = ["match_score", "same_person", "same_surname", "surname_key"]
