"""Word lists and patterns for quotations, loaded once from ``data/quote_*.toml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from chronologue.data import load_toml

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
MALE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "mister", "master", "king", "prince", "duke", "count", "baron",
                         "father", "uncle", "brother", "monsieur", "herr", "pan", "signor", "don"})
FEMALE_TITLES = frozenset({"mrs", "mrs.", "miss", "ms", "ms.", "lady", "madam", "madame", "mme", "queen",
                           "princess", "duchess", "countess", "baroness", "aunt", "sister", "mother", "frau", "pani",
                           "mademoiselle", "signora", "dona", "dame"})
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
    kin: dict[str, tuple[str, str]]  # lemma -> (relation, gender): "wife" -> ("spouse", "f")
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


@cache
def lexicon() -> Lexicon:
    """The lexicon, read once per process."""
    verbs = load_toml("quote_verbs.toml")
    cues = load_toml("quote_cues.toml")
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
        person_nouns=frozenset(w for e in cues["person_noun"] + cues["kin_noun"] for w in e["lemmas"]),
        kin={w: (e["relation"], e["gender"]) for e in cues["kin_noun"] for w in e["lemmas"]},
        answer_opening=_opening([w for e in cues["answer_opening"] for w in e["words"]]),
        naming_verbs=frozenset(w for e in cues["naming_verb"] for w in e["lemmas"]),
        spouse_verbs=frozenset(w for e in cues["spouse_verb"] for w in e["lemmas"]),
        words_nouns=frozenset(w for e in cues["words_noun"] for w in e["lemmas"]),
    )
