"""Property tests: each reader, the time normaliser, the number parser, the licence parser and the name matcher
raise nothing but their documented errors on any input, and every time's earliest <= latest.

Each target runs a few hundred examples in the ordinary suite; the ``slow`` variants run 10,000 each and only
when asked (``CHRONOLOGUE_SLOW_FUZZ=1 .venv/bin/pytest -m slow tests/hardening``).
"""

from __future__ import annotations

import math
import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronologue.errors import InputError
from chronologue.read import read_document
from chronologue.read.text import decode_bytes

CI_EXAMPLES = 200
SLOW_EXAMPLES = 10_000
slow_fuzz = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.environ.get("CHRONOLOGUE_SLOW_FUZZ"), reason="set CHRONOLOGUE_SLOW_FUZZ=1 to run"),
]


def both_runs(strategy: st.SearchStrategy):
    """The property as two tests: a few hundred examples always, 10,000 in the marked slow run."""

    def make(check):
        def run(examples: int):
            return settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))(
                given(strategy)(check)
            )

        ci = run(CI_EXAMPLES)
        slow = run(SLOW_EXAMPLES)
        for mark in slow_fuzz:
            slow = mark(slow)
        return ci, slow

    return make


# Text as documents have it: words, digits, markup, quotes, controls, other scripts, and any character at all.
PIECES = [
    "Jan", " Nowak", " 1941", " 9" * 3, " " + "9" * 320, "\n\n", "\n", "\t", "\x08", "\x00", "\x0c", "\r", "\u2028",
    "<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<h1>", "<!--", "-->", "<![CDATA[", "&amp;", "&#0;",
    "&#x1F600;", "<?xml version='1.0'?>", "<br/>", "<sup><a href='#n1'>1</a></sup>", "<figcaption>", "# ", "> ",
    "- ", "* ", "1. ", "[^1]", "[^1]: note", "```", "---\ntitle: T\n---\n", "|a|b|\n|-|-|", '"', "“", "”", "'",
    " said", " in the spring of", " July", " BC", " Ελένη", " Пётр", " 王", "\ud800", "\ufeff", "\uffff",
]
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=60).map("".join),
)


def check_blocks(document) -> None:
    previous_end = 0
    for block in document.blocks:
        assert previous_end <= block.start <= block.end <= len(document.text)
        previous_end = block.start


@both_runs(st.binary(max_size=400) | TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
def _decode(data):
    try:
        text = decode_bytes(data, "fuzz.txt")
    except InputError as exc:
        assert exc.path == "fuzz.txt"
        return
    check_blocks(read_document(text, "text", "fuzz.txt"))


test_text_reader, test_text_reader_slow = _decode


def _reader(fmt: str):
    def check(raw):
        try:
            document = read_document(raw, fmt, f"fuzz.{fmt}")
        except InputError as exc:
            assert exc.path == f"fuzz.{fmt}"
            return
        assert document.text.strip()
        check_blocks(document)

    return check


test_html_reader, test_html_reader_slow = both_runs(TEXT)(_reader("html"))
test_markdown_reader, test_markdown_reader_slow = both_runs(TEXT)(_reader("markdown"))


def day_order(iso: str) -> tuple[int, int, int]:
    """An ISO day (``-1070-01-01`` is 1071 BC) as a key that sorts in time, which its text does not before 1 AD."""
    year, month, day = iso[1:].split("-") if iso.startswith("-") else iso.split("-")
    return (-int(year) if iso.startswith("-") else int(year)), int(month), int(day)


# The time normaliser, with any document date the command line accepts (the calendar's whole range).
TIME_PIECES = [
    " 1941", " 7599", " 0001", " 99999", " July ", " the end of ", " later", " ago", " winter", " days", " a few",
    " BC", " AD ", " the 1930s", " '41", " Friday", " next", " last", " 22 June", " spring", " In 1944", " after",
    " of ", " yesterday", " tomorrow", " the following year", " ten years later", " next century", " the 75th",
    " century", " decade", " millennium", " 3000 years ago", " two hundred years later", " 1 January", "-", "/",
]


@both_runs(st.tuples(
    st.lists(st.sampled_from(TIME_PIECES) | st.text(max_size=3), max_size=25).map("".join),
    st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(7599, 12, 31)),
))
def _times(case):
    from chronologue.lib.timex import tag

    text, dct = case
    for t in tag(text, dct=dct):
        assert 0 <= t.start < t.end <= len(text)
        assert t.earliest is None or t.latest is None or day_order(t.earliest) <= day_order(t.latest)


test_time_normaliser, test_time_normaliser_slow = _times


NUMBER_WORDS = [
    "one", "two", "three", "ten", "twenty", "hundred", "hundreds", "thousand", "thousands", "million", "billion",
    "a", "an", "and", "half", "dozen", "dozens", "between", "or", "to", "-", "–", "of", "some", "about", "few",
    "1,000", "1.5", "2/3", "0", "007", "1941", "12-15", "9" * 309, "9" * 400, "1" + "0" * 308, "1e308", ".",
    ",", "third", "thirds", "quarter", "score", "nan", "inf", "1,5", "999,999,999,999,999",
]


@both_runs(st.lists(st.sampled_from(NUMBER_WORDS) | st.text(min_size=1, max_size=4), min_size=1, max_size=12))
def _numbers(words):
    from chronologue.lib.numbers import parse as numbers

    words = [w.lower() for w in words]
    spaced = [True] * len(words)
    for i in range(len(words)):
        quantity = numbers.parse(words, spaced, i)
        if quantity is None:
            continue
        assert i <= quantity.start < quantity.end <= len(words)
        values = [v for v in (quantity.value, quantity.low, quantity.high) if v is not None]
        assert values and all(math.isfinite(v) for v in values)
        if quantity.low is not None and quantity.high is not None:
            assert quantity.low <= quantity.high


test_number_parser, test_number_parser_slow = _numbers


LICENCE_PIECES = ["CC", " BY", "-SA", " ASA", " 3.0", " 4.00", " 2.5 PL", " Unported", " International", " License",
                  "Licence ", "public domain", " GFDL", " CC0", " 1.0", " Attribution", " ShareAlike", " NC", " ND",
                  "(", ")", "/", ",", " Wikimedia", " © ", " 9" * 5]


@both_runs(st.lists(st.sampled_from(LICENCE_PIECES) | st.text(max_size=4), max_size=12).map("".join))
def _licences(raw):
    from chronologue.lib.credits.licences import is_canonical, normalise, spdx_ids

    found = normalise(raw)
    assert found.spdx is None or found.spdx == "public-domain" or found.spdx in spdx_ids()
    assert isinstance(is_canonical(raw, found.spdx), bool)


test_licence_parser, test_licence_parser_slow = _licences


NAME_PIECES = ["Jan", "Nowak", "Ivan", "Ivanovich", "Petrov", "Пётр", "Ильич", "Ελένη", "Παπαδοπούλου", "von", "de",
               "Mc", "O'", "Jr.", "III", "Captain", "Dr.", "J.", "-", " ", "  ", "王", "小明", "Ü", "ß", "İ", "ﬁ",
               "\u0301"]
NAMES = st.lists(st.sampled_from(NAME_PIECES) | st.text(max_size=6), max_size=6).map(" ".join)


@both_runs(st.tuples(NAMES, NAMES))
def _names(pair):
    from chronologue.lib.identity.matching import match_score, same_person

    a, b = pair
    score = match_score(a, b)
    assert 0.0 <= score <= 1.0
    assert match_score(b, a) == pytest.approx(score)
    assert same_person(a, b) == same_person(b, a)


test_name_matcher, test_name_matcher_slow = _names
