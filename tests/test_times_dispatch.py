"""The tagger tries at a position only the rules that may begin with its character (at a word: that may go on
with the character after it): the same matches as the one big alternation of all rules, at every position of
every rule's example and of a held-out text."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronologue.lib.regex_starts import Continuations, parse
from chronologue.lib.timex.patterns import compiled, first_chars
from chronologue.lib.timex.resources import rules

EXAMPLES = sorted({spec["example"] for spec in rules()["rule"] + rules()["negative"]})


def test_first_chars_of_small_patterns():
    assert first_chars(r"(?:the )?(?P<m>May|June)") == frozenset("tTmMjJ")
    assert first_chars(r"\d{4}") == frozenset("0123456789")
    assert first_chars(r"(?<=\bthe )[Ss]pring") == frozenset("sS")
    assert first_chars(r"(?:mid-)?(?:[a-c]|x)y") == frozenset("mMaAbBcCxX")
    assert first_chars(r"\w+ later") is None  # any word character
    assert first_chars(r"(?:early)?") is None  # may match the empty string
    assert first_chars("ſummer") >= {"s", "S"}  # the long s matches s when case is ignored


def test_what_a_match_goes_on_with_after_a_word():
    after = Continuations(parse(r"(?:the )?(?P<m>May|June)")).after
    assert after("the ") == frozenset("mMjJ")
    assert after("t") == frozenset("hH")
    assert after("x") == frozenset()  # no match begins with x
    assert after("june") is None  # the match may end there: whatever follows
    assert Continuations(parse(r"the\s+(?:very )?(?:first|last)")).after("the ") == frozenset("vVfFlL \t\n\r\f\v")
    assert Continuations(parse(r"(?:\d+|ten)(?: years)?")).after("ten ") is None  # "ten" alone may match
    assert Continuations(parse(r"\w+ later")).after("the ") is None  # a word class is not followed


HELD_OUT = (Path(__file__).parent / "data" / "heldout" / "ferry.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text", ["\n".join(EXAMPLES), "Über 1941 und 7 Mai; 3.0). the 1940s, ſummer 1812", HELD_OUT]
)
def test_dispatch_finds_what_the_whole_alternation_finds(text: str):
    comp = compiled()
    whole = comp.regex
    for pos in range(len(text)):
        a, b = comp.match(text, pos), whole.match(text, pos)
        assert (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup)), (text, pos)


def test_a_rule_that_cannot_compile_is_named_in_a_clear_error():
    from dataclasses import replace

    from chronologue.errors import ChronologueError

    comp = compiled()
    # the first rule (ISO dates, tried at digits) with a look-behind of two widths, which Python refuses
    alternatives = (r"(?P<r0>(?<=\b(?:on|from) )\d{4})",) + comp.alternatives[1:]
    broken = replace(comp, alternatives=alternatives, tries={}, word_tries={}, continuations={})
    with pytest.raises(ChronologueError) as err:
        broken.match("from 1999-05-06 on", 5)
    assert err.value.code == "E412" and repr(comp.rules["r0"].name) in str(err.value)
