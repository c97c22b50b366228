"""The event lexicon (``data/event_lexicon.toml``, then the verb classes derived from WordNet in
``data/event_wordnet.toml``) as look-up tables, read once per process."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from chronologue.lib.regex_starts import guarded
from chronologue.rules import cached
from chronologue.rules import load as load_rules


@dataclass(frozen=True)
class FrameRule:
    """One lexicon entry: what triggers an event, and the roles of its parts."""

    predicate: str
    subject: str = "agent"
    object: str = "patient"
    possessor: str = "agent"
    obliques: dict[str, str] = field(default_factory=dict)
    requires: frozenset[str] = frozenset()
    excludes: frozenset[str] = frozenset()
    passive_only: bool = False
    narrative: bool = True
    phrase: tuple[str, ...] = ()
    subject_nouns: frozenset[str] = frozenset()
    object_nouns: frozenset[str] = frozenset()
    object_places: bool = False
    needs_participant: bool = False  # a verb of a derived class tells of no one without a named participant
    example: str = ""


NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
}


@dataclass(frozen=True)
class RelativeRule:
    """A time counted from the story's clock: ``min_days``..``max_days`` after it (negative: before it;
    None: open).

    A pattern with a group ``n`` counts units: the days are per unit, times the number ("three weeks later").
    """

    pattern: re.Pattern[str]
    min_days: int | None
    max_days: int | None
    example: str

    def days(self, phrase: str) -> tuple[int | None, int | None] | None:
        """(min, max) days after the clock that the phrase says, or None when the rule does not apply."""
        match = self.pattern.search(phrase)
        if match is None:
            return None
        if "n" not in self.pattern.groupindex:
            return self.min_days, self.max_days
        word = match.group("n")
        count = int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)
        low = None if self.min_days is None else self.min_days * count
        return low, None if self.max_days is None else self.max_days * count


@dataclass(frozen=True)
class Lexicon:
    """Look-up tables built from the lexicon file."""

    verbs: Mapping[str, tuple[FrameRule, ...]]
    nouns: Mapping[str, tuple[FrameRule, ...]]
    phrases: dict[str, tuple[FrameRule, ...]]  # keyed by the phrase's head lemma
    rules: tuple[FrameRule, ...]
    modals: frozenset[str]
    blocking: frozenset[str]
    implicative: frozenset[str]
    light_verbs: frozenset[str]
    relations: dict[str, str]
    relatives: tuple[RelativeRule, ...]
    any_relative: re.Pattern[str] | None  # matches where any relative rule might (a quick test before them)
    sequence: frozenset[str]
    part_nouns: frozenset[str]
    likenesses: frozenset[str]  # a statue, a grave: the person of its "of" takes part in what happens to it
    partitives: frozenset[str]
    simultaneous: frozenset[str]
    excursion: re.Pattern[str] | None
    excursion_years: int
    excursion_cue_years: int
    alive: frozenset[str]  # predicates of events that happen to the living (a death bounds their patients too)
    raw: dict[str, Any]


def _rule(entry: dict[str, Any]) -> FrameRule:
    subject = entry.get("subject", "agent")
    return FrameRule(
        predicate=entry["predicate"],
        subject=subject,
        object=entry.get("object", "patient"),
        possessor=entry.get("possessor", subject),
        obliques=dict(entry.get("obliques", {})),
        requires=frozenset(entry.get("requires", ())),
        excludes=frozenset(entry.get("excludes", ())),
        passive_only=entry.get("voice") == "passive",
        narrative=entry.get("narrative", True),
        phrase=tuple(entry.get("phrase", ())),
        subject_nouns=frozenset(entry.get("subject_nouns", ())),
        object_nouns=frozenset(entry.get("object_nouns", ())),
        object_places=entry.get("object_places", False),
        needs_participant=entry.get("needs_participant", False),
        example=entry["example"],
    )


def _index(rules: list[FrameRule], words: list[list[str]]) -> dict[str, tuple[FrameRule, ...]]:
    table: dict[str, list[FrameRule]] = {}
    for rule, keys in zip(rules, words, strict=True):
        for key in keys:
            table.setdefault(key, []).append(rule)
    return {key: tuple(found) for key, found in table.items()}


def _any_phrase(phrases: list[str]) -> re.Pattern[str] | None:
    """One regex for any of the phrases (regex syntax allowed), as whole words, case-insensitive."""
    if not phrases:
        return None
    return guarded(re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE))


class RuleTable(Mapping[str, tuple[FrameRule, ...]]):
    """Lemma -> rules: the hand-written entries first, else the entry of a derived verb class, made the first
    time its lemma is looked up (the classes hold thousands of words; a text uses a few dozen)."""

    def __init__(self, hand: dict[str, tuple[FrameRule, ...]], derived: dict[str, tuple[str, dict[str, Any]]]):
        self._hand = hand
        self._derived = derived  # lemma -> (predicate, its class's row)
        self._made: dict[str, tuple[FrameRule, ...]] = {}

    def __getitem__(self, lemma: str) -> tuple[FrameRule, ...]:
        found = self._hand.get(lemma) or self._made.get(lemma)
        if found is not None:
            return found
        predicate, row = self._derived[lemma]
        self._made[lemma] = found = (_derived_rule(predicate, row),)
        return found

    def __contains__(self, lemma: object) -> bool:
        return lemma in self._hand or lemma in self._derived

    def __iter__(self) -> Iterator[str]:
        yield from self._hand
        yield from (lemma for lemma in self._derived if lemma not in self._hand)

    def __len__(self) -> int:
        return len(self._hand) + sum(lemma not in self._hand for lemma in self._derived)


def _derived_rule(predicate: str, row: dict[str, Any]) -> FrameRule:
    """The entry of a verb of a derived class: its own predicate, its class's obliques and example. A verb of
    these broad classes ("show", "push") is an event of the story only with a named participant."""
    return FrameRule(predicate=predicate, obliques=dict(row["obliques"]), needs_participant=True,
                     example=row["example"])


def derived_words(classes: list[dict[str, Any]]) -> tuple[dict[str, tuple[str, dict[str, Any]]], ...]:
    """(verbs, nouns) of the derived classes: lemma -> (predicate, class row); a noun gives the predicate of the
    verb WordNet derives it from."""
    verbs: dict[str, tuple[str, dict[str, Any]]] = {}
    nouns: dict[str, tuple[str, dict[str, Any]]] = {}
    for row in classes:
        for verb in row["verbs"]:
            verbs.setdefault(verb, (verb, row))
        for noun, verb in row["nouns"]:
            nouns.setdefault(noun, (verb, row))
    return verbs, nouns


def build(data: dict[str, Any], classes: list[dict[str, Any]] | None = None) -> Lexicon:
    """Look-up tables from the parsed lexicon file (its entries first) and the derived verb classes."""
    entries = data.get("frame", [])
    rules = [_rule(entry) for entry in entries]
    derived_verbs, derived_nouns = derived_words(classes or [])
    relations = {word: row["relation"] for row in data.get("relation", []) for word in row["words"]}
    relatives = tuple(
        RelativeRule(re.compile(row["pattern"]), row.get("min_days"), row.get("max_days"), row["example"])
        for row in data.get("relative", [])
    )
    return Lexicon(
        verbs=RuleTable(_index(rules, [entry.get("verbs", []) for entry in entries]), derived_verbs),
        nouns=RuleTable(_index(rules, [entry.get("nouns", []) for entry in entries]), derived_nouns),
        phrases=_index(rules, [[entry["phrase"][0]] if entry.get("phrase") else [] for entry in entries]),
        rules=tuple(rules),
        modals=frozenset(row["lemma"] for row in data.get("modal", [])),
        blocking=frozenset(row["lemma"] for row in data.get("blocking", [])),
        implicative=frozenset(row["lemma"] for row in data.get("implicative", [])),
        light_verbs=frozenset(row["lemma"] for row in data.get("light_verb", [])),
        relations=relations,
        relatives=relatives,
        any_relative=_any_phrase([row["pattern"].replace("(?P<n>", "(?:") for row in data.get("relative", [])]),
        sequence=frozenset(word for row in data.get("sequence", []) for word in row["words"]),
        part_nouns=frozenset(word for row in data.get("part_noun", []) for word in row["words"]),
        likenesses=frozenset(word for row in data.get("likeness", []) for word in row["words"]),
        partitives=frozenset(word for row in data.get("partitive", []) for word in row["words"]),
        simultaneous=frozenset(word for row in data.get("simultaneous", []) for word in row["words"]),
        excursion=_any_phrase([p for row in data.get("excursion", []) for p in row["phrases"]]),
        excursion_years=max((row.get("years", 10) for row in data.get("excursion", [])), default=10),
        excursion_cue_years=max((row.get("cue_years", 5) for row in data.get("excursion", [])), default=5),
        alive=frozenset(entry["predicate"] for entry in entries if entry.get("alive")),
        raw=data,
    )


@cached
def load_classes() -> list[dict[str, Any]]:
    """The verb classes derived from WordNet (``tools/build_event_lexicon.py``): each row as the file has it, its
    words as lists (``verbs``: lemmas; ``nouns``: (noun, verb) pairs)."""
    return [_class_words(row) for row in load_rules("event_wordnet").get("class", [])]


def _class_words(row: dict[str, Any]) -> dict[str, Any]:
    """A class row with its words split: ``verbs`` a list of lemmas, ``nouns`` a list of (noun, verb) pairs."""
    pairs = [tuple(pair.split(":")) for pair in row.get("nouns", "").split()]
    return {**row, "verbs": row["verbs"].split(), "nouns": pairs}


@cached
def load() -> Lexicon:
    """The event lexicon, read and indexed once per process."""
    return build(load_rules("event_lexicon"), load_classes())
