"""The word tables of numeric claims: qualifiers, units, and the contexts that make a number no claim.

Read once from ``data/claims_qualifiers.toml``, ``data/claims_units.toml`` and ``data/claims_nonclaims.toml``.
Phrases are stored as tuples of lower-cased tokens, matched longest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from chronologue.rules import cached
from chronologue.rules import load as load_rules

# How a qualifier reads before a number in a message or a label ("more than 2,500,000").
QUALIFIER_WORDS = {"exactly": "", "about": "about ", "more_than": "more than ", "less_than": "less than ",
                   "at_least": "at least ", "at_most": "at most ", "vague": ""}


@dataclass(frozen=True)
class PhraseTable:
    """Phrases (token tuples) mapped to a label, with the longest phrase length for matching."""

    phrases: dict[tuple[str, ...], str]
    longest: int
    first_words: frozenset[str]
    last_words: frozenset[str]

    @classmethod
    def build(cls, pairs: Iterable[tuple[str, str]]) -> PhraseTable:
        """A table from ``(phrase, label)`` pairs; phrases are split on spaces and lower-cased.

        A word with a final period ("ca.") is also matched as two tokens ("ca", "."), as tokenizers split it.
        """
        phrases: dict[tuple[str, ...], str] = {}
        for phrase, label in pairs:
            words = tuple(phrase.lower().split())
            phrases[words] = label
            split = tuple(part for w in words for part in ((w[:-1], ".") if len(w) > 1 and w.endswith(".") else (w,)))
            phrases.setdefault(split, label)
        longest = max((len(p) for p in phrases), default=0)
        return cls(phrases, longest, frozenset(p[0] for p in phrases), frozenset(p[-1] for p in phrases))

    def match(self, words: Sequence[str], i: int) -> tuple[str, int] | None:
        """The label and length of the longest phrase starting at ``words[i]``, or None."""
        if i >= len(words) or words[i] not in self.first_words:
            return None
        for size in range(min(self.longest, len(words) - i), 0, -1):
            label = self.phrases.get(tuple(words[i : i + size]))
            if label is not None:
                return label, size
        return None

    def match_ending(self, words: Sequence[str], end: int, floor: int = 0) -> tuple[str, int] | None:
        """The label and length of the longest phrase ending just before ``words[end]`` (not before ``floor``)."""
        if end <= floor or words[end - 1] not in self.last_words:
            return None
        for size in range(min(self.longest, end - floor), 0, -1):
            label = self.phrases.get(tuple(words[end - size : end]))
            if label is not None:
                return label, size
        return None


@dataclass(frozen=True)
class ClaimRules:
    """Every table the claims stage consults."""

    qualifiers_before: PhraseTable
    qualifiers_after: PhraseTable
    percent: PhraseTable
    units_after: PhraseTable
    units_before: PhraseTable
    ages: PhraseTable
    people: frozenset[str]
    people_suffixes: tuple[str, ...]
    durations: frozenset[str]
    identifier_before: frozenset[str]
    licence_before: frozenset[str]
    time_of_day_after: frozenset[str]
    year_before: frozenset[str]
    months: frozenset[str]
    rank_before: frozenset[str]


def _words(entries: list[dict], key: str = "words") -> frozenset[str]:
    return frozenset(w.lower() for entry in entries for w in entry[key])


def _pairs(entries: list[dict], label: str) -> list[tuple[str, str]]:
    return [(phrase, entry[label]) for entry in entries for phrase in entry["phrases"]]


@cached
def rules() -> ClaimRules:
    """The claim tables, loaded once per process."""
    qualifiers = load_rules("claims_qualifiers")
    units = load_rules("claims_units")
    numbers = load_rules("claims_numbers")
    nonclaims = load_rules("claims_nonclaims")
    return ClaimRules(
        qualifiers_before=PhraseTable.build(_pairs(qualifiers["before"], "qualifier")),
        qualifiers_after=PhraseTable.build(_pairs(qualifiers["after"], "qualifier")),
        percent=PhraseTable.build((" ".join(e["phrase"]), "percent") for e in numbers["percent"]),
        units_after=PhraseTable.build(_pairs(units["after"], "unit")),
        units_before=PhraseTable.build(_pairs(units["before"], "unit")),
        ages=PhraseTable.build(_pairs(units["ages"], "unit")),
        people=_words(units["people"], "lemmas"),
        people_suffixes=tuple(sorted(_words(units["people_suffixes"], "suffixes"))),
        durations=_words(units["durations"], "lemmas"),
        identifier_before=_words(nonclaims["identifier_before"]),
        licence_before=_words(nonclaims["licence_before"]),
        time_of_day_after=_words(nonclaims["time_of_day_after"]),
        year_before=_words(nonclaims["year_before"]),
        months=_words(nonclaims["months"]),
        rank_before=_words(nonclaims["rank_before"]),
    )
