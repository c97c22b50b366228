"""The claims stage: numeric claims with their qualifier, unit, subject (what is counted) and time.

A claim is a number phrase with its qualifier (``more than 2/3``, ``about two and a half million``,
``several hundred calories a day``). Numbers that are no claims are left out: dates and years, identifiers
(``article 193``, ``Stalag 326``), licence versions (``CC BY-SA 3.0``), model names (``V2``, ``Bf 109``),
times of day, ranks, a lone "one", durations (``three years``) and anything in the bibliography.

Reads ``ctx.doc`` (tokens, parse), ``story.timexes`` (claims inside a timex are no claims; the nearest DATE
timex of the sentence is the claim's time) and ``story.structure.paragraphs`` (bibliography). Offers later
annotators ``ctx.claims``: the head lemma of each claim's subject and its sentence's span, by claim id.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chronologue.lib import docview
from chronologue.lib.numbers import parse as numbers
from chronologue.lib.numbers.claim_rules import ClaimRules, rules
from chronologue.model.story import Claim, Story, Timex
from chronologue.pipeline.context import Context
from chronologue.pipeline.registry import Annotator

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NOUNS = frozenset({"NOUN", "PROPN"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "punct", "advmod", "quantmod", "npadvmod"})
_SKIP_BEFORE_SUBJECT = frozenset({"DET"})
_POSSESSIVES = frozenset({"their", "his", "her", "our", "its", "my", "your", "these", "those", "the", "such"})
_ORDINAL_BEFORE_FRACTION = frozenset({"the", "first", "second", "third", "last", "latter", "other", "better"})
_YEAR = re.compile(r"1\d{3}|20\d{2}")
_TIME_OF_DAY = re.compile(r"\d{1,2}[:.]\d{2}")
_GLUED_PREFIX_OK = frozenset({"(", "[", "$", "£", "€", "~", "≈", '"', "“", "„", "'", "‘", "«", "-", "–"})
_MAX_SUBJECT_TOKENS = 8
# A number with no noun of its own counts what the last claim of the paragraph counted, this many sentences back.
INHERIT_SENTENCES = 2


@dataclass
class _Found:
    """A claim found at tokens ``start..end`` before it gets an id."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    subject: str | None
    head: str | None
    partitive: bool = False  # "5,000 of them": a part of something counted before, never its whole


class _Scanner:
    """Finds the claims of a document left to right, looking only at tokens where a number may begin."""

    def __init__(self, doc: Doc, story: Story) -> None:
        self.doc = doc
        self.story = story
        self.rules: ClaimRules = rules()
        lower, spaced = docview.of(doc).columns("LOWER", "SPACY").T.tolist()
        strings = doc.vocab.strings
        self.words: list[str] = [strings[h] for h in lower]
        self.spaced: list[bool] = [bool(s) for s in spaced]
        self.timexes = sorted(story.timexes, key=lambda t: t.start)
        self.timex_starts = [t.start for t in self.timexes]
        self.max_timex = max((t.end - t.start for t in self.timexes), default=0)
        spans = [(p.start, p.end) for p in story.structure.paragraphs if p.role == "bibliography"]
        spans += [(f.caption.end, f.end) for f in story.figures if f.caption.end < f.end]  # picture credits
        self.excluded = sorted(spans)

    # -- scanning ---------------------------------------------------------------------------------------------
    def _candidate_tokens(self) -> list[int]:
        """Tokens where a number may begin: digits and number words (``numbers.may_start`` inlined, per token)."""
        starters = numbers.tables().starts
        return [i for i, word in enumerate(self.words) if word[:1].isdigit() or word in starters]

    def scan(self) -> list[_Found]:
        """Every claim of the document, in text order."""
        found: list[_Found] = []
        done = 0  # tokens before this index belong to claims already found
        for index in self._candidate_tokens():
            if index < done:
                continue
            claim = self._claim_at(index, done)
            if claim is not None:
                found.append(claim)
                done = claim.end
        return found

    def _claim_at(self, pos: int, floor: int) -> _Found | None:
        """The claim whose number begins at token ``pos``, a token where a number may begin (qualifiers and a
        currency sign may precede it)."""
        r = self.rules
        words = self.words
        unit: str | None = None
        left = pos
        currency = r.units_before.match_ending(words, left, floor)
        if currency is not None:
            unit = currency[0]
            left -= currency[1]
        qualifiers: list[tuple[int, str]] = []
        while (match := r.qualifiers_before.match_ending(words, left, floor)) is not None:
            left -= match[1]
            qualifiers.insert(0, (left, match[0]))
        quantity = numbers.parse(words, self.spaced, pos)
        if quantity is not None and quantity.ratio and not self._reads_as_ratio(quantity):
            quantity = numbers.parse(words, self.spaced, pos, ratios=False)
        if quantity is None or self._not_a_claim(quantity, qualifiers):
            return None
        end = quantity.end
        if quantity.fraction:
            unit = "fraction"
        age = r.ages.match(words, end) if unit is None else None
        percent = r.percent.match(words, end)
        if percent is not None:
            unit, end = "percent", end + percent[1]
        elif age is not None:
            unit, end = age[0], end + age[1]
        elif unit is None and (measure := r.units_after.match(words, end)) is not None:
            unit, end = measure[0], end + measure[1]
        qualifier, start = _qualifier(qualifiers, quantity)
        if age is not None and qualifier == "exactly":
            return None  # an exact age is a fact of a life, not a count ("he was 45 years old")
        if currency is not None:
            start = min(start, pos - currency[1])
        after = r.qualifiers_after.match(words, end)
        if after is not None and qualifier == "exactly" and not quantity.vague:
            qualifier, end = after[0], end + after[1]
        head, subject_text = self._subject(end)
        if head is not None and head.lemma_.lower() in r.durations and unit is None:
            return None
        if unit is None and head is not None and _names_people(head, r):
            unit = "people"
        return _Found(
            start=start,
            end=end,
            value=quantity.value,
            low=quantity.low,
            high=quantity.high,
            qualifier=qualifier,
            unit=unit,
            subject=subject_text,
            head=head.lemma_.lower() if head is not None else None,
            partitive=end < len(words) and words[end] == "of",
        )

    def _reads_as_ratio(self, q: numbers.Quantity) -> bool:
        """Whether "A in B" is a share: not when B is followed by a unit of time or measure ("one man in two
        days", "one in 100 metres"), nor when both numbers count nouns of their own ("two men in twelve
        villages": a place, not a share)."""
        if q.end >= len(self.words):
            return True
        after = self.doc[q.end]
        if after.lemma_.lower() in self.rules.durations or self.rules.units_after.match(self.words, q.end):
            return False
        counted_inside = any(t.pos_ in _NOUNS for t in self.doc[q.start : q.end])
        return not (counted_inside and after.pos_ in _NOUNS)

    # -- what is no claim -------------------------------------------------------------------------------------
    def _not_a_claim(self, q: numbers.Quantity, qualifiers: list[tuple[int, str]]) -> bool:
        r = self.rules
        words = self.words
        doc = self.doc
        first = doc[q.start]
        before = q.start - 1
        prev = words[before] if before >= 0 else ""
        nxt = words[q.end] if q.end < len(words) else ""
        digits = words[q.start][:1].isdigit()
        if q.lone_one:
            return True
        age = r.ages.match(words, q.end) is not None  # an age is no duration ("nearly ninety years of age")
        if self._in_timex(first.idx, doc[q.end - 1].idx + len(doc[q.end - 1]), age) or self._in_excluded(first.idx):
            return True
        if prev in r.months or nxt in r.months or nxt in r.time_of_day_after:
            return True
        if digits and _TIME_OF_DAY.fullmatch(words[q.start]):
            return True
        if q.year_like and 1000 <= (q.value or 0) <= 2100 and (q.end >= len(words) or doc[q.end].tag_ != "NNS"):
            return True
        if (
            digits
            and q.value is not None
            and q.value == int(q.value)
            and 100 <= q.value <= 2100
            and "," not in words[q.start]
            and prev in r.year_before
            and (q.end >= len(words) or doc[q.end].pos_ not in _NOUNS)
        ):
            return True
        abbreviation = words[before - 1] + "." if prev == "." and before >= 1 and not self.spaced[before - 1] else ""
        if not qualifiers and any(w in r.identifier_before or w in r.rank_before for w in (prev, abbreviation)):
            return True  # "article 193", "pp. 12", "ranked 3"
        if any(w in r.licence_before for w in words[max(0, q.start - 4) : q.start]):
            return True
        if before >= 0 and not self.spaced[before] and prev not in _GLUED_PREFIX_OK:
            return True  # "V-2", "Pz.4", "T34"
        if nxt in ("-", "–") and not self.spaced[q.end - 1] and q.end + 1 < len(words) and words[q.end + 1].isalpha():
            return True  # "a 12-year-old", "the 6-man crew": a compound adjective
        if before >= 1 and prev in ("-", "–") and not self.spaced[before - 1]:
            return True  # "T-34", "Il-2", "183-1020-10" split by the tokenizer
        if digits and not qualifiers and before >= 0 and _is_name_word(doc[before]) and not first.is_sent_start:
            return True  # "Stalag 326", "Bf 109", "Article 193"
        if digits and nxt in (".", ")") and (before < 0 or "\n" in doc[before].text_with_ws):
            return True  # an enumerator at the start of a line: "1.", "2)"
        if q.fraction and not digits and prev in _ORDINAL_BEFORE_FRACTION:
            return True  # "the second half of", "the first third of"
        if digits and prev == "[" and nxt == "]":
            return True  # a footnote reference "[12]"
        if digits and self._cites_a_page(q.start):
            return True  # "(Nowak 1997: 112)", "(Nowak 1997, 112-115)"
        return False

    def _cites_a_page(self, index: int) -> bool:
        """A number after "<year>:" or "<year>," inside parentheses: a page of an inline citation."""
        words = self.words
        if index < 2 or words[index - 1] not in (":", ",") or not _YEAR.fullmatch(words[index - 2]):
            return False
        for k in range(index - 3, max(-1, index - 9), -1):
            if words[k] in (")", "."):
                return False
            if words[k] == "(":
                return True
        return False

    def _in_timex(self, start: int, end: int, age: bool = False) -> bool:
        """Whether the number at ``start..end`` belongs to a timex (a duration does not hold an ``age``)."""
        k = bisect_right(self.timex_starts, end - 1)
        while k > 0:
            k -= 1
            timex = self.timexes[k]
            if timex.start + self.max_timex < start:
                break
            if timex.start < end and start < timex.end:
                if timex.type in ("DATE", "TIME"):
                    return True
                if age and timex.type == "DURATION":
                    continue
                if timex.start <= start and end <= timex.end and (timex.start, timex.end) != (start, end):
                    return True  # a duration holding the number and more ("three years")
        return False

    def _in_excluded(self, offset: int) -> bool:
        """Inside the bibliography or a picture credit."""
        return any(s <= offset < e for s, e in self.excluded)

    # -- subject ----------------------------------------------------------------------------------------------
    def _subject(self, end: int) -> tuple[Token | None, str | None]:
        """The head noun a claim counts and the subject text (head with modifiers and an "of" phrase)."""
        doc = self.doc
        n = len(doc)
        k = end
        if k < n and self.words[k] == "of":
            k += 1
        while k < n and (doc[k].pos_ in _SKIP_BEFORE_SUBJECT or self.words[k] in _POSSESSIVES):
            k += 1
        if k >= n or doc[k].is_punct or doc[k].pos_ in ("AUX", "ADP", "CCONJ", "SCONJ", "PRON"):
            return None, None
        if doc[k].pos_ == "VERB" and doc[k].dep_ != "amod":
            return None, None
        token = doc[k]
        for _ in range(_MAX_SUBJECT_TOKENS):
            head = token.head
            if head.i <= token.i or head.i > k + _MAX_SUBJECT_TOKENS or token.dep_ not in _MODIFIER_DEPS:
                break
            if token.pos_ in _NOUNS and head.pos_ not in _NOUNS:
                break  # "45 years old": the noun is the head, not the adjective it measures
            token = head
        if token.pos_ not in _NOUNS:
            return None, None
        last = token
        for child in token.rights:
            if child.i == token.i + 1 and child.lower_ == "of" and child.dep_ == "prep":
                objects = [c for c in child.children if c.dep_ == "pobj" and c.i - child.i <= 5]
                if objects and objects[0].pos_ in _NOUNS:
                    last = objects[0]
            break
        text = self.story.text[doc[k].idx : last.idx + len(last)]
        return token, text

    # -- time -------------------------------------------------------------------------------------------------
    def nearest_date(self, start: int, end: int, sentence: tuple[int, int]) -> Timex | None:
        """The DATE timex of the sentence nearest to the claim span, or None."""
        lo = bisect_right(self.timex_starts, sentence[0] - 1)
        best: tuple[int, Timex] | None = None
        for timex in self.timexes[lo:]:
            if timex.start >= sentence[1]:
                break
            if timex.type != "DATE" or timex.end > sentence[1]:
                continue
            distance = start - timex.end if timex.end <= start else timex.start - end
            if best is None or distance < best[0]:
                best = (distance, timex)
        return best[1] if best else None


def _is_name_word(token: Token) -> bool:
    """A capitalised word that names something ("Stalag", "Article"), not a qualifier or number word."""
    text = token.text
    return text[:1].isupper() and text.isalpha() and token.pos_ in ("PROPN", "NOUN")


def _names_people(head: Token, r: ClaimRules) -> bool:
    lemma = head.lemma_.lower()
    return (
        lemma in r.people
        or head.lower_ in r.people
        or head.ent_type_ == "NORP"
        or (head.pos_ == "NOUN" and lemma.endswith(r.people_suffixes))
    )


def _qualifier(qualifiers: list[tuple[int, str]], quantity: numbers.Quantity) -> tuple[str, int]:
    """The claim's qualifier and the token where its span starts.

    The last qualifier other than "exactly" wins ("only about" is "about"); a vague count is "vague" unless an
    explicit bound stands before it; a range ("between 2 and 3 million") is "vague" too (it has low/high).
    """
    bounds = [(pos, q) for pos, q in qualifiers if q != "exactly"]
    if bounds:
        pos, qualifier = bounds[-1]
        return qualifier, pos
    if quantity.value is None:
        return "vague", quantity.start
    if qualifiers:
        return "exactly", qualifiers[0][0]
    return "exactly", quantity.start


def _carry_subjects(found: list[_Found], places: list[tuple[int, int]]) -> None:
    """A bare number ("only about 800 remained") counts what the last claim of its paragraph counted, when that
    claim is at most ``INHERIT_SENTENCES`` sentences back. ``places`` are (sentence, paragraph) indices."""
    previous: tuple[_Found, int, int] | None = None
    for item, (sentence, paragraph) in zip(found, places, strict=True):
        if item.head is None and item.unit is None and item.value is not None and not item.partitive and previous:
            model, model_sentence, model_paragraph = previous
            if sentence - model_sentence <= INHERIT_SENTENCES and paragraph == model_paragraph:
                item.head, item.subject, item.unit = model.head, model.subject, model.unit
        if item.head is not None and item.value is not None:
            previous = (item, sentence, paragraph)


def run(story: Story, ctx: Context) -> None:
    """Add the numeric claims of the document to ``story.claims``."""
    doc = ctx.doc
    if doc is None or not len(doc):
        return
    scanner = _Scanner(doc, story)
    found = scanner.scan()
    if not found:
        return
    sentences = [(s.start_char, s.end_char) for s in ctx.sentences]
    sentence_starts = [s for s, _e in sentences]
    paragraph_starts = sorted(p.start for p in story.structure.paragraphs)
    offsets = [(doc[item.start].idx, doc[item.end - 1].idx + len(doc[item.end - 1])) for item in found]
    places = [
        (max(0, bisect_right(sentence_starts, start) - 1), bisect_right(paragraph_starts, start))
        for start, _end in offsets
    ]
    _carry_subjects(found, places)
    heads = ctx.claims.heads
    claim_sentences = ctx.claims.sentences
    for number, (item, (start, end), (sentence_index, _p)) in enumerate(
        zip(found, offsets, places, strict=True), start=len(story.claims) + 1
    ):
        sentence = sentences[sentence_index]
        timex = scanner.nearest_date(start, end, sentence)
        claim_id = f"c{number}"
        story.claims.append(
            Claim(
                id=claim_id,
                start=start,
                end=end,
                value=item.value,
                low=item.low,
                high=item.high,
                qualifier=item.qualifier,  # type: ignore[arg-type]
                unit=item.unit,
                subject=item.subject,
                time=timex.id if timex else None,
            )
        )
        if item.head:
            heads[claim_id] = item.head
        claim_sentences[claim_id] = sentence


ANNOTATOR = Annotator(
    "claims",
    run,
    requires=("ctx.doc", "story.structure", "story.timexes", "story.figures"),
    assigns=("story.claims", "ctx.claims"),
    description="Numeric claims with qualifier, unit, subject and time.",
)
