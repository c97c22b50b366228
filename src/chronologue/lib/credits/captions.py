"""Photo captions: where a caption is in a block, and what its trailing credit says.

A caption is a whole block (a ``<figcaption>``, or a paragraph that ends in a credit), or only the trailing
sentences of a body paragraph that a scrape or translation jumbled into the prose: from a caption opener
("The photo shows …") on, or else the last sentence when the paragraph is longer than two sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from chronologue.lib.credits.licences import normalise, reserves_all_rights
from chronologue.model.story import License
from chronologue.rules import load as load_rules


@dataclass(frozen=True)
class CreditParts:
    """What a credit says, each part with its span in the text."""

    credit: str | None = None
    credit_ref: str | None = None
    license: License | None = None
    license_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Caption:
    """A caption found in a block: the whole span, the caption text before the credit, and the credit."""

    start: int
    end: int
    text_start: int
    text_end: int
    credit_start: int | None
    credit_end: int | None
    whole_block: bool


def _alternation(key: str) -> str:
    return "|".join(f"(?:{entry['pattern']})" for entry in load_rules("figures")[key])


def credit_key_pattern() -> str:
    """The credit keys of ``data/figures.toml`` as one alternation ("photo", "fot", "source", …)."""
    return _alternation("credit_key")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    credit = _alternation("credit_key")
    licence = _alternation("licence_key")
    key = rf"(?:{credit}|{licence})"
    return {
        # "(source:X; lic. Y)" at the end of a block; the closing bracket may be lost: "(source:X; lic. Y."
        "trailing_bracket": re.compile(rf"\((?P<inner>\s*{key}\s*[.:]?\s*[^()]*?)(?:\)\s*[.!]?|[.]?)\s*$", re.I),
        # "… Photo: X." / "… Fot. X" after the caption text, no bracket
        "trailing_plain": re.compile(
            rf"(?:(?<=[.!?])\s+|\s+[-–—|/]\s+|^)(?P<inner>(?:{credit})\s*[:.]\s*[^()]{{2,80}}?)\s*[.]?\s*$", re.I
        ),
        "credit_key": re.compile(rf"^\s*(?:{credit})\b\s*[.:]?\s*", re.I),
        "licence_key": re.compile(rf"^\s*(?:{licence})\b\s*[.:]?\s*", re.I),
        # where a licence starts inside a credit part: "Wikimedia Commons, lic. CC BY-SA 4.0"
        "licence_inside": re.compile(rf"(?:\s*[,;]\s*|\s+)(?=(?:{licence})\b[.:]?\s*\S)", re.I),
        "opener": re.compile(rf"(?:^|(?<=[.!?]\s))\s*(?:{_alternation('caption_opener')})", re.I),
        "signature": re.compile(rf",\s*(?P<ref>(?:{_alternation('item_signature')}).*)$", re.I),
    }


_PART_SEPARATOR = re.compile(r"(;)")  # between the source and the licence: "(source: X; lic. Y)"
_SENTENCE_END = re.compile(r"[.!?…][\"”»’')\]]*\s+(?=[\"“„«(\[]?[A-Z0-9À-ÖØ-ÞĀ-ſА-Я])")


def sentence_starts(text: str, start: int, end: int) -> list[int]:
    """Start offsets of the sentences of ``text[start:end]`` (a light splitter for layout, before the parse)."""
    starts = [start]
    for m in _SENTENCE_END.finditer(text, start, end):
        starts.append(m.end())
    return starts


def find_credit(text: str, start: int, end: int, *, caption_block: bool = False) -> tuple[int, int, int, int] | None:
    """(credit_start, credit_end, inner_start, inner_end) of a trailing credit in ``text[start:end]``, or None."""
    pats = _patterns()
    block = text[start:end]
    m = pats["trailing_bracket"].search(block)
    if m is None and (caption_block or len(block.split()) <= 60):
        m = pats["trailing_plain"].search(block)
    if m is None:
        return None
    inner_start, inner_end = start + m.start("inner"), start + m.end("inner")
    inner = text[inner_start:inner_end].rstrip(" .;,")
    inner_end = inner_start + len(inner)
    return start + m.start(), start + m.end(), inner_start, inner_end


def find_caption(text: str, start: int, end: int, *, caption_block: bool = False) -> Caption | None:
    """The caption in a block, if the block is (or ends in) a caption."""
    credit = find_credit(text, start, end, caption_block=caption_block)
    if credit is None and not caption_block:
        return None
    credit_start = credit[0] if credit else end
    cap_start = start
    whole = True
    if not caption_block:
        opener = _patterns()["opener"].search(text, start, credit_start)
        sentences = [s for s in sentence_starts(text, start, credit_start) if s < credit_start]
        if opener is not None and opener.start() > start:
            cap_start = opener.start()
            while cap_start < end and text[cap_start].isspace():
                cap_start += 1
        elif len(sentences) > 2:
            cap_start = sentences[-1]
        whole = cap_start == start
    text_end = credit_start
    while text_end > cap_start and text[text_end - 1] in " \t\n":
        text_end -= 1
    return Caption(
        start=cap_start,
        end=end,
        text_start=cap_start,
        text_end=text_end,
        credit_start=credit[2] if credit else None,
        credit_end=credit[3] if credit else None,
        whole_block=whole,
    )


def _split_signature(credit: str) -> tuple[str, str | None]:
    m = _patterns()["signature"].search(credit)
    if m is None:
        return credit, None
    return credit[: m.start()].strip(), m.group("ref").strip()


# Between the pieces of one credit ("Fortepan / Gyula Nagy", "Bundesarchiv, Bild 183-…, CC-BY-SA 3.0").
_PIECE_SEPARATOR = re.compile(r"\s*,\s*|\s+[/|]\s+")


def _credit_parts(credit: str) -> list[str]:
    """The credit cut into parts (separators kept as parts, so offsets add up): at ';' and before a licence
    key that follows the source ("Wikimedia Commons, lic. CC BY-SA 4.0")."""
    parts: list[str] = []
    for piece in _PART_SEPARATOR.split(credit):
        cursor = 0
        for m in _patterns()["licence_inside"].finditer(piece):
            if m.start() == 0:
                continue
            parts.extend([piece[cursor : m.start()], piece[m.start() : m.end()]])
            cursor = m.end()
        parts.append(piece[cursor:])
    return parts


def parse_credit(text: str, start: int, end: int) -> CreditParts:
    """Credit (the named source), item signature and licence of the credit text ``text[start:end]``."""
    pats = _patterns()
    credit: str | None = None
    ref: str | None = None
    licence: License | None = None
    licence_span: tuple[int, int] | None = None
    pos = start
    for part in _credit_parts(text[start:end]):
        part_start = pos
        pos += len(part)
        if part in (";",) or not part.strip() or part.strip() in ("/", "|"):
            continue
        lic = pats["licence_key"].match(part)
        key = pats["credit_key"].match(part)
        if lic and not key:
            raw_start = part_start + lic.end()
            raw = text[raw_start:part_start + len(part)].strip(" .,")
            licence = normalise(raw)
            licence_span = (raw_start, raw_start + len(raw))
            continue
        body_start = part_start + (key.end() if key else 0)
        body = text[body_start:part_start + len(part)].strip(" .,")
        if not body:
            continue
        guess = normalise(body)
        if guess.spdx is not None:
            licence, licence_span = guess, (body_start, body_start + len(body))
            continue
        pieces = [p.strip() for p in _PIECE_SEPARATOR.split(body)]
        licensed = [p for p in pieces if normalise(p).spdx or reserves_all_rights(p)]
        if licensed and licence is None:
            licence = normalise(licensed[-1])
            at = text.find(licensed[-1], body_start)
            licence_span = (at, at + len(licensed[-1]))
            for piece in licensed:
                body = body.replace(piece, "")
            body = re.sub(r"(?:\s*,\s*|\s+[/|]\s+)(?=\s*(?:[,/|]|$))", "", body).strip(" ,/|")
        if credit is None:
            credit, ref = _split_signature(body)
    return CreditParts(credit=credit or None, credit_ref=ref, license=licence, license_span=licence_span)
