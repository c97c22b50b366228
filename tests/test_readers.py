"""Readers: plain text keeps offsets; HTML and Markdown give reader text and block kinds; bad input fails clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronologue.errors import InputError
from chronologue.read import read_document, read_path
from chronologue.read.text import decode_bytes

DATA = Path(__file__).parent / "data"


def test_plain_text_is_the_input_and_paragraphs_are_blocks():
    text = "Title line\n\nFirst paragraph,\nstill first.\n\n\nSecond one.\n"
    doc = read_document(text, "text")
    assert doc.text == text
    blocks = [text[b.start : b.end] for b in doc.blocks]
    assert blocks == ["Title line", "First paragraph,\nstill first.", "Second one."]


def test_file_decoding_drops_bom_and_crlf_only():
    assert decode_bytes("\ufeffA\r\nb\r\n\r\nc".encode(), "x.txt") == "A\nb\n\nc"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "is empty"),
        (b"  \n\n ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Zamo\u015b\u0107 w czasie wojny, caf\u00e9".encode("cp1250"), "not UTF-8"),
    ],
)
def test_unreadable_bytes_name_the_file_and_problem(data, problem):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "dir/bad.txt")
    assert "dir/bad.txt" in str(info.value) and problem in str(info.value)


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path)


def test_html_keeps_article_blocks_and_drops_boilerplate():
    doc = read_path(DATA / "article.html")
    kinds = [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks]
    assert kinds[0] == ("kicker", "War stories")
    assert kinds[1] == ("title", "The ferryman's winter. How a river crossing kept a village alive")
    assert ("heading", "A crossing under guard") in kinds
    assert ("quote", "We crossed at night, twelve at a time, and nobody spoke.") in kinds
    assert kinds[-1] == ("footnote", "His diary survives in a private collection.")
    assert any(k == "caption" and t.startswith("The ferry near Grodno in 1943") for k, t in kinds)
    for junk in ("Home", "tracking", "Copyright", "Read also", "color:red"):
        assert junk not in doc.text
    # footnote markers are removed from the prose, blocks are separated by one blank line
    assert "from March 1942. He later wrote:" in doc.text
    assert "\n\n\n" not in doc.text


def test_markdown_removes_markup_and_puts_footnotes_last():
    source = (
        "---\ntitle: Front matter title\n---\n"
        "Some *emphasis* and a [link](http://example.org) here.[^1]\n\n"
        "> Quoted **words**.\n\n"
        "- an item\n\n"
        "![a picture](p.jpg)\n\n*A caption under the picture (Photo: Jane Roe)*\n\n"
        "[^1]: The note text.\n"
    )
    doc = read_document(source, "markdown")
    blocks = [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks]
    assert blocks == [
        ("title", "Front matter title"),
        ("paragraph", "Some emphasis and a link here."),
        ("quote", "Quoted words."),
        ("list_item", "an item"),
        ("caption", "A caption under the picture (Photo: Jane Roe)"),
        ("footnote", "The note text."),
    ]
    assert doc.text.count("\n\n") == len(blocks) - 1


def test_blank_line_spans_are_trimmed_paragraphs_within_bounds() -> None:
    from chronologue.lib.text import blank_line_spans

    text = "First line\nsame paragraph\n \t\n\n  Second  \n\nThird"
    assert [text[s:e] for s, e in blank_line_spans(text)] == ["First line\nsame paragraph", "Second", "Third"]
    start = text.index("Second")
    assert [text[s:e] for s, e in blank_line_spans(text, start, len(text))] == ["Second", "Third"]
    assert blank_line_spans("  \n\n ") == []

