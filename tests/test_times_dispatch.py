"""The tagger tries at a position only the rules that may begin with its character: the same matches as the
one big alternation of all rules, at every position of every rule's example."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("text", ["\n".join(EXAMPLES), "Über 1941 und 7 Mai; 3.0). the 1940s, ſummer 1812"])
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
    broken = replace(comp, alternatives=(r"(?P<r0>(?<=\b(?:on|from) )\d{4})",) + comp.alternatives[1:], tries={})
    with pytest.raises(ChronologueError) as err:
        broken.match("from 1999 on", 5)
    assert err.value.code == "E412" and repr(comp.rules["r0"].name) in str(err.value)
