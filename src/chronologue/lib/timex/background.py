"""Background clauses: where a sentence steps out of its story to tell of an earlier time.

A non-restrictive relative clause, a participle or an apposition set off by a comma, and a parenthesis add what
the reader should know of someone or something ("Bahadur Shah II, born in 1775, ...", "Awadh, which the Company
had annexed in 1856, ...", "(1785-1855)"); so does a clause in the past perfect ("he had served there since
1820"). A time they give that lies before the story's present is background: the story does not move back to it
(``lib.timex.tagger`` keeps it out of the narrative reference times).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SET_OFF = frozenset({"relcl", "acl", "appos", "advcl"})  # clauses and phrases that may be set off by a comma
OPENERS = frozenset({",", "(", "—", "–", ";"})


def background_spans(doc: Doc) -> tuple[tuple[int, int], ...]:
    """Sorted, disjoint character spans of the background clauses of ``doc``."""
    spans: list[tuple[int, int]] = []
    for token in doc:
        if token.dep_ in SET_OFF and token.i > token.head.i:
            left = token.left_edge.i
            if left > 0 and doc[left - 1].text in OPENERS:
                spans.append(_subtree(token))
        elif token.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in token.children):
            spans.append(_subtree(token))
        elif token.text == "(":
            close = next((t for t in doc[token.i + 1 : token.i + 40] if t.text == ")"), None)
            if close is not None:
                spans.append((token.idx, close.idx + 1))
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
