"""Names introduced by a common noun for a person (issues 12 and 14): the WordNet table and the rule."""

from __future__ import annotations

import pytest

from chronologue import nlp
from chronologue.annotators.entities import appositive
from chronologue.annotators.entities.finder import Finder
from chronologue.annotators.entities.stage import find_mentions
from chronologue.model.story import Source, Story
from chronologue.rules import load


def _story(text: str) -> Story:
    return Story(source=Source(sha256="0"), text=text)


def _mentions(text: str) -> list[tuple[str, str]]:
    return [(m.type, m.text) for m in find_mentions(_story(text), nlp.load()(text))]


def _introduced(text: str) -> list[str]:
    finder = Finder(_story(text), nlp.load()(text))
    assert finder.tokens is not None
    return [text[start:end] for start, end in appositive.introduced_names(finder.tokens, finder)]


def test_the_table_example_names_its_person():
    table = load("person_nouns")
    assert ("PERSON", table["person"]) in _mentions(table["example"])


def test_the_table_holds_lower_case_person_nouns_only():
    nouns = appositive.person_nouns()
    assert {"photographer", "rani", "merchant", "blacksmith", "schoolteacher", "widow", "clerk"} <= nouns
    # other classes, nationalities (capitalised in WordNet), words more often an adjective
    assert not {"ship", "city", "newspaper", "regiment", "englishman", "american", "native", "major"} & nouns


@pytest.mark.parametrize(
    ("text", "name", "said"),
    [
        ("In 1912 the blacksmith Tomasz Wierzba opened a forge in Lublin.", "Tomasz Wierzba", "WORK_OF_ART"),
        ("The young schoolteacher Ilse Brandauer wrote to the ministry in Vienna.", "Ilse Brandauer", "ORG"),
        ("In 1858 the rani Lakshmibai rode out of Gwalior.", "Lakshmibai", "GPE"),
    ],
)
def test_a_name_after_a_person_noun_is_a_person_whatever_spacy_said(text: str, name: str, said: str):
    doc = nlp.load()(text)
    assert (name, said) in [(e.text, e.label_) for e in doc.ents]  # the recogniser's mistake the rule mends
    assert ("PERSON", name) in _mentions(text)


def test_a_name_spacy_missed_after_a_person_noun_becomes_a_mention():
    text = "The photographer Felice Beato arrived in Yokohama in 1863."
    assert not [e for e in nlp.load()(text).ents if e.text == "Felice Beato"]
    assert ("PERSON", "Felice Beato") in _mentions(text)


def test_a_name_in_apposition_to_a_person_noun():
    assert _introduced("A widow of the village, Marta Kowalczyk, hid the boys in her barn.") == ["Marta Kowalczyk"]
    assert _introduced("An old fisherman, Kofi Mensah, found the wreck near Cape Coast.") == ["Kofi Mensah"]
    # a noun modifier before the noun; the parse hangs the name on the noun's "of" phrase
    text = "The town fell. A silk merchant of Samarkand, Abdul Karim Bey, sold the horses."
    assert _introduced(text) == ["Abdul Karim Bey"]


def test_a_name_particle_stays_inside_the_name():
    text = "In 1524 the conquistador Pedro de Alvarado marched into Guatemala."
    assert _introduced(text) == ["Pedro de Alvarado"]


@pytest.mark.parametrize(
    "text",
    [
        "The newspaper The Times reported the fire.",  # no person's noun, and a name opening with "The"
        "The ship Endurance sank in the Weddell Sea in 1915.",
        "They reached the city Paris at dawn.",
        "The merchants Hanseatic League traded in Bergen.",  # plural
        "The Englishman John Wakefield sailed for Calcutta.",  # a nationality
        "They sent for the blacksmith\nWierzba Mill was shut.",  # across a line
        "His blacksmith Tomasz Wierzba opened a forge.",  # no article
    ],
)
def test_no_name_is_introduced(text: str):
    assert _introduced(text) == []


def test_other_nouns_keep_spacy_types():
    found = _mentions("The newspaper The Times reported the fire. They reached the city Paris at dawn.")
    assert ("PLACE", "Paris") in found
    assert not [m for m in found if m[0] == "PERSON"]
