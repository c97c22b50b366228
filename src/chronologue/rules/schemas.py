"""One pydantic schema per rule file in ``chronologue/data``: which tables it has and what each entry holds.

A file's schema is the model named in :data:`SCHEMAS` by the file's name without ``.toml``. Entries forbid
unknown keys, so a misspelt field is an error that names the file and line instead of a rule that silently
does nothing. Every rule table's entries carry the ``example`` they exist for (a test runs each one).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Rule(Strict):
    """An entry of a rule table: every rule carries the example it exists for."""

    example: str


class Words(Rule):
    words: list[str]
    expect: str | int | None = None


class Lemmas(Rule):
    lemmas: list[str]
    expect: str | None = None


class Pattern(Rule):
    pattern: str


# -- claims -------------------------------------------------------------------------------------------------------


class ClaimsChronology(Strict):
    class Birth(Rule):
        lemmas: list[str]
        forms: list[str]
        predicates: list[str]
        conflicts: int

    class Death(Rule):
        lemmas: list[str]
        predicates: list[str]
        victim_predicates: list[str]
        victim_lemmas: list[str]
        conflicts: int

    class NotDeath(Rule):
        particles: list[str]
        objects: list[str]
        conflicts: int

    class Posthumous(Rule):
        predicates: list[str]
        conflicts: int

    class ActingRoles(Rule):
        roles: list[str]
        conflicts: int

    class Order(Rule):
        before: dict[str, list[str]]
        after: dict[str, list[str]]
        conflicts: int

    birth: list[Birth] = []
    death: list[Death] = []
    not_death: list[NotDeath] = []
    posthumous: list[Posthumous] = []
    acting_roles: list[ActingRoles] = []
    order: list[Order] = []


class ClaimsContradictions(Strict):
    class Separator(Rule):
        text: str
        findings: int

    clause_separators: list[Separator] = []


class ClaimsNonclaims(Strict):
    identifier_before: list[Words] = []
    licence_before: list[Words] = []
    time_of_day_after: list[Words] = []
    year_before: list[Words] = []
    months: list[Words] = []
    rank_before: list[Words] = []
    lone_one: list[Words] = []


class ClaimsNumbers(Strict):
    class WordValues(Rule):
        words: dict[str, float]
        value: float

    class HalfStep(Rule):
        phrase: list[str]
        add: float
        value: float

    class Range(Rule):
        low: int
        high: int
        low_expect: int
        high_expect: int

    class PluralMultiplier(Range):
        word: str

    class VagueWords(Range):
        phrase: list[str]

    class Percent(Rule):
        phrase: list[str]
        value: float

    class RangeJoiner(Rule):
        word: str
        low_expect: int
        high_expect: int
        after: str | None = None

    class RatioJoiner(Rule):
        phrase: list[str]
        value: float

    cardinals: list[WordValues] = []
    multipliers: list[WordValues] = []
    fractions: list[WordValues] = []
    half_steps: list[HalfStep] = []
    plural_multipliers: list[PluralMultiplier] = []
    vague_words: list[VagueWords] = []
    percent: list[Percent] = []
    range_joiners: list[RangeJoiner] = []
    ratio_joiners: list[RatioJoiner] = []


class ClaimsQualifiers(Strict):
    class Qualifier(Rule):
        phrases: list[str]
        qualifier: str
        value: float

    before: list[Qualifier] = []
    after: list[Qualifier] = []


class ClaimsUnits(Strict):
    class Unit(Rule):
        phrases: list[str]
        unit: str

    class People(Rule):
        lemmas: list[str]
        unit: str

    class Suffixes(Rule):
        suffixes: list[str]
        unit: str

    after: list[Unit] = []
    before: list[Unit] = []
    people: list[People] = []
    people_suffixes: list[Suffixes] = []
    durations: list[Lemmas] = []
    ages: list[Unit] = []


# -- entities -----------------------------------------------------------------------------------------------------


class EntityGroups(Strict):
    class Group(Rule):
        adjective: list[str]
        plural: list[str]
        expect: str

    group: list[Group] = []


class EntityKnown(Strict):
    class Known(Rule):
        forms: list[str]
        type: str
        expect: str

    known: list[Known] = []


class EntityPatterns(Strict):
    class Regex(Rule):
        name: str
        needs: list[str]
        regex: str
        expect: str
        type: str | None = None
        place_check: bool = False

    class AliasCue(Rule):
        regex: str
        expect: str

    pattern: list[Regex] = []
    negative: list[Regex] = []
    org_words: list[Words] = []
    not_places: list[Words] = []
    place_words: list[Words] = []
    law_words: list[Words] = []
    locative: list[Words] = []
    gazetteer_locative: list[Words] = []
    motion_words: list[Words] = []
    institutions: list[Words] = []
    place_nouns: list[Words] = []
    speech_verbs: list[Words] = []
    life_verbs: list[Words] = []
    alias_cue: list[AliasCue] = []


class EntityTitles(Strict):
    class Title(Words):
        kind: str
        gender: str

    title: list[Title] = []
    not_name: list[Words] = []
    address: list[Words] = []
    not_person: list[Words] = []


# -- events -------------------------------------------------------------------------------------------------------


class EventAnchors(Strict):
    class Event(Rule):
        names: list[str] = []
        generic: list[str] = []
        start: str
        end: str | list[str]
        source: str = ""
        period: bool = False

    event: list[Event] = []


class EventGender(Strict):
    class Cue(Rule):
        words: list[str]
        gender: str
        person: str

    title: list[Cue] = []
    ending: list[Cue] = []
    role: list[Cue] = []


class EventLexicon(Strict):
    class Frame(Rule):
        predicate: str
        verbs: list[str] = []
        nouns: list[str] = []
        phrase: list[str] = []
        obliques: dict[str, Any] = {}
        possessor: str | None = None
        excludes: list[str] = []
        requires: list[str] = []
        object: str | None = None
        object_nouns: list[str] = []
        subject: str | None = None
        subject_nouns: list[str] = []
        voice: str | None = None
        narrative: bool = False
        object_places: bool = False
        alive: bool = False

    class LemmaPredicate(Rule):
        lemma: str
        predicate: str

    class WordsPredicate(Rule):
        words: list[str]
        predicate: str

    class Excursion(Rule):
        phrases: list[str]
        cue_years: int
        years: int
        predicate: str

    class Relation(Rule):
        words: list[str]
        relation: str

    class Relative(Rule):
        pattern: str
        min_days: int | None = None
        max_days: int | None = None

    frame: list[Frame] = []
    modal: list[LemmaPredicate] = []
    blocking: list[LemmaPredicate] = []
    implicative: list[LemmaPredicate] = []
    light_verb: list[LemmaPredicate] = []
    simultaneous: list[WordsPredicate] = []
    excursion: list[Excursion] = []
    partitive: list[WordsPredicate] = []
    part_noun: list[WordsPredicate] = []
    likeness: list[WordsPredicate] = []
    relation: list[Relation] = []
    relative: list[Relative] = []
    sequence: list[Words] = []


class EventWordnet(Strict):
    """The verb classes derived from WordNet by ``tools/build_event_lexicon.py`` (generated, not hand-written)."""

    class VerbClass(Rule):
        name: str
        obliques: dict[str, str] = {}
        predicate: str
        noun_example: str
        noun_predicate: str
        verbs: str = Field(pattern=r"^[a-z\s]*$")
        """The class's verbs, separated by white space."""
        nouns: str = Field(default="", pattern=r"^(?:\s*[a-z]+:[a-z]+)*\s*$")
        """noun:verb pairs separated by white space: a noun and the verb whose predicate it takes."""

    class_: list[VerbClass] = Field(default=[], alias="class")
