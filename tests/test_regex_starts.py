"""A regex behind a look-ahead for its first characters finds what the regex alone finds."""

from __future__ import annotations

import re

import pytest

from chronologue.lib.regex_starts import guarded

TEXT = (
    "Only in 1990 did he return; today, NOW and now-ish. He said his sister went there with ١٢٠ men (Arabic-Indic "
    "digits), 300 men and 25\u2009% losses on page\u00a07. HE, Him, hers; ſhe; the Kelvin sign \u212a."
)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"\b(?:only in|now|today|ſhe|k)\b", re.IGNORECASE),
        (r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Ss]he|[Hh]ers)\b", 0),
        (r"(?<![\d.,])\d{2,4}\s?(?:%|men)", re.IGNORECASE),
        (r"\s\d", 0),
    ],
)
def test_guarded_regex_finds_the_same_matches(pattern: str, flags: int):
    plain = re.compile(pattern, flags)
    quick = guarded(plain)
    assert quick.pattern.startswith("(?=[") and quick.flags == plain.flags
    assert [m.span() for m in quick.finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT)]
    assert [m.span() for m in plain.finditer(TEXT)]  # the text holds matches of each


@pytest.mark.parametrize("pattern", [r"\w+ later", r"(?:early)?", r"(?i)now"])
def test_a_regex_whose_start_is_not_known_is_kept_as_it_is(pattern: str):
    plain = re.compile(pattern)
    assert guarded(plain) is plain
