"""Word lists and patterns for quotations, loaded once from ``data/quote_*.toml``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chronologue.lib.coref.vocabulary import (  # noqa: F401  (re-exported for the quotation modules)
    FEMALE_PRONOUNS,
    FEMALE_TITLES,
    FIRST_PERSON,
    MALE_PRONOUNS,
    MALE_TITLES,
    Gender,
    person_words,
)
from chronologue.rules import cached
from chronologue.rules import load as load_rules

ELISION = re.compile(r"[\[(]\s*(?:…|\.\s?\.\s?\.)\s*[\])]")


@dataclass(frozen=True)
class Lexicon:
    """Everything the quotation modules look words up in."""

    verb_kinds: dict[str, str]
    after_only: frozenset[str]
    beats: frozenset[str]
    introducers: tuple[tuple[re.Pattern[str], str], ...]
    document_nouns: frozenset[str]
    title_cues: frozenset[str]
    work_nouns: frozenset[str]
    scare_cues: tuple[str, ...]
    person_nouns: frozenset[str]
    kin: dict[str, tuple[str, Gender]]  # lemma -> (relation, sex): "wife" -> ("spouse", "female")
    answer_opening: re.Pattern[str]  # matched at a line's start: "No, …", "Well, …"
    naming_verbs: frozenset[str]  # with an object they name, not speak: "as the Americans called them"
    spouse_verbs: frozenset[str]  # "Anna married Peter": the two are spouses
    words_nouns: frozenset[str]  # "his words", "her reply": the possessor spoke

    def introducer_kind(self, intro: str) -> str | None:
        """The kind an introducing phrase (text before a colon) announces, or None."""
        tail = intro.rstrip(" :\u00a0")
        for pattern, kind in self.introducers:
            if pattern.search(tail):
                return kind
        return None

    def leading_kind(self, lemma: str) -> str | None:
        """The kind a verb gives to words that follow it (``she said: "…"``), or None."""
        return None if lemma in self.after_only else self.verb_kinds.get(lemma)


def _opening(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"[\s\"'“‘]*(?:{alternatives})\b(?![’'-]\w)", re.IGNORECASE)


@cached
def lexicon() -> Lexicon:
    """The lexicon, read once per process."""
    verbs = load_rules("quote_verbs")
    cues = load_rules("quote_cues")
    verb_kinds: dict[str, str] = {}
    for group in verbs["group"]:
        for lemma in group["lemmas"]:
            verb_kinds.setdefault(lemma, group["kind"])
    after_only = frozenset(w for g in verbs["group"] if g.get("after_only") for w in g["lemmas"])
    return Lexicon(
        verb_kinds=verb_kinds,
        after_only=after_only,
        beats=frozenset(w for g in verbs["group"] if g.get("beat") for w in g["lemmas"]),
        introducers=tuple((re.compile(e["pattern"], re.I), e["kind"]) for e in cues["introducer"]),
        document_nouns=frozenset(w for e in cues["document_noun"] for w in e["lemmas"]),
        title_cues=frozenset(w for e in cues["title_cue"] for w in e["words"]),
        work_nouns=frozenset(w for e in cues["work_noun"] for w in e["lemmas"]),
        scare_cues=tuple(w for e in cues["scare_cue"] for w in e["words"]),
        person_nouns=person_words().person_nouns,
        kin=person_words().kin,
        answer_opening=_opening([w for e in cues["answer_opening"] for w in e["words"]]),
        naming_verbs=frozenset(w for e in cues["naming_verb"] for w in e["lemmas"]),
        spouse_verbs=person_words().spouse_verbs,
        words_nouns=frozenset(w for e in cues["words_noun"] for w in e["lemmas"]),
    )
