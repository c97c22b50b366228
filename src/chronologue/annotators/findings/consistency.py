"""Where a text disagrees with itself: numeric claims that cannot both hold, and dates of a person's life
that cannot both be true.

``numeric_inconsistencies`` compares claims about the same subject (the same head lemma) in the same unit at
the same time (the same timex value, or overlapping timex bounds of similar width; when a claim has no timex,
the same years named in both sentences). Vague counts and ranges are never compared.

``chronology_conflicts`` reads birth and death statements from the parse ("X was born in 1905", "X died in
1942") and, when the events stage has run, events of a person dated after that person's death.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from itertools import combinations
from typing import TYPE_CHECKING

import numpy

from chronologue.lib import docview
from chronologue.lib.coref.mentions import MentionIndex
from chronologue.lib.numbers.claim_rules import QUALIFIER_WORDS
from chronologue.model.story import Claim, Finding, Span, Story, Timex
from chronologue.pipeline.handoffs import ClaimContext
from chronologue.rules import cached
from chronologue.rules import load as load_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
# Relative differences beyond which two numbers disagree: exactly vs exactly, exactly vs about, about vs about.
EXACT_TOLERANCE = 0.10
ABOUT_TOLERANCE = 0.20
ABOUT_ABOUT_TOLERANCE = 0.25
# How much wider one time may be than the other and still count as the same time.
SAME_TIME_WIDTH_RATIO = 2.0


# -- numbers --------------------------------------------------------------------------------------------------
def _differ(x: float, y: float, tolerance: float) -> bool:
    return abs(x - y) > tolerance * max(abs(x), abs(y))


def _conflict(qa: str, x: float, qb: str, y: float) -> bool:
    """Whether "qa x" and "qb y" about the same thing at the same time cannot both hold."""
    order = ["exactly", "about", "more_than", "at_least", "less_than", "at_most"]
    if order.index(qa) > order.index(qb):
        qa, x, qb, y = qb, y, qa, x
    pair = (qa, qb)
    checks = {
        ("exactly", "exactly"): lambda: _differ(x, y, EXACT_TOLERANCE),
        ("exactly", "about"): lambda: _differ(x, y, ABOUT_TOLERANCE),
        ("about", "about"): lambda: _differ(x, y, ABOUT_ABOUT_TOLERANCE),
        ("exactly", "more_than"): lambda: x <= y,
        ("exactly", "at_least"): lambda: x < y,
        ("exactly", "less_than"): lambda: x >= y,
        ("exactly", "at_most"): lambda: x > y,
        # "about X" says the number is near X; "more than Y" with Y at or above X says it is beyond it
        ("about", "more_than"): lambda: y >= x,
        ("about", "at_least"): lambda: y > x * (1 + EXACT_TOLERANCE),
        ("about", "less_than"): lambda: y <= x,
        ("about", "at_most"): lambda: y < x * (1 - EXACT_TOLERANCE),
        ("more_than", "less_than"): lambda: y <= x,
        ("more_than", "at_most"): lambda: y <= x,
        ("at_least", "less_than"): lambda: y <= x,
        ("at_least", "at_most"): lambda: y < x,
    }
    check = checks.get(pair)
    return bool(check and check())


def _unit_family(unit: str | None) -> str | None:
    return "share" if unit in ("fraction", "percent") else unit


def _share(claim: Claim) -> float:
    value = claim.value or 0.0
    return value / 100 if claim.unit == "percent" else value


def format_claim(claim: Claim) -> str:
    """A claim as a person reads it: "about 2,500,000", "more than 2/3", "40%"."""
    value = claim.value or 0.0
    if claim.unit == "fraction":
        shown = str(Fraction(value).limit_denominator(12))
    elif claim.unit == "percent":
        shown = f"{value:g}%"
    elif value == int(value):
        shown = f"{int(value):,}"
    else:
        shown = f"{value:,}"
    return QUALIFIER_WORDS.get(claim.qualifier, "") + shown


def _day(text: str | None, upper: bool) -> date | None:
    if not text:
        return None
    try:
        if len(text) == 4:
            return date(int(text), 12, 31) if upper else date(int(text), 1, 1)
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            if not upper:
                return date(year, month, 1)
            following = date(year + (month == 12), month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def bounds(timex: Timex) -> tuple[date, date] | None:
    """The inclusive day bounds of a timex, or None when it has none."""
    lo, hi = _day(timex.earliest, False), _day(timex.latest, True)
    return (lo, hi) if lo and hi and lo <= hi else None


def same_time(a: Timex, b: Timex) -> bool:
    """The same timex value, or overlapping bounds of which neither is much wider than the other."""
    if a.value and a.value == b.value:
        return True
    ba, bb = bounds(a), bounds(b)
    if ba is None or bb is None or ba[0] > bb[1] or bb[0] > ba[1]:
        return False
    wa, wb = (ba[1] - ba[0]).days + 1, (bb[1] - bb[0]).days + 1
    return max(wa, wb) <= SAME_TIME_WIDTH_RATIO * min(wa, wb)


def _years(text: str, sentence: tuple[int, int] | None) -> frozenset[str]:
    if sentence is None:
        return frozenset()
    return frozenset(_YEAR.findall(text, sentence[0], sentence[1]))


@cached
def _clause_separators() -> tuple[str, ...]:
    data = load_rules("claims_contradictions")
    return tuple(e["text"] for e in data["clause_separators"] if e["text"])


def _separated(text: str, a: Claim, b: Claim) -> bool:
    """Whether a clause separator (";", " but ") stands between two claims of one sentence."""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = text[first.end : second.start]
    return any(sep in between for sep in _clause_separators())


class _ContextEntities:
    """The organisations and places named in a span of text (outside picture credits), looked up by bisection."""

    TYPES = frozenset({"ORG", "PLACE"})

    def __init__(self, story: Story) -> None:
        credits = [(f.caption.end, f.end) for f in story.figures if f.caption.end < f.end]
        rows = sorted(
            (m.start, entity.id)
            for entity in story.entities
            if entity.type in self.TYPES
            for m in entity.mentions
            if not any(lo <= m.start < hi for lo, hi in credits)
        )
        self.starts = [start for start, _id in rows]
        self.ids = [entity_id for _start, entity_id in rows]

    def within(self, span: tuple[int, int] | None) -> frozenset[str]:
        """Ids of the entities with a mention starting inside ``span``."""
        if span is None:
            return frozenset()
        lo, hi = bisect_left(self.starts, span[0]), bisect_left(self.starts, span[1])
        return frozenset(self.ids[lo:hi])


def _elsewhere(contexts: _ContextEntities, a: Claim, b: Claim, sentences: dict[str, tuple[int, int]]) -> bool:
    """Whether the sentences of two claims name organisations or places, and none in common."""
    if sentences.get(a.id) == sentences.get(b.id):
        return False
    first, second = contexts.within(sentences.get(a.id)), contexts.within(sentences.get(b.id))
    return bool(first) and bool(second) and first.isdisjoint(second)


def numeric_inconsistencies(story: Story, claims: ClaimContext) -> list[Finding]:
    """``numeric_inconsistency`` findings: claims about one subject at one time that cannot both hold.

    ``claims`` is what the claims annotator learnt of each claim (subject head lemmas, sentences).
    """
    heads, sentences = claims.heads, claims.sentences
    timexes = {t.id: t for t in story.timexes}
    groups: dict[tuple[str, str | None], list[Claim]] = defaultdict(list)
    for claim in story.claims:
        head = heads.get(claim.id)
        if claim.value is not None and head and claim.qualifier != "vague":  # vague counts are never compared
            groups[(head, _unit_family(claim.unit))].append(claim)
    findings: list[Finding] = []
    contexts = _ContextEntities(story)
    for group in groups.values():
        for a, b in combinations(group, 2):
            if sentences.get(a.id) == sentences.get(b.id) and not _separated(story.text, a, b):
                continue  # two numbers of one sentence are parts of one statement
            when = _shared_time(story, a, b, timexes, sentences)
            if when is None and sentences.get(a.id) == sentences.get(b.id) and not (a.time and b.time):
                when = "the same passage"  # two statements side by side speak of one time
            if when is None:
                continue
            if not _conflict(a.qualifier, _share(a), b.qualifier, _share(b)):
                continue
            if _differ(_share(a), _share(b), EXACT_TOLERANCE) and _elsewhere(contexts, a, b, sentences):
                continue  # different figures for units or places of their own ("the 6th Army" vs "the 4th Army")
            subject = a.subject or b.subject or heads[a.id]
            findings.append(
                Finding(
                    kind="numeric_inconsistency",
                    severity="warning",
                    message=f"'{format_claim(a)}' vs '{format_claim(b)}' {subject} ({when}): these cannot both hold",
                    spans=[Span(start=a.start, end=a.end), Span(start=b.start, end=b.end)],
                )
            )
    return findings


def _shared_time(
    story: Story, a: Claim, b: Claim, timexes: dict[str, Timex], sentences: dict[str, tuple[int, int]]
) -> str | None:
    """A description of the time both claims are about, or None when they are not about the same time."""
    ta, tb = timexes.get(a.time or ""), timexes.get(b.time or "")
    if ta is not None and tb is not None:
        return story.text[ta.start : ta.end] if same_time(ta, tb) else None
    years = _years(story.text, sentences.get(a.id))
    if years and years == _years(story.text, sentences.get(b.id)):
        return ", ".join(sorted(years))
    return None


# -- chronology -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _LifeFact:
    entity: str
    kind: str  # "birth" | "death"
    earliest: date
    latest: date
    span: Span


@dataclass(frozen=True)
class _LifeRules:
    triggers: dict[str, str]  # lemma -> "birth" | "death"
    born_forms: frozenset[str]
    posthumous: frozenset[str]
    roles: frozenset[str]
    birth_predicates: frozenset[str]
    death_predicates: frozenset[str]
    victim_predicates: frozenset[str]
    victim_lemmas: frozenset[str]
    harmless_particles: frozenset[str]
    harmless_objects: frozenset[str]
    orders: tuple[tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]], ...]


@cached
def _life_rules() -> _LifeRules:
    data = load_rules("claims_chronology")
    triggers: dict[str, str] = {}
    for kind in ("birth", "death"):
        for entry in data[kind]:
            triggers.update((lemma, kind) for lemma in entry["lemmas"])
    return _LifeRules(
        triggers=triggers,
        born_forms=frozenset(f for e in data["birth"] for f in e["forms"]),
        posthumous=frozenset(p for e in data["posthumous"] for p in e["predicates"]),
        roles=frozenset(r for e in data["acting_roles"] for r in e["roles"]),
        birth_predicates=frozenset(p for e in data["birth"] for p in e.get("predicates", [])),
        death_predicates=frozenset(p for e in data["death"] for p in e.get("predicates", [])),
        victim_predicates=frozenset(p for e in data["death"] for p in e.get("victim_predicates", [])),
        victim_lemmas=frozenset(p for e in data["death"] for p in e.get("victim_lemmas", [])),
        harmless_particles=frozenset(p for e in data.get("not_death", []) for p in e.get("particles", [])),
        harmless_objects=frozenset(p for e in data.get("not_death", []) for p in e.get("objects", [])),
        orders=tuple(
            (
                {p: frozenset(roles) for p, roles in e["before"].items()},
                {p: frozenset(roles) for p, roles in e["after"].items()},
            )
            for e in data.get("order", [])
        ),
    )


def _date_of(trigger: Token, story: Story, timexes: list[Timex]) -> tuple[date, date, int] | None:
    """Bounds (and end offset) of the "in/on <date>" phrase attached to a birth or death verb."""
    for prep in trigger.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "on", "during"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            lo, hi = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)
            for timex in timexes:
                if timex.start < hi and lo < timex.end and (b := bounds(timex)):
                    return b[0], b[1], timex.end
            years = [t for t in obj.subtree if t.like_num and len(t.text) == 4 and t.text.isdigit()]
            if years and 1000 <= int(years[0].text) <= 2100:
                year = int(years[0].text)
                return date(year, 1, 1), date(year, 12, 31), years[0].idx + 4
    return None


def _life_facts(story: Story, doc: Doc) -> list[_LifeFact]:
    rules = _life_rules()
    people = {e.id for e in story.entities if e.type == "PERSON"}
    if not people:
        return []
    timexes = [t for t in story.timexes if t.type == "DATE"]
    facts: list[_LifeFact] = []
    by_position = MentionIndex.build(story)
    lemmas = docview.of(doc).columns("LEMMA")
    wanted = numpy.fromiter((doc.vocab.strings[lemma] for lemma in rules.triggers), dtype=lemmas.dtype)
    for index in numpy.flatnonzero(numpy.isin(lemmas, wanted)).tolist():
        token = doc[index]
        kind = rules.triggers.get(token.lemma_)
        if kind is None or token.pos_ not in ("VERB", "AUX"):
            continue
        if kind == "birth" and token.lower_ not in rules.born_forms:
            continue
        if kind == "death" and _kills_nobody(token, rules):
            continue
        # a death by another's hand is the victim's: the passive subject, never the doer
        deps = ("nsubjpass",) if token.lemma_ in rules.victim_lemmas else ("nsubj", "nsubjpass")
        subjects = [c for c in token.children if c.dep_ in deps and c.pos_ == "PROPN"]
        if not subjects:
            continue
        subject = subjects[0]
        first = subject
        while first.i > 0 and doc[first.i - 1].head.i == subject.i and doc[first.i - 1].dep_ in ("compound", "flat"):
            first = doc[first.i - 1]
        entity = by_position.entity_at(first.idx, subject.idx + len(subject))
        if entity not in people:
            continue
        when = _date_of(token, story, timexes)
        if when is None:
            continue
        earliest, latest, end = when
        facts.append(_LifeFact(entity, kind, earliest, latest, Span(start=first.idx, end=end)))
    return facts


def _kills_nobody(token: Token, rules: _LifeRules) -> bool:
    """Whether a death verb is used of a machine or with a particle that kills nobody ("shot down a plane")."""
    for child in token.children:
        if child.dep_ == "prt" and child.lower_ in rules.harmless_particles:
            return True
        if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in rules.harmless_objects:
            return True
    return False


def _name(story: Story, entity_id: str) -> str:
    entity = story.entity(entity_id)
    return entity.name if entity else entity_id


def _event_life_facts(story: Story) -> list[_LifeFact]:
    """Births and deaths the events stage found with stated dates."""
    rules = _life_rules()
    people = {e.id for e in story.entities if e.type == "PERSON"}
    facts: list[_LifeFact] = []
    for event in story.events:
        predicate = event.predicate.lower()
        earliest, latest = _day(event.earliest, False), _day(event.latest, True)
        if event.basis != "stated" or earliest is None or latest is None:
            continue
        if predicate in rules.birth_predicates:
            kind = "birth"
        elif predicate in rules.death_predicates or predicate in rules.victim_predicates:
            kind = "death"
        else:
            continue
        for p in event.participants:
            if p.entity not in people or (predicate in rules.victim_predicates and p.role.lower() in rules.roles):
                continue
            facts.append(_LifeFact(p.entity, kind, earliest, latest, event.trigger))
    return facts


def _distinct(facts: list[_LifeFact]) -> dict[str, list[_LifeFact]]:
    """Facts by person, one per (kind, bounds): the parse and the events stage often state the same fact."""
    by_person: dict[str, list[_LifeFact]] = defaultdict(list)
    seen: set[tuple[str, str, date, date]] = set()
    for fact in facts:
        key = (fact.entity, fact.kind, fact.earliest, fact.latest)
        if key not in seen:
            seen.add(key)
            by_person[fact.entity].append(fact)
    return by_person


def chronology_conflicts(story: Story, doc: Doc | None) -> list[Finding]:
    """``chronology_conflict`` findings: births or deaths of one person stated with dates that cannot both be
    true, a death before the birth, and (with events) an act of a person after that person's death."""
    facts = (_life_facts(story, doc) if doc is not None else []) + _event_life_facts(story)
    by_person = _distinct(facts)
    findings: list[Finding] = []
    for entity, items in by_person.items():
        name = _name(story, entity)
        for a, b in combinations(items, 2):
            disjoint = a.latest < b.earliest or b.latest < a.earliest
            if a.kind == b.kind and disjoint:
                first, second = story.text[a.span.start : a.span.end], story.text[b.span.start : b.span.end]
                message = f"{name}: '{first}' vs '{second}': these {a.kind} dates cannot both be true"
            elif a.kind != b.kind:
                birth, death = (a, b) if a.kind == "birth" else (b, a)
                if not death.latest < birth.earliest:
                    continue
                message = f"{name} dies ({death.latest.year}) before being born ({birth.earliest.year})"
            else:
                continue
            findings.append(_chronology(message, [a.span, b.span]))
    findings.extend(_acts_outside_life(story, by_person))
    findings.extend(_out_of_order(story))
    return findings


def _dated_roles(story: Story) -> dict[str, list[tuple[str, str, date, date, Span]]]:
    """Per person: (predicate, role, earliest, latest, trigger) of each event with stated dates."""
    rows: dict[str, list[tuple[str, str, date, date, Span]]] = defaultdict(list)
    for event in story.events:
        earliest, latest = _day(event.earliest, False), _day(event.latest, True)
        if event.basis != "stated" or earliest is None or latest is None:
            continue
        for p in event.participants:
            rows[p.entity].append((event.predicate.lower(), p.role.lower(), earliest, latest, event.trigger))
    return rows


def _plays(rows: dict[str, frozenset[str]], predicate: str, role: str) -> bool:
    roles = rows.get(predicate)
    return roles is not None and (not roles or role in roles)


def _out_of_order(story: Story) -> list[Finding]:
    """A person's events stated in an impossible order ("captured" in 1941, "drafted" in 1942)."""
    rules = _life_rules()
    if not story.events or not rules.orders:
        return []
    people = {e.id for e in story.entities if e.type == "PERSON"}
    findings: list[Finding] = []
    for entity, rows in _dated_roles(story).items():
        if entity not in people:
            continue
        for first_rules, then_rules in rules.orders:
            firsts = [r for r in rows if _plays(first_rules, r[0], r[1])]
            thens = [r for r in rows if _plays(then_rules, r[0], r[1])]
            for first in firsts:
                for then in thens:
                    if then[3] < first[2]:
                        a = story.text[then[4].start : then[4].end]
                        b = story.text[first[4].start : first[4].end]
                        message = (
                            f"{_name(story, entity)}: '{a}' ({then[3].year}) comes before '{b}' ({first[2].year}), "
                            "which must come first"
                        )
                        findings.append(_chronology(message, [then[4], first[4]]))
    return findings


def _acts_outside_life(story: Story, by_person: dict[str, list[_LifeFact]]) -> list[Finding]:
    """Events (with stated dates) in which a person acts after that person's stated death or before the birth."""
    if not story.events:
        return []
    rules = _life_rules()
    deaths: dict[str, _LifeFact] = {}
    births: dict[str, _LifeFact] = {}
    for entity, items in by_person.items():
        for fact in items:
            if fact.kind == "death" and (entity not in deaths or fact.latest < deaths[entity].latest):
                deaths[entity] = fact
            if fact.kind == "birth" and (entity not in births or fact.earliest > births[entity].earliest):
                births[entity] = fact
    findings: list[Finding] = []
    for event in story.events:
        start, end = _day(event.earliest, False), _day(event.latest, True)
        predicate = event.predicate.lower()
        if start is None or end is None or event.basis != "stated" or predicate in rules.birth_predicates:
            continue
        trigger = story.text[event.trigger.start : event.trigger.end]
        for p in event.participants:
            if p.role.lower() not in rules.roles:
                continue
            death, birth = deaths.get(p.entity), births.get(p.entity)
            if death is not None and start > death.latest and predicate not in rules.posthumous:
                message = (
                    f"{_name(story, p.entity)} acts ('{trigger}', {start.isoformat()}) after dying "
                    f"(by {death.latest.isoformat()})"
                )
                findings.append(_chronology(message, [death.span, event.trigger]))
            elif birth is not None and end < birth.earliest:
                message = (
                    f"{_name(story, p.entity)} acts ('{trigger}', {end.isoformat()}) before being born "
                    f"({birth.earliest.year})"
                )
                findings.append(_chronology(message, [event.trigger, birth.span]))
    return findings


def _chronology(message: str, spans: list[Span]) -> Finding:
    return Finding(kind="chronology_conflict", severity="warning", message=message, spans=spans)
