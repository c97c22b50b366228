"""Pairing quotation marks (no parse needed): every style, broken spacing, apostrophes, nesting, paragraphs."""

from __future__ import annotations

import pytest

from chronologue.annotators.quotes.marks import find_marked


def quoted(text: str) -> list[tuple[str, int]]:
    starts = [0] + [i + 2 for i in range(len(text)) if text[i:i + 2] == "\n\n"]
    return [(text[m.start:m.end], m.depth) for m in find_marked(text, starts)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The sergeant said "hold the ford" and left.', [("hold the ford", 0)]),
        ("The sergeant said “hold the ford” and left.", [("hold the ford", 0)]),
        ("Der Feldwebel sagte „haltet die Furt” und ging.", [("haltet die Furt", 0)]),
        ("Der Feldwebel sagte „haltet die Furt“ und ging.", [("haltet die Furt", 0)]),
        ("Le sergent dit «tenez le gué» et partit.", [("tenez le gué", 0)]),
        ("Der Feldwebel sagte »haltet die Furt« und ging.", [("haltet die Furt", 0)]),
        ("Le sergent dit ‹tenez› et partit.", [("tenez", 0)]),
        ("The sergeant said 'hold the ford' and left.", [("hold the ford", 0)]),
    ],
)
def test_every_mark_style(text: str, expected: list[tuple[str, int]]) -> None:
    assert quoted(text) == expected


def test_broken_spacing_around_marks() -> None:
    text = 'The order says:" Nobody retreats ". The circular states:“The unit stays.” .'
    assert quoted(text) == [("Nobody retreats", 0), ("The unit stays.", 0)]


def test_apostrophes_are_no_quotation_marks() -> None:
    text = "The workers' paradise didn't feed the 'volunteers' at all."
    assert quoted(text) == [("volunteers", 0)]


def test_nested_quotation_inside_speech() -> None:
    text = "“The notice said ‘no entry’ in red,” she said."
    assert quoted(text) == [("The notice said ‘no entry’ in red,", 0), ("no entry", 1)]


def test_quotation_running_on_into_the_next_paragraph() -> None:
    text = "The board stated:“The convention does not bind us.\n\nPrisoners have no status at all ” .\n\nNext."
    assert quoted(text) == [("The convention does not bind us.\n\nPrisoners have no status at all", 0)]


def test_paragraph_reopening_the_same_mark_continues_the_speech() -> None:
    text = "“We walked all night.\n\n“At dawn we reached the river.”\n\nThey slept."
    assert quoted(text) == [("We walked all night.\n\n“At dawn we reached the river.", 0)]


def test_straight_quotes_with_spaces_on_both_sides_pair_by_parity() -> None:
    text = ' " Wait here , " said he . " Yes . " " No ! "'
    assert quoted(text) == [("Wait here ,", 0), ("Yes .", 0), ("No !", 0)]


def test_straight_single_quotes_as_the_text_s_marks() -> None:
    text = "' Come in!' said Anna. ' Thank you.' ' Sit down.' ' I'd rather stand.' The goin' was hard."
    assert quoted(text) == [("Come in!", 0), ("Thank you.", 0), ("Sit down.", 0), ("I'd rather stand.", 0)]


def test_single_quote_glued_to_the_word_before_still_opens() -> None:
    text = "' Come in!' said Anna. The ladies said' Poor child!' and the goin' was hard. ' Sit down.'"
    assert quoted(text) == [("Come in!", 0), ("Poor child!", 0), ("Sit down.", 0)]


def test_sentence_tokens_in_a_character_range_are_the_ones_wholly_inside_it() -> None:
    from chronologue import nlp
    from chronologue.annotators.quotes.text import Sentences

    text = "Anna Kral said: «Пётр came home.» Then she left."
    doc = nlp.load()(text)
    sentences = Sentences(doc, text=text)
    for start in range(len(text)):
        for end in range(start, len(text) + 1, 3):
            span = doc.char_span(start, end, alignment_mode="contract")
            assert [t.i for t in sentences.tokens(start, end)] == ([t.i for t in span] if span is not None else [])
