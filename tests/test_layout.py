"""Layout: kicker, title, headings, roles, on plain text, HTML and the reference article."""

from __future__ import annotations

import re

import pytest

from chronologue import analyze
from chronologue.annotators.layout.stage import is_bibliography_heading, looks_like_heading
from chronologue.rules import load as load_rules


def roles(story):
    return [(p.role, story.text[p.start : p.end]) for p in story.structure.paragraphs]


PLAIN = """World War II

The last train from Lida. A stationmaster remembers

In June 1941 the station at Lida still ran on a peacetime timetable.

The first morning

Bombs fell on the yards before dawn. The stationmaster later recalled:

We loaded the wounded into cattle cars because there was nothing else.

The tracks near Lida in 1941 (source: Bundesarchiv; lic. CC-BY-SA 3.0).

Further reading

Jan Kowalski, Koleje wojny, Znak 2001.
"""


def test_plain_text_roles():
    story = analyze(PLAIN)
    assert story.structure.kicker == "World War II"
    assert story.structure.title == "The last train from Lida. A stationmaster remembers"
    assert [h.text for h in story.structure.headings] == ["The first morning", "Further reading"]
    assert [r for r, _ in roles(story)] == [
        "kicker", "title", "lede", "heading", "body", "quote", "caption", "heading", "bibliography",
    ]


def test_reference_article_structure(reference_story, reference_gold):
    gold = reference_gold["structure"]
    assert reference_story.structure.kicker == gold["kicker"]
    assert reference_story.structure.title == gold["title"]
    headings = [h.text for h in reference_story.structure.headings]
    assert headings == gold["headings"] + [gold["bibliography_heading"]]
    assert sum(p.role == "bibliography" for p in reference_story.structure.paragraphs) == 1


def test_html_structure(html_story):
    s = html_story.structure
    assert s.kicker == "War stories"
    assert s.title == "The ferryman's winter. How a river crossing kept a village alive"
    assert [h.text for h in s.headings] == ["A crossing under guard", "Sources"]
    assert [r for r, _ in roles(html_story)] == [
        "kicker", "title", "lede", "heading", "body", "quote", "caption", "body", "heading", "bibliography", "body",
    ]


@pytest.mark.parametrize("entry", load_rules("layout")["bibliography_heading"])
def test_bibliography_heading_examples(entry):
    assert is_bibliography_heading(entry["example"])


@pytest.mark.parametrize("entry", load_rules("layout")["bibliography_inline"])
def test_inline_bibliography_examples(entry):
    assert re.match(entry["pattern"], entry["example"], re.I)
    story = analyze("A title here\n\nSome body text about the war.\n\n" + entry["example"])
    assert story.structure.paragraphs[-1].role == "bibliography"
    assert story.citations and story.citations[0].year is not None


@pytest.mark.parametrize("entry", load_rules("layout")["section_heading"])
def test_section_heading_examples(entry):
    assert looks_like_heading(entry["example"])


def test_a_books_sections_are_headings_and_its_lines_of_dialogue_are_not():
    text = ("The Wager\n\nChapter I: In Which Mr. Hollis Walks Out in the Rain to Find a Cab, and Finds Instead an Old "
            "Friend\nfrom the Regiment\n\nThe rain had not stopped since noon.\n\n\"She would never forgive me.\"\n\n"
            "Hollis shrugged. Book I of his memoirs tells the rest.\n\nChapter II\n\nMorning came late.")
    story = analyze(text)
    assert [h.text.split(":")[0] for h in story.structure.headings] == ["Chapter I", "Chapter II"]
