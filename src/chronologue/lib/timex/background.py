"""Background clauses: where a sentence steps out of its story to tell of an earlier time.

A non-restrictive relative clause, a participle or an apposition set off by a comma, and a parenthesis add what
the reader should know of someone or something ("Bahadur Shah II, born in 1775, ...", "Awadh, which the Company
had annexed in 1856, ...", "(1785-1855)"); so does a clause in the past perfect ("he had served there since
1820"). A time they give that lies before the story's present is background: the story does not move back to it
(``lib.timex.tagger`` keeps it out of the present that dates without a year take).
"""

from __future__ import annotations

from bisect import bisect_right
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

    def among(column: numpy.ndarray, *words: str) -> numpy.ndarray:
        """Which values of the column are one of ``words`` (as the columns hold them: symbol ids for spaCy's
        labels, else hashes); a few comparisons cost less than ``numpy.isin``."""
        found = numpy.zeros(len(column), dtype=bool)
        for word in words:
            found |= column == doc.vocab.strings[word]
        return found

    view = docview.of(doc)
    columns = view.columns("DEP", "LOWER")
    dep, lower = columns[:, 0], columns[:, 1]
    after_head = view.signed("HEAD") < 0  # a relative head offset below 0: the head comes before the token
    spans: list[tuple[int, int]] = []
    set_off = among(dep, *SET_OFF) & after_head
    for i in numpy.flatnonzero(set_off):
        token = doc[int(i)]
        left = token.left_edge.i
        if left > 0 and doc[left - 1].text in OPENERS:
            spans.append(_subtree(token))
    perfect_aux = among(lower, *PERFECT) & among(dep, "aux")
    for i in numpy.flatnonzero(perfect_aux):
        verb = doc[int(i)].head
        if verb.tag_ == "VBN":
            spans.append(_subtree(verb))
    closings = numpy.flatnonzero(among(lower, ")")).tolist()
    for opening in numpy.flatnonzero(among(lower, "(")).tolist():
        # the first ")" of the tokens after the opening one, within reach
        j = bisect_right(closings, opening)
        if j < len(closings) and closings[j] < opening + PARENTHESIS_REACH:
            spans.append((doc[opening].idx, doc[closings[j]].idx + 1))
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
