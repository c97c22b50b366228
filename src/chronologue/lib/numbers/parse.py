"""Numbers in digits and words: ``5,000``, ``1.5 million``, ``2/3``, ``two and a half million``, ``a dozen``,
``hundreds of thousands`` (a vague count with low and high), ``two or three thousand`` (a range), ``one man in
seven`` and ``nine out of ten`` (a ratio: the share 1/7, 9/10).

The grammar works on a tokenised sentence given as lower-cased token texts (``words``) plus, for each token,
whether whitespace follows it (``spaced``), so it serves spaCy tokens and plain word lists alike. The word
tables live in ``data/claims_numbers.toml``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from chronologue.rules import cached
from chronologue.rules import load as load_rules

_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")
_FRACTION = re.compile(r"(\d{1,3})/(\d{1,3})")
_DIGIT_RANGE = re.compile(r"(\d[\d,.]*)[-–](\d[\d,.]*)")
_THREE_DIGITS = re.compile(r"\d{3}")
_HYPHENS = frozenset({"-", "–", "‐"})


@dataclass(frozen=True)
class Quantity:
    """A number phrase found at tokens ``start..end`` (end-exclusive).

    ``value`` for a definite number, else ``low``/``high`` (vague counts and ranges). ``fraction`` when the
    number is a share (``2/3``, ``two thirds``); ``lone_one`` when it is a lone "one" in words (no count);
    ``year_like`` when it is a bare four-digit integer; ``ratio`` when it is a share told as "A in B" or "A out
    of B" (``fraction`` too).
    """

    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    fraction: bool = False
    vague: bool = False
    year_like: bool = False
    lone_one: bool = False
    ratio: bool = False


@dataclass(frozen=True)
class _Tables:
    cardinals: dict[str, int]
    multipliers: dict[str, int]
    fractions: dict[str, int]
    half_steps: tuple[tuple[tuple[str, ...], float], ...]
    plural: dict[str, tuple[float, float]]
    vague: tuple[tuple[tuple[str, ...], float, float], ...]
    range_joiners: dict[str, str | None]
    ratio_joiners: tuple[tuple[str, ...], ...]
    starts: frozenset[str]


@cached
def tables() -> _Tables:
    """The number word tables, loaded once."""
    data = load_rules("claims_numbers")
    cardinals = {w: v for entry in data["cardinals"] for w, v in entry["words"].items()}
    multipliers = {w: v for entry in data["multipliers"] for w, v in entry["words"].items()}
    fractions = {w: v for entry in data["fractions"] for w, v in entry["words"].items()}
    half_steps = tuple((tuple(e["phrase"]), float(e["add"])) for e in data["half_steps"])
    plural = {e["word"]: (float(e["low"]), float(e["high"])) for e in data["plural_multipliers"]}
    vague = tuple((tuple(e["phrase"]), float(e["low"]), float(e["high"])) for e in data["vague_words"])
    joiners = {e["word"]: e.get("after") for e in data["range_joiners"]}
    ratio_joiners = tuple(sorted((tuple(e["phrase"]) for e in data["ratio_joiners"]), key=len, reverse=True))
    starts = frozenset(cardinals) | frozenset(multipliers) | frozenset(fractions) | frozenset(plural)
    starts |= {p[0] for p, _lo, _hi in vague} | {"a", "an", "half", "between"}
    return _Tables(cardinals, multipliers, fractions, half_steps, plural, vague, joiners, ratio_joiners, starts)


def _digits(word: str) -> float | None:
    if _GROUPED.fullmatch(word):
        return float(word.replace(",", ""))
    if _PLAIN.fullmatch(word):
        return float(word)
    return None


def may_start(word: str) -> bool:
    """Whether a quantity could begin at this (lower-cased) token: a cheap filter before :func:`parse`."""
    return word[:1].isdigit() or word in tables().starts


def _matches(words: Sequence[str], i: int, phrase: Sequence[str]) -> bool:
    return tuple(words[i : i + len(phrase)]) == tuple(phrase)


def _multiplier_run(words: Sequence[str], i: int) -> tuple[float, int]:
    """Product of consecutive multiplier words from ``i`` ("hundred thousand") and the index after them."""
    t = tables()
    factor = 1.0
    while i < len(words) and words[i] in t.multipliers and words[i] != "dozen":
        factor *= t.multipliers[words[i]]
        i += 1
    return factor, i


def _digit_number(words: Sequence[str], spaced: Sequence[bool], i: int) -> tuple[float, int, bool] | None:
    """A number in digits at ``i`` (with thousands groups split by spaces and a multiplier word after it)."""
    word = words[i]
    frac = _FRACTION.fullmatch(word)
    if frac:
        num, den = int(frac.group(1)), int(frac.group(2))
        if den == 0 or num >= den:
            return None
        return round(num / den, 4), i + 1, True
    value = _digits(word)
    j = i + 1
    if value is None:
        if not _DECIMAL_COMMA.fullmatch(word) or j >= len(words) or words[j] not in tables().multipliers:
            return None
        value = float(word.replace(",", "."))
    elif (
        "," not in word
        and "." not in word
        and len(word) <= 3
        and j < len(words)
        and spaced[i]
        and _THREE_DIGITS.fullmatch(words[j])
    ):
        # "12 000", "1 200 000": thousands groups separated by spaces (common in translated texts)
        while j < len(words) and _THREE_DIGITS.fullmatch(words[j]) and spaced[j - 1]:
            value = value * 1000 + float(words[j])
            j += 1
    factor, j = _multiplier_run(words, j)
    return value * factor, j, False


def _word_number(words: Sequence[str], spaced: Sequence[bool], i: int) -> tuple[float, int, bool] | None:
    """A cardinal in words at ``i``: "five thousand", "two and a half million", "a hundred", "twenty-five"."""
    t = tables()
    n = len(words)
    j = i
    total = 0.0
    current: float | None = None
    if words[j] in ("a", "an") and j + 1 < n and words[j + 1] in t.multipliers:
        current, j = 1.0, j + 1
    while j < n:
        word = words[j]
        if word in t.cardinals:
            value = float(t.cardinals[word])
            if current is None:
                current = value
            elif current % 100 and current >= 20 and current % 10 == 0 and value < 10:
                current += value  # "twenty five"
            elif current >= 100 and current % 100 == 0 and value < 100:
                current += value  # "one hundred twenty"
            else:
                break
        elif word in _HYPHENS and current is not None and not spaced[j - 1] and not spaced[j] and j + 1 < n:
            nxt = words[j + 1]
            if nxt in t.cardinals and t.cardinals[nxt] < 10 and current >= 20 and current % 10 == 0:
                current += t.cardinals[nxt]
                j += 2
                continue
            break
        elif word == "and" and current is not None:
            step = next(((p, add) for p, add in t.half_steps if _matches(words, j, p)), None)
            if step is not None:
                current += step[1]
                j += len(step[0])
                continue
            nxt = words[j + 1] if j + 1 < n else ""
            if nxt in t.cardinals and t.cardinals[nxt] < 100 and (current >= 100 or (current == 0 and total)):
                j += 1
                continue
            break
        elif word in t.multipliers:
            factor = t.multipliers[word]
            if current is None:
                break
            if factor < 1000:
                current = (current or 1.0) * factor
            else:
                total += (current or 1.0) * factor
                current = 0.0
        else:
            break
        j += 1
    if current is None and not total:
        return None
    return total + (current or 0.0), j, False


def _fraction_words(words: Sequence[str], i: int) -> tuple[float, int, bool] | None:
    """A share in words ("two thirds of", "half of") or a fraction of a multiplier ("half a million")."""
    t = tables()
    n = len(words)
    j = i
    count = 1.0
    if words[j] in t.cardinals:
        count = float(t.cardinals[words[j]])
        j += 1
        if j < n and words[j] in _HYPHENS:
            j += 1
    elif words[j] in ("a", "an", "one"):
        j += 1
    if j >= n or words[j] not in t.fractions:
        return None
    share = 1.0 / t.fractions[words[j]]
    j += 1
    if j + 1 < n and words[j] in ("a", "an") and words[j + 1] in t.multipliers:
        factor, k = _multiplier_run(words, j + 1)
        return count * share * factor, k, False
    if j + 2 < n and words[j] == "of" and words[j + 1] in ("a", "an") and words[j + 2] in t.multipliers:
        factor, k = _multiplier_run(words, j + 2)  # "a quarter of a million"
        return count * share * factor, k, False
    if j < n and words[j] == "of":
        return round(count * share, 4), j, True
    return None


def _vague_count(words: Sequence[str], i: int) -> tuple[float, float, int] | None:
    """A vague count: "several hundred", "a few thousand", "hundreds of thousands", "dozens"."""
    t = tables()
    n = len(words)
    low = high = 1.0
    j = i
    vague_word = next(((p, lo, hi) for p, lo, hi in t.vague if _matches(words, i, p)), None)
    if vague_word is not None:
        phrase, low, high = vague_word
        j = i + len(phrase)
        if j < n and words[j] == "dozen":
            low, high, j = low * 12, high * 12, j + 1
        elif j < n and words[j] in t.multipliers:
            factor, j = _multiplier_run(words, j)
            low, high = low * factor, high * factor
        elif j < n and words[j] in t.plural:
            base = t.plural[words[j]][0]
            low, high, j = low * base, high * base, j + 1
        else:
            return None
    elif words[i] in t.plural:
        low, high = t.plural[words[i]]
        j = i + 1
    else:
        return None
    # "hundreds of thousands", "tens of millions"
    while j + 1 < n and words[j] == "of" and (words[j + 1] in t.plural or words[j + 1] in t.multipliers):
        base = t.plural[words[j + 1]][0] if words[j + 1] in t.plural else float(t.multipliers[words[j + 1]])
        low, high = low * base, (high + 1) * base - 1
        j += 2
    return low, high, j


def _definite(words: Sequence[str], spaced: Sequence[bool], i: int) -> tuple[float, int, bool] | None:
    if words[i][:1].isdigit():
        return _digit_number(words, spaced, i)
    return _fraction_words(words, i) or _word_number(words, spaced, i)


def _is_year_like(words: Sequence[str], start: int, end: int) -> bool:
    return end - start == 1 and len(words[start]) == 4 and words[start].isdigit()


def _range(
    words: Sequence[str], spaced: Sequence[bool], i: int, first: tuple[float, int, bool]
) -> Quantity | None:
    """A range after a first number: "two or three thousand", "400 to 500", "between 2 and 3 million"."""
    t = tables()
    value, j, fraction = first
    if fraction or j + 1 >= len(words):
        return None
    glued_dash = words[j] in _HYPHENS and not spaced[j - 1] and not spaced[j] and words[i][:1].isdigit()
    if words[j] not in t.range_joiners and not glued_dash:
        return None
    needs = None if glued_dash else t.range_joiners[words[j]]
    if needs is not None and (i == 0 or words[i - 1] != needs):
        return None
    if needs is None and i > 0 and words[i - 1] in ("from", "between"):
        return None
    if not may_start(words[j + 1]) or words[j + 1] in ("a", "an"):
        return None
    second = _definite(words, spaced, j + 1)
    if second is None or second[2]:
        return None
    high, end, _ = second
    if not any(w in t.multipliers for w in words[i:j]):
        # carry the second number's multiplier over to the first ("two or three thousand")
        k = end
        while k > j + 2 and words[k - 1] in t.multipliers:
            k -= 1
        factor = 1.0
        for word in words[k:end]:
            factor *= t.multipliers[word]
        if value * factor <= high:
            value *= factor
    if value >= high or _is_year_like(words, i, j) or _is_year_like(words, j + 1, end):
        return None
    start = i - 1 if needs is not None else i
    return Quantity(start, end, low=value, high=high)


def _ratio(
    words: Sequence[str], spaced: Sequence[bool], i: int, first: tuple[float, int, bool]
) -> Quantity | None:
    """A ratio after a first number: "one in seven", "one man in every five", "nine out of ten" -> the share.

    One word may stand between the first number and the joiner (what is counted: "one man in seven"); the
    second number must be larger than the first, a whole number and no year ("two in 1942" is no ratio)."""
    t = tables()
    part, j, fraction = first
    n = len(words)
    if fraction or not part.is_integer() or j >= n:
        return None
    joiner_words = {w for phrase in t.ratio_joiners for w in phrase}
    if words[j].isalpha() and words[j] not in joiner_words and not may_start(words[j]):
        j += 1  # the counted noun: "one man in seven"
    phrase = next((p for p in t.ratio_joiners if _matches(words, j, p)), None)
    if phrase is None or j + len(phrase) >= n:
        return None
    k = j + len(phrase)
    if not may_start(words[k]):
        return None
    second = _definite(words, spaced, k)
    if second is None or second[2]:
        return None
    whole, end, _ = second
    if whole <= part or not whole.is_integer() or _is_year_like(words, k, end):
        return None
    return Quantity(i, end, value=round(part / whole, 4), fraction=True, ratio=True)


def _digit_range_token(word: str) -> tuple[float, float] | None:
    match = _DIGIT_RANGE.fullmatch(word)
    if not match:
        return None
    low, high = _digits(match.group(1)), _digits(match.group(2))
    if low is None or high is None or low >= high:
        return None
    return low, high


def parse(words: Sequence[str], spaced: Sequence[bool], i: int, *, ratios: bool = True) -> Quantity | None:
    """The quantity starting at token ``i``, or None. ``words`` are lower-cased token texts; ``ratios=False``
    reads no ratio ("one in seven" is then the lone "one").

    A number too large for a float (309 digits and more, or a huge one times "million") is no quantity: it
    counts nothing a narrative tells, and infinity would break every comparison after it."""
    quantity = _parse(words, spaced, i, ratios)
    if quantity is None:
        return None
    if any(v is not None and not math.isfinite(v) for v in (quantity.value, quantity.low, quantity.high)):
        return None
    return quantity


def _parse(words: Sequence[str], spaced: Sequence[bool], i: int, ratios: bool) -> Quantity | None:
    word = words[i]
    if word == "between" and i + 1 < len(words):
        inner = _definite(words, spaced, i + 1)
        if inner is None:
            return None
        return _range(words, spaced, i + 1, inner)
    vague = _vague_count(words, i)
    if vague is not None:
        low, high, end = vague
        return Quantity(i, end, low=low, high=high, vague=True)
    digit_range = _digit_range_token(word) if word[:1].isdigit() else None
    if digit_range is not None:
        factor, end = _multiplier_run(words, i + 1)
        return Quantity(i, end, low=digit_range[0] * factor, high=digit_range[1] * factor)
    first = _definite(words, spaced, i)
    if first is None:
        return None
    ratio = _ratio(words, spaced, i, first) if ratios else None
    if ratio is not None:
        return ratio
    ranged = _range(words, spaced, i, first)
    if ranged is not None:
        return ranged
    value, end, fraction = first
    lone_one = value == 1 and not word[:1].isdigit() and end - i == 1
    return Quantity(
        i, end, value=value, fraction=fraction, year_like=_is_year_like(words, i, end), lone_one=lone_one
    )
