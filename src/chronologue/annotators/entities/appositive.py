"""A name right after a common noun for a person names a person, whatever the recogniser typed it.

``the sepoy Mangal Pandey`` (spaCy: an organisation), ``the photographer Felice Beato`` (nothing), ``the rani
Lakshmibai`` (a place), ``a merchant of the city, Bernardo Zúñiga`` (the name in apposition). The nouns are WordNet's
(``data/person_nouns.toml``, built by ``tools/build_person_nouns.py``). The noun must be singular, written in lower
case (``the Englishman John Wakefield`` names a nationality), led by ``the``/``a``/``an`` and modifiers only
(``the young schoolteacher``, ``a cloth merchant``), on the line of the name; ``the ship Endurance``, ``the city
Paris``, ``the newspaper The Times``: no person's noun.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy

from chronologue.lib.identity import NAME_PARTICLES
from chronologue.pipeline.handoffs import PRIORITY_RULE, Mention
from chronologue.rules import cached
from chronologue.rules import load as load_rules

if TYPE_CHECKING:
    from chronologue.annotators.entities.finder import Finder
    from chronologue.annotators.entities.spans import Tokens

from chronologue.annotators.entities.rules import gazetteer_knows
from chronologue.annotators.entities.spans import in_table, overlaps_any

ARTICLES = frozenset({"the", "a", "an"})
MAX_MODIFIERS = 3
MAX_NAME_WORDS = 4
RETYPED = frozenset({"ORG", "MISC", "WORK", "NORP?", "GROUP", "PLACE"})  # what the recogniser may have said
SOURCE = "rule:person-noun"


@cached
def person_nouns() -> frozenset[str]:
    """The nouns of ``data/person_nouns.toml``."""
    return frozenset(load_rules("person_nouns")["nouns"].split())


@cached
def _noun_codes() -> numpy.ndarray:
    from spacy.strings import hash_string  # type: ignore[attr-defined]  # a Cython function

    return numpy.array(
        sorted(h - (1 << 64) if h >= 1 << 63 else h for h in map(hash_string, person_nouns())), dtype="int64")


def persons_after_nouns(mentions: list[Mention], finder: Finder) -> list[Mention]:
    """Retype as persons the mentions a person's noun introduces (and the other mentions of the same words); return
    the new mentions of names the recogniser missed."""
    tokens = finder.tokens
    if tokens is None or not len(tokens):
        return []
    spans = introduced_names(tokens, finder)
    if not spans:
        return []
    rules = finder.rules
    by_start = {m.start: m for m in mentions}
    names: set[str] = set()
    added: list[Mention] = []
    taken = sorted((m.start, m.end) for m in mentions)
    for start, end in spans:
        text = finder.text[start:end]
        words = text.split()
        if text in rules.known or text in rules.group_adjective or any(w in rules.org_words for w in words):
            continue
        found = by_start.get(start)
        if found is not None:
            if found.type == "PLACE" and gazetteer_knows(found.text):
                continue  # a place the gazetteer knows keeps its type ("the traveller Paris" is rare)
            names.add(found.text)
        elif not overlaps_any(taken, start, end) and not overlaps_any(finder.blocked, start, end):
            added.append(Mention(start, end, "PERSON", SOURCE, PRIORITY_RULE, text=text))
            names.add(text)
    for m in mentions:
        if m.text in names and m.type in RETYPED and m.source.startswith(("spacy", "rule:locative")):
            m.type = "PERSON"
    return added


def introduced_names(tokens: Tokens, finder: Finder) -> list[tuple[int, int]]:
    """Character spans of the names a singular person's noun introduces, directly or in apposition."""
    from spacy.symbols import ADJ, DET, NOUN, PROPN

    lemma = tokens.column("LEMMA")
    nouns, words, text = person_nouns(), tokens.words, finder.text
    spans, compound = [], tokens.code("compound")
    codes = _noun_codes()  # sorted: a binary search per token, not a sort of the table per document
    for i in numpy.flatnonzero(in_table(lemma, codes)).tolist():
        led = _led_by_article(tokens, i, ADJ, DET, compound)
        if words[i] not in nouns or tokens.pos[i] not in (NOUN, PROPN) or not led:
            continue  # "merchants": lemma "merchant", plural; "Englishman": not lower case
        name = _name_at(tokens, i + 1, PROPN)
        if name is None:
            name = _apposition(tokens, i, PROPN)
        if name is None:
            continue
        start, end = tokens.idx[name[0]], tokens.idx[name[1]] + tokens.length[name[1]]
        if "\n" not in text[tokens.idx[i] : start]:
            spans.append((start, end))
    return spans


def _led_by_article(tokens: Tokens, i: int, adj: int, det: int, compound: int) -> bool:
    """``the|a|an`` and at most a few modifiers before token ``i``: adjectives, lower-case nouns ("a cloth
    merchant", "the old tea planter")."""
    j = i - 1
    while j >= 0 and i - j <= MAX_MODIFIERS and _modifier(tokens, j, adj, compound):
        j -= 1
    return j >= 0 and tokens.pos[j] == det and tokens.words[j].lower() in ARTICLES


def _modifier(tokens: Tokens, j: int, adj: int, compound: int) -> bool:
    return tokens.pos[j] == adj or (tokens.dep[j] == compound and tokens.words[j].islower())


def _name_at(tokens: Tokens, i: int, propn: int) -> tuple[int, int] | None:
    """The run of capitalised proper nouns (and name particles between them) from token ``i`` (first and last
    token), if one starts there."""
    last = i
    while last < len(tokens) and last - i < MAX_NAME_WORDS:
        if _capitalised(tokens, last, propn):
            last += 1
        elif last > i and tokens.words[last] in NAME_PARTICLES and last + 1 < len(tokens) and _capitalised(
                tokens, last + 1, propn):
            last += 2  # "Francisco de Toledo"
        else:
            break
    last = min(last, len(tokens))
    if last == i or tokens.words[i] == "The":
        return None
    return i, last - 1


def _apposition(tokens: Tokens, i: int, propn: int) -> tuple[int, int] | None:
    """The name set off by a comma in apposition to the noun ``i`` ("a merchant of the city, Bernardo Zúñiga")."""
    for k in range(i + 1, min(len(tokens), i + 10)):
        if tokens.words[k] == "," and k + 1 < len(tokens) and _capitalised(tokens, k + 1, propn):
            name = _name_at(tokens, k + 1, propn)
            # the name depends on the noun or on its "of" phrase ("A cloth merchant of Chandni Chowk, Lala Ram
            # Prasad": the parse hangs the name on "Chowk")
            heads = {j + tokens.head[j] for j in range(name[0], name[1] + 1)} if name else set()
            return name if any(i <= head < k for head in heads) else None
        if tokens.words[k] in (".", ";", ":") or tokens.sent_start[k] == 1:
            return None
    return None


def _capitalised(tokens: Tokens, i: int, propn: int) -> bool:
    word = tokens.words[i]
    return tokens.pos[i] == propn and word[:1].isupper() and word.replace("-", "").isalpha() and not word.isupper()
