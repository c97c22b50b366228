"""Small questions to the dependency parse that the event modules share."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from chronologue.lib.coref.sentences import Sentences
from chronologue.lib.coref.vocabulary import SUBJECT_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["CLAUSE_POS", "SUBJECT_DEPS", "Sentences"]  # besides the helpers below, for the event modules

CLAUSE_POS = frozenset({"VERB", "AUX"})


def is_passive(tok: Token) -> bool:
    if any(child.dep_ in ("auxpass", "nsubjpass") for child in tok.children):
        return True
    if tok.dep_ == "acomp" or (tok.tag_ == "VBN" and tok.dep_ == "acl" and not has_object(tok)):
        return True
    # a conjunct sharing a passive auxiliary: "he was sentenced and sent to a camp"
    return (
        tok.dep_ == "conj" and tok.tag_ == "VBN" and not any(c.dep_.startswith("aux") for c in tok.children)
        and is_passive(tok.head)
    )


def is_passive_trigger(tok: Token, passive_only: bool) -> bool:
    """Whether a trigger reads as passive. For a trigger that exists only in the passive (where an active reading
    is no event at all), also a conjunct the tagger read as a past tense that shares its head's passive auxiliary
    and subject: "he was tried in Regina and hanged there" (a regular verb's past and participle are one form)."""
    return is_passive(tok) or passive_only and (
        tok.dep_ == "conj" and tok.tag_ == "VBD" and tok.lower_.endswith("ed") and is_passive(tok.head)
        and not has_object(tok) and not any(c.dep_.startswith(("aux", "nsubj")) for c in tok.children)
    )


def has_object(tok: Token) -> bool:
    """Whether a verb has a direct object of its own (a participle with one is active: "the post arrested
    sixty guides", misparsed as a noun's modifier)."""
    return any(child.dep_ == "dobj" for child in tok.children)


def is_prep(tok: Token) -> bool:
    """A preposition on a verb or noun (the parser calls "sent *to* Germany" a dative at times)."""
    return tok.dep_ in ("prep", "agent") or (tok.dep_ == "dative" and tok.pos_ == "ADP")


def prep_objects(tokens: list[Token]) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs that hang on the trigger's tokens, "by" of a passive included."""
    for tok in tokens:
        for child in tok.children:
            if is_prep(child):
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        yield child.lower_, grandchild


def conjuncts(tok: Token) -> Iterator[Token]:
    yield tok
    for child in tok.children:
        if child.dep_ in ("conj", "appos"):
            yield from conjuncts(child)


def clause_of(tok: Token) -> Token:
    """The verb whose clause holds a token (the token itself for a verb; the sentence root at worst)."""
    current = tok
    for _ in range(12):
        if current.pos_ in CLAUSE_POS or current.head.i == current.i:
            return current
        current = current.head
    return current


def sentence_span(sent: Span) -> tuple[int, int]:
    """The sentence's character span without trailing white space."""
    end = sent.end - 1
    while end > sent.start and sent.doc[end].is_space:
        end -= 1
    last = sent.doc[end]
    return sent.start_char, last.idx + len(last.text.rstrip())


def is_question(sent: Span) -> bool:
    """Whether a sentence asks rather than tells ("Who do I defend?")."""
    for tok in reversed(sent):
        if not (tok.is_space or tok.is_quote or tok.text in ")]»”’"):
            return tok.text.endswith("?")
    return False
