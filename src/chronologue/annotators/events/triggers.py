"""Triggers: the words of the text the lexicon names (verbs, nominalisations, multiword phrases)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy
from spacy.strings import StringStore
from spacy.symbols import ADJ, NOUN

from chronologue.annotators.events.lexicon import FrameRule, Lexicon
from chronologue.annotators.events.syntax import is_passive_trigger, is_prep
from chronologue.lib import docview
from chronologue.lib.coref.vocabulary import SUBJECT_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Words that may stand between the parts of a multiword trigger ("fell into *the* hands", "hand *them* over").
PHRASE_GAP_POS = frozenset({"DET", "PRON", "ADJ", "NUM"})
PHRASE_GAP = 3


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


def _linked_words(tokens: list[Token]) -> set[str]:
    """Prepositions and particles that hang on the trigger's tokens."""
    return {child.lower_ for tok in tokens for child in tok.children if is_prep(child) or child.dep_ == "prt"}


# Dependents of a verb whose words name what its subject becomes or gets ("became one of its chiefs").
OBJECT_DEPS = frozenset({"attr", "dobj", "oprd", "acomp", "nsubjpass"})


def _dependents(tokens: list[Token], deps: frozenset[str]) -> Iterator[Token]:
    """The trigger's dependents in ``deps``; for a noun trigger, its object is the object of its "of" ("the
    lifting of the blockade")."""
    for tok in tokens:
        for child in tok.children:
            if child.dep_ in deps:
                yield child
            elif tok.pos_ == "NOUN" and child.dep_ == "prep" and child.lower_ == "of" and deps is not SUBJECT_DEPS:
                yield from (grand for grand in child.children if grand.dep_ == "pobj")


def _has_noun(tokens: list[Token], deps: frozenset[str], nouns: frozenset[str]) -> bool:
    """Whether a dependent of the trigger in one of ``deps`` holds one of ``nouns`` (within its phrase)."""
    return any(word.lemma_.lower() in nouns for child in _dependents(tokens, deps) for word in child.subtree)


# Named-entity labels of the parse that name places, and those that name people (never a place).
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PEOPLE_LABELS = frozenset({"PERSON", "NORP"})


def _is_place(tok: Token, nouns: frozenset[str]) -> bool:
    """A place name (the parse's place label, or a proper noun it does not take for a person) or one of
    ``nouns``."""
    if tok.lemma_.lower() in nouns or tok.ent_type_ in PLACE_LABELS:
        return True
    return tok.pos_ == "PROPN" and tok.ent_type_ not in PEOPLE_LABELS


PLACE_OBJECT_DEPS = frozenset({"dobj", "nsubjpass"})


def _object_is_place(tokens: list[Token], nouns: frozenset[str]) -> bool:
    """Whether the trigger's direct object (or passive subject) is a place ("took Harar", "the fort was
    taken")."""
    return any(_is_place(child, nouns) for child in _dependents(tokens, PLACE_OBJECT_DEPS))


def _fits(rule: FrameRule, tokens: list[Token]) -> bool:
    if rule.passive_only and not is_passive_trigger(tokens[0], passive_only=True):
        return False
    if rule.subject_nouns and not _has_noun(tokens, SUBJECT_DEPS, rule.subject_nouns):
        return False
    if rule.object_places:
        if not _object_is_place(tokens, rule.object_nouns):
            return False
    elif rule.object_nouns and not _has_noun(tokens, OBJECT_DEPS, rule.object_nouns):
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


def _participle_lemma(word: str, verbs: Mapping[str, tuple[FrameRule, ...]]) -> str:
    """The verb lemma of an -ed participle, among the lexicon's verbs ("encircled" -> "encircle")."""
    for candidate in (word[:-1], word[:-2], word[:-3], word[:-3] + "y" if word.endswith("ied") else ""):
        if candidate in verbs:
            return candidate
    return word


@dataclass(frozen=True)
class _Hashes:
    """String-store hashes a vocabulary gives the lexicon's words, as sorted arrays for the parse's arrays."""

    lemmas: numpy.ndarray  # every trigger lemma, as written and capitalised
    participle_endings: numpy.ndarray  # three-letter endings of -ed words, lower and upper case
    gerund_ending: int  # "ing"


# (lexicon, string store) -> hashes; the objects are kept in the value so that their ids stay theirs
_HASHES: dict[tuple[int, int], tuple[Lexicon, StringStore, _Hashes]] = {}


def _hashes(lexicon: Lexicon, strings: StringStore) -> _Hashes:
    """The hashes of the lexicon's words in a vocabulary, computed once per vocabulary (looked up, not added: the
    store's hash of a word is the same whether or not it holds the word)."""
    key = (id(lexicon), id(strings))
    if key not in _HASHES:
        words = {*lexicon.verbs, *lexicon.nouns, *lexicon.phrases}
        lemmas = {strings[w] for word in words for w in (word, word.capitalize())}
        letters = "abcdefghijklmnopqrstuvwxyz"
        endings = {strings[ending] for c in letters for ending in (c + "ed", c.upper() + "ED")}
        found = _Hashes(
            numpy.sort(numpy.fromiter(lemmas, dtype=numpy.uint64, count=len(lemmas))),
            numpy.sort(numpy.fromiter(endings, dtype=numpy.uint64, count=len(endings))),
            strings["ing"],
        )
        _HASHES[key] = (lexicon, strings, found)
    return _HASHES[key][2]


def _gerund_lemma(word: str, verbs: Mapping[str, tuple[FrameRule, ...]]) -> str | None:
    """The verb lemma of an -ing noun, among the lexicon's verbs ("lifting" -> "lift", "landing" -> "land")."""
    stem = word[:-3]
    for candidate in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
        if candidate in verbs:
            return candidate
    return None


def _among(values: numpy.ndarray, sorted_hashes: numpy.ndarray) -> numpy.ndarray:
    """Which values are among the sorted hashes: a binary search per distinct value (a text repeats its words:
    a document's tokens hold a third as many distinct lemmas), no hashing of the large set."""
    distinct, where = numpy.unique(values, return_inverse=True)
    found = numpy.searchsorted(sorted_hashes, distinct)
    found[found == len(sorted_hashes)] = 0
    return (sorted_hashes[found] == distinct)[where]


def _candidates(doc: Doc, hashes: _Hashes) -> Iterator[int]:
    """Indices of the tokens whose lemma is a trigger's, or that are -ed adjectives (participles in
    disguise) or -ing nouns (gerunds), found on the parse's arrays without making a Python object per token."""
    if len(doc) == 0:
        return iter(())
    table = docview.of(doc).columns("LEMMA", "POS", "SUFFIX")
    lemmas, pos, suffixes = table[:, 0], table[:, 1], table[:, 2]
    mask = _among(lemmas, hashes.lemmas)
    mask |= (pos == ADJ) & _among(suffixes, hashes.participle_endings)
    mask |= (pos == NOUN) & (suffixes == hashes.gerund_ending)
    return (int(i) for i in numpy.flatnonzero(mask))


def find_triggers(doc: Doc, lexicon: Lexicon) -> Iterator[tuple[FrameRule, list[Token]]]:
    """Every (rule, trigger tokens) of the lexicon in the parse, in text order; one rule per trigger head."""
    verbs, nouns, phrases = lexicon.verbs, lexicon.nouns, lexicon.phrases
    taken: set[int] = set()
    for i in _candidates(doc, _hashes(lexicon, doc.vocab.strings)):
        if i in taken:
            continue
        tok = doc[i]
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
            if not is_verb and lemma not in nouns and tok.lower_.endswith("ing"):
                lemma = _gerund_lemma(tok.lower_, verbs) or lemma  # "the lifting of the blockade"
                table = verbs
            for rule in table.get(lemma, ()):
                if _fits(rule, [tok]):
                    match = (rule, [tok])
                    break
        if match is not None:
            taken.update([t.i for t in match[1]])
            yield match
