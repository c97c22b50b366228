"""Whether a mention of an event states that it happened.

Left out: negated events, events under a modal ("would", "could") or a condition ("if"), the complements of
verbs like "avoid" or "want", infinitives that only state a purpose or a plan ("directed to defend"), bare
gerunds ("Staying in the camp meant death"). Kept: infinitives under implicative verbs ("managed to escape",
"decided to join")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronologue.annotators.events.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

CONDITION_MARKS = frozenset({"if", "unless", "whether"})
# A gerund that is no fact of the story unless it hangs on one of these prepositions ("after escaping").
GERUND_TIME_PREPS = frozenset({"after", "before", "upon", "on", "since", "following"})


def has_modal(tok: Token, lexicon: Lexicon) -> bool:
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
    has_aux = to_aux = False  # an auxiliary, "to" among them (an infinitive)
    for child in tok.children:
        dep = child.dep_
        if dep == "aux":
            if child.lemma_.lower() in lexicon.modals:
                return False
            has_aux = True
            to_aux = to_aux or child.tag_ == "TO"
        elif dep == "neg" or (dep == "mark" and child.lower_ in CONDITION_MARKS):
            return False
    dep = tok.dep_
    if dep == "acomp" and (_negated(tok.head) or has_modal(tok.head, lexicon)):
        return False
    if dep == "conj" and not has_aux and has_modal(tok.head, lexicon):
        return False  # "they would be sent to death or sent to a camp": the second shares the modal
    current = tok
    # a conjunct of an infinitive or gerund shares its status ("decided to change sides and fight")
    while current.dep_ == "conj" and current.tag_ in ("VB", "VBG") and not _is_infinitive(current):
        if current.head.tag_ not in ("VB", "VBG"):
            break
        current = current.head
    infinitive = to_aux if current is tok else _is_infinitive(current)
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
        if current.dep_ in ("xcomp", "ccomp", "advcl") and has_modal(governor, lexicon):
            return False
        if infinitive and lemma not in lexicon.implicative:
            return False
        if current.dep_ != "xcomp":
            break
        current = governor
        infinitive = _is_infinitive(current)
    return True
