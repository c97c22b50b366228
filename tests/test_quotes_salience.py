"""Pronoun speakers resolved by salience (quoting/salience.py), through the real pipeline on texts written here."""

from __future__ import annotations

from chronologue import analyze
from chronologue.story import Story


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
