"""Who ``he`` and ``she`` are: pronouns resolved by salience, in one pass over the narration.

The weights follow Lappin and Leass (1994). Every mention of a person in the narration (a name, a resolved
pronoun, a person noun) adds to that person's salience: 100 for being mentioned in the current sentence, more
for its role (subject 80, direct object 50, other object 40), 80 for standing as a noun phrase of its own (not a
possessive), 50 for not sitting inside an adverbial clause. Salience halves at every sentence. A pronoun goes
to the most salient person of its sex (35 more for one in the same role: a subject pronoun prefers the last
subject), never to one that is an argument of the same verb (``he saw him``) nor to the one its phrase is in
apposition to (``Nell, her maid``).

A person the text does not name (``a young officer``, ``one of the companions``) is a referent of its own,
which a later ``the officer`` continues (``no other woman`` is no one). A description weighs half (it often is
a named person met before), unless it singles someone out of a group (``one of the companions``); a sentence
that ends on such a one hands the next sentence's opening ``He`` to them. A person of unknown sex weighs half
too (a description until a pronoun resolved to it tells it). Words inside quotations and asides (captions,
headings) are not narration and are skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import LEMMA, LOWER, POS, SENT_START
from spacy.strings import hash_string
from spacy.symbols import NOUN, PRON, PROPN

from chronologue.lib.coref.vocabulary import FEMALE, MALE, MALE_PRONOUNS, PERSONAL_PRONOUNS, SUBJECT_DEPS, Gender

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

RECENCY = 100.0
ROLE_WEIGHTS = {"nsubj": 80.0, "nsubjpass": 80.0, "dobj": 50.0, "dative": 40.0, "pobj": 40.0}
HEAD_NOUN = 80.0
NON_ADVERBIAL = 50.0
PARALLEL = 35.0
DECAY = 0.5
UNSURE = 0.5  # the factor for a referent of unknown sex, and for an unnamed one
FORGOTTEN = 5.0  # a referent whose salience fell below this is out of the discourse
RANKED = 3  # how many candidates of a pronoun are kept
PERSONAL = PERSONAL_PRONOUNS
SUBJECTS = SUBJECT_DEPS
INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any"})
QUANTIFIER_HEADS = frozenset({"one", "each", "any", "none", "another", "some"})  # "one of the companions"
DEFINITE = frozenset({"the", "this", "that"})
NEGATIVE = frozenset({"no", "none", "neither", "every", "each"})


@dataclass
class Referent:
    """A person in the discourse: an entity id, or None with the noun phrase that introduced an unnamed one."""

    entity: str | None
    mention: tuple[int, int]
    gender: Gender | None
    salience: float = 0.0
    role: str = ""
    noun: str = ""  # the head noun of an unnamed person ("officer"), which a later "the officer" continues
    partitive: bool = False  # "one of the companions": someone new the text singles out


@dataclass(frozen=True)
class Resolution:
    """What a pronoun refers to: an entity, or None with the phrase of an unnamed person."""

    entity: str | None
    mention: tuple[int, int]


class SalienceModel:
    """Pronoun antecedents for one story, computed on first use in one pass over its narration.

    The pass visits only what matters: he/she pronouns, person mentions and nouns that may name a person,
    found at once from the parse's arrays, in text order.
    """

    def __init__(
        self,
        doc: Doc,
        mentions: list[tuple[int, int, str]],
        person_nouns: frozenset[str],
        noun_of: Callable[[Token], tuple[str | None, tuple[int, int], Gender | None] | None],
        gender_of: Callable[[str], Gender | None],
        narration: Callable[[int], bool],
    ) -> None:
        """``mentions``: (start, end, entity) of the person mentions, sorted; ``noun_of``: for a person noun, the
        entity it names (or None) with its phrase and sex; ``narration``: False inside quotations and asides."""
        self._doc = doc
        self._mentions = mentions
        self._person_nouns = person_nouns
        self._noun_of = noun_of
        self._gender_of = gender_of
        self._narration = narration
        self._found: dict[int, Resolution | None] = {}
        self._nouns: dict[int, Resolution] = {}  # person nouns of the narration that are a named person
        self._ranked: dict[int, list[Resolution]] = {}
        self._introduced: Referent | None = None
        self._at: dict[int, str] = {}  # token index of a mention -> its referent's key
        self._named_at: dict[int, str] = {}  # token index of a person mention's head -> its entity
        self._done = False
        self._running = False

    def antecedent(self, pronoun: Token) -> Resolution | None:
        """The person a he/she pronoun of the narration refers to (None when no one fits)."""
        self._ensure()
        return self._found.get(pronoun.i)

    def ranked(self, pronoun: Token) -> list[Resolution]:
        """The persons the pronoun may refer to, the likeliest first (``her`` of ``her mother``: not the mother)."""
        self.antecedent(pronoun)
        return self._ranked.get(pronoun.i, [])

    def known(self, pronoun: Token) -> bool:
        """True when the pass looked at this pronoun (it lies in the narration)."""
        if not self._done:
            self.antecedent(pronoun)
        return pronoun.i in self._found

    def resolved(self) -> tuple[dict[int, Resolution], dict[int, Resolution]]:
        """Every he/she pronoun and every person noun (by token index) of the narration that the pass gave to a
        named person: (pronouns, nouns), the noun's resolution holding its phrase."""
        self._ensure()
        pronouns = {i: r for i, r in self._found.items() if r is not None and r.entity is not None}
        return pronouns, dict(self._nouns)

    def _ensure(self) -> None:
        if not self._done and not self._running:
            self._running = True
            try:
                self._run()
            finally:
                self._running = False
                self._done = True

    # -- the pass -------------------------------------------------------------------------------------------
    def _events(self) -> tuple[list[tuple[int, int, tuple[int, int, str, int] | None]], numpy.ndarray]:
        """(token index, kind, mention) in text order: kind 0 a pronoun, 1 a person mention, 2 a person noun;
        and each token's sentence number."""
        doc = self._doc
        array = doc.to_array([POS, LOWER, LEMMA, SENT_START])
        pos, lower, lemma, starts = array[:, 0], array[:, 1], array[:, 2], array[:, 3]
        pronouns, nouns = _hashes(PERSONAL), _hashes(self._person_nouns)
        events: list[tuple[int, int, tuple[int, int, str, int] | None]] = []
        events += [(int(i), 0, None) for i in numpy.flatnonzero(pos == PRON) if int(lower[i]) in pronouns]
        events += [(int(i), 2, None) for i in numpy.flatnonzero(pos == NOUN) if int(lemma[i]) in nouns]
        for start, end, entity in self._mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span) and pos[span.root.i] in (PROPN, NOUN):  # not "Homeric"
                events.append((span.start, 1, (start, end, entity, span.end)))
                self._named_at[span.root.i] = entity
        events.sort(key=lambda event: (event[0], -event[1]))
        sentence = numpy.cumsum(starts == 1)
        return events, sentence

    def _run(self) -> None:
        doc = self._doc
        events, sentence_of = self._events()
        referents: dict[str, Referent] = {}
        introduced: Referent | None = None  # someone the sentence before singled out last ("one of the cooks")
        arguments: dict[int, set[str]] = {}  # a verb's token index -> referents that are its arguments
        current = -1
        covered = -1  # the last token of the mention just seen
        for index, kind, mention in events:
            if index <= covered:
                continue
            token = doc[index]
            if not self._narration(token.idx):
                continue
            sentence = int(sentence_of[index])
            if sentence != current:
                self._introduced, introduced = (introduced, None) if sentence == current + 1 else (None, None)
                _decay(referents, DECAY ** (sentence - current) if current >= 0 else 1.0)
                arguments = {}
                current = sentence
            if kind == 0:
                first = index == 0 or sentence_of[index - 1] != sentence
                ref = self._resolve(token, referents, arguments, first)
                self._found[index] = Resolution(ref.entity, ref.mention) if ref else None
                if ref is not None:
                    if ref.entity is None:  # "the stranger … he"; a name's sex comes from the whole text
                        ref.gender = ref.gender or (MALE if token.lower_ in MALE_PRONOUNS else FEMALE)
                    self._mention(ref, token, arguments)
                introduced = None
            elif kind == 1:
                assert mention is not None
                start, end, entity, after = mention
                covered = after - 1
                ref = referents.get(entity) or Referent(entity, (start, end), self._gender_of(entity))
                referents[entity] = ref
                self._mention(ref, doc[index:after].root, arguments)
                introduced = None
            elif token.tag_ == "NN" or one_of(token):
                noun = self._noun_of(token)
                if noun is None:
                    continue
                ref = self._noun_referent(token, *noun, referents)
                if ref is None:
                    continue
                self._mention(ref, token, arguments)
                if ref.entity is not None:
                    self._nouns[index] = Resolution(ref.entity, noun[1])
                if ref.partitive:
                    introduced = ref

    def _noun_referent(
        self, noun: Token, entity: str | None, span: tuple[int, int], gender: Gender | None,
        referents: dict[str, Referent],
    ) -> Referent | None:
        if entity is not None:
            ref = referents.get(entity) or Referent(entity, span, self._gender_of(entity) or gender)
            referents[entity] = ref
            return ref
        lemma = noun.lemma_.lower()
        if any(c.lower_ in NEGATIVE for c in noun.children):
            return None  # "no other woman": no one
        definite = any(c.lower_ in DEFINITE or c.dep_ == "poss" for c in noun.children) and not one_of(noun)
        if definite:  # "the officer" goes on with the officer already in the discourse
            same = [r for r in referents.values() if r.entity is None and r.noun == lemma]
            if same:
                return max(same, key=lambda r: r.salience)
        ref = Referent(None, span, gender, noun=lemma, partitive=one_of(noun))
        referents[_key(ref)] = ref
        return ref

    def _mention(self, ref: Referent, token: Token, arguments: dict[int, set[str]]) -> None:
        self._at[token.i] = _key(ref)
        ref.salience += _weight(token)
        ref.role = "subject" if token.dep_ in SUBJECTS else "other"
        arguments.setdefault(token.head.i, set()).add(_key(ref))

    def _resolve(
        self, pronoun: Token, referents: dict[str, Referent], arguments: dict[int, set[str]], first: bool
) -> Referent | None:
        lower = pronoun.lower_
        gender: Gender = MALE if lower in MALE_PRONOUNS else FEMALE
        reflexive = lower.endswith("self")
        possessive = pronoun.dep_ == "poss"
        clash = set() if reflexive or possessive else set(arguments.get(pronoun.head.i, set()))
        if not reflexive and not possessive:  # "said he to Temple": Temple, named later in the clause, is not he
            clash |= {self._named_at[t.i] for t in _arguments(pronoun.head) if t.i in self._named_at}
        if pronoun.head.dep_ == "appos":  # "Nell, her maid": her is not Nell
            clash.add(self._at.get(pronoun.head.head.i, ""))
        role = "subject" if pronoun.dep_ in SUBJECTS else "other"
        fresh = self._introduced
        opens = role == "subject" and first
        if fresh is not None and opens and fresh.gender in (None, gender):
            self._ranked[pronoun.i] = [Resolution(fresh.entity, fresh.mention)]
            return fresh  # "… told by one of the cooks. He noticed:": the one just singled out
        scored: list[tuple[float, Referent]] = []
        for key, ref in referents.items():
            if ref.gender not in (None, gender) or key in clash:
                continue
            if reflexive and key not in arguments.get(pronoun.head.i, set()):
                continue  # "herself": a co-argument of her own verb
            score = ref.salience + (PARALLEL if ref.role == role else 0.0)
            if ref.gender is None and not ref.partitive:
                score *= UNSURE  # a person of unknown sex fits less well than one known to fit
            if ref.entity is None and not ref.partitive:
                score *= UNSURE  # a description ("a young woman") is often a named person met before
            if score > 0:
                scored.append((score, ref))
        scored.sort(key=lambda pair: -pair[0])
        self._ranked[pronoun.i] = [Resolution(r.entity, r.mention) for _, r in scored[:RANKED]]
        return scored[0][1] if scored else None


@lru_cache(maxsize=16)
def _hashes(words: frozenset[str]) -> frozenset[int]:
    """The string-store hashes of words (the same in every vocabulary), to test a parse's arrays against."""
    return frozenset(hash_string(w) for w in words)


def _decay(referents: dict[str, Referent], factor: float) -> None:
    """Salience fades with every sentence; a referent that fell below FORGOTTEN leaves the discourse."""
    for key, ref in list(referents.items()):
        ref.salience *= factor
        if ref.salience < FORGOTTEN:
            del referents[key]


def _key(ref: Referent) -> str:
    return ref.entity if ref.entity is not None else f"np:{ref.mention[0]}"


def _weight(token: Token) -> float:
    """The salience one mention adds, by the mention's place in its sentence."""
    weight = RECENCY + ROLE_WEIGHTS.get(token.dep_, 0.0)
    if token.dep_ not in ("poss", "compound"):
        weight += HEAD_NOUN
    if not any(a.dep_ == "advcl" for a in token.ancestors):
        weight += NON_ADVERBIAL
    return weight


def _arguments(verb: Token) -> list[Token]:
    """The verb's subject and objects, prepositional ones included (``said he to Temple``)."""
    found = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "dative"):
            found.append(child)
        elif child.dep_ == "prep":
            found.extend(g for g in child.children if g.dep_ == "pobj")
    return found


def one_of(noun: Token) -> bool:
    """``one of the companions``: the noun names a group the phrase singles one person out of."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in QUANTIFIER_HEADS
