"""Turn-taking in dialogue through the real pipeline: answers, addressees, continuations and named answers."""

from __future__ import annotations

from chronologue import analyze
from chronologue.lib.coref.kinship import Families
from chronologue.model.story import Entity, Quote, Story


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


def test_a_line_opening_with_an_answer_word_is_the_other_persons_turn() -> None:
    text = ('Tom Baker met Anna Moss at the gate. "Well?" asked Tom. "You are late," said Anna. '
            '"{}, the train was late."')
    assert _speaker(analyze(text.format("No")), "No, the train") == "Tom Baker"
    assert _speaker(analyze(text.format("And")), "And, the train") == "Anna Moss"  # no answer: her words go on


def test_kin_nouns_go_to_the_family_the_story_is_about() -> None:
    couple = analyze('Mr. Bennet and Mrs. Bennet sat with Elizabeth. "You are late," said her mother.')
    entity = couple.entity(_quote(couple, "You are late").speaker)
    assert entity is not None and entity.attributes.get("rank") == "Mrs."


def test_a_spouse_is_only_found_for_a_titled_person() -> None:
    people = [Entity(id="e1", type="PERSON", name="Robert Lebrun", attributes={"surname": "Lebrun"}),
              Entity(id="e2", type="PERSON", name="Lebrun", attributes={"surname": "Lebrun", "rank": "Madame"}),
              Entity(id="e3", type="PERSON", name="Harlow", attributes={"surname": "Harlow", "rank": "Mr."}),
              Entity(id="e4", type="PERSON", name="Harlow", attributes={"surname": "Harlow", "rank": "Mrs."})]
    sexes = {"e1": "male", "e2": "female", "e3": "male", "e4": "female"}
    families = Families(people, sexes.get)
    assert families.kin("spouse", "female", "e3") == "e4"  # Mr. Harlow's wife
    assert families.kin("spouse", "female", "e1") is None  # Robert Lebrun's titled kinswoman may be his mother
    assert families.kin("parent", "female", "e1") == "e2"
    assert families.kin("parent", "female", None) == "e4"  # "the mother": of the story's titled couple


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


def test_an_unattributed_line_goes_to_the_one_the_narration_after_is_about_never_to_the_one_it_calls() -> None:
    story = analyze(
        "Paul Archer and Edith Rowe stood by the window of the flat. The rain had stopped an hour before. "
        '"Well, Edith, what do you make of it?" Paul Archer was leaning on the sill with his back to her.'
    )
    assert _speaker(story, "Well, Edith") == "Paul Archer"


def test_a_colon_lead_in_attributes_its_own_quotation_and_words_ending_in_a_colon_lead_the_next() -> None:
    story = analyze(
        "Lucy Grant and Charlotte Bartlett sat at the long table. Lucy rose to her feet, exclaiming: "
        '"Oh, how lovely it is to see you here!" Miss Bartlett said, with more restraint: "How do you do?"'
    )
    assert _speaker(story, "Oh, how lovely") == "Lucy Grant"
    assert _speaker(story, "How do you do") == "Charlotte Bartlett"


def test_a_wish_to_speak_after_a_quotation_does_not_attribute_it() -> None:
    story = analyze(
        'Mr. Hale looked at his daughters. "What say you, Mary? You read great books," cried he. '
        '"Do you agree with your mother?" Mary wished to say something sensible, but knew not how.'
    )
    assert _speaker(story, "Do you agree") != "Mary"


def test_a_titled_surname_is_the_titled_persons_and_a_pronoun_goes_to_the_latest_speaker_of_its_sex() -> None:
    story = analyze(
        "Mr. Bennet read by the fire while Mrs. Bennet sewed with Mary. "
        '"The assembly is on Tuesday," said Mr. Bennet. Mrs. Bennet said only, "Nonsense!" '
        '"What can you mean by that?" cried he. "Do you hear me, Mary? You are a girl of sense." '
        'Mary wished to answer, but knew not how. "While Mary thinks," he went on, "let us talk of the ball."'
    )
    ranks = {e.id: e.attributes.get("rank") for e in story.entities}
    assert ranks[_quote(story, "Nonsense!").speaker] == "Mrs."
    assert ranks[_quote(story, "let us talk").speaker] == "Mr."


def test_the_narrator_is_the_person_the_others_call_by_a_full_name_not_by_a_title_alone() -> None:
    story = analyze(
        'Polina Grey looked up. Madame Blanc sat by the window. "Alexis Ivanovitch, where were you?" asked Polina. '
        '"At the tables," I said. "Madame, he lost again," said Polina. "Ah, Alexis Ivanovitch, you will ruin '
        'yourself," said Madame Blanc. "Perhaps," I answered.'
    )
    assert _speaker(story, "At the tables") == "Alexis Ivanovitch"
    assert _speaker(story, "Perhaps") == "Alexis Ivanovitch"
