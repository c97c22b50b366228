"""The quotes stage through the real pipeline: kinds, block quotes without marks, nesting, speakers."""

from __future__ import annotations

from chronologue import analyze
from chronologue.model.story import Quote, Story


def _text(story: Story, quote: Quote) -> str:
    return story.text[quote.start:quote.end]


def _mention(story: Story, quote: Quote) -> str | None:
    span = quote.speaker_mention
    return story.text[span.start:span.end] if span else None


def _speaker_name(story: Story, quote: Quote) -> str | None:
    entity = story.entity(quote.speaker)
    return entity.name if entity else None


def _by_start(story: Story, words: str) -> Quote:
    return next(q for q in story.quotes if _text(story, q).startswith(words))


MEMOIR = (
    "Captain Anton Weber commanded a bridge company on the river in 1941. He lost half of his men in a week.\n\n"
    "Years later Anton Weber recalled:\n\n"
    "I could not sleep for days […]. Every night I saw the bridge burning and my men in the water.\n\n"
    "The company was disbanded in the autumn."
)


def test_unmarked_block_quote_after_a_colon_is_writing_with_its_speaker() -> None:
    story = analyze(MEMOIR)
    quote = _by_start(story, "I could not sleep")
    assert _text(story, quote) == (
        "I could not sleep for days […]. Every night I saw the bridge burning and my men in the water."
    )
    assert quote.kind == "writing"
    assert _mention(story, quote) == "Anton Weber"
    assert _speaker_name(story, quote) == "Anton Weber"


def test_pronoun_speaker_resolves_to_the_last_subject() -> None:
    text = (
        "Sergeant Marta Kowal crossed the river with the last boat. She reached the camp at night.\n\n"
        "Much later she wrote:\n\n"
        "We had no food and no orders, and I was afraid of every shadow.\n\n"
        "The camp was closed in May."
    )
    story = analyze(text)
    quote = _by_start(story, "We had no food")
    assert quote.kind == "writing"
    assert _mention(story, quote) == "she"
    assert _speaker_name(story, quote) == "Marta Kowal"


def test_introducer_without_a_verb_takes_the_speaker_of_the_sentence_before() -> None:
    text = (
        "Then Anton Weber told the others that he would cross the lines. All because:\n\n"
        "I have nothing left here, and I will not wait for the firing squad.\n\n"
        "Nobody stopped him."
    )
    story = analyze(text)
    quote = _by_start(story, "I have nothing left")
    assert quote.kind == "speech"
    assert _speaker_name(story, quote) == "Anton Weber"


def test_unnamed_speaker_keeps_speaker_null_and_a_mention() -> None:
    text = (
        "Anton Weber never spoke of the winter. The hunger is best described by one of the camp's cooks. "
        "He noticed that:\n\n"
        "I cut the bread so thin that you could read through it, and still I had too little.\n\n"
        "The camp was closed in May."
    )
    story = analyze(text)
    quote = _by_start(story, "I cut the bread")
    assert quote.speaker is None
    assert _mention(story, quote) == "one of the camp's cooks"


def test_block_quote_running_on_with_a_nested_document_quote() -> None:
    text = (
        "Anton Weber explained to his friend why he would not go back. All because:\n\n"
        "In the code, in article 12 it says:\" Leaving a post is punishable by death \". "
        "The army circular states:“The soldier who is captured is a traitor.\n\n"
        "His family loses every right ” .\n\n"
        "His friend said nothing."
    )
    story = analyze(text)
    host = _by_start(story, "In the code")
    assert host.kind == "speech"
    assert _text(story, host).endswith("His family loses every right")
    assert _speaker_name(story, host) == "Anton Weber"
    order = _by_start(story, "Leaving a post")
    assert order.kind == "document"
    assert (_text(story, order), order.speaker) == ("Leaving a post is punishable by death", None)
    circular = _by_start(story, "The soldier who is captured")
    assert circular.kind == "document"
    assert host.start <= order.start and order.end <= host.end


def test_scare_quotes_and_titles_are_never_speech() -> None:
    text = (
        "His diary, entitled \"A Winter on the Bug\", tells of the \"liberators\" who took the grain. "
        "The village had no mercy for \"friends of the occupiers\" after the war. It ended in a wave of "
        "\"denunciations\" and \"trials.\""
    )
    story = analyze(text)
    kinds = {_text(story, q): q.kind for q in story.quotes}
    assert kinds == {
        "A Winter on the Bug": "title",
        "liberators": "scare",
        "friends of the occupiers": "scare",
        "denunciations": "scare",
        "trials.": "scare",
    }


def test_dialogue_speakers_from_verbs_on_either_side_and_from_turns() -> None:
    text = (
        "Anna Berg met Tomas Lind at the station. She had waited for him all morning. “You are late,” said Anna. "
        "Tomas shrugged and said, “The train was late.” “It always is.” “Not always, Anna.” "
        "“Where are the papers?” she asked."
    )
    story = analyze(text)
    speakers = [(_text(story, q), _speaker_name(story, q)) for q in story.quotes]
    assert speakers == [
        ("You are late,", "Anna Berg"),
        ("The train was late.", "Tomas Lind"),
        ("It always is.", "Anna Berg"),
        ("Not always, Anna.", "Tomas Lind"),
        ("Where are the papers?", "Anna Berg"),
    ]


def test_continued_speech_keeps_its_speaker() -> None:
    text = "Anna Berg looked at the river. “It is frozen,” said Anna, “and we can walk across.”"
    story = analyze(text)
    assert [(_text(story, q), _speaker_name(story, q)) for q in story.quotes] == [
        ("It is frozen,", "Anna Berg"),
        ("and we can walk across.", "Anna Berg"),
    ]


def test_elision_marks_in_running_prose_quote_the_words_around_them() -> None:
    text = (
        "Anton Weber was arrested in 1936. He was accused of sabotage, wrecking and espionage […] , "
        "and contacts with enemies abroad."
    )
    story = analyze(text)
    quote = _by_start(story, "sabotage")
    assert _text(story, quote) == "sabotage, wrecking and espionage […] , and contacts with enemies abroad"
    assert _speaker_name(story, quote) == "Anton Weber"


def test_markdown_block_quote_is_a_quotation_of_the_introducing_speaker() -> None:
    text = "# The crossing\n\nAnton Weber wrote to his sister:\n\n> The river is wide and the ice is thin.\n"
    story = analyze(text, source_format="markdown")
    quote = _by_start(story, "The river is wide")
    assert _text(story, quote) == "The river is wide and the ice is thin."
    assert quote.kind == "writing"
    assert _speaker_name(story, quote) == "Anton Weber"


def test_ids_in_text_order() -> None:
    story = analyze(MEMOIR + ' Later he called it "the long night".')
    assert [q.id for q in story.quotes] == [f"q{i}" for i in range(1, len(story.quotes) + 1)]
    assert [q.start for q in story.quotes] == sorted(q.start for q in story.quotes)


def test_partial_quotation_in_a_that_clause_is_someone_s_words() -> None:
    story = analyze('The commander noted that the men had "lost all discipline" by May.')
    quote = _by_start(story, "lost all discipline")
    assert quote.kind == "speech"
    assert _mention(story, quote) == "The commander"


def test_two_words_with_one_capital_are_no_title() -> None:
    story = analyze('In 1937 Anton Weber was arrested as a "Polish spy" and shot.')
    assert [(q.kind, _text(story, q)) for q in story.quotes] == [("scare", "Polish spy")]


def test_definite_noun_phrase_speaker_is_someone_the_story_knows() -> None:
    text = (
        "Tomas Lind came home late. Anna Berg was waiting at the door. She had not slept. "
        "“Where were you?” “At the station,” said the young man."
    )
    story = analyze(text)
    quote = _by_start(story, "At the station")
    assert _mention(story, quote) == "the young man"
    assert _speaker_name(story, quote) == "Tomas Lind"


def test_unnamed_person_of_a_place_stays_unnamed() -> None:
    text = "Anton Weber led the column. The camp's cook noticed that:\n\nI cut the bread so thin, it was clear.\n\nEnd."
    story = analyze(text)
    quote = _by_start(story, "I cut the bread")
    assert (quote.speaker, _mention(story, quote)) == (None, "The camp's cook")


def test_pronoun_through_an_apposition_names_the_son_not_the_parent() -> None:
    text = (
        "Anna Berg lived in Minsk until the war.\n\n"
        "Anna Berg's son, Piotr Berg, joined the army in 1941. He was wounded twice. "
        "In 1945 he wrote to his mother:\n\n"
        "I am alive, and I can already walk with one crutch.\n\nEnd."
    )
    story = analyze(text)
    quote = _by_start(story, "I am alive")
    assert (_mention(story, quote), _speaker_name(story, quote)) == ("he", "Piotr Berg")


def test_a_quoted_name_followed_by_a_relative_clause_with_a_speech_verb_is_no_speech() -> None:
    story = analyze('In July the deputies of a "people\'s parliament" which asked Moscow to annex the country met.')
    assert [q.kind for q in story.quotes] == ["scare"]


def test_a_blockquote_holding_quotations_and_their_attribution_quotes_only_the_words_in_marks() -> None:
    story = analyze(
        '<html><body><article><h1>The amber</h1><p>Her father was taken in June 1941.</p>'
        '<blockquote><p>"He kissed my mother and left," Anna Kowalska wrote. "We waited for fifty years."'
        '</p></blockquote><p>She emigrated in 1949.</p></article></body></html>',
        source_format="html",
    )
    words = sorted(story.text[q.start:q.end] for q in story.quotes)
    assert words == ["He kissed my mother and left,", "We waited for fifty years."]
    assert all(story.entity(q.speaker).name == "Anna Kowalska" for q in story.quotes)
