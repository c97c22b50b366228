"""Names the text itself sets apart: two people coordinated in one phrase, or two arguments of one verb.

Rules of the language, not of one text: conjuncts of one coordination refer to different people (``Mr. Emerson
and George``, ``Elinor and Marianne``; not by ``or``, which may give another name: ``Caroline, or Sister
Carrie``), and so do the subject and an object of one verb, a name being no reflexive (``Mr. Emerson looked at
George``, ``Lucy was kissed by George``). Clustering uses it as a cannot-link between the two name forms for the
whole document (one form names one person in a document): the titled surname ``Mr. Emerson`` never joins the
person named ``George Emerson`` when the text has set them apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from chronologue.pipeline.handoffs import Mention

__all__ = ["apart_forms", "form_key"]

VERB_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "dative"})  # a name so attached is one of the verb's
ALTERNATIVE = frozenset({"or", "either"})  # coordinators that may join two names of one person
NOT_ANOTHER = frozenset({"as"})  # "served as Ambassador": the object of this preposition may be the subject


def form_key(mention: Mention) -> str:
    """The form a name is written in: its title (if any) and its words, case and spacing folded (``mr emerson``)."""
    rank = (mention.rank or "").strip().rstrip(".").casefold()
    words = " ".join(mention.text.casefold().split())
    return f"{rank} {words}" if rank else words


def apart_forms(mentions: Iterable[Mention], doc: Doc) -> dict[str, list[Mention]]:
    """Each person name form -> one mention of each form the text sets apart from it (``mr emerson`` ->
    [``George``]).

    Through the parse: the tokens spaCy coordinates with the root token of a person mention
    (``Token.conjuncts``), and the other arguments of the verb it is an argument of (subject, object, dative, the
    object of a preposition on the verb); such a token inside another person mention makes the pair. Two
    mentions of one form are never apart (``Mr. Bennet and Mr. Bennet`` is no evidence)."""
    people = [m for m in mentions if m.type == "PERSON"]
    owner: dict[int, Mention] = {}
    roots: list[tuple[Mention, int]] = []
    for mention in people:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        for token in span:
            owner.setdefault(token.i, mention)
        roots.append((mention, span.root.i))
    apart: dict[str, dict[str, Mention]] = {}
    arguments: dict[int, list[Mention]] = {}  # verb token -> the person mentions among its arguments
    for mention, root in roots:
        token = doc[root]
        conjuncts = token.conjuncts
        if conjuncts and not _alternatives(token, conjuncts):
            for conjunct in conjuncts:
                _set_apart(apart, mention, owner.get(conjunct.i))
        verb = _verb_of(token)
        if verb is not None:
            arguments.setdefault(verb, []).append(mention)
    for group in arguments.values():
        for k, mention in enumerate(group):
            for other in group[k + 1:]:
                _set_apart(apart, mention, other)
    return {form: list(others.values()) for form, others in apart.items()}


def _alternatives(token: Token, conjuncts: tuple[Token, ...]) -> bool:
    """A coordination by ``or`` may give one person's other name (``Caroline, or Sister Carrie``)."""
    return any(child.dep_ == "cc" and child.lower_ in ALTERNATIVE for member in (token, *conjuncts)
               for child in member.children)


def _verb_of(token: Token) -> int | None:
    """The verb ``token`` is an argument of (its subject, object or dative, or the object of a preposition on it,
    ``by`` of the passive included), or None."""
    if token.dep_ in VERB_ARGUMENTS and token.head.pos_ in ("VERB", "AUX") and token.head is not token:
        return token.head.i
    if token.dep_ != "pobj":
        return None
    preposition = token.head
    if preposition.dep_ not in ("prep", "agent") or preposition.lower_ in NOT_ANOTHER:
        return None
    verb = preposition.head
    return verb.i if verb.pos_ in ("VERB", "AUX") and verb is not preposition else None


def _set_apart(apart: dict[str, dict[str, Mention]], mention: Mention, other: Mention | None) -> None:
    if other is None or other is mention:
        return
    mine, theirs = form_key(mention), form_key(other)
    if mine != theirs:
        apart.setdefault(mine, {}).setdefault(theirs, other)
        apart.setdefault(theirs, {}).setdefault(mine, mention)
