"""Turn-taking in dialogue through the real pipeline: answers, addressees, continuations and named answers."""

from __future__ import annotations

from chronologue import analyze
from chronologue.story import Quote, Story


def _quote(story: Story, words: str) -> Quote:
    return next(q for q in story.quotes if story.text[q.start:q.end].startswith(words))


def _speaker(story: Story, words: str) -> str | None:
    entity = story.entity(_quote(story, words).speaker)
    return entity.name if entity else None


def test_a_question_is_answered_by_the_other_not_continued_after_its_attribution() -> None:
    story = analyze(
        'Tom Baker met Anna Moss at the station in the rain. "Have you found a job?" asked Tom. "No. You too?" '
        'Tom nodded. "Two months ago." "Gratuity?" hinted Anna. "Spent."'
    )
    assert _speaker(story, "Gratuity?") == "Anna Moss"
    assert _speaker(story, "Spent.") == "Tom Baker"


def test_an_answer_that_calls_someone_by_name_names_the_unnamed_speaker_before() -> None:
    story = analyze(
        "Rose Grey poured the tea for the family.\n\n"
        '"I wonder when you are going to do anything, Rudolf?" said my brother\'s wife. '
        '"My dear Rose," I answered, "why should I do anything?"'
    )
    quote = _quote(story, "I wonder when")
    assert _speaker(story, "I wonder when") == "Rose Grey"
    assert story.text[quote.speaker_mention.start:quote.speaker_mention.end] == "my brother's wife"


def test_words_after_an_unfinished_attribution_keep_their_speaker_over_the_next_sentence() -> None:
    story = analyze(
        "Lucy Grant and Charlotte Bartlett sat at the table. "
        '"This meat has surely been used for soup," said Miss Bartlett. '
        '"Any nook does for me," Miss Bartlett continued; "but it does seem hard that you should not have a view." '
        "Lucy felt that she had been selfish."
    )
    assert _speaker(story, "but it does seem hard") == "Charlotte Bartlett"


def test_a_line_that_calls_someone_by_name_is_not_that_persons() -> None:
    story = analyze(
        'Holmes Grey stood before the fire. "Wedlock suits you, Marsh," he remarked. '
        '"I think, Marsh, that you have put on seven pounds." "Seven!" I answered. '
        '"Indeed, I should have thought a little more, Marsh."'
    )
    assert _speaker(story, "Seven!") == "Marsh"
    assert _speaker(story, "Indeed, I should") == "Holmes Grey"


def test_a_colon_quote_goes_to_the_writer_of_its_own_paragraph_not_to_a_name_after_the_heading() -> None:
    story = analyze(
        "The son at the front\n\n"
        "Her son, Ivan Petrenko, born in 1923, volunteered for the front in 1941. He served as a sapper. "
        "In 1945 he wrote to his mother from a hospital in Kursk: «I am alive, and I can already walk.»\n\n"
        "After the war\n\n"
        "Olga Petrenko returned to Kyiv in 1946."
    )
    assert _speaker(story, "I am alive") == "Ivan Petrenko"
