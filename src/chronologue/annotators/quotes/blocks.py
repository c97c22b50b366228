"""Block quotes: paragraphs markup or layout calls quotes, and unmarked paragraphs introduced by a colon.

An unmarked block quote is a paragraph after one that ends in a colon, when the introducing sentence has a
speech or writing verb or an introducer ("as follows:", "All because:"), or when the paragraph itself speaks
in the first person or carries elision marks (``[…]``). It runs on into the next paragraphs that open with an
elision mark or in lower case, that layout calls quotes, or into which a quotation opened inside it runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chronologue.annotators.quotes.lexicon import ELISION, FIRST_PERSON, Lexicon
from chronologue.annotators.quotes.marks import Marked
from chronologue.annotators.quotes.text import Paragraph, Sentences

_WORD = re.compile(r"[A-Za-z]+")
NOT_QUOTED_ROLES = frozenset({"kicker", "title", "heading", "caption", "bibliography"})


@dataclass
class BlockQuote:
    """A block quotation: its span, the introducing sentence (when there is one) and how it was found."""

    start: int
    end: int
    intro: tuple[int, int] | None
    reason: str  # "markup" or "colon"


def first_person_count(text: str) -> int:
    """How many first-person pronouns ``text`` has."""
    return sum(1 for w in _WORD.findall(text) if w.lower() in FIRST_PERSON)


def intro_cue(sentences: Sentences, intro: tuple[int, int], lex: Lexicon) -> str | None:
    """The quotation kind the introducing sentence announces by a verb (or its noun) or an introducer, or None."""
    kind = lex.introducer_kind(sentences.text[intro[0]:intro[1]])
    if kind:
        return kind
    for token in sentences.tokens(*intro):
        kind = lex.leading_kind(token.lemma_.lower()) if token.pos_ in ("VERB", "NOUN") else None
        if kind:
            return kind
    return None


def _covered_by_mark(par: Paragraph, marked: list[Marked], text: str) -> bool:
    body = text[par.start:par.end].strip()
    return any(m.depth == 0 and m.end - m.start >= 0.8 * len(body) and par.start <= m.start < par.end for m in marked)


def _continues(par: Paragraph, text: str) -> bool:
    head = text[par.start:par.end].lstrip()
    return bool(head) and (head[0].islower() or head[0] == "…" or ELISION.match(head) is not None)


def find_blocks(
    paragraphs: list[Paragraph], sentences: Sentences, marked: list[Marked], lex: Lexicon
) -> list[BlockQuote]:
    """Block quotations, in text order."""
    text = sentences.text
    found: list[BlockQuote] = []
    i = 0
    while i < len(paragraphs):
        par = paragraphs[i]
        prev = paragraphs[i - 1] if i else None
        intro = sentences.last_sentence(prev.start, prev.end) if prev else None
        reason = None
        if par.role == "quote":
            reason = "markup"
        elif par.role not in NOT_QUOTED_ROLES and prev is not None and prev.role not in NOT_QUOTED_ROLES:
            if text[prev.start:prev.end].rstrip().endswith(":") and intro and not _covered_by_mark(par, marked, text):
                body = text[par.start:par.end]
                evidence = first_person_count(body) >= 2 or ELISION.search(body) is not None
                if evidence or intro_cue(sentences, intro, lex):
                    reason = "colon"
        if reason is None:
            i += 1
            continue
        end = par.end
        j = i + 1
        while j < len(paragraphs):
            nxt = paragraphs[j]
            runs_on = any(par.start <= m.start < end < m.end for m in marked)
            if nxt.role in NOT_QUOTED_ROLES:
                break
            if runs_on or (nxt.role == "quote" and reason == "markup") or (reason == "colon" and _continues(nxt, text)):
                end = nxt.end
                j += 1
                continue
            break
        found.append(BlockQuote(par.start, end, intro, reason))
        i = j
    return found
