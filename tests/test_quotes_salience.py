"""Pronoun speakers resolved by salience (quoting/salience.py), through the real pipeline on texts written here."""

from __future__ import annotations

from chronologue import analyze
from chronologue.model.story import Story


def _speaker(story: Story, words: str) -> str | None:
    quote = next(q for q in story.quotes if story.text[q.start:q.end].startswith(words))
    entity = story.entity(quote.speaker)
    return entity.name if entity else None


def _mention(story: Story, words: str) -> str | None:
    quote = next(q for q in story.quotes if story.text[q.start:q.end].startswith(words))
    span = quote.speaker_mention
    return story.text[span.start:span.end] if span else None


def test_she_goes_to_the_woman_the_narration_is_about_not_to_one_named_in_passing() -> None:
    story = analyze(
        "Mrs. Ruth Carver lit the stove and went to fetch the bread. She was glad of a guest in that weather. "
        "As soon as the kettle boiled, and Nell, her young maid, had been sent for milk, she carried the tray "
        'into the parlour. She noticed that his coat was wet. "Can I take your coat, sir?" she said.'
    )
    assert _speaker(story, "Can I take") == "Ruth Carver"


def test_a_pronoun_is_not_the_other_argument_of_its_own_verb() -> None:
    story = analyze(
        "Paul Archer met Henry Vale at the gate of the mill in the morning. Henry Vale thanked him for the loan. "
        '"It was nothing," he said.'
    )
    assert _speaker(story, "It was nothing") == "Henry Vale"  # "him" is Paul; the next "he" the subject Henry


def test_someone_singled_out_of_a_group_takes_the_next_sentences_he() -> None:
    story = analyze(
        "Anton Weber never spoke of that winter in the camp. The hunger is best described by one of his "
        "companions. He wrote that:\n\nWe cut the bread so thin that you could read through it."
    )
    assert _speaker(story, "We cut the bread") is None
    assert _mention(story, "We cut the bread") == "one of his companions"


def test_her_in_her_mother_is_not_the_mother() -> None:
    story = analyze(
        "Mr. Bennet and Mrs. Bennet sat in the drawing room. Mrs. Bennet spoke of the ball at length. "
        'Observing his second daughter at the window, he addressed her: "You will dance, I hope." '
        '"We shall not even be asked," said her mother.'
    )
    entity = story.entity(next(q for q in story.quotes if "not even be asked" in story.text[q.start:q.end]).speaker)
    assert entity is not None and entity.attributes.get("rank") == "Mrs."


def test_a_kin_named_by_apposition_is_who_the_kin_noun_means_later() -> None:
    story = analyze(
        "Peter Novak was arrested in the spring of 1942. His wife, Anna Kral, stayed in the village with the "
        "children. In May 1945 Peter Novak came home on foot. His wife said only: \"You are thin.\""
    )
    assert _speaker(story, "You are thin") == "Anna Kral"


def test_one_of_a_group_speaking_is_an_unnamed_speaker() -> None:
    story = analyze(
        "Peter Novak survived the camp. One of his fellow prisoners, a teacher from the town, described the "
        "winter in these words:\n\nWe slept four to a plank, and in the morning we counted who had not moved."
    )
    assert _speaker(story, "We slept four") is None
    assert _mention(story, "We slept four") == "One of his fellow prisoners"


def test_a_person_named_later_in_the_clause_is_not_the_pronoun() -> None:
    story = analyze(
        "Paul Archer took the old sailor's hand. Henry Vale had waited outside all morning. "
        "The sailor looked at them both. \"This is a poor room,\" said he to Henry Vale."
    )
    assert _speaker(story, "This is a poor room") != "Henry Vale"


def test_a_pronoun_after_another_name_tells_nothing_of_the_first_ones_sex() -> None:
    story = analyze(
        "Anna Kovacs studied music in Pest. In 1940 she married an engineer, Gyula Bartos. In the autumn of "
        "1944 Gyula Bartos was taken to a labour battalion and Anna Kovacs stayed with her mother. She recalled:"
        "\n\nWe lived in the cellar for seven weeks, and my mother kept the bread under her pillow."
    )
    assert _speaker(story, "We lived in the cellar") == "Anna Kovacs"


def test_one_of_a_group_telling_them_after_a_colon_keeps_its_quotation() -> None:
    story = analyze(
        "The town fell on 20 June. The family left with the last train, and one of the railwaymen told them: "
        '"Don\'t look back, it does not help." Her mother, Anna Kral, said only that the cow was sold too cheaply.'
    )
    assert _speaker(story, "Don't look back") is None
    assert _mention(story, "Don't look back") == "one of the railwaymen"


def test_they_married_makes_the_two_people_of_the_sentence_spouses() -> None:
    story = analyze(
        "Maria Dragan was deported with her father Ion Dragan in 1949. In 1956 they came back to the town. "
        "There she met Paul Stoica, a mechanic, and they married in 1958. Ion Dragan died a year later. "
        'Her husband remembered the wedding with a smile: "She brought a jar of honey from the market."'
    )
    assert _speaker(story, "She brought a jar") == "Paul Stoica"


def test_a_name_the_tagger_read_as_another_word_still_speaks() -> None:
    story = analyze(
        "Eleni Dimou was born in Drama in 1925. Her father Petros Dimou kept a small shop. "
        "The winter of 1941 was the hunger winter. Eleni remembered it in a few sentences:\n\n"
        "We ate the leaves of the vines and a soup of grass that my mother called spinach."
    )
    assert _speaker(story, "We ate the leaves") == "Eleni Dimou"
