"""Triggers: the words of the text the lexicon names (verbs, nominalisations, multiword phrases)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy
from spacy.strings import StringStore
from spacy.symbols import ADJ

from chronologue.annotators.events.lexicon import FrameRule, Lexicon
from chronologue.annotators.events.syntax import is_passive, is_prep
from chronologue.lib import docview

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
OBJECT_DEPS = frozenset({"attr", "dobj", "oprd", "acomp"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _has_noun(tokens: list[Token], deps: frozenset[str], nouns: frozenset[str]) -> bool:
    """Whether a dependent of the trigger in one of ``deps`` holds one of ``nouns`` (within its phrase)."""
    return any(
        word.lemma_.lower() in nouns
        for tok in tokens
        for child in tok.children
        if child.dep_ in deps
        for word in child.subtree
    )


def _fits(rule: FrameRule, tokens: list[Token]) -> bool:
    if rule.passive_only and not is_passive(tokens[0]):
        return False
    if rule.subject_nouns and not _has_noun(tokens, SUBJECT_DEPS, rule.subject_nouns):
        return False
    if rule.object_nouns and not _has_noun(tokens, OBJECT_DEPS, rule.object_nouns):
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


# (lexicon, string store) -> hashes; the objects are kept in the value so that their ids stay theirs
_HASHES: dict[tuple[int, int], tuple[Lexicon, StringStore, frozenset[int]]] = {}


def _lemma_hashes(lexicon: Lexicon, strings: StringStore) -> frozenset[int]:
    """The string-store hashes of every trigger lemma (as written and capitalised), once per vocabulary."""
    key = (id(lexicon), id(strings))
    if key not in _HASHES:
        words = {*lexicon.verbs, *lexicon.nouns, *lexicon.phrases}
        hashes = frozenset(strings.add(w) for word in words for w in (word, word.capitalize()))
        _HASHES[key] = (lexicon, strings, hashes)
    return _HASHES[key][2]


def _participle_suffixes(strings: StringStore) -> frozenset[int]:
    """Hashes of the three-letter endings of -ed words, as written in lower and upper case."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return frozenset(strings.add(ending) for c in letters for ending in (c + "ed", c.upper() + "ED"))


def _candidates(doc: Doc, wanted: frozenset[int]) -> Iterator[int]:
    """Indices of the tokens whose lemma is a trigger's, or that are -ed adjectives (participles in
    disguise), found on the parse's arrays without making a Python object per token."""
    if len(doc) == 0:
        return iter(())
    table = docview.of(doc).columns("LEMMA", "POS", "SUFFIX")
    hashes = numpy.fromiter(wanted, dtype=table.dtype, count=len(wanted))
    suffixes = _participle_suffixes(doc.vocab.strings)
    endings = numpy.fromiter(suffixes, dtype=table.dtype, count=len(suffixes))
    mask = numpy.isin(table[:, 0], hashes) | ((table[:, 1] == ADJ) & numpy.isin(table[:, 2], endings))
    return (int(i) for i in numpy.flatnonzero(mask))


def find_triggers(doc: Doc, lexicon: Lexicon) -> Iterator[tuple[FrameRule, list[Token]]]:
    """Every (rule, trigger tokens) of the lexicon in the parse, in text order; one rule per trigger head."""
    verbs, nouns, phrases = lexicon.verbs, lexicon.nouns, lexicon.phrases
    taken: set[int] = set()
    for i in _candidates(doc, _lemma_hashes(lexicon, doc.vocab.strings)):
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
            for rule in table.get(lemma, ()):
                if _fits(rule, [tok]):
                    match = (rule, [tok])
                    break
        if match is not None:
            taken.update(t.i for t in match[1])
            yield match
