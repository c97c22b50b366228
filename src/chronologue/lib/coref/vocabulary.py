"""The words coreference reads a person's sex and role off: pronouns, titles, person and kin nouns.

One vocabulary for the sexes everywhere: ``"female"`` and ``"male"``. The person nouns, kin nouns and spouse
verbs are rules data (``data/quote_cues.toml``: ``person_noun``, ``kin_noun``, ``spouse_verb``; the speech verbs
``data/quote_verbs.toml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from chronologue.rules import cached
from chronologue.rules import load as load_rules

Gender = Literal["female", "male"]
FEMALE: Gender = "female"
MALE: Gender = "male"

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PERSONAL_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MALE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "mister", "master", "king", "prince", "duke", "count", "baron",
                         "father", "uncle", "brother", "monsieur", "herr", "pan", "signor", "don"})
FEMALE_TITLES = frozenset({"mrs", "mrs.", "miss", "ms", "ms.", "lady", "madam", "madame", "mme", "queen",
                           "princess", "duchess", "countess", "baroness", "aunt", "sister", "mother", "frau", "pani",
                           "mademoiselle", "signora", "dona", "dame"})
FEMALE_NOUNS = frozenset({"wife", "woman", "mother", "lady", "girl", "daughter", "sister", "aunt", "maid", "mistress",
                          "widow", "queen", "princess", "nurse", "grandmother", "niece", "bride"})
MALE_NOUNS = frozenset({"man", "husband", "father", "gentleman", "boy", "son", "brother", "uncle", "master", "lad",
                        "king", "prince", "grandfather", "nephew", "groom", "fellow"})


def pronoun_gender(word: str) -> Gender | None:
    """``"male"`` for he/him/his/himself, ``"female"`` for she/her/hers/herself, else None."""
    lower = word.lower()
    return MALE if lower in MALE_PRONOUNS else FEMALE if lower in FEMALE_PRONOUNS else None


def noun_gender(lemma: str) -> Gender | None:
    """The sex a person noun tells (``wife``: female, ``lad``: male), else None (``doctor``)."""
    return FEMALE if lemma in FEMALE_NOUNS else MALE if lemma in MALE_NOUNS else None


@dataclass(frozen=True)
class PersonWords:
    """The rules-data words that name persons and kin."""

    person_nouns: frozenset[str]  # lemmas of nouns that may stand for a person: "doctor", "stranger", "wife"
    kin: dict[str, tuple[str, Gender]]  # lemma -> (relation, sex): "wife" -> ("spouse", "female")
    spouse_verbs: frozenset[str]  # "Anna married Peter": the two are spouses
    speech_verbs: frozenset[str]  # lemmas of verbs of saying: whatever is their subject is a person


@cached
def person_words() -> PersonWords:
    """The person and kin nouns, spouse verbs and speech verbs, read once per process."""
    cues = load_rules("quote_cues")
    return PersonWords(
        person_nouns=frozenset(w for e in cues["person_noun"] + cues["kin_noun"] for w in e["lemmas"]),
        kin={w: (e["relation"], e["gender"]) for e in cues["kin_noun"] for w in e["lemmas"]},
        spouse_verbs=frozenset(w for e in cues["spouse_verb"] for w in e["lemmas"]),
        speech_verbs=frozenset(w for g in load_rules("quote_verbs")["group"] for w in g["lemmas"]),
    )
