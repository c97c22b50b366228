"""Who is meant where: look-ups over the entities of a story (mention at a span, last person, protagonist, pronouns).

All functions take the story and build a :class:`ReferenceIndex` once per story (cached, keyed by ``id(story)``
and invalidated when ``story.entities`` changes), so repeated calls cost ``O(log n)``.

Pronoun resolution is better with the spaCy parse: call :func:`prime` with ``ctx.doc`` once (the names stage
does), which records sentence starts and grammatical subjects; without it, sentences are split on punctuation
and no subject is preferred.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from chronologue.model.story import Story

__all__ = [
    "ReferenceIndex",
    "entity_at",
    "index",
    "person_before",
    "prime",
    "protagonist",
    "resolve_pronoun",
]

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PERSONAL_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
NOMINATIVE_PRONOUNS = frozenset({"he", "she"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
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
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself|[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b")
_HERO = re.compile(r"\b(?:our|the)\s+(?:hero|heroine|protagonist)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)]*\s+|\n\s*\n")


@dataclass
class _DocFacts:
    """What the parse tells about sentences and subjects, independent of the entities."""

    sentence_starts: list[int]
    subject_starts: list[int]  # code-point starts of tokens that are grammatical subjects, sorted


@dataclass
class ReferenceIndex:
    """Sorted mention tables of one story, for logarithmic look-ups."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    max_len: int = 0
    person_ends: list[int] = field(default_factory=list)
    person_starts: list[int] = field(default_factory=list)
    person_ids: list[str] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)
    protagonist: str | None = None
    facts: _DocFacts | None = None
    _pronouns: list[tuple[int, str]] | None = None
    _pronoun_starts: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, story: Story, facts: _DocFacts) -> ReferenceIndex:
        """Index every mention of every entity of ``story``."""
        rows: list[tuple[int, int, str]] = []
        people: list[tuple[int, int, str]] = []
        counts: dict[str, float] = {}
        weight = _role_weights(story)
        genders: dict[str, str] = {}
        for entity in story.entities:
            for mention in entity.mentions:
                rows.append((mention.start, mention.end, entity.id))
            if entity.type == "PERSON":
                counts[entity.id] = sum(weight(m.start) for m in entity.mentions)
                people.extend((m.end, m.start, entity.id) for m in entity.mentions)
                gender = entity.attributes.get("gender")
                if gender in ("male", "female"):
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
            protagonist=_leader(counts),
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
        gender = "male" if pronoun in MALE_PRONOUNS else "female"
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
            if (word in MALE_PRONOUNS) == (gender == "male"):
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


def _facts_from_doc(doc: Doc) -> _DocFacts:
    """Sentence starts and subject offsets, read from the parse's arrays (iterating tokens costs far more)."""
    from spacy.attrs import DEP, IDX, SENT_START

    if len(doc) == 0:
        return _DocFacts(sentence_starts=[0], subject_starts=[])
    idx, dep, sent_start = doc.to_array([IDX, DEP, SENT_START]).astype("int64").T.tolist()
    subject_codes = {_signed(doc.vocab.strings[d]) for d in SUBJECT_DEPS}
    starts = [offset for offset, flag in zip(idx, sent_start, strict=True) if flag == 1] or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    subjects = [offset for offset, d in zip(idx, dep, strict=True) if d in subject_codes]
    return _DocFacts(sentence_starts=starts, subject_starts=subjects)


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def _facts_from_text(text: str) -> _DocFacts:
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    return _DocFacts(sentence_starts=starts, subject_starts=[])


# -- cache ------------------------------------------------------------------------------------------------------

_CACHE_SIZE = 16


@dataclass
class _Entry:
    story: Any  # held so that id(story) cannot be reused while cached
    fingerprint: tuple[int, ...]
    facts: _DocFacts
    from_doc: bool = False
    index: ReferenceIndex | None = None


_cache: OrderedDict[int, _Entry] = OrderedDict()


def _fingerprint(story: Story) -> tuple[int, ...]:
    entities = story.entities
    last = entities[-1] if entities else None
    return (
        id(entities),
        len(entities),
        id(last),
        len(last.mentions) if last else 0,
        len(entities[0].mentions) if entities else 0,
        id(story.text),
    )


def _entry(story: Story, doc: Doc | None = None) -> _Entry:
    key = id(story)
    entry = _cache.get(key)
    if entry is None or entry.story is not story or (doc is not None and not entry.from_doc):
        facts = _facts_from_doc(doc) if doc is not None else _facts_from_text(story.text)
        entry = _Entry(story=story, fingerprint=(), facts=facts, from_doc=doc is not None)
        _cache[key] = entry
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(key)
    return entry


def index(story: Story, doc: Doc | None = None) -> ReferenceIndex:
    """The reference index of ``story`` (built on first use, rebuilt when its entities change)."""
    entry = _entry(story, doc)
    fingerprint = _fingerprint(story)
    if entry.index is None or entry.fingerprint != fingerprint:
        entry.index = ReferenceIndex.build(story, entry.facts)
        entry.fingerprint = fingerprint
    return entry.index


def prime(story: Story, doc: Doc | None) -> ReferenceIndex:
    """Build (or rebuild) the index with the parse's sentences and subjects; later calls reuse it."""
    _cache.pop(id(story), None)
    return index(story, doc)


# -- public look-ups --------------------------------------------------------------------------------------------


def person_before(story: Story, offset: int, *, max_back: int | None = None) -> str | None:
    """Entity id of the most recent PERSON mention ending at or before ``offset`` (None if none within max_back)."""
    return index(story).person_before(offset, max_back=max_back)


def protagonist(story: Story) -> str | None:
    """The PERSON with clearly the most mentions (narrative ones count fully, others half), else None."""
    return index(story).protagonist


def entity_at(story: Story, start: int, end: int) -> str | None:
    """The entity one of whose mentions overlaps ``[start, end)`` (the largest overlap wins), else None."""
    return index(story).entity_at(start, end)


def resolve_pronoun(story: Story, token_start: int) -> str | None:
    """The person a he/him/his/she/her (or ``our hero``) starting at ``token_start`` refers to, or None.

    Prefers a person in the same sentence before the pronoun (its subject first), then the subject of the
    previous sentence, then what a pronoun of the same gender in the previous sentence refers to, then the last
    person of that sentence; with nobody in either sentence, the protagonist, else the most recent person of a
    compatible gender. ``our hero`` is the protagonist.
    """
    return index(story).resolve(story.text, token_start)
