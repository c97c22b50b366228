"""Captions pasted into the middle of a body paragraph, with the credit line that follows them.

Scraped and machine-translated pages glue a picture's caption and its credit into the prose. Two shapes are read:

* a line of its own: the caption line, then a line that opens with a credit key ("Photo: NAME, public domain"),
  between lines of the body (``…the walls.\\nThe old gate in 1858\\nPhoto: Jane Roe, public domain\\nThe next…``);
* running text: a caption fragment, a capitalised credit key and a credit that a licence ends
  (``… the walls. The old gate in 1858 Photo: Jane Roe, CC BY 2.0 The next day …``).

In both the caption is a fragment, not a sentence: it ends in no full stop, and the text before it ends a
sentence. Every piece of the credit other than its licence starts with a capital (a name, an archive), so a
sentence about a photograph ("He kept one photo: his mother at the gate.") is no credit. The limits live in
``data/figures.toml`` (``[embedded]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chronologue.lib.credits.captions import Caption, credit_key_pattern, sentence_starts
from chronologue.lib.credits.licences import normalise, reserves_all_rights
from chronologue.rules import cached
from chronologue.rules import load as load_rules

_PIECE = re.compile(r"\s*,\s*|\s*;\s*|\s+[/|]\s+")
_WORD = re.compile(r"\S+")
_LICENCE_TAIL = frozenset({"international", "unported", "generic", "licence", "license"})  # "CC BY 4.0 International"
_SENTENCE_MARK_END = re.compile(r"[.!?…:;,][\"”»’')\]]*$")
_FRAGMENT_OPENING = re.compile(r"[\"“„«(\[]?[A-Z0-9À-ÖØ-ÞĀ-ſА-Я]")


@dataclass(frozen=True)
class _Limits:
    caption_max_words: int
    credit_max_words: int


@cached
def _limits() -> _Limits:
    data = load_rules("figures")["embedded"]
    return _Limits(data["caption_max_words"], data["credit_max_words"])


@cached
def _key_line() -> re.Pattern[str]:
    """A line that opens with a capitalised credit key and a colon or a full stop: "Photo: …", "Fot. …"."""
    key = credit_key_pattern()
    return re.compile(rf"(?m)^[ \t]*(?=[A-ZÀ-ÞА-Я])(?P<key>(?i:{key}))[ \t]*[:.][ \t]*(?P<body>\S[^\n]*)$")


@cached
def _key_inline() -> re.Pattern[str]:
    """A capitalised credit key inside a line, after a word: "… in 1858 Photo: …"."""
    key = credit_key_pattern()
    return re.compile(rf"(?<=[\w)\]])[ \t]+(?=[A-ZÀ-ÞА-Я])(?P<key>(?i:{key}))[ \t]*[:.][ \t]*(?=\S)")


def _is_licence(piece: str) -> bool:
    return normalise(piece).spdx is not None or reserves_all_rights(piece)


def _ends_a_licence(piece: str) -> bool:
    """Whether the piece is a licence and its last word belongs to it ("CC BY 2.0", not "CC BY 2.0 In")."""
    licence = normalise(piece).spdx
    if licence is None:
        return reserves_all_rights(piece)
    words = piece.split()
    if len(words) == 1 or words[-1].lower() in _LICENCE_TAIL:
        return True
    return normalise(" ".join(words[:-1])).spdx != licence


def _reads_as_credit(body: str) -> bool:
    """Names and a licence: each piece is a licence or starts with a capital, and the whole is short."""
    body = body.strip().rstrip(".")
    if not body or len(body.split()) > _limits().credit_max_words:
        return False
    pieces = [p for p in _PIECE.split(body) if p]
    return bool(pieces) and all(_is_licence(p) or _FRAGMENT_OPENING.match(p) for p in pieces)


def _fragment_start(text: str, lo: int, key_start: int) -> int | None:
    """Where the caption fragment before a credit key starts (the last sentence of ``text[lo:key_start]``), or
    None when that text is no caption fragment: it ends a sentence, is too long, or opens in lower case."""
    head = text[lo:key_start].rstrip()
    if not head or _SENTENCE_MARK_END.search(head):
        return None
    start = sentence_starts(text, lo, lo + len(head))[-1]
    while start < key_start and text[start].isspace():
        start += 1
    fragment = text[start:key_start]
    if not _FRAGMENT_OPENING.match(fragment) or len(fragment.split()) > _limits().caption_max_words:
        return None
    return start


def _caption(text: str, cap_start: int, credit_start: int, credit_end: int) -> Caption:
    text_end = credit_start
    while text_end > cap_start and text[text_end - 1].isspace():
        text_end -= 1
    return Caption(
        start=cap_start,
        end=credit_end,
        text_start=cap_start,
        text_end=text_end,
        credit_start=credit_start,
        credit_end=credit_end,
        whole_block=False,
    )


def _line_captions(text: str, start: int, end: int) -> list[Caption]:
    """Credit lines after a caption line (or a caption fragment ending a line), between lines of the body."""
    found = []
    for m in _key_line().finditer(text, start, end):
        key_start = m.start("key")
        if m.start() <= start or not _reads_as_credit(m.group("body")):
            continue
        line_start = max(start, text.rfind("\n", start, m.start() - 1) + 1)
        cap_start = _fragment_start(text, line_start, key_start)
        if cap_start is None:
            continue
        before = text[start:cap_start].rstrip()
        if before and not _SENTENCE_MARK_END.search(before):
            continue  # the line before runs on into the caption: wrapped prose, not a caption line
        credit_end = m.end("body")
        while credit_end > key_start and text[credit_end - 1] in " \t.":
            credit_end -= 1
        found.append(_caption(text, cap_start, key_start, credit_end))
    return found


def _licence_end(text: str, body_start: int, end: int) -> int | None:
    """Where a credit in running text ends: right after the licence that closes it (the longest licence within
    a few words of the first), or None without one."""
    words = [m.end() for m in _WORD.finditer(text, body_start, end)][: _limits().credit_max_words]
    best: int | None = None
    first_at: int | None = None
    for i, stop in enumerate(words):
        if first_at is not None and i > first_at + 3:
            break
        candidate = text[body_start:stop].rstrip(" .,;")
        pieces = [p for p in _PIECE.split(candidate) if p]
        if pieces and _ends_a_licence(pieces[-1]):
            best = body_start + len(candidate)
            first_at = i if first_at is None else first_at
    return best


def _inline_captions(text: str, start: int, end: int) -> list[Caption]:
    """Credits in running text that a licence ends, after a caption fragment and before a new sentence."""
    found = []
    for m in _key_inline().finditer(text, start, end):
        key_start = m.start("key")
        line_start = max(start, text.rfind("\n", start, key_start) + 1)
        cap_start = _fragment_start(text, line_start, key_start)
        credit_end = _licence_end(text, m.end(), end)
        if cap_start is None or credit_end is None or not _reads_as_credit(text[m.end() : credit_end]):
            continue
        rest = text[credit_end:end].lstrip(" \t.")
        if rest and not rest.startswith("\n") and not _FRAGMENT_OPENING.match(rest):
            continue  # the sentence goes on: no credit line
        found.append(_caption(text, cap_start, key_start, credit_end))
    return found


def find_embedded_captions(text: str, start: int, end: int) -> list[Caption]:
    """The captions with their credits pasted inside the body paragraph ``text[start:end]``, in text order."""
    captions = _line_captions(text, start, end)
    taken = [(c.start, c.end) for c in captions]
    for caption in _inline_captions(text, start, end):
        if not any(s < caption.end and caption.start < e for s, e in taken):
            captions.append(caption)
    return sorted(captions, key=lambda c: c.start)
