"""Background clauses: where a sentence steps out of its story to tell of an earlier time.

A non-restrictive relative clause, a participle or an apposition set off by a comma, and a parenthesis add what
the reader should know of someone or something ("Bahadur Shah II, born in 1775, ...", "Awadh, which the Company
had annexed in 1856, ...", "(1785-1855)"); so does a clause in the past perfect ("he had served there since
1820"). A time they give that lies before the story's present is background: the story does not move back to it
(``lib.timex.tagger`` keeps it out of the present that dates without a year take).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy

from chronologue.lib import docview

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SET_OFF = ("relcl", "acl", "appos", "advcl")  # clauses and phrases that may be set off by a comma, after their head
OPENERS = frozenset({",", "(", "—", "–", ";"})
PERFECT = ("had", "'d")
PARENTHESIS_REACH = 40  # tokens a parenthesis may hold


def background_spans(doc: Doc) -> tuple[tuple[int, int], ...]:
    """Sorted, disjoint character spans of the background clauses of ``doc``."""

    def ids(*words: str) -> numpy.ndarray:  # as the columns hold them: symbol ids for spaCy's labels, else hashes
        return numpy.array([doc.vocab.strings[w] for w in words], dtype=numpy.uint64)

    view = docview.of(doc)
    columns = view.columns("DEP", "LOWER")
    dep, lower = columns[:, 0], columns[:, 1]
    after_head = view.signed("HEAD") < 0  # a relative head offset below 0: the head comes before the token
    spans: list[tuple[int, int]] = []
    set_off = numpy.isin(dep, ids(*SET_OFF)) & after_head
    for i in numpy.flatnonzero(set_off):
        token = doc[int(i)]
        left = token.left_edge.i
        if left > 0 and doc[left - 1].text in OPENERS:
            spans.append(_subtree(token))
    perfect_aux = numpy.isin(lower, ids(*PERFECT)) & numpy.isin(dep, ids("aux"))
    for i in numpy.flatnonzero(perfect_aux):
        verb = doc[int(i)].head
        if verb.tag_ == "VBN":
            spans.append(_subtree(verb))
    for i in numpy.flatnonzero(numpy.isin(lower, ids("("))):
        opening = doc[int(i)]
        close = next((t for t in doc[opening.i + 1 : opening.i + PARENTHESIS_REACH] if t.text == ")"), None)
        if close is not None:
            spans.append((opening.idx, close.idx + 1))
    return _merged(spans)


def _subtree(token: Token) -> tuple[int, int]:
    right = token.right_edge
    return token.left_edge.idx, right.idx + len(right.text)


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)
