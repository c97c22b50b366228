"""Who is meant where by position: the mention at a span, the last person before an offset, the protagonist,
and the nearest-name reading of a pronoun.

A :class:`MentionIndex` is built from a story's entities (and the parse's sentences and subjects, when there is
one) and answers in ``O(log n)``. The document's :class:`~chronologue.lib.coref.Coreference` holds the one index
of a document; build one by hand only for a story outside the pipeline.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from chronologue.model.story import Story

from chronologue.lib.coref.vocabulary import FEMALE, MALE, MALE_PRONOUNS, PERSONAL_PRONOUNS, SUBJECT_DEPS, Gender
from chronologue.lib.regex_starts import guarded

__all__ = ["DocFacts", "MentionIndex", "facts", "protagonist"]

NOMINATIVE_PRONOUNS = frozenset({"he", "she"})
# How far back (code points) a pronoun may reach for its person when nothing nearer is found.
DEFAULT_PRONOUN_REACH = 1500
# How many sentences back a chain of pronouns ("he ... he ... he") is followed to its name.
PRONOUN_CHAIN_DEPTH = 6
# The protagonist has at least this many mentions and this many times as many as the runner-up.
PROTAGONIST_MIN_MENTIONS = 3
PROTAGONIST_LEAD = 1.5
# A mention in the narrative counts fully; in a quotation, caption, title or bibliography entry it counts half.
NARRATIVE_WEIGHT = 1.0
OTHER_ROLE_WEIGHT = 0.5

_WORD = re.compile(r"\w+")
_PRONOUN = guarded(re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself|[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b"))
_HERO = re.compile(r"\b(?:our|the)\s+(?:hero|heroine|protagonist)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)]*\s+|\n\s*\n")


@dataclass
class DocFacts:
    """What the parse tells about sentences and subjects, independent of the entities."""

    sentence_starts: list[int]
    subject_starts: list[int]  # code-point starts of tokens that are grammatical subjects, sorted


@dataclass
class MentionIndex:
    """Sorted mention tables of one story, for logarithmic look-ups."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    max_len: int = 0
    person_ends: list[int] = field(default_factory=list)
    person_starts: list[int] = field(default_factory=list)
    person_ids: list[str] = field(default_factory=list)
    genders: dict[str, Gender] = field(default_factory=dict)
    protagonist: str | None = None
    facts: DocFacts | None = None
    _pronouns: list[tuple[int, str]] | None = None
    _pronoun_starts: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, story: Story, facts: DocFacts | None = None) -> MentionIndex:
        """Index every name mention (not the chains' pronouns and nouns) of the entities of ``story``; ``facts``:
        the parse's sentences and subjects."""
        facts = facts if facts is not None else _facts_from_text(story.text)
        rows: list[tuple[int, int, str]] = []
        people: list[tuple[int, int, str]] = []
        genders: dict[str, Gender] = {}
        for entity in story.entities:
            names = [m for m in entity.mentions if m.kind in (None, "name")]
            rows.extend((m.start, m.end, entity.id) for m in names)
            if entity.type == "PERSON":
                people.extend((m.end, m.start, entity.id) for m in names)
                gender = entity.attributes.get("gender")
                if gender in (MALE, FEMALE):
                    genders[entity.id] = gender
        rows.sort()
        people.sort()
        return cls(
            starts=[r[0] for r in rows],
            ends=[r[1] for r in rows],
            ids=[r[2] for r in rows],
            max_len=max((r[1] - r[0] for r in rows), default=0),
            person_ends=[p[0] for p in people],
            person_starts=[p[1] for p in people],
            person_ids=[p[2] for p in people],
            genders=genders,
            protagonist=_leader(_person_weights(story)),
            facts=facts,
        )

    # -- look-ups ---------------------------------------------------------------------------------------------

    def entity_at(self, start: int, end: int) -> str | None:
        """The entity of the mention overlapping ``[start, end)`` most (the innermost on a tie), or None."""
        lo = bisect_left(self.starts, start - self.max_len)
        hi = bisect_left(self.starts, max(end, start + 1))
        best: tuple[int, int, str] | None = None
        for i in range(lo, hi):
            m_start, m_end = self.starts[i], self.ends[i]
            overlap = min(end, m_end) - max(start, m_start)
            if overlap <= 0 and not (start == end and m_start <= start < m_end):
                continue
            key = (overlap, -(m_end - m_start), self.ids[i])
            if best is None or key[:2] > best[:2]:
                best = key
        return best[2] if best else None

    def person_before(self, offset: int, *, max_back: int | None = None, gender: str | None = None) -> str | None:
        """The entity of the last PERSON mention ending at or before ``offset`` (within ``max_back`` code points)."""
        i = bisect_right(self.person_ends, offset) - 1
        while i >= 0:
            if max_back is not None and offset - self.person_ends[i] > max_back:
                return None
            entity_id = self.person_ids[i]
            if gender is None or self.genders.get(entity_id, gender) == gender:
                return entity_id
            i -= 1
        return None

    def persons_by_name(self, text: str, types: Mapping[str, str]) -> dict[tuple[int, int], str]:
        """Mentions of other entities whose words the story gives a person more often: (start, end) -> the person.

        One sense per discourse: a name that stands for a person in most of its mentions ("Saigō" twenty times in
        Saigō Takamori's chain) is the person where the recogniser typed it otherwise ("the domain sent Saigō")."""
        counts: dict[str, dict[str, int]] = {}
        for start, end, entity in zip(self.starts, self.ends, self.ids, strict=True):
            per_entity = counts.setdefault(text[start:end], {})
            per_entity[entity] = per_entity.get(entity, 0) + 1
        found: dict[tuple[int, int], str] = {}
        for start, end, entity in zip(self.starts, self.ends, self.ids, strict=True):
            if types.get(entity) == "PERSON":
                continue
            per_entity = counts[text[start:end]]
            persons = [(n, e) for e, n in per_entity.items() if types.get(e) == "PERSON"]
            if persons and max(persons)[0] > max(n for e, n in per_entity.items() if types.get(e) != "PERSON"):
                found[(start, end)] = max(persons)[1]
        return found

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """Start of the sentence holding ``offset`` and start of the sentence before it."""
        starts = self.facts.sentence_starts if self.facts else [0]
        i = bisect_right(starts, offset) - 1
        here = starts[i] if i >= 0 else 0
        previous = starts[i - 1] if i >= 1 else here
        return here, previous

    def _people_between(self, lo: int, hi: int, gender: str | None) -> list[tuple[int, int, str]]:
        """PERSON mentions (start, end, id) lying inside ``[lo, hi)``, of a compatible gender, in text order."""
        a = bisect_left(self.person_ends, lo)
        b = bisect_right(self.person_ends, hi)
        found = []
        for i in range(a, b):
            if self.person_starts[i] < lo:
                continue
            entity_id = self.person_ids[i]
            if gender is None or self.genders.get(entity_id, gender) == gender:
                found.append((self.person_starts[i], self.person_ends[i], entity_id))
        return found

    def _is_subject(self, start: int, end: int) -> bool:
        if not self.facts or not self.facts.subject_starts:
            return False
        i = bisect_left(self.facts.subject_starts, start)
        return i < len(self.facts.subject_starts) and self.facts.subject_starts[i] < end

    def _subject_or_last(self, mentions: list[tuple[int, int, str]]) -> str | None:
        for m_start, m_end, entity_id in mentions:
            if self._is_subject(m_start, m_end):
                return entity_id
        return mentions[-1][2] if mentions else None

    def resolve(self, text: str, token_start: int, depth: int = 0) -> str | None:
        """The person a pronoun (or ``our hero``) at ``token_start`` refers to, or None."""
        hero = _HERO.match(text, token_start) or _hero_ending_at(text, token_start)
        if hero:
            return self.protagonist
        word = _WORD.match(text, token_start)
        if not word:
            return None
        pronoun = word.group().lower()
        if pronoun not in PERSONAL_PRONOUNS:
            return None
        gender = MALE if pronoun in MALE_PRONOUNS else FEMALE
        here, previous = self.sentence_bounds(token_start)
        in_sentence = self._people_between(here, token_start, gender)
        subject = next((e for a, b, e in in_sentence if self._is_subject(a, b)), None)
        if subject:
            return subject
        if in_sentence and pronoun not in NOMINATIVE_PRONOUNS:
            return in_sentence[-1][2]  # "a friend of Palij, who argued his decision"
        if previous < here:
            before = self._people_between(previous, here, gender)
            subject = next((e for a, b, e in before if self._is_subject(a, b)), None)
            if subject:
                return subject
            chained = self._chain(text, previous, here, gender, depth)
            if chained:
                return chained  # "... he ended up where Hitler's weapons were built. He stayed": the chain of "he"
            if before:
                return before[-1][2]
        if in_sentence:
            return in_sentence[-1][2]  # "Unlike Borisov, he ..." when nothing before says who "he" is
        if self.protagonist and self.genders.get(self.protagonist, gender) == gender:
            return self.protagonist  # nobody named in this sentence or the last: the narrative's own person
        return self.person_before(token_start, max_back=DEFAULT_PRONOUN_REACH, gender=gender)

    def _chain(self, text: str, lo: int, hi: int, gender: str, depth: int) -> str | None:
        """What the last pronoun of the same gender in ``[lo, hi)`` refers to (a few sentences deep at most)."""
        if depth >= PRONOUN_CHAIN_DEPTH:
            return None
        if self._pronouns is None:
            self._pronouns = [(m.start(), m.group().lower()) for m in _PRONOUN.finditer(text)]
            self._pronoun_starts = [p[0] for p in self._pronouns]
        i = bisect_left(self._pronoun_starts, hi) - 1
        while i >= 0 and self._pronouns[i][0] >= lo:
            start, word = self._pronouns[i]
            if (word in MALE_PRONOUNS) == (gender == MALE):
                return self.resolve(text, start, depth + 1)
            i -= 1
        return None


def _hero_ending_at(text: str, token_start: int) -> re.Match[str] | None:
    """``our hero`` when ``token_start`` points at ``hero`` rather than ``our``."""
    lo = max(0, token_start - 12)
    for match in _HERO.finditer(text, lo, token_start + 12):
        if match.start() <= token_start < match.end():
            return match
    return None


def _role_weights(story: Story) -> Any:
    """Weight of a mention for the protagonist count: 1 in the narrative, less in quotations, captions, titles."""
    paragraphs = sorted(story.structure.paragraphs, key=lambda p: p.start)
    starts = [p.start for p in paragraphs]

    def weight(offset: int) -> float:
        i = bisect_right(starts, offset) - 1
        if i < 0 or offset >= paragraphs[i].end:
            return 1.0
        return NARRATIVE_WEIGHT if paragraphs[i].role in ("body", "lede") else OTHER_ROLE_WEIGHT

    return weight


def _person_weights(story: Story) -> dict[str, float]:
    """Each PERSON's mentions counted for the protagonist: narrative ones fully, others less."""
    weight = _role_weights(story)
    return {
        e.id: sum(weight(m.start) for m in e.mentions if m.kind in (None, "name"))
        for e in story.entities if e.type == "PERSON"
    }


def _leader(counts: dict[str, float]) -> str | None:
    """The id with clearly the most mentions, or None when there is no clear leader."""
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    top_id, top = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if top >= PROTAGONIST_MIN_MENTIONS and top >= PROTAGONIST_LEAD * runner_up:
        return top_id
    return None


def _facts_from_doc(doc: Doc) -> DocFacts:
    """Sentence starts and subject offsets, read from the parse's arrays (iterating tokens costs far more)."""
    from chronologue.lib import docview

    if len(doc) == 0:
        return DocFacts(sentence_starts=[0], subject_starts=[])
    columns = docview.of(doc).columns("IDX", "DEP", "SENT_START")
    idx, dep, sent_start = columns[:, 0], columns[:, 1], columns[:, 2]
    subject_codes = [doc.vocab.strings[d] for d in SUBJECT_DEPS]
    starts = idx[sent_start == 1].tolist() or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    subjects = idx[numpy.isin(dep, numpy.array(subject_codes, dtype=numpy.uint64))].tolist()
    return DocFacts(sentence_starts=starts, subject_starts=subjects)


def _facts_from_text(text: str) -> DocFacts:
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    return DocFacts(sentence_starts=starts, subject_starts=[])


def facts(story: Story, doc: Doc | None = None) -> DocFacts:
    """Sentence starts and subjects from the parse, else sentences split on punctuation."""
    return _facts_from_doc(doc) if doc is not None else _facts_from_text(story.text)


def protagonist(story: Story) -> str | None:
    """The PERSON with clearly the most mentions (narrative ones count fully, others half), else None."""
    return _leader(_person_weights(story))
