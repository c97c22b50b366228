"""Parse a person's name into rank, given name, patronymic and surname.

Handles rank and title words in front (read from the entities stage's ``data/entity_titles.toml``, so the two
agree), ``Surname, Given`` inverted order, Russian official order (``Tolstoy Lev Nikolayevich``), initials
(``P. N. Ivanov``, ``Ivanov P.N.``), surname particles (``von Braun``) and Cyrillic, Greek or Latin script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from chronologue.lib.identity.folding import NO_CONVENTIONS, detect_conventions
from chronologue.lib.identity.given_names import (
    given_gender,
    is_initial,
    is_known_given,
    looks_like_patronymic,
    patronymic_parts,
)
from chronologue.lib.identity.scripts import detect_script
from chronologue.lib.identity.tables import load_table
from chronologue.rules import cached

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’ʹʺ`\-][^\W\d_]+)*\.?")
_SPACE_RE = re.compile(r"\s+")
_PARENTHESES_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_REGNAL_RE = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI)$")
_POSSESSIVE_RE = re.compile(r"(?<=\w\w)['’]s\b")
# Surname particles (``von Braun``, ``Johannes van den Bosch``); one list for parsing, matching and the entities
# annotator. The ones in LEADING_PARTICLES also start a surname that stands alone, written with a capital
# (``De Kock`` for Hendrik Merkus de Kock, ``Van den Bosch``): not ``Al``, ``Ben`` or ``Bin``, which are also given
# names there.
LEADING_PARTICLES = frozenset({"von", "van", "der", "den", "de", "du", "da", "di", "del", "dos", "das", "la", "le",
                               "ter", "ten"})
NAME_PARTICLES = LEADING_PARTICLES | frozenset({"zu", "al", "el", "ibn", "bin", "ben"})


def starts_surname(word: str) -> bool:
    """Whether ``word`` is a capitalised particle that starts a surname standing alone (``De`` of ``De Kock``)."""
    return word[:1].isupper() and word.lower() in LEADING_PARTICLES
# Slavic surname endings: a first word ending so, followed by a known given name, is a surname first.
_SURNAME_ENDING_RE = re.compile(
    r"(?:ov|ev|ow|ew|off|in|yn|ski|sky|skij|skiy|skyi|skyj|ko|enko|uk|yuk|chuk|iak|ak|ych|vich|wicz|dze|shvili|ian|"
    r"yan|ova|eva|ina|aya|skaya|ska)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A parsed person name. Empty strings mark parts that were not given."""

    rank: str
    given: str
    patronymic: str
    surname: str
    script: str
    original: str
    conventions: frozenset[str] = NO_CONVENTIONS  # spelling conventions detected on the whole name (folding)

    @property
    def has_surname(self) -> bool:
        """Whether the name has a surname (not only a given name or a patronymic)."""
        return bool(self.surname)


@cached
def _title_phrases() -> tuple[tuple[int, frozenset[tuple[str, ...]]], ...]:
    """Rank and title word sequences (lower case, without dots) grouped by length, longest first."""
    phrases: set[tuple[str, ...]] = set()
    for table in ("entity_titles", "names_titles"):
        for entry in load_table(table).get("title", []):
            for words in entry.get("words", []):
                phrases.add(tuple(word.lower().rstrip(".") for word in words.split()))
    sizes = sorted({len(phrase) for phrase in phrases}, reverse=True)
    return tuple((size, frozenset(phrase for phrase in phrases if len(phrase) == size)) for size in sizes)


def _strip_rank(tokens: list[str]) -> tuple[str, list[str]]:
    """Remove leading rank/title phrases (longest first, repeatedly); return (rank text, remaining tokens)."""
    rank_words: list[str] = []
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        lowered = tuple(token.lower().rstrip(".") for token in tokens)
        for size, phrases in _title_phrases():
            if size < len(tokens) and lowered[:size] in phrases:
                rank_words.extend(tokens[:size])
                tokens = tokens[size:]
                changed = True
                break
    return " ".join(rank_words), tokens


def _attach_particles(tokens: list[str]) -> list[str]:
    """Join surname particles to the word after them: ``von Braun`` is one surname token."""
    joined: list[str] = []
    pending: list[str] = []
    for index, token in enumerate(tokens):
        if token.lower() in NAME_PARTICLES and index < len(tokens) - 1 and (index > 0 or starts_surname(token)):
            pending.append(token)
            continue
        joined.append(" ".join([*pending, token]))
        pending = []
    return joined


def _is_upper_word(token: str) -> bool:
    letters = token.rstrip(".")
    return len(letters) > 1 and letters.isupper()


def _split_initials(token: str) -> list[str]:
    """``P.N.`` → ``P.``, ``N.``; other tokens unchanged."""
    if token.count(".") > 1 or (token.endswith(".") and "." in token[:-1]):
        return [part + "." for part in token.split(".") if part]
    return [token]


def _genders_agree(given: str, patronymic: str) -> bool:
    """A woman's name with an -ovich word (Svetlana Alexievich) is a surname, not a patronymic."""
    parts = patronymic_parts(patronymic)
    gender = given_gender(given)
    return not (parts and gender and parts[1] != gender)


def is_regnal_number(word: str) -> bool:
    """``I``, ``II``… ``XVI``: a ruler's number, compared as written (folding would make I and II alike)."""
    return bool(_REGNAL_RE.match(word))


def _order(tokens: list[str]) -> tuple[str, str, str]:
    """Assign (given, patronymic, surname) from tokens in written order."""
    count = len(tokens)
    if count >= 2 and is_regnal_number(tokens[-1]):
        # Nicholas II, Pyotr I: the regnal number tells rulers of one name apart, like a surname would.
        return tokens[0], " ".join(tokens[1:-1]), tokens[-1]
    if count == 1:
        word = tokens[0]
        return (word, "", "") if is_known_given(word) and not _SURNAME_ENDING_RE.search(word) else ("", "", word)
    first, rest = tokens[0], tokens[1:]
    if not is_initial(first) and all(is_initial(token) for token in rest):
        return rest[0], " ".join(rest[1:]), first
    if _is_upper_word(first) and not _is_upper_word(tokens[-1]):
        return rest[0], " ".join(rest[1:]), first
    if count == 2:
        second = tokens[1]
        if is_known_given(first) and looks_like_patronymic(second) and _genders_agree(first, second):
            return first, second, ""
        if is_known_given(second) and not is_known_given(first) and _SURNAME_ENDING_RE.search(first):
            return second, "", first
        return first, "", second
    if looks_like_patronymic(tokens[-1]) and is_known_given(tokens[1]) and not is_known_given(first):
        return tokens[1], " ".join(tokens[2:]), first
    middle = tokens[1:-1]
    if not is_initial(first) and all(is_initial(t) for t in middle) and not _SURNAME_ENDING_RE.search(tokens[-1]):
        return first, "", tokens[-1]  # a middle initial (Roger G. Miller), no patronymic: Pyotr N. Ivanov keeps one
    return first, " ".join(middle), tokens[-1]


@lru_cache(maxsize=65536)
def parse_person_name(text: str) -> PersonName:
    """Parse a person name as written (any script) into a :class:`PersonName`.

    >>> parse_person_name("Major Pyotr Nikolaevich Ivanov")
    PersonName(rank='Major', given='Pyotr', patronymic='Nikolaevich', surname='Ivanov', script='latin', ...)
    """
    original = _SPACE_RE.sub(" ", text).strip()
    # A parenthesised original or gloss ("Pyotr Ivanov (Пётр Иванов)") and an English genitive are not the name.
    cleaned = _SPACE_RE.sub(" ", _POSSESSIVE_RE.sub("", _PARENTHESES_RE.sub(" ", original))).strip() or original
    script = detect_script(cleaned)
    conventions = detect_conventions(cleaned)
    if "," in cleaned:
        head, _, tail = cleaned.partition(",")
        head_tokens = [part for token in _TOKEN_RE.findall(head) for part in _split_initials(token)]
        rank, head_tokens = _strip_rank(head_tokens)
        tail_tokens = [part for token in _TOKEN_RE.findall(tail) for part in _split_initials(token)]
        if head_tokens and tail_tokens:
            surname = " ".join(_attach_particles(head_tokens))
            return PersonName(rank, tail_tokens[0], " ".join(tail_tokens[1:]), surname, script, original, conventions)
    tokens = [part for token in _TOKEN_RE.findall(cleaned) for part in _split_initials(token)]
    rank, tokens = _strip_rank(tokens)
    tokens = _attach_particles(tokens)
    if not tokens:
        return PersonName(rank, "", "", "", script, original, conventions)
    given, patronymic, surname = _order(tokens)
    return PersonName(rank, given, patronymic, surname, script, original, conventions)
