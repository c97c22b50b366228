"""Participants of events: who takes part in which role, names, pronouns and "our hero" resolved to entities."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chronologue.annotators.events.lexicon import FrameRule, Lexicon
from chronologue.annotators.events.syntax import (
    SUBJECT_DEPS,
    clause_of,
    conjuncts,
    has_object,
    is_passive,
    is_passive_trigger,
    prep_objects,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PRONOUN_TAGS = frozenset({"PRP", "PRP$"})
FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine"})
HERO_WORDS = frozenset({"hero", "heroine", "protagonist"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


def _definite(tok: Token) -> bool:
    """Whether a noun is made definite by "the" or "our" ("the major", "our hero")."""
    return any(c.dep_ in ("poss", "det") and c.lower_ in ("our", "the") for c in tok.children)


@dataclass
class Resolver:
    """Turns tokens into entity ids: mentions, pronouns, "our hero", "I" inside a quote with a speaker."""

    entity_at: Callable[[int, int], str | None]
    resolve_pronoun: Callable[[Token], str | None]
    speaker_at: Callable[[int], str | None]
    types: Mapping[str, str]
    ranked: Callable[[str, int], str | None] = lambda _word, _offset: None
    place_tokens: frozenset[int] | None = None  # indices of the tokens in PLACE mentions (None: not known)
    # the span of the entity mention at a character range, and the entity a name calls ("Menelik"), if known
    mention_span: Callable[[int, int], tuple[int, int] | None] = lambda _start, _end: None
    named: Callable[[str], str | None] = lambda _name: None
    # (start, end) of a mention typed otherwise -> the person whose name it mostly is (``persons_by_name``)
    persons_by_name: Mapping[tuple[int, int], str] = field(default_factory=dict)
    likenesses: frozenset[str] = frozenset()  # nouns whose "of" names the person they honour (``Lexicon``)
    # what ``token`` found, by token index, for one parse (a subject is asked again for each verb it governs)
    _found: tuple[object, dict[int, str | None]] = field(default_factory=lambda: (None, {}), init=False, repr=False)

    def token(self, tok: Token) -> str | None:
        """The entity a single token stands for, or None."""
        doc, found = self._found
        if doc is not tok.doc:
            doc, found = self._found = (tok.doc, {})
        if tok.i not in found:
            found[tok.i] = self._token(tok)
        return found[tok.i]

    def _token(self, tok: Token) -> str | None:
        lower = tok.lower_
        if tok.tag_ in PRONOUN_TAGS or lower in FIRST_PERSON:
            if lower in FIRST_PERSON:
                return self.speaker_at(tok.idx)
            return self.resolve_pronoun(tok)
        if lower in HERO_WORDS and _definite(tok):
            return self.resolve_pronoun(tok)
        found = self.entity_at(tok.idx, tok.idx + len(tok.text))
        if found is not None and not self.is_person(found):
            found = self.persons_by_name.get((tok.idx, tok.idx + len(tok.text)), found)
        if found is not None and not self.is_person(found) and tok.pos_ == "PROPN" and self._holds_a_verb(tok):
            person = self.named(tok.text)
            found = person if self.is_person(person) else found
        if found is None and tok.i + 1 < len(tok.doc) and tok.nbor().dep_ == "case":
            found = self.entity_at(tok.idx, tok.nbor().idx + len(tok.nbor().text))
        if found is None and tok.pos_ == "NOUN" and tok.tag_ == "NN" and _definite(tok):
            found = self.ranked(lower, tok.idx)  # "the major": the person of that rank named before
        return found

    def _holds_a_verb(self, tok: Token) -> bool:
        """Whether the entity mention holding a name runs over a verb of its clause ("Menelik took Harar" taken
        for one name): no name holds a verb, so the word is read as a name of its own."""
        span = self.mention_span(tok.idx, tok.idx + len(tok.text))
        if span is None:
            return False
        words = tok.doc.char_span(span[0], span[1], alignment_mode="expand")
        return words is not None and any(word.pos_ in ("VERB", "AUX") for word in words)

    def nominal(self, tok: Token) -> list[str]:
        """The entities of a noun phrase and of the phrases joined to it ("Palij and Borisov")."""
        found: list[str] = []
        for member in conjuncts(tok):
            entity = self.token(member)
            if entity is None:
                entity = self._compound(member)
            if entity is not None and entity not in found:
                found.append(entity)
        return found

    def _compound(self, tok: Token) -> str | None:
        """The entity of a name compounded or in apposition with a noun, or the person of a likeness ("a statue
        of Vera Lanska")."""
        likeness = tok.pos_ == "NOUN" and tok.lemma_.lower() in self.likenesses
        for child in tok.children:
            if child.dep_ in ("compound", "appos"):
                entity = self.token(child)
                if entity is not None:
                    return entity
            elif likeness and child.dep_ == "prep" and child.lower_ in ("of", "to"):
                for obj in child.children:
                    entity = self.token(obj) if obj.dep_ == "pobj" else None
                    if self.is_person(entity):
                        return entity
        return None

    def is_person(self, entity: str | None) -> bool:
        """Whether the entity is a PERSON."""
        return entity is not None and self.types.get(entity) == "PERSON"


def subject_of(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The subject tokens of a verb, borrowed from its controller or first conjunct when it has none.

    Returns the tokens and whether they stand in the object role of the verb they belong to (a passive
    subject or a controlling object).
    """
    children = list(verb.children)
    auxiliaries = [c for c in children if c.dep_ in ("aux", "auxpass")]
    for child in [*children, *(g for a in auxiliaries for g in a.children)]:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return [verb.head], child.dep_ == "nsubjpass"
            return [child], child.dep_ == "nsubjpass" or child.head.dep_ == "auxpass"
    if depth > 4 or verb.head.i == verb.i:
        return [], False
    if verb.dep_ == "acomp":
        tokens, _ = subject_of(verb.head, depth + 1)
        return tokens, True
    if verb.dep_ == "relcl":
        return [verb.head], is_passive(verb)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [verb.head], not has_object(verb)  # "the post in X arrested 60 guides" is no passive
    if verb.dep_ == "xcomp":
        governor = verb.head
        objects = [c for c in governor.children if c.dep_ == "dobj"]
        if objects:
            return objects, False
        tokens, _ = subject_of(governor, depth + 1)
        return tokens, False
    if verb.dep_ == "conj":
        tokens, _ = subject_of(verb.head, depth + 1)
        return tokens, False
    return [], False


class ParticipantCollector:
    """Collects (entity, role) pairs without repeating an entity."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.found: list[tuple[str, str]] = []

    def add(self, tokens: Iterable[Token], role: str) -> None:
        """Add the entities of these noun phrases in ``role``."""
        for tok in tokens:
            for entity in self.resolver.nominal(tok):
                if all(entity != known for known, _ in self.found):
                    self.found.append((entity, role))

    def add_entity(self, entity: str | None, role: str) -> None:
        """Add one entity in ``role``."""
        if entity is not None and all(entity != known for known, _ in self.found):
            self.found.append((entity, role))

    def has_person(self) -> bool:
        """Whether a PERSON takes part already."""
        return any(self.resolver.is_person(entity) for entity, _ in self.found)


def verb_participants(rule: FrameRule, tokens: list[Token], collect: ParticipantCollector) -> list[Token]:
    """Fill in the participants of a verbal trigger; returns its subject tokens."""
    head = tokens[0]
    passive = is_passive_trigger(head, rule.passive_only)
    subjects, object_role = subject_of(head)
    collect.add(subjects, rule.object if (passive or object_role) else rule.subject)
    if head.dep_ == "amod" and head.tag_ == "VBD":
        collect.add([head.head], rule.object)  # a finite verb parsed as an adjective of its object
    phrase_ids = {t.i for t in tokens}
    for child in head.children:
        if child.dep_ in ("dobj", "dative") and child.pos_ != "ADP" and child.i not in phrase_ids:
            collect.add([child], rule.object)
    for prep, obj in prep_objects(tokens):
        if prep == "by" and passive:
            collect.add([obj], rule.subject)
        elif prep in rule.obliques:
            collect.add([obj], rule.obliques[prep])
    return subjects


def noun_participants(rule: FrameRule, noun: Token, lexicon: Lexicon, collect: ParticipantCollector) -> None:
    for child in noun.children:
        if child.dep_ == "poss":
            collect.add([child], rule.possessor)
    for prep, obj in prep_objects([noun]):
        if prep in rule.obliques:
            collect.add([obj], rule.obliques[prep])
        elif prep == "of":
            collect.add([obj], rule.possessor)
        elif prep == "by":
            collect.add([obj], rule.subject)
    governor = noun.head
    if not collect.found and noun.dep_ == "dobj" and governor.lemma_.lower() in lexicon.light_verbs:
        datives = [c for c in governor.children if c.dep_ == "dative"]
        collect.add(datives or subject_of(governor)[0], rule.possessor)
    if not collect.found and _partitive(noun, lexicon):
        collect.add(subject_of(clause_of(noun))[0], rule.possessor)  # "after one of the crossings she noted"


def _partitive(noun: Token, lexicon: Lexicon) -> bool:
    """Whether an event noun is picked out of a series: "one of the crossings", "each of his escapes"."""
    of = noun.head
    return noun.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ in lexicon.partitives


def associate(
    subjects: list[Token], sentence_people: Callable[[], list[str]], collect: ParticipantCollector, lexicon: Lexicon
) -> None:
    """A person stands behind a part of theirs as the subject ("his unit withdrew", "the wounded leg fell").

    The possessor of a singular subject named in the lexicon's part nouns takes part; without a possessor,
    the one person the sentence is about does (``sentence_people`` gives them, asked only then).
    """
    for subject in subjects:
        if subject.tag_ != "NN" or subject.lemma_.lower() not in lexicon.part_nouns:
            continue
        owners = [c for c in subject.children if c.dep_ == "poss"]
        if owners:
            collect.add(owners, "associate")
        elif len(people := sentence_people()) == 1:
            collect.add_entity(people[0], "associate")


def sentence_people(sent: Span, resolver: Resolver) -> list[str]:
    """The distinct persons a sentence refers to (names, pronouns, "our hero")."""
    people: list[str] = []
    for tok in sent:
        if tok.pos_ not in ("PROPN", "PRON", "NOUN"):
            continue
        entity = resolver.token(tok)
        if entity is not None and resolver.is_person(entity) and entity not in people:
            people.append(entity)
    return people
