"""Citations: bibliography entries in European and Anglo-American forms."""

from __future__ import annotations

import pytest

from chronologue.lib.bibliography import parse_entry
from chronologue.rules import load as load_rules


def fields(text):
    e = parse_entry(text, 0, len(text))
    return tuple(getattr(e, k).text if getattr(e, k) else None for k in ("author", "title", "publisher", "place")) + (
        e.year,
    )


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("Jan Kowalski, Wojna na wschodzie, Wydawnictwo Literackie, Kraków 1999.",
         ("Jan Kowalski", "Wojna na wschodzie", "Wydawnictwo Literackie", "Kraków", 1999)),
        ("Maria Lis, Notes from the camp , Oficyna Wydawnicza Rytm 2015.",
         ("Maria Lis", "Notes from the camp", "Oficyna Wydawnicza Rytm", None, 2015)),
        ("Anna Nowak (2004). The long winter. London: Vintage.",
         ("Anna Nowak", "The long winter", "Vintage", "London", 2004)),
        ("Smith, John. A history of the Don: river and people. New York: Basic Books, 2010.",
         ("Smith, John", "A history of the Don: river and people", "Basic Books", "New York", 2010)),
        ("Karl Weber, Die Brücke, Stuttgart 1978.", ("Karl Weber", "Die Brücke", None, "Stuttgart", 1978)),
        ('Olga Petrova, "Letters, diaries and orders", Bellona, Warszawa 2003.',
         ("Olga Petrova", "Letters, diaries and orders", "Bellona", "Warszawa", 2003)),
        ("1. Source: Jan Kowalski, Wojna i pokój, Znak 2001.", ("Jan Kowalski", "Wojna i pokój", "Znak", None, 2001)),
        ("M. C. Ricklefs, A History of Modern Indonesia since c. 1200, Palgrave Macmillan, Basingstoke 2008.",
         ("M. C. Ricklefs", "A History of Modern Indonesia since c. 1200", "Palgrave Macmillan", "Basingstoke", 2008)),
        ("Peter Carey, The Power of Prophecy: Prince Dipanagara and the End of an Old Order in Java, KITLV Press, "
         "Leiden 2007.",
         ("Peter Carey", "The Power of Prophecy: Prince Dipanagara and the End of an Old Order in Java", "KITLV Press",
          "Leiden", 2007)),
        ("E. H. Carr, What Is History?, London: Macmillan, 1961.", ("E. H. Carr", "What Is History?", "Macmillan",
                                                                    "London", 1961)),
    ],
)
def test_entry_forms(entry, expected):
    assert fields(entry) == expected


@pytest.mark.parametrize("table", ["publisher_words", "publisher_places"])
def test_data_examples_parse(table):
    example = load_rules("bibliography")[table]["example"]
    author, title, publisher, _place, year = fields(example)
    assert author and title and publisher and year


def test_reference_article_citation(reference_story, reference_gold):
    gold = reference_gold["citations"][0]
    [citation] = reference_story.citations
    assert citation.author == gold["author"]
    assert gold["title_contains"] in citation.title
    assert (citation.publisher, citation.year) == (gold["publisher"], gold["year"])


def test_one_entry_per_line_in_a_bibliography_paragraph():
    from chronologue import analyze

    story = analyze(
        "A title line\n\nSome text about the war.\n\nBibliography\n\n"
        "Jan Kowalski, Wojna na wschodzie, Znak 1999.\nAnna Nowak (2004). The long winter. London: Vintage.\n\n"
        "Sources\n\nKarl Weber, Die Brücke und der Fluss,\nStuttgart 1978."
    )
    assert [(c.author, c.year) for c in story.citations] == [
        ("Jan Kowalski", 1999), ("Anna Nowak", 2004), ("Karl Weber", 1978),
    ]


def test_publisher_then_unlisted_town():
    assert fields("Anna Kowal, Węgry 1956, Wydawnictwo Czarne, Wołowiec 2010.") == (
        "Anna Kowal", "Węgry 1956", "Wydawnictwo Czarne", "Wołowiec", 2010,
    )


def test_a_publisher_before_a_town_the_gazetteer_knows_is_the_publisher():
    assert fields("Liisa Korhonen, Kaksi kesää, Otava, Helsinki 2009.") == (
        "Liisa Korhonen", "Kaksi kesää", "Otava", "Helsinki", 2009,
    )
