"""Each stage at its extremes (issue 18): huge numbers, control characters, any document date the command line
accepts, any nesting depth (read whole, or refused by name: never cut without a word)."""

from __future__ import annotations

from datetime import date

import pytest

from chronologue.errors import InputError
from chronologue.lib.timex import calendar
from chronologue.pipeline.run import parse_dct
from chronologue.read import read_document

RELATIVE = "Last year he moved to Lida. Yesterday he came back; ten years later, in the next century, he died.\n"


def nested_html(depth: int) -> str:
    nest = "<div>" * depth + "<p>deep text</p>" + "</div>" * depth
    return f"<html><body>{nest}<p>after the nest</p></body></html>"


@pytest.mark.parametrize("depth", [300, 900])
def test_html_past_libxml2s_255_levels_is_read_whole(depth):
    assert read_document(nested_html(depth), "html").text == "deep text\n\nafter the nest"


@pytest.mark.parametrize("depth", [2100, 5000])
def test_html_too_deep_to_read_whole_is_refused_by_name(depth):
    with pytest.raises(InputError, match="page.html: nests its elements too deep to be read whole"):
        read_document(nested_html(depth), "html", "page.html")


def test_markdown_nesting_past_markdown_its_limit_is_read_whole():
    text = "Before.\n\n" + "> " * 40 + "deep words here\n\nAfter."
    assert read_document(text, "markdown").text == "Before.\n\ndeep words here\n\nAfter."


def test_markdown_too_deep_for_the_parser_is_refused_by_name():
    with pytest.raises(InputError, match="notes.md: nests its quotes, lists or emphasis too deep"):
        read_document("Before.\n\n" + "> " * 5000 + "deep", "markdown", "notes.md")


def test_a_control_character_after_a_dropped_element(tmp_path):
    import chronologue

    page = tmp_path / "page.html"
    page.write_bytes(b"<p>Jan Nowak was born in 1921.<script>x()</script>\x08 He died in 1990.</p>\x01")
    story = chronologue.analyze_file(page)
    assert story.text == "Jan Nowak was born in 1921. He died in 1990."
    assert [t.value for t in story.timexes] == ["1921", "1990"]


@pytest.mark.parametrize("when", ["0001-01-01", "1600-02-29", "7599-12-31"])
def test_every_date_the_cli_accepts_works(when, work, cli):
    (work / "rel.txt").write_text(RELATIVE, encoding="utf-8")
    ran = cli("analyze", "rel.txt", "--dct", when, "-o", "rel.json")
    assert ran.exit_code == 0, ran.stderr


@pytest.mark.parametrize("when", ["7600-01-01", "9999-12-31"])
def test_a_date_past_the_calendar_is_refused_at_validation(when, work, cli):
    ran = cli("analyze", "a.txt", "--dct", when)
    assert ran.exit_code == 2
    assert ran.error_lines == [
        f"error: --dct: '{when}' is past the last year chronologue's calendar holds ({calendar.MAX_YEAR}) "
        "(give the document's real date)"
    ]
    with pytest.raises(InputError):
        parse_dct(date.fromisoformat(when))


def test_the_api_refuses_such_a_date_as_an_input_error():
    import chronologue

    with pytest.raises(InputError, match="--dct"):
        chronologue.analyze(RELATIVE, dct="8000-01-01")
