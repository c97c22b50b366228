"""The entities annotator's rule tables and patterns, and what the libraries know of a name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from chronologue.lib.gazetteer import best as best_place
from chronologue.lib.gazetteer import is_known_place
from chronologue.lib.identity.given_names import is_known_given
from chronologue.rules import cached
from chronologue.rules import load as load_rules

if TYPE_CHECKING:
    from chronologue.annotators.entities.spans import Tokens


SPACY_TYPES = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "ORG": "ORG",
    "NORP": "GROUP",
    "EVENT": "EVENT",
    "WORK_OF_ART": "WORK",
    "LAW": "LAW",
    "PRODUCT": "MISC",
}
SETTLED_TYPES = frozenset({"PERSON", "PLACE", "ORG", "GROUP", "EVENT", "WORK", "LAW", "MISC"})
# Priorities: a rule of the data layer beats spaCy; propagated occurrences only fill gaps.
NAMED = frozenset({"PERSON", "PLACE"})
ARTICLES = frozenset({"The", "A", "An"})
HEADING_ROLES = frozenset({"title", "heading", "kicker"})
NESTING_TYPES = frozenset({"ORG", "EVENT", "WORK", "LAW"})  # an outer span of these types may hold others
LEADING_ARTICLES = ("the ", "The ", "THE ")

_CYRILLIC_OR_GREEK_WORD = r"[А-ЯЁІЇЄҐЎΑ-ΩΆΈΉΊΌΎΏ][а-яёіїєґўʼ'’α-ωάέήίόύώϊϋΐΰς-]*"
SCRIPT_RUN = re.compile(rf"{_CYRILLIC_OR_GREEK_WORD}(?:[ \u00a0]+{_CYRILLIC_OR_GREEK_WORD}){{0,3}}")
# "(NKVD)", "(BShPD)", or the last item of a parenthesis after an original: "(Белорусский штаб ..., BShPD)"
ACRONYM = re.compile(r"\(\s*(?:[^()\n]{1,120}?,\s*)?([A-ZА-ЯЁ](?:[A-ZА-ЯЁ0-9&]|[a-zа-яё](?=[A-ZА-ЯЁ])){1,7})\s*\)")
LOWER_SCRIPT_WORDS = re.compile(r"(?:[ \u00a0]+[а-яёіїєґўα-ωάέήίόύώϊϋΐΰς][а-яёіїєґўʼ'’α-ωάέήίόύώϊϋΐΰς-]*){1,6}")
PAREN_NAME = re.compile(r"\(\s*([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)\s*[),;]")  # "(Lwów)", "(Cernăuți, today ...)"
JUNK_PREFIX = re.compile(r"^.*[:“\"„«]\s*")
TRAILING_JUNK = re.compile(r"(?:\s?['’][sS]|['’])?[\s.,;:!?\"”“»)(\[\]-]*$")
HYPHEN_TAIL = re.compile(r"(?:-[\w’']+)+")
_LEAD = re.compile(r"\w+")
WORD_ENDS_CLAUSE = re.compile(r"[.,;:!?…][\"'’”)]*$|[\"'’”)]$")
INITIAL = re.compile(r"[^\W\d_]\.")
NAME_TAIL = re.compile(r"(?:['’][sS])?[.,;:!?…\"'’”)]*$")
VOCATIVE_AFTER = re.compile(r",\s+(?:you|we|I|do|don’t|don't|please|my dear|dear)\b")
LINE = re.compile(r"[^\n]*\S[^\n]*")
NAME_WORDS = re.compile(r"[\w'’.-]+(?:[ \u00a0]+[\w'’.-]+){0,3}")
GAP_BEFORE_NAME = re.compile(r"[ \t\u00a0]*(?=[^\W\d_])")
# after a title, the name may start on the next line of hard-wrapped text ("Mrs.\nBennet"), never after a blank line
GAP_AFTER_TITLE = re.compile(r"[ \t\u00a0]*(?:\n[ \t\u00a0]*)?(?=[^\W\d_])")
POS_ADJ, POS_PROPN = 84, 96  # spacy.symbols.ADJ, spacy.symbols.PROPN (checked in tests)
IOB_OUTSIDE = 2  # to_array(ENT_IOB): 1 inside, 2 outside, 3 begin
TRAILING_YEAR = re.compile(r"\s+\d{3,4}$")
NON_SPACE = re.compile(r"\S+")
DASHES = re.compile(r"--|—|–")
LAST_WORD = re.compile(r"(\w+)\s*$")
INNER_ARTICLE = re.compile(r" an? (?=[A-Z])")  # no name holds an indefinite article before a capital
WORD_BEFORE = re.compile(r"(?<![\w.-])([A-Z][\w'’-]+)[ \u00a0]+$")
OF_CHAIN_BEFORE = re.compile(r"(?<![\w'’-])((?:[A-Z][\w'’-]+[ \u00a0]+){1,4}(?:of|for)[ \u00a0]+(?:the[ \u00a0]+)?)$")
TWO_WORDS_BEFORE = re.compile(r"(?:(\w+)\s+)?(\w+)\s+(?:the\s+)?$")
OF_TAIL = re.compile(r"(?:[ \u00a0]+(?:of|for)[ \u00a0]+(?:the[ \u00a0]+)?(?:[A-Z][\w'’-]+[ \u00a0]?){1,4}(?<! )){1,2}")
OF_CHAIN_AFTER = re.compile(r"(?:[ \u00a0]+(?:the[ \u00a0]+)?[A-Z][\w'’-]+)(?:[ \u00a0]+[A-Z][\w'’-]+){0,3}")
CAPITALISED_NAME = re.compile(r"[A-Z][\w'’-]+(?:[ \u00a0][A-Z][\w'’-]+){0,2}")
PLACE_INSIDE = re.compile(r"\b(?:in|at|near)\s+([A-Z][\w'’]+(?:-[\w'’]+)*)")
QUOTE_CHARS = "\"“”‘’'«»„"
CLOSING_AFTER = re.compile(r"[.,;:!?]?\s?[\"”’'»]")
PREPOSITION_BEFORE = re.compile(r"\b(?:in|from|to|at|of|for|with|by|into|near|towards?|through|across)[ \u00a0]+$")
WHO_AFTER = re.compile(r",?[ \u00a0]+(?:who|whom|whose)\b")
POSSESSIVE_INSIDE = re.compile(r"['’]s[ \u00a0]+(?=[A-Z])")
NO_NAME_BEFORE = frozenset({"the", "a", "an", "St", "Saint", "Ste", "San", "Santa", "Fort", "Lake", "Mount", "Port"})
PRONOUNS = frozenset("I You He She It We They Me Him Her Us Them Thou Thee Ye".split())
NAME_PART = re.compile(r"[A-Z][\w'’-]+")
LOWER_WORD = re.compile(r"\b[a-z]+\b")
ARTICLE_BEFORE = re.compile(r"(?<![\w'’-])(?:[Tt]he|an?|An|A)[ \u00a0]+$")


# -- data ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    titles: dict[str, tuple[str, str]]  # title -> (kind, gender)
    not_names: frozenset[str]
    address: frozenset[str]  # words that address or point at someone without naming them ("Son", "Uncle")
    not_person: frozenset[str]  # words alone never a person's name: exclamations, feasts, members of a people
    phrases: _Phrases  # titles, known names and nominal groups, found in one pass
    known: dict[str, tuple[str, str]]  # form -> (type, canonical name)
    patterns: list[tuple[str, str, re.Pattern[str], bool, tuple[str, ...], bool]]  # name, type, regex, keep_person,
    # needs, place_check
    negatives: list[tuple[re.Pattern[str], tuple[str, ...]]]  # regex, needs
    alias_cues: tuple[re.Pattern[str], ...]  # tried where a person mention ends; group "alias" is another name
    org_words: frozenset[str]
    law_words: frozenset[str]
    place_words: frozenset[str]
    not_places: frozenset[str]
    locatives: frozenset[str]
    gazetteer_locatives: frozenset[str]
    place_nouns: frozenset[str]
    motion_words: frozenset[str]
    institutions: frozenset[str]
    speech_verbs: frozenset[str]
    life_verbs: frozenset[str]
    group_plural: dict[str, str]  # nominal form -> canonical (first plural)
    group_adjective: frozenset[str]
    group_adjective_lower: frozenset[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _lead(word: str) -> str:
    """The leading letters and digits of a word, the key phrases are filed under (``U`` for ``U.S.S.R.``)."""
    match = _LEAD.match(word)
    return match.group() if match else word


class _Phrases:
    """Whole-word phrases, found through the parse's tokens (one dict look-up a token) or a regex without a parse."""

    def __init__(self, forms: list[str]) -> None:
        self.forms = forms
        self.by_key: dict[str, list[str]] = {}
        for form in sorted(set(forms), key=len, reverse=True):
            self.by_key.setdefault(_lead(form), []).append(form)

    @cached_property
    def regex(self) -> re.Pattern[str] | None:
        """The forms as one pattern, for a text without a parse (compiled only then: it is long)."""
        return re.compile(rf"(?<![\w-])(?:{_alternation(self.forms)})(?![\w-])") if self.forms else None

    def find(self, text: str, tokens: Tokens | None) -> Iterator[tuple[int, int, str]]:
        """(start, end, form) of every occurrence, leftmost-longest, none inside a longer word."""
        if tokens is None:
            if self.regex is not None:
                for match in self.regex.finditer(text):
                    yield match.start(), match.end(), match.group()
            return
        taken = -1
        by_key = self.by_key
        words = tokens.words
        unlowered = tokens.where(tokens.column("IS_LOWER") == 0)  # a form starts with a capital: no lower-case word
        for i in [i for i in unlowered if words[i] in by_key or not words[i].isalnum()]:  # the few to read
            word = words[i]
            if not word[:1].isupper():
                continue
            forms = by_key.get(word) or (None if word.isalnum() else by_key.get(_lead(word)))
            if not forms:
                continue
            start = tokens.idx[i]
            if start < taken or (start > 0 and _is_word_char(text[start - 1])):
                continue
            for form in forms:
                end = start + len(form)
                if text.startswith(form, start) and not (end < len(text) and _is_word_char(text[end])):
                    yield start, end, form
                    taken = end
                    break


def inside_word(text: str, start: int) -> bool:
    """A match starting at ``start`` begins inside a word (the regexes leave out a leading ``\\b`` for speed)."""
    return start > 0 and text[start].isalnum() and text[start - 1].isalnum()


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "-_"


@cached
def rules() -> Rules:
    """The rule layer, read once from ``data/entity_*.toml``."""
    titles_data = load_rules("entity_titles")
    titles: dict[str, tuple[str, str]] = {}
    for entry in titles_data["title"]:
        for word in entry["words"]:
            titles.setdefault(word, (entry["kind"], entry.get("gender", "")))
    known: dict[str, tuple[str, str]] = {}
    for entry in load_rules("entity_known")["known"]:
        for form in entry["forms"]:
            known[form] = (entry["type"], entry["forms"][0])
    pattern_data = load_rules("entity_patterns")
    patterns = [
        (
            p["name"],
            p["type"],
            re.compile(p["regex"]),
            bool(p.get("keep_person", p["type"] == "ORG")),
            tuple(p.get("needs", ())),
            bool(p.get("place_check", False)),
        )
        for p in pattern_data["pattern"]
    ]
    negatives = [(re.compile(p["regex"]), tuple(p.get("needs", ()))) for p in pattern_data["negative"]]
    alias_cues = tuple(re.compile(p["regex"]) for p in pattern_data.get("alias_cue", []))
    org_words = frozenset(w for entry in pattern_data["org_words"] for w in entry["words"])
    locatives = frozenset(w for entry in pattern_data["locative"] for w in entry["words"])
    law_words = frozenset(w for entry in pattern_data["law_words"] for w in entry["words"])
    plural: dict[str, str] = {}
    adjectives: set[str] = set()
    for entry in load_rules("entity_groups")["group"]:
        for form in entry["plural"]:
            plural.setdefault(form, entry["plural"][0])
        adjectives.update(entry["adjective"])
    return Rules(
        titles=titles,
        not_names=frozenset(w for entry in titles_data.get("not_name", []) for w in entry["words"]),
        address=frozenset(w for entry in titles_data.get("address", []) for w in entry["words"]),
        not_person=frozenset(w for entry in titles_data.get("not_person", []) for w in entry["words"]),
        phrases=_Phrases(list(titles) + list(known) + list(plural)),
        known=known,
        patterns=patterns,
        negatives=negatives,
        alias_cues=alias_cues,
        org_words=org_words,
        law_words=law_words,
        place_words=frozenset(w for entry in pattern_data["place_words"] for w in entry["words"]),
        not_places=frozenset(w for entry in pattern_data["not_places"] for w in entry["words"]),
        speech_verbs=frozenset(w for entry in pattern_data["speech_verbs"] for w in entry["words"]),
        life_verbs=frozenset(w for entry in pattern_data["life_verbs"] for w in entry["words"]),
        locatives=locatives,
        gazetteer_locatives=frozenset(w for entry in pattern_data["gazetteer_locative"] for w in entry["words"]),
        place_nouns=frozenset(w for entry in pattern_data["place_nouns"] for w in entry["words"]),
        motion_words=frozenset(w for entry in pattern_data["motion_words"] for w in entry["words"]),
        institutions=frozenset(w for entry in pattern_data["institutions"] for w in entry["words"]),
        group_plural=plural,
        group_adjective=frozenset(adjectives),
        group_adjective_lower=frozenset(a.lower() for a in adjectives),
    )


# -- what the libraries know of a name ---------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def gazetteer_knows(name: str) -> bool:
    """Whether the gazetteer knows ``name`` as a notable place (:func:`chronologue.lib.gazetteer.is_known_place`)."""
    return is_known_place(name)


@lru_cache(maxsize=4096)
def _best_place(name: str) -> Any:
    """The gazetteer's best candidate for ``name`` without context (any size of place), or None."""
    return best_place(name)


@lru_cache(maxsize=4096)
def is_country(name: str) -> bool:
    """Whether the gazetteer's best reading of ``name`` is a country (``Belarus``), by its own name."""
    found = _best_place(name)
    return found is not None and found.kind == "country" and found.main_name


@lru_cache(maxsize=4096)
def _is_known_given(word: str) -> bool:
    """A word of the identity library's given-name tables, whether or not a place bears it too."""
    return is_known_given(word)


@lru_cache(maxsize=4096)
def is_given_name(word: str) -> bool:
    """A word of the identity library's given-name tables that is no notable place (``Zofia``, not ``Florence``)."""
    if not word[:1].isupper() or not word.isalpha() or len(word) < 3:
        return False
    return is_known_given(word) and not gazetteer_knows(word)
