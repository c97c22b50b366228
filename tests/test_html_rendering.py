"""The reference article rendered as an HTML article page (built here from ../shared, never stored) keeps its
structure, figures and citations: the HTML reader and the layout stage give what the plain text gives."""

from __future__ import annotations

import html

import pytest


def render_page(text: str, gold: dict) -> str:
    """An article page as a CMS would publish it: kicker, h1, h2 headings, captions as figcaptions, block quotes
    as blockquotes, plus navigation, scripts and a footer that the reader must drop."""
    heads = set(gold["structure"]["headings"]) | {gold["structure"]["bibliography_heading"]}
    captions = [f["first"] for f in gold["figures"]]
    quotes = [q["first"] for q in gold["quotes"]]
    body = []
    for i, block in enumerate(b for b in text.split("\n\n") if b.strip()):
        block = block.strip()
        esc = html.escape(block, quote=False)
        if i == 0:
            body.append(f'<p class="kicker">{esc}</p>')
        elif i == 1:
            body.append(f"<h1>{esc}</h1>")
        elif block in heads:
            body.append(f"<h2>{esc}</h2>")
        elif any(block.startswith(c) for c in captions):
            body.append(f'<figure><img src="p{i}.jpg" alt=""><figcaption>{esc}</figcaption></figure>')
        elif any(block.startswith(q) for q in quotes):
            body.append(f"<blockquote><p>{esc}</p></blockquote>")
        else:
            body.append(f"<p>{esc}</p>")
    return (
        "<!doctype html><html><head><title>Site</title><script>track()</script></head><body>"
        '<nav class="menu"><a href="/">Home</a></nav><article>' + "\n".join(body) + "</article>"
        "<footer><p>All rights reserved</p></footer></body></html>"
    )


@pytest.fixture(scope="module")
def scores(reference_path, reference_gold, tmp_path_factory):
    from conftest import REFERENCE_GOLD, score_story

    from chronologue import analyze

    page = render_page(reference_path.read_text(encoding="utf-8"), reference_gold)
    return score_story(analyze(page, source_format="html"), REFERENCE_GOLD, tmp_path_factory.mktemp("html"))


@pytest.mark.parametrize(
    ("area", "floor"),
    [("structure", 8), ("figures", 7), ("figure credits", 6), ("figure licences", 6), ("citations", 5),
     ("entities", 19), ("quotes found", 6), ("timex value", 8)],
)
def test_html_rendering_scores(scores, area, floor):
    assert scores[area]["hit"] >= floor, scores[area]
