"""lib.text.inside_quotation: one test of "inside a quotation of its paragraph" for the time tagger and the name
edges."""

from __future__ import annotations

from chronologue.lib.text import inside_quotation


def test_straight_and_curly_quotations_within_their_paragraph() -> None:
    text = 'He said, "Bingley I am sure." Then\n“Come in,” she said, “Elinor.'
    assert inside_quotation(text, text.index("Bingley"))
    assert not inside_quotation(text, text.index("Then"))
    assert not inside_quotation(text, text.index("she"))
    assert inside_quotation(text, text.index("Elinor"))


def test_a_reach_bounds_the_look_back_on_a_text_on_one_line() -> None:
    text = '"' + "word " * 1000 + "here"
    assert inside_quotation(text, text.index("here"))
    assert not inside_quotation(text, text.index("here"), reach=3000)
