"""The entities stage: mentions of people, places, organisations, groups, events, works and laws.

spaCy's named entities are mapped to the contract's types and corrected by a rule layer kept as data
(``data/entity_*.toml``): ranks and titles become attributes, known bodies and states win over spaCy's type,
patterns mark operations, battles, titled works, articles of a code and rivers, licence strings are no
entities, bibliography entries give their author, title and publisher, acronyms in parentheses and originals
in another script are tied to the mention before them. A string's type is settled over the whole text (a
surname spaCy once called a nation is a person when a rank precedes it elsewhere), and every other occurrence
of a settled name is a mention too.

The stage does not build entities: it leaves its mentions in ``ctx.notes["entities"]["mentions"]`` (a list of
:class:`Mention`) for the names stage, which clusters them into ``story.entities``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from chronologue.data import load_toml
from chronologue.model.story import Story
from chronologue.pipeline.context import Context

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Mention", "find_mentions", "gazetteer_place_id", "run"]

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
PRIORITY_RULE = 3
PRIORITY_SPACY = 1
PRIORITY_PROPAGATED = 0
_NAMED = frozenset({"PERSON", "PLACE"})
_ARTICLES = frozenset({"The", "A", "An"})
HEADING_ROLES = frozenset({"title", "heading", "kicker"})
NESTING_TYPES = frozenset({"ORG", "EVENT", "WORK", "LAW"})  # an outer span of these types may hold others
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "di", "da", "del", "la", "le", "du", "ibn", "bin"})
LEADING_ARTICLES = ("the ", "The ", "THE ")

_CYRILLIC_OR_GREEK_WORD = r"[А-ЯЁІЇЄҐЎΑ-ΩΆΈΉΊΌΎΏ][а-яёіїєґўʼ'’α-ωάέήίόύώϊϋΐΰς-]*"
_SCRIPT_RUN = re.compile(rf"{_CYRILLIC_OR_GREEK_WORD}(?:[ \u00a0]+{_CYRILLIC_OR_GREEK_WORD}){{0,3}}")
# "(NKVD)", "(BShPD)", or the last item of a parenthesis after an original: "(Белорусский штаб ..., BShPD)"
_ACRONYM = re.compile(r"\(\s*(?:[^()\n]{1,120}?,\s*)?([A-ZА-ЯЁ](?:[A-ZА-ЯЁ0-9&]|[a-zа-яё](?=[A-ZА-ЯЁ])){1,7})\s*\)")
_LOWER_SCRIPT_WORDS = re.compile(r"(?:[ \u00a0]+[а-яёіїєґўα-ωάέήίόύώϊϋΐΰς][а-яёіїєґўʼ'’α-ωάέήίόύώϊϋΐΰς-]*){1,6}")
_PAREN_NAME = re.compile(r"\(\s*([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)\s*\)")
_JUNK_PREFIX = re.compile(r"^.*[:“\"„«]\s*")
_TRAILING_JUNK = re.compile(r"(?:\s?['’][sS]|['’])?[\s.,;:!?\"”“»)(\[\]-]*$")
_HYPHEN_TAIL = re.compile(r"(?:-[\w’']+)+")
_LEAD = re.compile(r"\w+")
_WORD_ENDS_CLAUSE = re.compile(r"[.,;:!?…][\"'’”)]*$|[\"'’”)]$")
_INITIAL = re.compile(r"[^\W\d_]\.")
_NAME_TAIL = re.compile(r"(?:['’][sS])?[.,;:!?…\"'’”)]*$")
_VOCATIVE_AFTER = re.compile(r",\s+(?:you|we|I|do|don’t|don't|please|my dear|dear)\b")
_LINE = re.compile(r"[^\n]*\S[^\n]*")
_NAME_WORDS = re.compile(r"[\w'’.-]+(?:[ \u00a0]+[\w'’.-]+){0,3}")
_GAP_BEFORE_NAME = re.compile(r"[ \t\u00a0]*(?=[^\W\d_])")
_POS_ADJ, _POS_PROPN = 84, 96  # spacy.symbols.ADJ, spacy.symbols.PROPN (checked in tests)
_IOB_OUTSIDE = 2  # to_array(ENT_IOB): 1 inside, 2 outside, 3 begin
_TRAILING_YEAR = re.compile(r"\s+\d{3,4}$")
_WORD_BEFORE = re.compile(r"(?<![\w.-])([A-Z][\w'’-]+)[ \u00a0]+$")
_OF_CHAIN_BEFORE = re.compile(
    r"(?<![\w'’-])((?:[A-Z][\w'’-]+[ \u00a0]+){1,4}(?:of|for)[ \u00a0]+(?:the[ \u00a0]+)?)$"
)
_TWO_WORDS_BEFORE = re.compile(r"(?:(\w+)\s+)?(\w+)\s+(?:the\s+)?$")
_OF_TAIL = re.compile(
    r"(?:[ \u00a0]+(?:of|for)[ \u00a0]+(?:the[ \u00a0]+)?(?:[A-Z][\w'’-]+[ \u00a0]?){1,4}(?<! )){1,2}"
)
_OF_CHAIN_AFTER = re.compile(r"(?:[ \u00a0]+(?:the[ \u00a0]+)?[A-Z][\w'’-]+)(?:[ \u00a0]+[A-Z][\w'’-]+){0,3}")
_CAPITALISED_NAME = re.compile(r"[A-Z][\w'’-]+(?:[ \u00a0][A-Z][\w'’-]+){0,2}")
_PLACE_INSIDE = re.compile(r"\b(?:in|at|near)\s+([A-Z][\w'’]+(?:-[\w'’]+)*)")
_QUOTE_CHARS = "\"“”‘’'«»„"
_CLOSING_AFTER = re.compile(r"[.,;:!?]?\s?[\"”’'»]")
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|from|to|at|of|for|with|by|into|near|towards?|through|across)[ \u00a0]+$")
_WHO_AFTER = re.compile(r",?[ \u00a0]+(?:who|whom|whose)\b")
_POSSESSIVE_INSIDE = re.compile(r"['’]s[ \u00a0]+(?=[A-Z])")
_NO_NAME_BEFORE = frozenset({"the", "a", "an", "St", "Saint", "Ste", "San", "Santa", "Fort", "Lake", "Mount", "Port"})
_PRONOUNS = frozenset("I You He She It We They Me Him Her Us Them Thou Thee Ye".split())
_NAME_PART = re.compile(r"[A-Z][\w'’-]+")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’-])(?:[Tt]he|an?|An|A)[ \u00a0]+$")


@dataclass(eq=False)
class Mention:
    """One mention: a span of ``story.text`` with its type and what the rules learnt about it."""

    start: int
    end: int
    type: str
    source: str  # "spacy:LABEL", "rule:NAME", "known", "title", "bibliography:FIELD", "acronym", "script", "repeat"
    priority: int = PRIORITY_SPACY
    text: str = ""
    rank: str | None = None
    gender: str | None = None
    canonical: str | None = None  # the name of a known entry ("Soviet Union" for "USSR")
    alias_of: Mention | None = None  # an acronym or an original-script form of this mention
    role: str = "body"  # the paragraph role (body, bibliography, caption, ...)
    nested: bool = False  # may sit inside another mention
    relative: bool = False  # named as someone's kin or friend ("his brother Ivan Horvat"): a secondary person


# -- data ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rules:
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
        self.by_key: dict[str, list[str]] = {}
        for form in sorted(set(forms), key=len, reverse=True):
            self.by_key.setdefault(_lead(form), []).append(form)
        self.regex = re.compile(rf"(?<![\w-])(?:{_alternation(forms)})(?![\w-])") if forms else None

    def find(self, text: str, tokens: _Tokens | None) -> Iterator[tuple[int, int, str]]:
        """(start, end, form) of every occurrence, leftmost-longest, none inside a longer word."""
        if tokens is None:
            if self.regex is not None:
                for match in self.regex.finditer(text):
                    yield match.start(), match.end(), match.group()
            return
        taken = -1
        by_key = self.by_key
        for i, word in enumerate(tokens.words):
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


def _inside_word(text: str, start: int) -> bool:
    """A match starting at ``start`` begins inside a word (the regexes leave out a leading ``\\b`` for speed)."""
    return start > 0 and text[start].isalnum() and text[start - 1].isalnum()


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "-_"


@cache
def rules() -> _Rules:
    """The rule layer, read once from ``data/entity_*.toml``."""
    titles_data = load_toml("entity_titles.toml")
    titles: dict[str, tuple[str, str]] = {}
    for entry in titles_data["title"]:
        for word in entry["words"]:
            titles.setdefault(word, (entry["kind"], entry.get("gender", "")))
    known: dict[str, tuple[str, str]] = {}
    for entry in load_toml("entity_known.toml")["known"]:
        for form in entry["forms"]:
            known[form] = (entry["type"], entry["forms"][0])
    pattern_data = load_toml("entity_patterns.toml")
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
    for entry in load_toml("entity_groups.toml")["group"]:
        for form in entry["plural"]:
            plural.setdefault(form, entry["plural"][0])
        adjectives.update(entry["adjective"])
    return _Rules(
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
        locatives=locatives,
        gazetteer_locatives=frozenset(w for entry in pattern_data["gazetteer_locative"] for w in entry["words"]),
        place_nouns=frozenset(w for entry in pattern_data["place_nouns"] for w in entry["words"]),
        motion_words=frozenset(w for entry in pattern_data["motion_words"] for w in entry["words"]),
        institutions=frozenset(w for entry in pattern_data["institutions"] for w in entry["words"]),
        group_plural=plural,
        group_adjective=frozenset(adjectives),
        group_adjective_lower=frozenset(a.lower() for a in adjectives),
    )


# -- the gazetteer (another stage's module; used when present) ---------------------------------------------------


def _gazetteer_knows(name: str) -> bool:
    """Whether the gazetteer (the places helper's module) knows ``name`` as a notable place; False without it."""
    global _gazetteer_broken
    if _gazetteer_broken:
        return False
    try:
        from chronologue.lib.gazetteer import is_known_place

        return bool(is_known_place(name))
    except Exception:  # noqa: BLE001 - another module's failure must not break recognition
        _gazetteer_broken = True
        return False


_gazetteer_broken = False


@lru_cache(maxsize=4096)
def _gazetteer_best(name: str) -> Any:
    """The gazetteer's best candidate for ``name`` (any size of place), or None (also without the gazetteer)."""
    global _gazetteer_broken
    if _gazetteer_broken:
        return None
    try:
        from chronologue.lib.gazetteer import lookup

        ranked = lookup(name)
    except Exception:  # noqa: BLE001 - another module's failure must not break recognition
        _gazetteer_broken = True
        return None
    return ranked[0] if ranked else None


@lru_cache(maxsize=4096)
def gazetteer_place_id(name: str) -> str | None:
    """The gazetteer id of a notable place's name (``Kiev`` and ``Kyiv`` share one), else None."""
    if not _gazetteer_knows(name):
        return None
    best = _gazetteer_best(name)
    return best.source_id if best is not None else None


def _is_country(name: str) -> bool:
    """Whether the gazetteer's best reading of ``name`` is a country (``Belarus``), by its own name."""
    best = _gazetteer_best(name)
    return best is not None and best.kind == "country" and best.main_name


@lru_cache(maxsize=4096)
def _is_known_given(word: str) -> bool:
    """A word of the identity library's given-name tables, whether or not a place bears it too."""
    try:
        from chronologue.lib.identity.given_names import is_known_given
    except Exception:  # noqa: BLE001 - the identity helper's module; recognition works without it
        return False
    return bool(is_known_given(word))


@lru_cache(maxsize=4096)
def _is_given_name(word: str) -> bool:
    """A word of the identity library's given-name tables that is no notable place (``Zofia``, not ``Florence``)."""
    if not word[:1].isupper() or not word.isalpha() or len(word) < 3:
        return False
    try:
        from chronologue.lib.identity.given_names import is_known_given
    except Exception:  # noqa: BLE001 - the identity helper's module; recognition works without it
        return False
    return bool(is_known_given(word)) and not _gazetteer_knows(word)


# -- span helpers ------------------------------------------------------------------------------------------------


class _Roles:
    """Paragraph role at an offset (``body`` when the layout stage gave none)."""

    def __init__(self, story: Story) -> None:
        paragraphs = sorted(story.structure.paragraphs, key=lambda p: p.start)
        self.starts = [p.start for p in paragraphs]
        self.paragraphs = paragraphs

    def at(self, offset: int) -> str:
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return self.paragraphs[i].role
        return "body"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip junk before a colon or an opening quote, a leading article, a possessive and trailing punctuation."""
    span = text[start:end]
    junk = _JUNK_PREFIX.match(span)
    if junk and junk.end() < len(span):
        start += junk.end()
    while start < end and not text[start].isalnum():
        start += 1
    for article in LEADING_ARTICLES:
        if text.startswith(article, start) and end - start > len(article):
            start += len(article)
            break
    tail = _TRAILING_JUNK.search(text, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    return start, end


def _cut_list(text: str, start: int, end: int) -> tuple[int, int]:
    """A name ends before a comma or a year spaCy ran into ("Chełm, Kovalenko", "Wydawnictwo Literackie 1991")."""
    comma = text.find(",", start, end)
    if comma > start:
        end = comma
    year = _TRAILING_YEAR.search(text, start, end)
    if year and year.start() > start:
        end = year.start()
    return start, end


def _extend_hyphenated(text: str, start: int, end: int) -> int:
    """Extend a span over a hyphenated tail: ``Brest`` in ``Brest-on-the-Bug`` becomes the whole name."""
    if end < len(text) and text[end] == "-":
        tail = _HYPHEN_TAIL.match(text, end)
        if tail:
            return tail.end()
    return end


def _capitalised_words(words: list[str], titles: dict[str, Any] | frozenset[str] = frozenset()) -> int:
    """How many leading words form a name (capitalised, or particles between capitalised words); a title ends it."""
    count = 0
    for i, word in enumerate(words):
        if i > 0 and word in titles:
            break
        if word[:1].isupper():
            count = i + 1
            if _WORD_ENDS_CLAUSE.search(word) and not _INITIAL.fullmatch(word):
                break  # a clause ends here ("Ivan Petrov.", "Hilbery.’"); an initial ("A.") does not
            if word.endswith(("'s", "’s")):
                break  # "Mrs Gildea's London flat": the owner's name ends at the possessive
        elif word not in NAME_PARTICLES:
            break
    return count


# -- the parse as plain lists (iterating spaCy tokens costs more than all the rules) --------------------------------


def _signed(value: int) -> int:
    """A spaCy hash as ``to_array(...).astype(int64)`` shows it."""
    return value - (1 << 64) if value >= 1 << 63 else value


class _Tokens:
    """Columns of the parse: offsets, words, parts of speech, dependencies, heads, entity and sentence flags."""

    def __init__(self, doc: Doc, text: str) -> None:
        from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_TITLE, LEMMA, LENGTH, POS, SENT_START, TAG

        columns = doc.to_array([IDX, LENGTH, POS, TAG, DEP, HEAD, LEMMA, ENT_IOB, ENT_TYPE, IS_TITLE, SENT_START])
        (
            self.idx,
            self.length,
            self.pos,
            self.tag,
            self.dep,
            self.head,
            self.lemma,
            self.ent_iob,
            self.ent_type,
            self.is_title,
            self.sent_start,
        ) = columns.astype("int64").T.tolist()
        self.words = [text[i : i + n] for i, n in zip(self.idx, self.length, strict=True)]
        self.by_offset = {offset: i for i, offset in enumerate(self.idx)}
        strings = doc.vocab.strings
        self.code = lambda name: _signed(strings[name])

    def __len__(self) -> int:
        return len(self.idx)


# -- candidate finders -------------------------------------------------------------------------------------------


class _Finder:
    """Collects candidate mentions of one story from every source, then settles overlaps and types."""

    def __init__(self, story: Story, doc: Doc | None) -> None:
        self.story = story
        self.text = story.text
        self.doc = doc
        self.rules = rules()
        self.roles = _Roles(story)
        self.candidates: list[Mention] = []
        self.titled: list[Mention] = []
        self._spacy_people: set[tuple[int, int]] | None = None
        self._spacy_places: set[str] | None = None
        self._text_given: set[str] | None = None
        self._lower_words: frozenset[str] | None = None
        self.blocked = self._negative_spans()
        self.spacy_spans: list[tuple[int, int, str]] = []
        self.tokens: _Tokens | None = None
        if doc is not None:
            self.spacy_spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            self.tokens = _Tokens(doc, self.text)
        self.spacy_starts = [span[0] for span in self.spacy_spans]

    def _negative_spans(self) -> list[tuple[int, int]]:
        """Sorted, merged spans of text that is never an entity (licences, chapter headings)."""
        spans = []
        for regex, needs in self.rules.negatives:
            if needs and not any(word in self.text for word in needs):
                continue
            spans.extend(m.span() for m in regex.finditer(self.text) if not _inside_word(self.text, m.start()))
        spans.sort()
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def add(self, start: int, end: int, type_: str, source: str, priority: int = PRIORITY_RULE, **kw: Any) -> Mention:
        mention = Mention(start, end, type_, source, priority, self.text[start:end], **kw)
        self.candidates.append(mention)
        return mention

    def is_blocked(self, start: int, end: int) -> bool:
        return _overlaps_any(self.blocked, start, end)

    def phrases(self) -> None:
        """Known bodies, states and events; nationalities used as nouns; people after a rank or title."""
        rules = self.rules
        for start, end, form in rules.phrases.find(self.text, self.tokens):
            if form in rules.known:
                type_, canonical = rules.known[form]
                self.add(start, end, type_, "known", canonical=canonical)
            elif form in rules.group_plural:
                if form not in rules.group_adjective or not self._adjective_at(start):
                    self.add(start, end, "GROUP", "group", canonical=rules.group_plural[form])
            if form in rules.titles:
                self._titled_person(start, end, form)

    def _adjective_at(self, start: int) -> bool:
        tokens = self.tokens
        i = tokens.by_offset.get(start) if tokens else None
        if tokens is None or i is None:
            return bool(re.match(r"[\w-]+\s+[a-z]", self.text[start : start + 60]))  # "German tanks"
        return tokens.pos[i] == _POS_ADJ or tokens.dep[i] in (tokens.code("amod"), tokens.code("compound"))

    # a capitalised name spaCy missed after "in", "near", "towards": a place
    def locative_places(self) -> None:
        tokens = self.tokens
        if tokens is None:
            return
        words, n = tokens.words, len(tokens)
        locatives, not_places = self.rules.locatives, self.rules.not_places
        dates = {tokens.code("DATE"), tokens.code("TIME")}
        for i in range(1, n - 1):
            word = words[i]
            if word not in locatives and not (word[:1].isupper() and word.lower() in locatives):
                continue
            k = i + 1
            if not tokens.is_title[k] or tokens.pos[k] != _POS_PROPN or words[k] in self.rules.titles:
                continue
            if tokens.ent_iob[k] != _IOB_OUTSIDE and (tokens.ent_type[k] not in dates or words[k] in not_places):
                continue  # spaCy named it (or it is "June"); a name it called a date ("in Winnipeg") is a place
            last = k
            while last + 1 < n and tokens.pos[last + 1] == _POS_PROPN and tokens.is_title[last + 1]:
                last += 1
            start = tokens.idx[k]
            end = _extend_hyphenated(self.text, start, tokens.idx[last] + tokens.length[last])
            if self.text.startswith(("'s", "’s"), end):
                continue
            self.add(start, end, "PLACE", "rule:locative", PRIORITY_SPACY)

    def given_name_runs(self) -> None:
        """A given name of the tables and the capitalised names after it that spaCy left unnamed: a person.

        ``Caroline Meeber boarded the train``, ``Caroline, or Sister Carrie``: the tagger calls the words proper
        nouns but the recogniser gives them no entity. A notable place's name (``Florence``) or a title is not
        taken; nor a run the names of a body or a place end.
        """
        tokens = self.tokens
        if tokens is None:
            return
        words, n, pos, is_title, iob = tokens.words, len(tokens), tokens.pos, tokens.is_title, tokens.ent_iob
        titles, org_words, place_words = self.rules.titles, self.rules.org_words, self.rules.place_words
        unnamed = [i for i, tag in enumerate(pos) if tag == _POS_PROPN and iob[i] == _IOB_OUTSIDE and is_title[i]]
        taken = -1
        for i in unnamed:
            if i <= taken:
                continue
            before = words[i - 1] if i > 0 else ""
            if words[i] in titles or before in titles or before.rstrip(".") in _NO_NAME_BEFORE or not (
                words[i].isalpha() and len(words[i]) > 2 and _is_known_given(words[i])
            ):
                continue  # "the Dane", "St. Peter's"; a title before a name is the title rule's
            last = i
            while (
                last + 1 < n
                and last - i < 2
                and tokens.pos[last + 1] == _POS_PROPN
                and tokens.is_title[last + 1]
                and tokens.ent_iob[last + 1] == _IOB_OUTSIDE
                and words[last + 1].isalpha()
            ):
                last += 1
            start, end = tokens.idx[i], tokens.idx[last] + tokens.length[last]
            if any(w in org_words or w in place_words or w in titles for w in words[i + 1 : last + 1]):
                pass
            elif not _gazetteer_knows(self.text[start:end]):  # "Caroline Meeber", not "Florence" the city
                self.add(start, end, "PERSON", "rule:given_name", PRIORITY_SPACY)
            taken = last

    def heading_places(self) -> None:
        """Known places in short headings, which spaCy often leaves unparsed ("Above the Volga").

        Not the heading's first word, and not a word the text also writes in lower case ("Reading", "Nice").
        """
        tokens = self.tokens
        if tokens is None:
            return
        headings = [p for p in self.story.structure.paragraphs if p.role in HEADING_ROLES and p.end - p.start <= 100]
        if not headings:
            return
        words = tokens.words
        lower = {lemma for word, lemma in zip(words, tokens.lemma, strict=True) if word.islower()}

        def capitalised(k: int) -> bool:
            return words[k][:1].isupper() and words[k].isalpha()

        for paragraph in headings:
            first = bisect_left(tokens.idx, paragraph.start)
            last = bisect_left(tokens.idx, paragraph.end)
            k = first + 1
            while k < last:
                if not capitalised(k) or capitalised(k - 1) and k - 1 > first:
                    k += 1
                    continue
                run = k
                while run + 1 < last and capitalised(run + 1):
                    run += 1
                if run - k < 3 and (run > k or tokens.code(words[k].lower()) not in lower):
                    start, end = tokens.idx[k], tokens.idx[run] + tokens.length[run]
                    if _gazetteer_knows(self.text[start:end]):  # the whole run of capitals, a name of its own
                        self.add(start, end, "PLACE", "rule:heading", PRIORITY_SPACY)
                k = run + 1

    def subjects(self) -> tuple[list[int], list[int]]:
        """Offsets of tokens that are the subject of a speech verb (``said Turkey``), and of any verb or owner."""
        speakers: list[int] = []
        actors: list[int] = []
        tokens = self.tokens
        if tokens is None:
            return speakers, actors
        nsubj, poss = tokens.code("nsubj"), tokens.code("poss")
        speech = {tokens.code(v) for v in self.rules.speech_verbs}
        for i, dep in enumerate(tokens.dep):
            if dep == nsubj or dep == poss:
                actors.append(tokens.idx[i])
                if dep == nsubj and tokens.lemma[i + tokens.head[i]] in speech:
                    speakers.append(tokens.idx[i])
        return speakers, actors

    # pattern rules
    def patterns(self) -> None:
        for name, type_, regex, keep_person, needs, place_check in self.rules.patterns:
            if needs and not any(word in self.text for word in needs):
                continue
            for match in regex.finditer(self.text):
                if _inside_word(self.text, match.start()):
                    continue
                if place_check and not self._names_place(match.group("place")):
                    continue
                group = next((g for g in ("name", "name2") if g in regex.groupindex and match.group(g)), None)
                start, end = match.span(group) if group else match.span()
                start, end = _trim(self.text, start, end) if type_ != "WORK" else (start, end)
                if end <= start:
                    continue
                if keep_person and self._spacy_person_is(start, end) and not self._has_org_word(start, end):
                    type_here = "PERSON"
                else:
                    type_here = type_
                self.add(start, end, type_here, f"rule:{name}")
                if "place" in regex.groupindex and match.group("place"):
                    self.add(*match.span("place"), "PLACE", f"rule:{name}", nested=True)

    def _titled_person_in(self, start: int, end: int) -> bool:
        return any(m.source == "title" and start <= m.start < end for m in self.titled)

    def _has_org_word(self, start: int, end: int) -> bool:
        return any(word in self.rules.org_words for word in self.text[start:end].split())

    def _spacy_person_is(self, start: int, end: int) -> bool:
        """spaCy called this very span (give or take an article) a person: a photographer's credit."""
        if self._spacy_people is None:
            self._spacy_people = {_trim(self.text, a, b) for a, b, label in self.spacy_spans if label == "PERSON"}
        return (start, end) in self._spacy_people

    # ranks and titles before a name
    def _titled_person(self, title_start: int, title_end: int, title: str) -> None:
        """The capitalised words after a rank or title are a person; the title becomes an attribute."""
        text = self.text
        gap = _GAP_BEFORE_NAME.match(text, title_end)
        if gap is None or (gap.end() == title_end and not title.endswith(".")):
            return
        name_start = gap.end()
        words = _NAME_WORDS.match(text, name_start, name_start + 80)
        if not words:
            return
        parts = words.group().split()
        count = _capitalised_words(parts, self.rules.titles)
        if count == 0 or parts[0].rstrip(".,;:") in self.rules.not_names or parts[0] in self.rules.org_words:
            return
        if parts[0] in self.rules.titles or parts[0].rstrip(".,;:") in self.rules.address:
            return  # "the Reverend Mr. Kronborg": the next title names the person
        name = " ".join(parts[:count])
        name = name[: len(name) - len(_NAME_TAIL.search(name).group())]
        end = name_start + len(name)
        if self._inside_other_spacy_span(title_start, end):
            return
        gender = self.rules.titles[title][1]
        self.titled.append(self.add(name_start, end, "PERSON", "title", rank=title, gender=gender or None))

    def _inside_other_spacy_span(self, start: int, end: int) -> bool:
        """A longer spaCy span other than a person holds the title and the name ("General Motors Company")."""
        i = bisect_right(self.spacy_starts, start) - 1
        if i < 0:
            return False
        a, b, label = self.spacy_spans[i]
        return label not in ("PERSON", "NORP") and a <= start and end < b

    # bibliography entries: author, title, publisher, place
    def bibliography(self) -> None:
        try:
            from chronologue.lib.bibliography import parse_entry
        except Exception:  # noqa: BLE001 - the lead's parser; recognition works without it
            return
        for paragraph in self.story.structure.paragraphs:
            if paragraph.role != "bibliography":
                continue
            for line in _LINE.finditer(self.text, paragraph.start, paragraph.end):
                self._bibliography_entry(parse_entry, line.start(), line.end())

    def _bibliography_entry(self, parse_entry: Any, start: int, end: int) -> None:
        """One entry (a line of a bibliography paragraph): author, title, publisher and place become mentions."""
        try:
            entry = parse_entry(self.text, start, end)
        except Exception:  # noqa: BLE001
            return
        if entry.author:
            self._authors(entry.author.start, entry.author.end)
        if entry.title:
            self.add(entry.title.start, entry.title.end, "WORK", "bibliography:title")
        if entry.publisher:
            self.add(entry.publisher.start, entry.publisher.end, "ORG", "bibliography:publisher")
        if entry.place:
            self.add(entry.place.start, entry.place.end, "PLACE", "bibliography:place")

    def _authors(self, start: int, end: int) -> None:
        for part in re.finditer(r"[^;&]+?(?=\s*(?:;|&|\band\b|$))", self.text[start:end]):
            a, b = _trim(self.text, start + part.start(), start + part.end())
            words = self.text[a:b].split()
            if not words or len(words) > 6 or any(ch.isdigit() for ch in self.text[a:b]):
                continue
            type_ = "ORG" if any(w in self.rules.org_words for w in words) else "PERSON"
            self.add(a, b, type_, "bibliography:author")

    # spaCy's entities, cleaned
    def spacy(self) -> None:
        text = self.text
        previous_org: tuple[int, int, list[str]] | None = None
        for start, end, label in self.spacy_spans:
            type_ = SPACY_TYPES.get(label)
            if type_ is None:
                continue
            start, end = _trim(text, start, end)
            newline = text.find("\n", start, end)
            if newline > start:  # a name never runs over a line: "The Forest War\n\nAbove the Volga"
                start, end = _trim(text, start, newline)
            if type_ in ("PLACE", "PERSON", "ORG"):
                start, end = _cut_list(text, start, end)
            if end <= start or not any(ch.isupper() for ch in text[start:end]):
                continue
            if type_ in ("PLACE", "PERSON", "ORG"):
                end = _extend_hyphenated(text, start, end)
            if type_ == "PERSON":
                start = _skip_lower_lead(text, start, end)  # "over this great demesne Buck ruled"
                owner = _POSSESSIVE_INSIDE.search(text, start, end)
                if owner is not None:
                    end = owner.start()  # "Gildea's London": the owner is the person
                start = self._place_before_full_name(start, end)
            elif type_ == "WORK" and not _enclosed_in_quotes(text, start, end):
                if self._loose_work(start, end):
                    continue
            words = text[start:end].split()
            if type_ != "WORK" and self._coordinated_places(start, end, words, label):
                continue
            if type_ in ("PERSON", "ORG") and 2 <= len(words) <= 3 and _is_country(words[0]):
                if any(w in self.rules.org_words or not w[:1].isupper() for w in words[1:]):
                    pass  # "Poland Railways" is a body
                else:  # "after the liberation of Belarus Lavrenko returned": a country, then a surname
                    self.add(start, start + len(words[0]), "PLACE", f"spacy:{label}", PRIORITY_SPACY)
                    start = _GAP_BEFORE_NAME.match(text, start + len(words[0])).end()
                    words = words[1:]
                    type_ = "PERSON"
            quoted = start > 0 and text[start - 1] in "\"“‘'«„"
            if type_ in ("ORG", "WORK", "MISC", "PLACE") and not quoted and self._is_full_name(start, end, words):
                type_ = "PERSON"  # "Kazimierz Sosnkowski" as an organisation: a given name and a surname
            if type_ == "PERSON":
                start = self._given_name_before(start)
                words = text[start:end].split()
            elif type_ == "ORG":
                start = self._of_chain_before(start)
                end = self._of_chain_after(end, words)
                words = text[start:end].split()
            if words and words[0] in self.rules.titles and self._titled_person_in(start, end):
                continue  # the title rule marks the name after the title ("Engineer Petro Kravets")
            if type_ == "GROUP":
                group = self._group(start, end)
                if group is None:
                    continue
                type_ = group
            if type_ != "WORK" and any(w in self.rules.org_words for w in words[1:] + words[:1]):
                type_ = "ORG" if type_ in ("PERSON", "PLACE", "MISC", "GROUP", "ORG") else type_
            if type_ in ("ORG", "EVENT", "MISC", "PLACE") and len(words) > 1 and words[-1] in self.rules.law_words:
                type_ = "LAW"
            if type_ in ("PERSON", "ORG", "MISC") and len(words) > 1 and {words[0], words[-1]} & self.rules.place_words:
                type_ = "PLACE"
            self.add(start, end, type_, f"spacy:{label}", PRIORITY_SPACY)
            if type_ in ("ORG", "EVENT"):
                self._place_inside(start, end)
            if type_ == "ORG":
                self._joined_bodies(previous_org, start, end, words)
                previous_org = (start, end, words)

    def _place_before_full_name(self, start: int, end: int) -> int:
        """``at Freetown John Clayton``: a known place's name run into a full name is a place; the person follows.

        Only when the second word is a given name of the tables and the first is no given name or title.
        """
        words = self.text[start:end].split()
        if len(words) < 3 or not _is_known_given(words[1]) or _is_known_given(words[0]):
            return start
        if words[0] in self.rules.titles or words[0] in NAME_PARTICLES or not _gazetteer_knows(words[0]):
            return start
        self.add(start, start + len(words[0]), "PLACE", "spacy:PERSON", PRIORITY_SPACY)
        return _GAP_BEFORE_NAME.match(self.text, start + len(words[0])).end()

    def _loose_work(self, start: int, end: int) -> bool:
        """A span spaCy called a title that no quotation marks enclose and that reads as speech, not a title.

        ``True, Florence``, ``You and Florence``, ``doing his duty``, a bare ``Love``: no title starts in lower
        case, with a pronoun, or holds a comma, and a single word the text also writes in lower case is a common
        noun. The names in it (after the comma, around ``and``) are offered as persons; the rest is dropped.
        Returns True when the span is no work.
        """
        text = self.text
        span = text[start:end]
        words = span.split()
        if not words:
            return True
        first = words[0].strip(_QUOTE_CHARS)
        loose = (
            not first[:1].isupper()
            or first in _PRONOUNS
            or "," in span
            or span.rstrip()[-1:] in ",;"
            or (len(words) == 1 and first.lower() in self.lower_words)
        )
        if not loose:
            return False
        for match in _NAME_PART.finditer(text, start, end):
            name = match.group()
            if name in _PRONOUNS or name.lower() in self.lower_words:
                continue
            if match.start() == start:  # "Curtis and Good"; not "True" of "True, Florence"
                offered = " and " in span and "," not in span
            else:
                offered = text[max(start, match.start() - 5) : match.start()].endswith((", ", "and "))
            if offered:
                self.add(match.start(), match.end(), "PERSON", "spacy:WORK_OF_ART", PRIORITY_SPACY)
        return True

    @property
    def lower_words(self) -> frozenset[str]:
        """The words the text writes in lower case (common nouns, verbs: ``family``, ``love``), read once."""
        if self._lower_words is None:
            words = self.tokens.words if self.tokens is not None else _LOWER_WORD.findall(self.text)
            self._lower_words = frozenset(filter(str.islower, words))
        return self._lower_words

    def _coordinated_places(self, start: int, end: int, words: list[str], label: str) -> bool:
        """``Polesie and Naliboki`` as one span: two places when one of them is a known place (added here)."""
        if "and" not in words or len(words) > 5 or any(w in self.rules.org_words for w in words):
            return False
        at = words.index("and")
        left, right = " ".join(words[:at]), " ".join(words[at + 1 :])
        if not left or not right or not (_is_capitalised_name(left) and _is_capitalised_name(right)):
            return False
        known = _gazetteer_knows(left) + _gazetteer_knows(right)
        if known == 0 or label == "PERSON" and known < 2:
            return False  # "Harris and Florence" as one person: only two notable places are no couple
        right_start = self.text.index(right, start + len(left))
        self.add(start, start + len(left), "PLACE", f"spacy:{label}", PRIORITY_SPACY)
        self.add(right_start, right_start + len(right), "PLACE", f"spacy:{label}", PRIORITY_SPACY)
        return True

    def _given_name_before(self, start: int) -> int:
        """``Anatoly`` before ``Petrovich Lavrenko``: a given name just before a person's span is its start."""
        before = _WORD_BEFORE.search(self.text, max(0, start - 40), start)
        if before is None or before.group(1) in self.rules.titles:
            return start
        if before.group(1) in self.given_names_of_text or _is_given_name(before.group(1)):
            return before.start(1)
        return start

    @property
    def given_names_of_text(self) -> set[str]:
        """First words of the text's full names (``Władysław`` of ``Władysław Anders``), read once."""
        if self._text_given is None:
            self._text_given = set()
            spans = [(a, b) for a, b, label in self.spacy_spans if label == "PERSON"]
            for start, end in spans + [(m.start, m.end) for m in self.titled]:
                words = self.text[start:end].split()
                if len(words) >= 2 and words[0].isalpha() and words[0][:1].isupper():
                    self._text_given.add(words[0])
            rules = self.rules
            self._text_given = {
                word
                for word in self._text_given
                if word not in rules.group_adjective and word not in rules.titles and not _gazetteer_knows(word)
            }
        return self._text_given

    def _of_chain_before(self, start: int) -> int:
        """``Central Staff of the`` before ``Partisan Movement``: an organisation's name is kept whole."""
        chain = _OF_CHAIN_BEFORE.search(self.text, max(0, start - 120), start)
        if chain is None:
            return start
        words = chain.group(1).split()
        if any(w in self.rules.titles for w in words):
            return start  # "Commander of the Red Army": a title, not a part of the name
        return chain.start(1)

    def _of_chain_after(self, end: int, words: list[str]) -> int:
        """An organisation's name cut before its ``of`` tail is kept whole.

        ``the Lithuanian Office of`` ends with the capitalised words after it; ``State Museum`` (a body's word last)
        runs on over ``of the History of the Great War``.
        """
        if not words:
            return end
        if words[-1] in ("of", "for", "the"):
            tail = _OF_CHAIN_AFTER.match(self.text, end)
            return tail.end() if tail else end
        if words[-1] in self.rules.org_words or words[-1] in self.rules.not_names:
            tail = _OF_TAIL.match(self.text, end)
            return tail.end() if tail else end
        return end

    def _joined_bodies(
        self, previous: tuple[int, int, list[str]] | None, start: int, end: int, words: list[str]
    ) -> None:
        """``the Polish Institute and Sikorski Museum``: two bodies' names joined by ``and`` under one article."""
        if previous is None or len(words) < 2 or words[-1] not in self.rules.org_words:
            return
        a, b, first = previous
        if len(first) < 2 or first[-1] not in self.rules.org_words or self.text[b:start] != " and ":
            return
        if self.text[max(0, a - 4) : a] not in ("the ", "The "):
            return
        self.add(a, end, "ORG", "rule:joined_bodies", PRIORITY_SPACY)

    def _is_full_name(self, start: int, end: int, words: list[str]) -> bool:
        """Two or three capitalised words starting with a given name, with no word of a body or a place."""
        if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
            return False
        if any(w in self.rules.org_words or w in self.rules.place_words or w in self.rules.known for w in words):
            return False
        first = words[0]
        if first not in self.given_names_of_text and not _is_given_name(first):
            return False
        if words[-1].lower() in self.lower_words or _after_article(self.text, start):
            return False  # "the Happy Family": a common noun after a nickname, no surname
        return not _gazetteer_knows(self.text[start:end])

    def _names_place(self, name: str) -> bool:
        """A place the gazetteer knows, or one spaCy called a place; never a nationality (``Soviet offensive``)."""
        if name in self.rules.group_adjective or name in self.rules.known and self.rules.known[name][0] != "PLACE":
            return False
        if _gazetteer_knows(name):
            return True
        if self._spacy_places is None:
            self._spacy_places = {self.text[a:b] for a, b, label in self.spacy_spans if label in ("GPE", "LOC")}
        return name in self._spacy_places

    def _place_inside(self, start: int, end: int) -> None:
        """``the Military Station in Peenemünde``: the name after in/at/near inside an ORG is a nested place."""
        for match in _PLACE_INSIDE.finditer(self.text, start, end):
            if match.end() == end or not self.text[match.end()].isalnum():
                self.add(match.start(1), match.end(1), "PLACE", "rule:place_inside", PRIORITY_SPACY, nested=True)

    def _group(self, start: int, end: int) -> str | None:
        """GROUP for a nominal nationality, None for a bare adjective; ``NORP?`` when spaCy's NORP is unknown."""
        span = self.text[start:end]
        if span in self.rules.group_plural:
            if span in self.rules.group_adjective and self._adjective_at(start):
                return None
            return "GROUP"
        if span.lower() in self.rules.group_adjective_lower:
            return None
        if span.endswith("s") and span[:-1] in self.rules.group_adjective:
            return "GROUP"
        return "NORP?"

    # acronyms in parentheses and originals in another script
    def parenthesised(self, accepted: list[Mention]) -> list[Mention]:
        """Acronyms ``(ROA)`` and originals ``(Пётр Палий)`` after a mention: new mentions tied to it."""
        by_end: dict[int, Mention] = {}
        for mention in accepted:
            current = by_end.get(mention.end)
            if current is None or mention.end - mention.start > current.end - current.start:
                by_end[mention.end] = mention
        added: list[Mention] = []
        text = self.text
        for match in _ACRONYM.finditer(text):
            before = by_end.get(_end_before(text, match.start()))
            target = before.alias_of or before if before else None
            if target is None:
                target = self._capitalised_run_before(match.start())
                if target is None:
                    continue
                added.append(target)
            acronym = Mention(match.start(1), match.end(1), target.type, "acronym", PRIORITY_RULE, match.group(1))
            acronym.alias_of = target
            added.append(acronym)
        taken = -1
        for match in _SCRIPT_RUN.finditer(text):
            if match.start() < taken:
                continue
            opening = text.rfind("(", max(0, match.start() - 3), match.start())
            before = by_end.get(_end_before(text, opening)) if opening >= 0 else None
            if before is None and opening >= 0 and len(match.group().split()) >= 2:
                before = self._name_before_original(opening, len(match.group().split()))
                if before is not None:
                    added.append(before)
            type_ = before.type if before else ("PERSON" if len(match.group().split()) >= 2 else "MISC")
            end = match.end()
            if before is not None and type_ in NESTING_TYPES:  # "Белорусский штаб партизанского движения"
                lower = _LOWER_SCRIPT_WORDS.match(text, end)
                end = lower.end() if lower else end
                taken = end
            original = Mention(match.start(), end, type_, "script", PRIORITY_RULE, text[match.start() : end])
            original.alias_of = (before.alias_of or before) if before else None
            added.append(original)
        added.extend(self._alternate_place_names(by_end))
        added.extend(self._other_names(by_end))
        return added

    def _other_names(self, by_end: dict[int, Mention]) -> Iterator[Mention]:
        """``Prudence Cowley, known to her friends as "Tuppence"``, ``Jan Nowak, nom de guerre "Zych"``: another name
        of the person just named, tied to them."""
        for end, person in by_end.items():
            if person.type != "PERSON":
                continue
            for cue in self.rules.alias_cues:
                match = cue.match(self.text, end)
                if match is not None:
                    alias = Mention(match.start("alias"), match.end("alias"), "PERSON", "alias", PRIORITY_RULE,
                                    match.group("alias"))
                    alias.alias_of = person.alias_of or person
                    yield alias
                    break

    def _alternate_place_names(self, by_end: dict[int, Mention]) -> Iterator[Mention]:
        """``Lemberg (Lwów)``: a name in brackets after a place that the gazetteer resolves to the same place."""
        text = self.text
        for match in _PAREN_NAME.finditer(text):
            before = by_end.get(_end_before(text, match.start()))
            if before is None or before.type not in ("PLACE", "PERSON", "ORG", "MISC"):
                continue
            if before.type != "PLACE" and not _gazetteer_knows(before.text):
                continue
            place, alternate = _gazetteer_best(before.text), _gazetteer_best(match.group(1))
            if place is None or alternate is None or place.source_id != alternate.source_id:
                continue
            before.type = "PLACE"  # two names of one place, whatever spaCy called the first
            mention = Mention(match.start(1), match.end(1), "PLACE", "alternate", PRIORITY_RULE, match.group(1))
            mention.alias_of = before.alias_of or before
            yield mention

    def _name_before_original(self, paren: int, words: int) -> Mention | None:
        """``Eleni Papadopoulou (Ελένη Παπαδοπούλου)`` that spaCy missed: as many capitalised words right before the
        bracket as the original has words name the person the original writes in its own script."""
        head = self.text[max(0, paren - 80) : paren].rstrip()
        run = re.search(rf"(?<![\w'’-])((?:[A-Z][\w'’-]+\s+){{{words - 1}}}[A-Z][\w'’-]+)$", head)
        if not run:
            return None
        end = paren - (len(self.text[max(0, paren - 80) : paren]) - len(head))
        start = end - len(run.group(1))
        if self.text[start:end].split()[0] in self.rules.not_names:
            return None
        return Mention(start, end, "PERSON", "script", PRIORITY_RULE, self.text[start:end])

    def _capitalised_run_before(self, paren: int) -> Mention | None:
        """``Ukrainian Insurgent Army (UPA)`` without any mention before it: the capitalised words become an ORG."""
        head = self.text[max(0, paren - 120) : paren].rstrip()
        run = re.search(r"((?:[A-Z][\w'’-]+\s+(?:(?:of|for|and|the)\s+)*){1,6}[A-Z][\w'’-]+)$", head)
        if not run or len(run.group(1).split()) < 2:
            return None
        end = paren - (len(self.text[max(0, paren - 120) : paren]) - len(head))
        start = end - len(run.group(1))
        start, end = _trim(self.text, start, end)
        return Mention(start, end, "ORG", "acronym", PRIORITY_RULE, self.text[start:end])


def _skip_lower_lead(text: str, start: int, end: int) -> int:
    """The start of a person's name after the lower-case words a span swallowed (``demesne Buck``, ``this Hester``).

    Name particles (``von``, ``de``) stay.
    """
    while True:
        space = text.find(" ", start, end)
        if space < 0:
            return start
        word = text[start:space]
        if not word[:1].islower() or word in NAME_PARTICLES or not text[space + 1 : end][:1].isupper():
            return start
        start = space + 1


def _after_article(text: str, start: int) -> bool:
    """An article right before the span: ``the Happy Family``, ``a Native Son`` name no one person."""
    return _ARTICLE_BEFORE.search(text, max(0, start - 5), start) is not None


def _enclosed_in_quotes(text: str, start: int, end: int) -> bool:
    """A quotation mark right before the span and right after it (trailing punctuation allowed): a quoted title."""
    before = text[max(0, start - 2) : start].rstrip()
    after = _CLOSING_AFTER.match(text, end)
    return bool(before) and before[-1] in _QUOTE_CHARS and after is not None


def _is_capitalised_name(words: str) -> bool:
    """One to three capitalised words."""
    return _CAPITALISED_NAME.fullmatch(words) is not None


def _acronyms_everywhere(mentions: list[Mention]) -> None:
    """Every spaCy mention of an acronym defined in parentheses is that acronym ("The NKVD sent", not a person)."""
    defined = {m.text: m for m in mentions if m.source == "acronym" and m.alias_of is not None}
    if not defined:
        return
    for m in mentions:
        acronym = defined.get(m.text)
        if acronym is not None and m is not acronym and m.source.startswith("spacy"):
            m.type, m.alias_of, m.source = acronym.type, acronym.alias_of, "acronym"
            m.priority = PRIORITY_RULE


def _end_before(text: str, offset: int) -> int:
    """The offset just after the last non-space character before ``offset``."""
    while offset > 0 and text[offset - 1].isspace():
        offset -= 1
    return offset


# -- settling: overlaps, types over the whole text, repeated names ------------------------------------------------


def _may_nest(outer: Mention, inner: Mention, text: str) -> bool:
    """Whether ``inner`` may sit strictly inside ``outer`` (an ORG holding a PLACE, a known body in a longer name)."""
    if inner.type == "MISC" or not (outer.type in NESTING_TYPES or inner.nested):
        return False
    if outer.source.startswith("spacy") and inner.source.startswith("bibliography"):
        return False  # the bibliography entry's fields are its segmentation ("Smoloskyp, Kyiv 2006")
    if outer.source == "bibliography:title" or (outer.type == "WORK" and inner.source.startswith("rule:")):
        return False  # a title is one name ("Przeprawa na Niemnie", "The River Does Not Forget")
    if inner.source.startswith("spacy") and outer.source.startswith("bibliography") and inner.type not in _NAMED:
        return False  # a field read twice
    if outer.source.startswith("spacy") and inner.source == "title":
        return False  # "6th Army of Field Marshal Friedrich Paulus": the army and the person, not one name
    if outer.type == inner.type and (outer.start == inner.start or outer.end == inner.end):
        extra = text[outer.start : inner.start] + text[inner.end : outer.end]
        # "Red Army Legal Board" holds "Red Army"; "Order No. 270" does not hold "Order No"
        return any(word[:1].isupper() and word not in _ARTICLES for word in extra.split())
    return True


def _overlaps_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of sorted, non-overlapping ``spans``."""
    i = bisect_right(spans, (end, -1)) - 1
    return i >= 0 and spans[i][1] > start or (i >= 1 and spans[i - 1][1] > start)


def _select(candidates: list[Mention], blocked: list[tuple[int, int]], text: str) -> list[Mention]:
    """Keep the best of overlapping candidates (priority, then length); strict nesting where :func:`_may_nest`."""
    ordered = sorted(candidates, key=lambda m: (-m.priority, -(m.end - m.start), m.start))
    accepted: list[Mention] = []
    starts: list[tuple[int, int]] = []  # (start, index into accepted), sorted
    longest = 0
    for mention in ordered:
        if mention.end <= mention.start or _overlaps_any(blocked, mention.start, mention.end):
            continue
        lo = bisect_left(starts, (mention.start - longest, -1))
        hi = bisect_left(starts, (mention.end, -1))
        clash = False
        for _, k in starts[lo:hi]:
            other = accepted[k]
            if other.end <= mention.start or mention.end <= other.start:
                continue
            if (other.start, other.end) == (mention.start, mention.end):
                clash = True
            elif other.start <= mention.start and mention.end <= other.end:
                clash = not _may_nest(other, mention, text)
            elif mention.start <= other.start and other.end <= mention.end:
                clash = not _may_nest(mention, other, text)
            else:
                clash = True
            if clash:
                break
        if not clash:
            insort(starts, (mention.start, len(accepted)))
            accepted.append(mention)
            longest = max(longest, mention.end - mention.start)
    return accepted


def _settle_types(mentions: list[Mention], finder: _Finder) -> None:
    """One type per string over the whole text: surnames spaCy mistook become persons, persons after "in" places.

    Person evidence: a title before the name, a bibliography author, a full name, a speaker (``said Turkey``).
    Place evidence for one word spaCy called a person: a locative preposition before it, or the gazetteer, unless
    it owns something (``Hitler's arms``) or acts as a subject anywhere.
    """
    text = finder.text
    speakers, actors = finder.subjects()
    # a name a rule of the data layer makes a place ("the Battle of Trafalgar") is no one spoken to elsewhere
    ruled = {m.text for m in mentions if m.type == "PLACE" and m.priority == PRIORITY_RULE}
    strong_people: set[str] = set()
    for m in mentions:
        words = m.text.split()
        if m.type == "PERSON" and (m.source in ("title", "bibliography:author") or len(words) >= 2):
            strong_people.add(m.text)
            if len(words) >= 2:
                strong_people.add(words[-1])
        elif m.type not in ("EVENT", "WORK", "LAW") and _holds_any(speakers, m.start, m.end):
            strong_people.add(m.text)  # "said Turkey"
        elif m.type in ("PLACE", "PERSON") and " " not in m.text and m.text not in ruled and _addressed(text, m):
            strong_people.add(m.text)  # "“Charlotte, do you ...", "Oh, Charlotte, we must stop"
        elif m.type in ("ORG", "MISC", "PLACE") and _WHO_AFTER.match(text, m.end) and _plain_name(m, finder):
            if not _after_article(text, m.start) and not (m.type == "PLACE" and _gazetteer_knows(m.text)):
                strong_people.add(m.text)  # "the life of Bartleby, who was a scrivener"; not "the Antelope, who"
    strong_people |= _mostly_people(mentions)
    known_forms = finder.rules.known
    for m in mentions:
        if m.source.startswith(("spacy", "rule:locative")) and m.text in strong_people and m.text not in known_forms:
            if m.type in ("PLACE", "NORP?", "GROUP", "ORG", "MISC"):
                m.type = "PERSON"
    _respelled_surnames(mentions, strong_people, known_forms)
    acting = {m.text for m in mentions if m.type == "NORP?" and _holds_any(actors, m.start, m.end)}
    for m in mentions:
        if m.type == "NORP?":
            # an unknown "nation" that acts in the singular is a surname spaCy mistook ("Hnatko worked")
            person = m.text in strong_people or (m.text in acting and not m.text.endswith("s"))
            m.type = "PERSON" if person else "GROUP"
    # one word spaCy called a person: a place after "in"/"towards", or one the gazetteer knows (asked once a
    # string, and only when nothing says it is a person: no possessive, never the subject of a verb)
    acts: set[str] = set()
    locative: set[str] = set()
    candidates: list[Mention] = []
    for m in mentions:
        if m.type not in ("PERSON", "MISC") or not m.source.startswith("spacy") or " " in m.text:
            continue
        if m.text in strong_people or not m.text.replace("-", "").isalpha():
            continue  # "V2" is a model, not a place
        candidates.append(m)
        addressed = m.text not in ruled and _addressed(text, m)
        if text.startswith(("'s", "’s"), m.end) or _holds_any(actors, m.start, m.end) or addressed:
            acts.add(m.text)  # "Hitler's arms", "Florence smiled", "“Charlotte, do you...": a person
            continue
        previous = re.search(r"(\w+)\s*$", text[max(0, m.start - 20) : m.start])
        if previous and previous.group(1) in finder.rules.locatives:
            locative.add(m.text)
    places = {t for t in {m.text for m in candidates} - acts if t in locative or t in ruled or _gazetteer_knows(t)}
    for m in candidates:
        if m.text in places:
            m.type = "PLACE"
    _given_names_are_people(mentions, finder)
    _place_evidence(mentions, finder, strong_people, actors)
    _full_names_of_people(mentions, finder)
    _capitalised_words_of_speech(mentions, finder, strong_people)
    _bands_of_people(mentions, finder, actors)


def _bands_of_people(mentions: list[Mention], finder: _Finder, actors: list[int]) -> None:
    """A name of two or more words after ``the`` that spaCy called a title, in no quotation marks, that acts as the
    subject of a verb somewhere, is a band of people: ``The Happy Family had themselves an eye``.
    """
    text = finder.text
    loose = [
        m
        for m in mentions
        if m.type == "WORK" and m.source.startswith("spacy") and " " in m.text and _after_article(text, m.start)
    ]
    if not loose:
        return
    acting = {m.text for m in loose if _holds_any(actors, m.start, m.end)}
    for m in loose:
        if m.text in acting and not _enclosed_in_quotes(text, m.start, m.end):
            m.type = "GROUP"


def _plain_name(mention: Mention, finder: _Finder) -> bool:
    """One capitalised word, no acronym, no body's word, no known name, no nation: a name that may be a person's."""
    text = mention.text
    if " " in text or text.isupper() or not text.isalpha() or text in finder.rules.known:
        return False
    return text not in finder.rules.org_words and text not in finder.rules.group_adjective


def _capitalised_words_of_speech(mentions: list[Mention], finder: _Finder, strong_people: set[str]) -> None:
    """A word spaCy called a person (or a body) where a sentence or a quotation starts, that the text also writes in
    lower case, is no name.

    ``Chirk, chirk, chirk, it went``, ``Hush!``, ``Marry, I fear``: a sound, an interjection or an oath opening a
    sentence. Not a word a title, a full name or a speech verb makes a person's, nor a given name of the tables.
    """
    tokens = finder.tokens
    if tokens is None:
        return
    for m in mentions:
        if m.type not in ("PERSON", "ORG", "MISC") or not m.source.startswith("spacy") or m.text in strong_people:
            continue
        if not _plain_name(m, finder):
            continue
        i = tokens.by_offset.get(m.start)
        if i is None:
            continue
        opens = tokens.sent_start[i] == 1 or finder.text[max(0, m.start - 2) : m.start].strip()[-1:] in _QUOTE_CHARS
        if opens and m.text.lower() in finder.lower_words and not _is_known_given(m.text):
            m.type = "NONE"  # "Chirk, chirk", "True, -- but, with submission"


def _full_names_of_people(mentions: list[Mention], finder: _Finder) -> None:
    """Two or three capitalised words spaCy typed otherwise, starting with the one-word name of a person of the text.

    ``Curtis`` speaks and acts all through the text; ``Curtis Waring``, typed an organisation or a work, is his full
    name. Not when a word is a body's, a place's or a known name's, when the last word is a common noun the text
    writes in lower case (``Happy Family``), or when quotation marks enclose a work's title.
    """
    people = {m.text for m in mentions if m.type == "PERSON" and " " not in m.text}
    if not people:
        return
    rules = finder.rules
    for m in mentions:
        if m.type not in ("ORG", "WORK", "MISC", "PLACE") or not m.source.startswith("spacy"):
            continue
        words = m.text.split()
        if not 2 <= len(words) <= 3 or words[0] not in people or m.text in rules.known:
            continue
        if not all(w[:1].isupper() and w.replace("-", "").replace("'", "").replace("’", "").isalpha() for w in words):
            continue
        if any(w in rules.org_words or w in rules.place_words or w in rules.known for w in words):
            continue
        if words[-1].lower() in finder.lower_words or _after_article(finder.text, m.start) or _gazetteer_knows(m.text):
            continue
        if m.type == "WORK" and _enclosed_in_quotes(finder.text, m.start, m.end):
            continue
        m.type = "PERSON"


def _given_names_are_people(mentions: list[Mention], finder: _Finder) -> None:
    """A lone given name of the identity tables that spaCy called an organisation or a place is a person."""
    for m in mentions:
        if m.type in ("ORG", "PLACE", "MISC", "GROUP", "WORK") and m.source.startswith(("spacy", "rule:locative")):
            if " " not in m.text and m.text not in finder.rules.known and _is_given_name(m.text):
                m.type = "PERSON"


def _place_evidence(mentions: list[Mention], finder: _Finder, strong_people: set[str], actors: list[int]) -> None:
    """Names spaCy called an organisation or a person that the text and the gazetteer show to be places.

    A country's name is a place (also as a bibliography's publisher place); a name after ``in``/``at``/``to``
    that the gazetteer resolves, or after ``the village of``, is a place, unless the name acts as a person
    somewhere (a subject, an owner), holds an organisation word, is a known body or a given name.
    """
    text, rules = finder.text, finder.rules
    evidence: set[str] = set()
    acting: set[str] = set()
    pool: list[Mention] = []
    firm_people = {m.text for m in mentions if m.type == "PERSON" and not m.source.startswith("spacy")}
    for m in mentions:
        if m.type not in ("ORG", "PERSON", "MISC", "GROUP") or not m.source.startswith(("spacy", "bibliography:pub")):
            continue
        if m.text in firm_people or m.text in rules.known or not m.text[:1].isupper():
            continue
        words = m.text.split()
        if len(words) > 3 or any(w in rules.org_words for w in words) or any(ch.isdigit() for ch in m.text):
            continue
        if m.type == "PERSON" and len(words) == 1 and _is_given_name(m.text):
            continue
        pool.append(m)
        if text.startswith(("'s", "’s"), m.end) or _holds_any(actors, m.start, m.end):
            acting.add(m.text)
        if _is_country(m.text):
            if m.text not in strong_people:
                evidence.add(m.text)
            continue
        before = _TWO_WORDS_BEFORE.search(text, max(0, m.start - 40), m.start)
        if before is None:
            continue
        noun, preposition = before.group(1), before.group(2)
        if preposition == "of" and noun in rules.place_nouns:
            evidence.add(m.text)  # "the slopes of Kasprowy Wierch", even when spaCy read a full name
        elif m.text in strong_people and (len(words) == 1 or _is_given_name(words[0])):
            continue  # a surname or a full name; "Nowy Sącz", a two-word spaCy person, is no evidence of one
        elif preposition not in rules.gazetteer_locatives or m.text in rules.institutions:
            continue
        elif m.type == "PERSON" and preposition not in rules.locatives and noun not in rules.motion_words:
            continue  # "said to Watson": only "deported to", "the camp at" make a destination of a person's name
        elif _gazetteer_best(m.text) is not None:
            evidence.add(m.text)
    evidence -= acting
    for m in pool:
        if m.text in evidence:
            m.type = "PLACE"


@cache
def _address_word_after() -> re.Pattern[str]:
    """``, mother``: a word of address right after a comma (the one spoken to is not the name before it)."""
    words = "|".join(sorted((re.escape(w.lower()) for w in rules().address), key=len, reverse=True))
    return re.compile(rf",\s+(?:my\s+|dear\s+)?(?:{words})\b", re.IGNORECASE)


def _addressed(text: str, mention: Mention) -> bool:
    """The name is spoken to: right after an opening quotation mark, or before ", you"/", we"/", I"."""
    before = text[max(0, mention.start - 3) : mention.start].rstrip()
    if before.endswith(("“", "‘", '"', "«", "„")) and text.startswith((",", "!", "?"), mention.end):
        return _address_word_after().match(text, mention.end) is None  # "“Trafalgar, mother.”" speaks to mother
    if _PREPOSITION_BEFORE.search(text, max(0, mention.start - 12), mention.start):
        return False  # "when in London, I had visited": the object of a preposition is no one spoken to
    return _VOCATIVE_AFTER.match(text, mention.end) is not None


def _mostly_people(mentions: list[Mention]) -> set[str]:
    """One-word strings spaCy tagged a person more often than anything else (the cluster decides)."""
    votes: dict[str, list[int]] = {}
    for m in mentions:
        if m.source.startswith("spacy") and " " not in m.text:
            tally = votes.setdefault(m.text, [0, 0])
            tally[0 if m.type == "PERSON" else 1] += 1
    return {text for text, (person, other) in votes.items() if person > other and other}


def _respelled_surnames(mentions: list[Mention], strong_people: set[str], known_forms: dict[str, Any]) -> None:
    """A word spaCy called a place or a nation that spells a known surname another way (``Schukow``) is a person."""
    name_key = _name_key()
    if name_key is None:
        return
    surnames = {name_key(text.split()[-1]) for text in strong_people}
    surnames.discard("")
    if not surnames:
        return
    for m in mentions:
        if m.type not in ("PLACE", "NORP?", "GROUP", "MISC") or not m.source.startswith(("spacy", "script")):
            continue
        if " " in m.text or m.text in strong_people or m.text in known_forms or name_key(m.text) not in surnames:
            continue
        if not _gazetteer_knows(m.text):
            strong_people.add(m.text)
            m.type = "PERSON"


@cache
def _name_key() -> Any:
    """The identity library's spelling-blind name key (None while the library is missing)."""
    try:
        from chronologue.lib.identity import name_key
    except Exception:  # noqa: BLE001 - the identity helper's module; recognition works without it
        return None
    return name_key


def _holds_any(offsets: list[int], start: int, end: int) -> bool:
    """Whether a sorted list of offsets has one in ``[start, end)``."""
    i = bisect_left(offsets, start)
    return i < len(offsets) and offsets[i] < end


def _repeat_names(mentions: list[Mention], finder: _Finder) -> list[Mention]:
    """Every other occurrence of a settled name (full name, surname, given name, place, body) is a mention too."""
    tokens = finder.tokens
    if tokens is None:
        return []
    table: dict[str, dict[tuple[str, ...], str]] = {}
    not_places, address, not_person = finder.rules.not_places, finder.rules.address, finder.rules.not_person

    def remember(words: list[str], type_: str) -> None:
        if not words or not (words[0][:1].isupper() and words[-1][:1].isupper()):
            return
        if words[0] in finder.rules.titles or words[0] in finder.rules.group_adjective:
            return
        if len(words) == 1 and (words[0] in not_places or words[0] in address or words[0] in not_person):
            return
        table.setdefault(words[0], {}).setdefault(tuple(words), type_)

    for m in mentions:
        if m.type not in ("PERSON", "PLACE", "ORG") or m.source.startswith("bibliography:publisher"):
            continue
        first = tokens.by_offset.get(m.start)
        if first is None:
            continue
        last = first
        while last + 1 < len(tokens) and tokens.idx[last + 1] < m.end:
            last += 1
        words = tokens.words[first : last + 1]
        if m.type == "PERSON":
            remember(words, "PERSON")
            if len(words) >= 2:
                remember(words[-1:], "PERSON")
                if len(words[0]) > 2 and words[1] != "." and not words[0].endswith("."):
                    remember(words[:1], "PERSON")
        elif m.type == "PLACE" or (m.type == "ORG" and len(m.text) >= 3):
            remember(words, m.type)
    if not table:
        return []
    covered = sorted((m.start, m.end) for m in mentions)
    cover_starts = [c[0] for c in covered]
    found: list[Mention] = []
    words, n = tokens.words, len(tokens)
    proper = {tokens.code("NNP"), tokens.code("NNPS")}
    numeric = {tokens.code(label) for label in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT")}
    i = 0
    while i < n:
        options = table.get(words[i])
        if not options or (tokens.sent_start[i] == 1 and tokens.tag[i] not in proper) or tokens.ent_type[i] in numeric:
            i += 1
            continue  # a sentence's first word needs the tagger's word; "May" in a date is no "May Price"
        best: tuple[str, ...] | None = None
        for candidate in options:
            if (best is None or len(candidate) > len(best)) and tuple(words[i : i + len(candidate)]) == candidate:
                best = candidate
        if best is None:
            i += 1
            continue
        last = i + len(best) - 1
        if len(best) == 1 and options[best] == "PERSON" and last + 1 < n and tokens.pos[last + 1] == _POS_PROPN:
            if tokens.is_title[last + 1] and not tokens.sent_start[last + 1]:
                i += 1
                continue  # "Władysław" of another full name: a given name before a surname is part of that name
        start, end = tokens.idx[i], tokens.idx[last] + tokens.length[last]
        j = bisect_right(cover_starts, end) - 1
        overlapping = False
        while j >= 0 and covered[j][1] > start:
            if covered[j][0] < end:
                overlapping = True
                break
            j -= 1
        if not overlapping and not finder.is_blocked(start, end):
            found.append(Mention(start, end, options[best], "repeat", PRIORITY_PROPAGATED, finder.text[start:end]))
        i += len(best)
    return found


def _bare_address(mention: Mention, finder: _Finder) -> bool:
    """A person's mention that is only a word of address, a title or another word of ``not_person`` (``Son``,
    ``Uncle``, ``Signora``, ``Marry``, ``Michaelmas``) or a letter alone: no name."""
    if mention.type != "PERSON" or mention.source == "title":
        return False
    text = mention.text.rstrip(".")
    rules = finder.rules
    if " " in text:
        return False
    if len(text) == 1:
        return True  # "Upper Brook Street, London, W.": a letter alone names no one
    return text in rules.address or text in rules.not_person or text in rules.titles or f"{text}." in rules.titles


def _article_led_person(mention: Mention) -> bool:
    """A "person" spaCy found that opens with an article (``The Miller of Kalnik``, a heading): no one's name."""
    return mention.type == "PERSON" and mention.source.startswith("spacy") and mention.text.startswith("The ")


def _plain_word_misc(mention: Mention) -> bool:
    """A one-word product that is an ordinary capitalised word ("Notes", "Scripts"), not a model name ("V2")."""
    text = mention.text
    if mention.type != "MISC" or mention.source == "script":
        return False
    return " " not in text and text.isalpha() and not text.isupper()


def find_mentions(story: Story, doc: Doc | None) -> list[Mention]:
    """All mentions of ``story`` in text order (``doc`` is the spaCy parse of ``story.text``)."""
    finder = _Finder(story, doc)
    finder.phrases()
    finder.locative_places()
    finder.heading_places()
    finder.given_name_runs()
    finder.patterns()
    finder.bibliography()
    finder.spacy()
    mentions = _select(finder.candidates, finder.blocked, finder.text)
    extra = finder.parenthesised(mentions)
    if extra:
        mentions = _select(mentions + extra, finder.blocked, finder.text)
        _acronyms_everywhere(mentions)
    _settle_types(mentions, finder)
    mentions = [
        m for m in mentions if m.type in SETTLED_TYPES and not _plain_word_misc(m) and not _bare_address(m, finder)
        and not _article_led_person(m)
    ]
    mentions += _repeat_names(mentions, finder)
    for mention in mentions:
        mention.role = finder.roles.at(mention.start)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


def run(story: Story, ctx: Context) -> None:
    """Find the mentions of the story; the names stage turns them into entities."""
    ctx.notes["entities"] = {"mentions": find_mentions(story, ctx.doc)}
