"""The times stage in the real pipeline: the reference article and a news text with a document date."""

from __future__ import annotations

from pathlib import Path

import pytest

import chronologue

ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "palij-pow-article.txt"


def spans(story):
    return {story.text[t.start : t.end]: t for t in story.timexes}


@pytest.mark.slow
@pytest.mark.skipif(not ARTICLE.exists(), reason="the reference article is not checked out next to the project")
def test_reference_article_timexes():
    story = chronologue.analyze(ARTICLE.read_text(encoding="utf-8"))
    found = spans(story)
    expected = {
        "the end of 1941": ("1941", "END", "1941-09-01", "1941-12-31", "absolute"),
        "the second half of July 1941": ("1941-07", "END", "1941-07-16", "1941-07-31", "absolute"),
        "the first half of the 1930s": ("193", "START", "1930-01-01", "1934-12-31", "absolute"),
        "the end of July 1941": ("1941-07", "END", "1941-07-21", "1941-07-31", "absolute"),
        "the fall of 1944": ("1944-FA", None, "1944-09-01", "1944-11-30", "absolute"),
        "1929": ("1929", None, "1929-01-01", "1929-12-31", "absolute"),
        "2015": ("2015", None, "2015-01-01", "2015-12-31", "absolute"),
        "the very first day": ("1941-06-22", None, "1941-06-22", "1941-06-22", "narrative"),
        "the onset of winter": ("1941-WI", "START", "1941-12-01", "1941-12-30", "narrative"),
        "the spring": ("1942-SP", None, "1942-03-01", "1942-05-31", "narrative"),
        "nearly a year": ("P1Y", "LESS_THAN", None, None, None),
        "a few months": ("PXM", None, None, None, None),
        "the end of the war": ("1945", "END", "1944-11-11", "1945-05-09", "event"),
    }
    for text, (value, mod, earliest, latest, anchor) in expected.items():
        t = found[text]
        assert (t.value, t.mod, t.earliest, t.latest, t.anchor) == (value, mod, earliest, latest, anchor), text
    few_days = found["a few days later"]
    assert (few_days.earliest, few_days.latest, few_days.anchor) == ("1941-07-17", "1941-08-10", "narrative")
    assert found["years later"].latest == "2015-12-31"
    assert [t.id for t in story.timexes] == [f"t{i}" for i in range(1, len(story.timexes) + 1)]


@pytest.mark.slow
def test_news_text_with_a_document_date():
    story = chronologue.analyze("The embassy was bombed Friday. Officials said last week that the threat was "
                                "real, and the envoy will arrive Tuesday.", dct="1998-08-07")
    assert [(story.text[t.start : t.end], t.value, t.anchor) for t in story.timexes] == [
        ("Friday", "1998-08-07", "document"),
        ("last week", "1998-W31", "document"),
        ("Tuesday", "1998-08-11", "document"),
    ]
