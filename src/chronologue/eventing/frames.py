"""Event frames from the dependency parse: triggers of the lexicon, whether they are facts, who takes part.

One pass over the tokens finds triggers (verbs, nominalisations, multiword phrases); each trigger that is a
fact of the story (not negated, not hypothetical, not under "avoid"/"want", not a bare purpose infinitive)
becomes a :class:`Frame` with its participants (pronouns and "our hero" resolved to persons), its place and
the clause token its time expressions hang on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lexicon import FrameRule, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLAUSE_POS = frozenset({"VERB", "AUX"})
PRONOUN_TAGS = frozenset({"PRP", "PRP$"})
FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine"})
HERO_WORDS = frozenset({"hero", "heroine", "protagonist"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
# Words that may stand between the parts of a multiword trigger ("fell into *the* hands", "hand *them* over").
PHRASE_GAP_POS = frozenset({"DET", "PRON", "ADJ", "NUM"})
PHRASE_GAP = 3
# Prepositions that attach a place to an event, best first.
PLACE_PREPS = ("in", "at", "near", "to", "towards", "into", "outside", "around", "from", "on")
# A gerund that is no fact of the story unless it hangs on one of these prepositions ("after escaping").
GERUND_TIME_PREPS = frozenset({"after", "before", "upon", "on", "since", "following"})
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
    participants: list[tuple[str, str]] = field(default_factory=list)
    place: str | None = None
    place_is_there: bool = False  # the place is "there": the place of the event before

    @property
    def start(self) -> int:
        """Where the trigger starts in the text."""
        return self.trigger[0]


@dataclass
class Resolver:
    """Turns tokens into entity ids: mentions, pronouns, "our hero", "I" inside a quote with a speaker."""

    entity_at: Callable[[int, int], str | None]
    resolve_pronoun: Callable[[Token], str | None]
    speaker_at: Callable[[int], str | None]
    types: dict[str, str]

    def token(self, tok: Token) -> str | None:
        """The entity a single token stands for, or None."""
        lower = tok.lower_
        if tok.tag_ in PRONOUN_TAGS or lower in FIRST_PERSON:
            if lower in FIRST_PERSON:
                return self.speaker_at(tok.idx)
            return self.resolve_pronoun(tok)
        if lower in HERO_WORDS and any(c.dep_ == "poss" and c.lower_ in ("our", "the") for c in tok.children):
            return self.resolve_pronoun(tok)
        found = self.entity_at(tok.idx, tok.idx + len(tok.text))
        if found is None and tok.i + 1 < len(tok.doc) and tok.nbor().dep_ == "case":
            found = self.entity_at(tok.idx, tok.nbor().idx + len(tok.nbor().text))
        return found

    def nominal(self, tok: Token) -> list[str]:
        """The entities of a noun phrase and of the phrases joined to it ("Palij and Borisov")."""
        found: list[str] = []
        for member in _conjuncts(tok):
            entity = self.token(member)
            if entity is None:
                entity = self._compound(member)
            if entity is not None and entity not in found:
                found.append(entity)
        return found

    def _compound(self, tok: Token) -> str | None:
        for child in tok.children:
            if child.dep_ in ("compound", "appos"):
                entity = self.token(child)
                if entity is not None:
                    return entity
        return None

    def is_person(self, entity: str | None) -> bool:
        """Whether the entity is a PERSON."""
        return entity is not None and self.types.get(entity) == "PERSON"


def _conjuncts(tok: Token) -> Iterator[Token]:
    yield tok
    for child in tok.children:
        if child.dep_ in ("conj", "appos"):
            yield from _conjuncts(child)


# -- triggers -----------------------------------------------------------------------------------------------------


def _phrase_tokens(head: Token, words: tuple[str, ...]) -> list[Token] | None:
    """The tokens of a multiword trigger starting at ``head``, or None when the rest does not follow.

    Each further word is a dependent of the word before it ("took [him] prisoner", "fell into the hands"),
    or follows it with only articles, pronouns or adjectives between (when the parse attached it elsewhere).
    """
    doc = head.doc
    tokens = [head]
    previous = head
    for word in words[1:]:
        found = next((c for c in previous.rights if c.lemma_.lower() == word or c.lower_ == word), None)
        if found is None:
            for i in range(previous.i + 1, min(len(doc), previous.i + 2 + PHRASE_GAP)):
                candidate = doc[i]
                if candidate.lemma_.lower() == word or candidate.lower_ == word:
                    found = candidate
                    break
                if candidate.pos_ not in PHRASE_GAP_POS:
                    break
        if found is None:
            return None
        tokens.append(found)
        previous = found
    return tokens


def _is_passive(tok: Token) -> bool:
    if any(child.dep_ in ("auxpass", "nsubjpass") for child in tok.children):
        return True
    if tok.dep_ == "acomp" or (tok.tag_ == "VBN" and tok.dep_ == "acl"):
        return True
    # a conjunct sharing a passive auxiliary: "he was sentenced and sent to a camp"
    return (
        tok.dep_ == "conj" and tok.tag_ == "VBN" and not any(c.dep_.startswith("aux") for c in tok.children)
        and _is_passive(tok.head)
    )


def _linked_words(tokens: list[Token]) -> set[str]:
    """Prepositions and particles that hang on the trigger's tokens."""
    return {child.lower_ for tok in tokens for child in tok.children if _is_prep(child) or child.dep_ == "prt"}


def _is_prep(tok: Token) -> bool:
    """A preposition on a verb or noun (the parser calls "sent *to* Germany" a dative at times)."""
    return tok.dep_ in ("prep", "agent") or (tok.dep_ == "dative" and tok.pos_ == "ADP")


def _fits(rule: FrameRule, tokens: list[Token]) -> bool:
    if rule.passive_only and not _is_passive(tokens[0]):
        return False
    if rule.requires or rule.excludes:
        linked = _linked_words(tokens)
        if rule.requires and not rule.requires & linked:
            return False
        if rule.excludes & linked:
            return False
    return True


def _is_adjectival_passive(tok: Token) -> bool:
    """A participle the parser took for an adjective after "be" ("his division was encircled")."""
    if tok.pos_ != "ADJ" or not tok.lower_.endswith("ed"):
        return False
    return tok.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in tok.children)


def _participle_lemma(word: str, verbs: dict[str, tuple[FrameRule, ...]]) -> str:
    """The verb lemma of an -ed participle, among the lexicon's verbs ("encircled" -> "encircle")."""
    for candidate in (word[:-1], word[:-2], word[:-3], word[:-3] + "y" if word.endswith("ied") else ""):
        if candidate in verbs:
            return candidate
    return word


def find_triggers(doc: Doc | Span, lexicon: Lexicon) -> Iterator[tuple[FrameRule, list[Token]]]:
    """Every (rule, trigger tokens) of the lexicon in the parse, in text order; one rule per trigger head."""
    verbs, nouns, phrases = lexicon.verbs, lexicon.nouns, lexicon.phrases
    taken: set[int] = set()
    for tok in doc:
        if tok.i in taken:
            continue
        pos = tok.pos_
        is_verb = pos == "VERB" or (pos != "NOUN" and tok.tag_.startswith("VB"))
        lemma = tok.lemma_.lower()
        if not is_verb and pos != "NOUN":
            if not _is_adjectival_passive(tok):
                continue
            lemma = _participle_lemma(tok.lower_, verbs)
            is_verb = True
        match = None
        if is_verb and lemma in phrases:
            for rule in phrases[lemma]:
                tokens = _phrase_tokens(tok, rule.phrase)
                if tokens is not None and _fits(rule, tokens):
                    match = (rule, tokens)
                    break
        if match is None:
            table = verbs if is_verb else nouns
            for rule in table.get(lemma, ()):
                if _fits(rule, [tok]):
                    match = (rule, [tok])
                    break
        if match is not None:
            taken.update(t.i for t in match[1])
            yield match


# -- factuality ---------------------------------------------------------------------------------------------------


def _has_modal(tok: Token, lexicon: Lexicon) -> bool:
    return any(c.dep_ == "aux" and c.lemma_.lower() in lexicon.modals for c in tok.children)


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _is_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def _is_bare_gerund(tok: Token) -> bool:
    """A gerund with no auxiliary and no subject of its own ("staying in the camp")."""
    if tok.tag_ != "VBG":
        return False
    return not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children)


def is_fact(tok: Token, lexicon: Lexicon) -> bool:
    """Whether the verb (or the verb a nominal trigger hangs on) states something that happened."""
    if _negated(tok) or _has_modal(tok, lexicon):
        return False
    if tok.dep_ == "acomp" and (_negated(tok.head) or _has_modal(tok.head, lexicon)):
        return False
    if tok.dep_ == "conj" and _has_modal(tok.head, lexicon) and not any(c.dep_ == "aux" for c in tok.children):
        return False  # "they would be sent to death or sent to a camp": the second shares the modal
    if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in tok.children):
        return False
    current = tok
    # a conjunct of an infinitive or gerund shares its status ("decided to change sides and fight")
    while current.dep_ == "conj" and current.tag_ in ("VB", "VBG") and not _is_infinitive(current):
        if current.head.tag_ not in ("VB", "VBG"):
            break
        current = current.head
    infinitive = _is_infinitive(current)
    if _is_bare_gerund(current) and current.dep_ != "ROOT":
        head = current.head
        if not (current.dep_ == "pcomp" and head.lower_ in GERUND_TIME_PREPS):
            if head.lemma_.lower() not in lexicon.implicative:
                return False
    while current.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl", "csubj") and current.head.i != current.i:
        governor = current.head
        lemma = governor.lemma_.lower()
        if lemma in lexicon.blocking:
            return False
        if current.dep_ in ("xcomp", "ccomp") and _negated(governor):
            return False
        if current.dep_ in ("xcomp", "ccomp", "advcl") and _has_modal(governor, lexicon):
            return False
        if infinitive and lemma not in lexicon.implicative:
            return False
        if current.dep_ != "xcomp":
            break
        current = governor
        infinitive = _is_infinitive(current)
    return True


# -- participants, place, clause ------------------------------------------------------------------------------


def _subject_of(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The subject tokens of a verb, borrowed from its controller or first conjunct when it has none.

    Returns the tokens and whether they stand in the object role of the verb they belong to (a passive
    subject or a controlling object).
    """
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for child in [*verb.children, *(g for a in auxiliaries for g in a.children)]:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return [verb.head], child.dep_ == "nsubjpass"
            return [child], child.dep_ == "nsubjpass" or child.head.dep_ == "auxpass"
    if depth > 4 or verb.head.i == verb.i:
        return [], False
    if verb.dep_ == "acomp":
        tokens, _ = _subject_of(verb.head, depth + 1)
        return tokens, True
    if verb.dep_ == "relcl":
        return [verb.head], _is_passive(verb)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [verb.head], True
    if verb.dep_ == "xcomp":
        governor = verb.head
        objects = [c for c in governor.children if c.dep_ == "dobj"]
        if objects:
            return objects, False
        tokens, _ = _subject_of(governor, depth + 1)
        return tokens, False
    if verb.dep_ == "conj":
        tokens, _ = _subject_of(verb.head, depth + 1)
        return tokens, False
    return [], False


def _prep_objects(tokens: list[Token]) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs that hang on the trigger's tokens, "by" of a passive included."""
    for tok in tokens:
        for child in tok.children:
            if _is_prep(child):
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        yield child.lower_, grandchild


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


def _verb_participants(rule: FrameRule, tokens: list[Token], collect: ParticipantCollector) -> list[Token]:
    """Fill in the participants of a verbal trigger; returns its subject tokens."""
    head = tokens[0]
    passive = _is_passive(head)
    subjects, object_role = _subject_of(head)
    collect.add(subjects, rule.object if (passive or object_role) else rule.subject)
    phrase_ids = {t.i for t in tokens}
    for child in head.children:
        if child.dep_ in ("dobj", "dative") and child.pos_ != "ADP" and child.i not in phrase_ids:
            collect.add([child], rule.object)
    for prep, obj in _prep_objects(tokens):
        if prep == "by" and passive:
            collect.add([obj], rule.subject)
        elif prep in rule.obliques:
            collect.add([obj], rule.obliques[prep])
    return subjects


def _noun_participants(rule: FrameRule, noun: Token, lexicon: Lexicon, collect: ParticipantCollector) -> None:
    for child in noun.children:
        if child.dep_ == "poss":
            collect.add([child], rule.possessor)
    for prep, obj in _prep_objects([noun]):
        if prep in rule.obliques:
            collect.add([obj], rule.obliques[prep])
        elif prep == "of":
            collect.add([obj], rule.possessor)
        elif prep == "by":
            collect.add([obj], rule.subject)
    governor = noun.head
    if not collect.found and noun.dep_ == "dobj" and governor.lemma_.lower() in lexicon.light_verbs:
        datives = [c for c in governor.children if c.dep_ == "dative"]
        collect.add(datives or _subject_of(governor)[0], rule.possessor)


def _associate(
    subjects: list[Token], sentence_people: list[str], collect: ParticipantCollector, lexicon: Lexicon
) -> None:
    """A person stands behind a thing of theirs as the subject ("his unit withdrew", "the wounded leg fell").

    The possessor of a singular common-noun subject that is no entity and no person ("his mother") takes
    part; without a possessor, the one person the sentence is about does.
    """
    for subject in subjects:
        if subject.tag_ != "NN" or subject.lemma_.lower() in lexicon.person_nouns or collect.resolver.nominal(subject):
            continue
        owners = [c for c in subject.children if c.dep_ == "poss"]
        if owners:
            collect.add(owners, "associate")
        elif len(sentence_people) == 1:
            collect.add_entity(sentence_people[0], "associate")


def clause_of(tok: Token) -> Token:
    """The verb whose clause holds a token (the token itself for a verb; the sentence root at worst)."""
    current = tok
    for _ in range(12):
        if current.pos_ in CLAUSE_POS or current.head.i == current.i:
            return current
        current = current.head
    return current


def _walk_clause(start: Iterable[Token]) -> Iterator[tuple[Token, str | None, int]]:
    """Tokens of a clause (not entering clauses of their own), with the nearest preposition above each."""
    stack = [(tok, None, 0) for tok in start]
    while stack:
        tok, prep, depth = stack.pop()
        for child in tok.children:
            if child.dep_ in CLAUSE_DEPS or (child.dep_ == "conj" and child.pos_ in CLAUSE_POS):
                continue
            child_prep = child.lower_ if child.pos_ == "ADP" else prep
            yield child, child_prep, depth + 1
            if depth < 8:
                stack.append((child, child_prep, depth + 1))


def _place(tokens: list[Token], resolver: Resolver) -> tuple[str | None, bool]:
    """The PLACE entity of the clause (prepositional objects of in/at/near/to first) and whether it is "there"."""
    best: tuple[tuple[int, int, int], str] | None = None
    there = False
    for tok, prep, depth in _walk_clause(tokens):
        if tok.lower_ == "there" and tok.dep_ == "advmod" and tok.head in tokens:
            there = True
            continue
        entity = resolver.entity_at(tok.idx, tok.idx + len(tok.text))
        if entity is None or resolver.types.get(entity) != "PLACE":
            continue
        rank = PLACE_PREPS.index(prep) if prep in PLACE_PREPS else len(PLACE_PREPS)
        key = (rank, depth, tok.i)
        if best is None or key < best[0]:
            best = (key, entity)
    if best is not None:
        return best[1], False
    return None, there


def sentence_span(sent: Span) -> tuple[int, int]:
    """The sentence's character span without trailing white space."""
    end = sent.end - 1
    while end > sent.start and sent.doc[end].is_space:
        end -= 1
    last = sent.doc[end]
    return sent.start_char, last.idx + len(last.text.rstrip())


def build_frames(doc: Doc, lexicon: Lexicon, resolver: Resolver) -> list[Frame]:
    """Every event frame of the parse that states a fact, in text order."""
    frames: list[Frame] = []
    people_cache: dict[int, list[str]] = {}
    for rule, tokens in find_triggers(doc, lexicon):
        head = tokens[0]
        is_verb = head.pos_ != "NOUN"
        if is_verb and head.dep_ == "amod" and head.tag_ in ("VBN", "VBG"):
            continue  # an adjectival participle ("the wounded leg") describes, it does not tell
        sent = head.sent
        if _is_question(sent):
            continue
        clause = (head.head if head.dep_ == "acomp" else head) if is_verb else clause_of(head)
        if not is_fact(clause, lexicon):
            continue
        if not is_verb and clause.lemma_.lower() in lexicon.blocking:
            continue
        collect = ParticipantCollector(resolver)
        subjects: list[Token] = []
        if is_verb:
            subjects = _verb_participants(rule, tokens, collect)
        else:
            _noun_participants(rule, head, lexicon, collect)
            if not collect.found:
                continue
        if not collect.has_person() and subjects:
            if sent.start not in people_cache:
                people_cache[sent.start] = _sentence_people(sent, resolver)
            _associate(subjects, people_cache[sent.start], collect, lexicon)
        place, there = _place(tokens, resolver)
        last = tokens[-1]
        frames.append(
            Frame(
                rule=rule,
                head=head,
                trigger=(head.idx, last.idx + len(last.text)),
                sentence=sentence_span(sent),
                clause=clause,
                participants=collect.found,
                place=place,
                place_is_there=there,
            )
        )
    return frames


def _is_question(sent: Span) -> bool:
    """Whether a sentence asks rather than tells ("Who do I defend?")."""
    for tok in reversed(sent):
        if not (tok.is_space or tok.is_quote or tok.text in ")]»”’"):
            return tok.text.endswith("?")
    return False


def _sentence_people(sent: Span, resolver: Resolver) -> list[str]:
    """The distinct persons a sentence refers to (names, pronouns, "our hero")."""
    people: list[str] = []
    for tok in sent:
        if tok.pos_ not in ("PROPN", "PRON", "NOUN"):
            continue
        entity = resolver.token(tok)
        if resolver.is_person(entity) and entity not in people:
            people.append(entity)
    return people
