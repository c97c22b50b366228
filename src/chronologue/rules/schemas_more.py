"""Schemas of the rule files for figures, findings, the gazetteer, layout, licences, names, quotes and times."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from chronologue.rules.schemas import Pattern, Rule, Strict, Words


class Bibliography(Strict):
    class PublisherWords(Rule):
        words: list[str]

    class PublisherPlaces(Rule):
        places: list[str]

    publisher_words: PublisherWords
    publisher_places: PublisherPlaces


class Figures(Strict):
    class Embedded(Strict):
        caption_max_words: int
        credit_max_words: int

    class EmbeddedExample(Rule):
        caption: str
        credit: str | None = None
        spdx: str | None = None

    embedded: Embedded
    embedded_caption: list[EmbeddedExample] = []
    caption_opener: list[Pattern] = []
    credit_key: list[Pattern] = []
    licence_key: list[Pattern] = []
    item_signature: list[Pattern] = []


class FindingsText(Strict):
    class Marks(Rule):
        marks: list[str]
        expect: int

    space_before: list[Marks] = []
    space_after: list[Marks] = []
    colon_labels: list[Words] = []
    ignored: list[Marks] = []
    abbreviations: list[Words] = []


class GazetteerRules(Strict):
    class NameForm(Pattern):
        id: str
        name: str
        place: str
        river: str

    class RiverConnector(Rule):
        words: list[str]
        name: str
        geonames_name: str

    class Affix(Pattern):
        id: str
        prefer: list[str]
        name: str
        stripped: str

    class Names(Rule):
        names: list[str]

    class Demonym(Rule):
        words: list[str]
        countries: list[str]

    class CountryAlias(Rule):
        country: str
        names: list[str]

    class SurnameShape(Pattern):
        min_population: int
        name: str

    class RegionAlias(Rule):
        country: str
        regions: dict[str, list[str]]
        source: str
        town: str
        expect_region: str

    class ContinentAdjective(Rule):
        continents: dict[str, list[str]]

    name_form: list[NameForm] = []
    continent_adjective: list[ContinentAdjective] = []
    river_connector: list[RiverConnector] = []
    affix: list[Affix] = []
    non_place: list[Names] = []
    demonym: list[Demonym] = []
    country_alias: list[CountryAlias] = []
    namesake: list[Names] = []
    surname_shape: list[SurnameShape] = []
    region_alias: list[RegionAlias] = []


class GazetteerRanker(Strict):
    """The place ranker's fitted weights (``tools/fit_place_ranker.py``): feature name -> weight."""

    weights: dict[str, float]


class Layout(Strict):
    class Limits(Strict):
        kicker_max_words: int
        title_max_words: int
        heading_max_words: int
        heading_max_chars: int
        section_heading_max_words: int

    limits: Limits
    bibliography_heading: list[Pattern] = []
    section_heading: list[Pattern] = []
    bibliography_inline: list[Pattern] = []


class Licences(Strict):
    class Alias(Rule):
        raw: list[str]
        spdx: str

    class Order(Strict):
        elements: list[str]

    class Reserved(Rule):
        raw: list[str]
        expect: str

    alias: list[Alias] = []
    reserved: list[Reserved] = []
    elements: dict[str, str] = {}
    order: Order


class GivenNames(Rule):
    names: list[str]
    diminutives: list[str] = []
    gender: str


class NamesEnglish(Strict):
    name: list[GivenNames] = []
    plain: list[GivenNames] = []


class NamesGiven(Strict):
    set: list[GivenNames] = []


class NamesFolding(Strict):
    class Letter(Rule):
        map: dict[str, str]

    class Marker(Pattern):
        scheme: str

    class Rewrite(Pattern):
        scheme: str | None = None
        replace: str

    letter: list[Letter] = []
    marker: list[Marker] = []
    rewrite: list[Rewrite] = []


class NamesScripts(Strict):
    class Letters(Rule):
        map: dict[str, str]

    cyrillic: list[Letters] = []
    greek: list[Letters] = []


class NamesTitles(Strict):
    class GivenNameTitle(Words):
        titled: str  # in the example: the titled name, another person than ``full``
        full: str

    title: list[Words] = []
    given_name_title: list[GivenNameTitle] = []


class PersonNouns(Rule):
    """The nouns that name a person, derived from WordNet by ``tools/build_person_nouns.py`` (generated)."""

    person: str
    """The name the example's noun makes a person's."""
    nouns: str = Field(pattern=r"^[a-z\s]*$")
    """The nouns, separated by white space."""


class PlacesSupplement(Strict):
    class Place(Rule):
        id: str
        name: str
        kind: str
        names: list[str] = []
        at: str | None = None
        course: list[str] = []
        countries: list[str] = []
        country: str | None = None
        weight: int | None = None
        lat: float | None = None
        lon: float | None = None
        source: str | None = None

    class Exonym(Rule):
        names: list[str]
        town: str
        language: str
        source: str

    place: list[Place] = []
    exonym: list[Exonym] = []


class PlaceTyping(Strict):
    class Locative(Words):
        min_population: int | None = None

    locative: list[Locative] = []
    organisation: list[Words] = []
    article_head: list[Words] = []


class QuoteCues(Strict):
    class Cue(Rule):
        expect: str
        quoted: str | None = None
        speaker: str | None = None

    class Introducer(Cue):
        pattern: str
        kind: str

    class LemmaCue(Cue):
        lemmas: list[str]

    class WordCue(Cue):
        words: list[str]

    class KinNoun(LemmaCue):
        relation: str
        gender: str
        entity: str

    class SpouseVerb(LemmaCue):
        entity: str

    introducer: list[Introducer] = []
    document_noun: list[LemmaCue] = []
    title_cue: list[WordCue] = []
    work_noun: list[LemmaCue] = []
    scare_cue: list[WordCue] = []
    person_noun: list[LemmaCue] = []
    kin_noun: list[KinNoun] = []
    answer_opening: list[WordCue] = []
    naming_verb: list[LemmaCue] = []
    spouse_verb: list[SpouseVerb] = []
    words_noun: list[LemmaCue] = []


class QuoteVerbs(Strict):
    class Group(Rule):
        kind: str
        lemmas: list[str]
        speaker: str
        beat: bool = False
        after_only: bool = False

    group: list[Group] = []


class TimeHolidays(Strict):
    class Holiday(Rule):
        """A fixed day (``date = "12-25"``), a weekday on or after a day (Thanksgiving), or a day from Easter."""

        date: str | None = None
        weekday: int | None = None
        on_or_after: str | None = None
        easter: int | None = None

    holiday: dict[str, Holiday] = {}


class TimePatterns(Strict):
    class TimeRule(Pattern):
        name: str
        kind: str
        type: str
        expect: str
        value: str | None = None
        week: bool = False
        event_name: str | None = None
        shift: int | None = None
        daypart: str | None = None
        timex_value: str | None = None
        parts: list[str] = []  # a range's two ends, as the example's words
        values: list[str] = []  # and their values
        history_only: bool = False
        moves_story: bool = True  # false: a time that names something (the Spring Offensive) is no reference
        count: int | None = None
        direction: str | None = None

    class Negative(Pattern):
        name: str
        when: str
        expect: str

    class Triggers(Strict):
        words: list[str]
        starters: list[str]

    sub: dict[str, str] = {}
    rule: list[TimeRule] = []
    negative: list[Negative] = []
    triggers: Triggers


class TimeVocab(Strict):
    month: dict[str, int] = {}
    month_abbr: dict[str, int] = {}
    weekday: dict[str, int] = {}
    weekday_abbr: dict[str, int] = {}
    season: dict[str, str] = {}
    number: dict[str, float | str] = {}
    ordinal: dict[str, int] = {}
    decade_word: dict[str, int] = {}
    unit: dict[str, str] = {}
    unit_adj: dict[str, str] = {}
    part: dict[str, dict[str, Any]] = {}
    event_relation: dict[str, str] = {}
    war_period: dict[str, str] = {}
    day_part: dict[str, str] = {}
    approx: dict[str, str] = {}
    frequency: dict[str, str] = {}
    year_part: dict[str, str] = {}
    year_century: dict[str, int] = {}
    duration_adjective: dict[str, str] = {}
    span_noun: dict[str, str] = {}
    ref_word: dict[str, str] = {}


class TimelineConflicts(Strict):
    class Example(Strict):
        events: list[tuple[str, str | None, str | None, str, str]]  # predicate, earliest, latest, place, document
        expect: list[str]

    once: list[str]
    death: str
    after_death: list[str]
    exclusive: list[str]
    narrow_days: int
    example: list[Example]
