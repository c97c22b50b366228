"""Book-length identity: a name never swallows a neighbouring word, a surname shared by a family is not one person,
a pet name joins only its owner, a title before a surname never makes it a given name, a name ends at a lower-case
word that is no particle, titles of the young and of the grown keep two people of one surname apart."""

from __future__ import annotations

import pytest

from chronologue import analyze
from chronologue.model.story import Story
from chronologue.rules import load as load_rules

FAMILY = (
    "Jane Bennet and Elizabeth Bennet walked to Meryton with Lydia Bennet. Lady Catherine de Bourgh was not "
    "pleased. Mrs. Bennet waited at home. Mr. Bennet read in his library, and Mrs. Bennet called to him.\n\n"
    "\"Shall I go?\" asked Kitty. Till Elizabeth came back, nobody would answer, and she waited till noon, "
    "till dinner, till night. \"Mr. Bingley I am sure will come,\" said Mrs. Bennet. Bennet only smiled. "
    "Kitty laughed. Colonel Fitzwilliam bowed to Fitzwilliam Darcy."
)
SISTERS = (
    "\"Come,\" said Sir John to Elinor, \"the carriage waits.\" Elinor smiled. Miss Honeychurch played the piano "
    "while Mrs. Honeychurch read. \"Lucy plays too loud,\" said Mrs.\nHoneychurch."
)


def _people(story: Story) -> dict[str, list[str]]:
    """Each person as 'Rank Name' -> its name mentions, in text order."""
    return {_titled(e.attributes.get("rank", ""), e.name): [story.text[m.start:m.end] for m in e.mentions
                                                          if m.kind == "name"]
            for e in story.entities if e.type == "PERSON"}


def _titled(rank: str, name: str) -> str:
    """'Rank Name' (a person known only by title and surname is so named already: 'Mr. Bennet')."""
    return name if not rank or name.startswith(f"{rank} ") else f"{rank} {name}"


@pytest.fixture(scope="module")
def family() -> dict[str, list[str]]:
    return _people(analyze(FAMILY))


def test_a_name_holds_no_neighbouring_word(family: dict[str, list[str]]) -> None:
    words = {word for texts in family.values() for text in texts for word in text.split()}
    assert not words & {"I", "Till", "Shall"}
    assert family["Mr. Bingley"] == ["Mr. Bingley"]  # a title before a surname alone is part of the mention


def test_mother_father_and_daughters_of_one_surname_stay_apart(family: dict[str, list[str]]) -> None:
    assert family["Jane Bennet"] == ["Jane Bennet"]
    assert family["Elizabeth Bennet"] == ["Elizabeth Bennet", "Elizabeth"]
    assert family["Lydia Bennet"] == ["Lydia Bennet"]
    assert family["Mrs. Bennet"] == ["Mrs. Bennet", "Mrs. Bennet", "Mrs. Bennet"]
    assert family["Mr. Bennet"] == ["Mr. Bennet", "Bennet"]  # and the bare "Bennet only smiled" is his


def test_a_pet_name_is_not_given_to_a_titled_lady(family: dict[str, list[str]]) -> None:
    assert family["Lady Catherine de Bourgh"] == ["Catherine de Bourgh"]
    assert family["Kitty"] == ["Kitty", "Kitty"]


def test_a_name_ends_at_a_lower_case_word_and_miss_is_not_mrs() -> None:
    people = _people(analyze(SISTERS))
    assert people["Sir John"] == ["Sir John"]
    assert people["Elinor"] == ["Elinor", "Elinor"]
    assert people["Miss Honeychurch"] == ["Miss Honeychurch"]
    assert people["Mrs. Honeychurch"] == ["Mrs. Honeychurch", "Mrs.\nHoneychurch"]  # a title at a line's end


RULES = load_rules("names_titles")["given_name_title"]


@pytest.mark.parametrize("row", RULES, ids=[row["example"][:40] for row in RULES])
def test_after_a_rank_a_name_is_a_surname(row: dict) -> None:
    story = analyze(row["example"])
    start = story.text.index(row["titled"]) + len(row["titled"]) - 1
    titled = next(e for e in story.entities if any(m.start <= start < m.end for m in e.mentions))
    full = next(e for e in story.entities if e.name == row["full"])
    assert (titled.name, titled.attributes.get("rank")) == (row["titled"], row["titled"].split()[0])
    assert titled.id != full.id


def test_a_rulers_number_stays_with_the_name_in_a_history_and_rulers_of_one_number_stay_apart() -> None:
    story = analyze("Osei Tutu I founded the kingdom and ruled from Kumasi. His heir Opoku Ware I fought the "
                    "Akyem. Osei Tutu I died in 1717.")
    assert _people(story) == {"Osei Tutu I": ["Osei Tutu I", "Osei Tutu I"], "Opoku Ware I": ["Opoku Ware I"]}


def test_a_sentence_opening_adverb_or_a_quotation_opening_word_is_no_part_of_a_name() -> None:
    story = analyze("Happily Archer was of the family, and nobody minded him. She said, \"Because Ralph Denham "
                    "asked me, because I wished it.\" Because of the rain they stayed, because it was late.")
    assert _people(story) == {"Archer": ["Archer"], "Ralph Denham": ["Ralph Denham"]}


def test_a_dash_run_into_the_words_cuts_a_name_and_leaves_none_of_a_common_word() -> None:
    story = analyze("Do you hear? I do, and you do, and we do. \"Every body heard it!--If you ask,\" said Hetty "
                    "Marlow. \"She was moved.--Hetty laughed at that.\"")
    assert _people(story) == {"Hetty Marlow": ["Hetty Marlow", "Hetty"]}


def test_a_title_word_inside_a_name_the_parser_reads_whole_is_a_name_word() -> None:
    story = analyze("Reza Shah Pahlavi ruled Iran until 1941. Tsar Nicholas abdicated in March 1917.")
    people = {e.name: e.attributes.get("rank") for e in story.entities if e.type == "PERSON"}
    assert people == {"Reza Shah Pahlavi": None, "Tsar Nicholas": "Tsar"}


def test_a_given_name_after_of_is_another_person() -> None:
    story = analyze("Something in the attitude reminded Mary Welland of Ralph. Ralph Denham was reading.")
    assert _people(story) == {"Mary Welland": ["Mary Welland"], "Ralph Denham": ["Ralph", "Ralph Denham"]}


def test_people_the_text_coordinates_or_sets_as_subject_and_object_are_two_people() -> None:
    text = ("George Emerson bowed. Mr. Emerson and George came in. Lucy looked at them. Mr. Emerson smiled at "
            "George, and George laughed.")
    assert _people(analyze(text)) == {
        "George Emerson": ["George Emerson", "George", "George", "George"],
        "Mr. Emerson": ["Mr. Emerson", "Mr. Emerson"], "Lucy": ["Lucy"]}


def test_a_name_given_as_an_alternative_by_or_is_no_other_person() -> None:
    story = analyze("Caroline Meeber boarded the train. Caroline, or Sister Carrie, as the family called her, was "
                    "eighteen.")
    assert _people(story) == {"Sister Caroline Meeber": ["Caroline Meeber", "Caroline", "Sister Carrie"]}
