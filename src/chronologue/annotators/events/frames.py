"""Event frames: each trigger that states a fact, with its participants, its place and its clause.

``build_frames`` walks the triggers of the lexicon once; :mod:`factuality` decides what happened,
:mod:`participants` who took part, and the place is the PLACE entity of the clause (objects of in/at/near/to
first, "there" standing for the place of the event before).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy

from chronologue.annotators.events.factuality import is_fact
from chronologue.annotators.events.lexicon import FrameRule, Lexicon
from chronologue.annotators.events.participants import (
    ParticipantCollector,
    Resolver,
    associate,
    noun_participants,
    sentence_people,
    verb_participants,
)
from chronologue.annotators.events.syntax import CLAUSE_POS, Sentences, clause_of, is_question, sentence_span
from chronologue.annotators.events.triggers import find_triggers
from chronologue.lib import docview

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Prepositions that attach a place to an event, best first.
PLACE_PREPS = ("in", "at", "near", "to", "towards", "into", "outside", "around", "from", "on")
# Dependency labels that open a clause of its own: places are not looked for inside them (a participle
# describing a noun, "a camp working for the station in X", is part of the noun phrase and is looked into).
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "csubj", "xcomp", "parataxis", "pcomp"})


@dataclass
class Frame:
    """One event found in the text, before it is given ids and bounds."""

    rule: FrameRule
    head: Token
    trigger: tuple[int, int]
    sentence: tuple[int, int]
    clause: Token  # the verb whose time expressions date the event
    sent: Span  # the parse's sentence holding the trigger
    participants: list[tuple[str, str]] = field(default_factory=list)
    place: str | None = None
    place_is_there: bool = False  # the place is "there": the place of the event before

    @property
    def start(self) -> int:
        """Where the trigger starts in the text."""
        return self.trigger[0]


def _walk_clause(start: Iterable[Token]) -> Iterator[tuple[Token, str | None, int]]:
    """Tokens of a clause (not entering clauses of their own nor the active subject), with the nearest
    preposition above each."""
    stack: list[tuple[Token, str | None, int]] = [(tok, None, 0) for tok in start]
    while stack:
        tok, prep, depth = stack.pop()
        for child in tok.children:
            if child.dep_ in CLAUSE_DEPS or (child.dep_ == "conj" and child.pos_ in CLAUSE_POS):
                continue
            if depth == 0 and child.dep_ == "nsubj":
                continue  # the doer is no place of the deed ("Germany invaded Poland")
            child_prep = child.lower_ if child.pos_ == "ADP" else prep
            yield child, child_prep, depth + 1
            if depth < 8:
                stack.append((child, child_prep, depth + 1))


def _place_words(doc: Doc, place_tokens: frozenset[int] | None) -> list[int] | None:
    """Indices of the tokens that name a place or say "there", in order (None: places not known, look everywhere)."""
    if place_tokens is None:
        return None
    there = numpy.flatnonzero(docview.of(doc).columns("LOWER") == doc.vocab.strings["there"]).tolist()
    return sorted(place_tokens.union(there))


def _may_hold_place(sent: Span, place_words: list[int] | None) -> bool:
    """Whether a sentence names a place or says "there" (else no place is looked for in it)."""
    if place_words is None:
        return True
    i = bisect_left(place_words, sent.start)
    return i < len(place_words) and place_words[i] < sent.end


def _place(tokens: list[Token], resolver: Resolver) -> tuple[str | None, bool]:
    """The PLACE entity of the clause (prepositional objects of in/at/near/to first) and whether it is "there"."""
    best: tuple[tuple[int, int, int], str] | None = None
    there = False
    for tok, prep, depth in _walk_clause(tokens):
        if tok.lower_ == "there" and tok.dep_ == "advmod" and tok.head in tokens:
            there = True
            continue
        if resolver.place_tokens is not None and tok.i not in resolver.place_tokens:
            continue
        span = (tok.idx, tok.idx + len(tok.text))
        entity = resolver.entity_at(*span)
        if entity is None or resolver.types.get(entity) != "PLACE" or span in resolver.persons_by_name:
            continue  # no place, or a person's name the recogniser took for one ("sent Saigō to Amami Ōshima")
        if prep is not None and prep not in PLACE_PREPS:
            continue  # "the title of Hero of the Soviet Union" names no place of the event
        rank = PLACE_PREPS.index(prep) if prep is not None else len(PLACE_PREPS)
        key = (rank, depth, tok.i)
        if best is None or key < best[0]:
            best = (key, entity)
    if best is not None:
        return best[1], False
    return None, there


# Dependencies of a noun that names an event as the topic of its clause ("the blockade began", "the siege of
# Mekele lasted until January"): such a noun is an event even when no participant is named.
TOPIC_DEPS = frozenset({"nsubj", "nsubjpass"})


def _named_event(head: Token, dated_nouns: frozenset[int]) -> bool:
    """Whether a noun trigger without participants is an event of the story all the same: the subject of its
    clause, or dated by a time of its own ("the landing on 6 June")."""
    if head.i in dated_nouns:
        return True
    return head.dep_ in TOPIC_DEPS and any(c.dep_ in ("det", "poss") for c in head.children)


def build_frames(
    doc: Doc,
    lexicon: Lexicon,
    resolver: Resolver,
    sentences: Sentences | None = None,
    dated_nouns: frozenset[int] = frozenset(),
) -> list[Frame]:
    """Every event frame of the parse that states a fact, in text order (``dated_nouns``: indices of the nouns
    a time expression dates)."""
    frames: list[Frame] = []
    people_cache: dict[int, list[str]] = {}
    sentences = sentences or Sentences(doc)
    questions: dict[int, bool] = {}
    may_hold_place: dict[int, bool] = {}
    place_words = _place_words(doc, resolver.place_tokens)
    for rule, tokens in find_triggers(doc, lexicon):
        head = tokens[0]
        is_verb = head.pos_ != "NOUN"
        if is_verb and head.dep_ == "amod" and head.tag_ in ("VBN", "VBG"):
            continue  # an adjectival participle ("the wounded leg") describes, it does not tell
        sent = sentences.of(head)
        if sent.start not in questions:
            questions[sent.start] = is_question(sent)
        if questions[sent.start]:
            continue
        clause = (head.head if head.dep_ == "acomp" else head) if is_verb else clause_of(head)
        if not is_fact(clause, lexicon):
            continue
        if not is_verb and clause.lemma_.lower() in lexicon.blocking:
            continue
        collect = ParticipantCollector(resolver)
        subjects: list[Token] = []
        if is_verb:
            subjects = verb_participants(rule, tokens, collect)
        else:
            noun_participants(rule, head, lexicon, collect)
            if not collect.found and not _named_event(head, dated_nouns):
                continue
        if not collect.has_person() and subjects:

            def people(sent: Span = sent) -> list[str]:
                if sent.start not in people_cache:
                    people_cache[sent.start] = sentence_people(sent, resolver)
                return people_cache[sent.start]

            associate(subjects, people, collect, lexicon)
        if is_verb and rule.needs_participant and not collect.found:
            continue
        if sent.start not in may_hold_place:
            may_hold_place[sent.start] = _may_hold_place(sent, place_words)
        place, there = _place(tokens, resolver) if may_hold_place[sent.start] else (None, False)
        last = tokens[-1]
        frames.append(
            Frame(
                rule=rule,
                head=head,
                trigger=(head.idx, last.idx + len(last.text)),
                sentence=sentence_span(sent),
                clause=clause,
                sent=sent,
                participants=collect.found,
                place=place,
                place_is_there=there,
            )
        )
    return frames
