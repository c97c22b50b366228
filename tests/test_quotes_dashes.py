"""Dialogue introduced by a dash instead of quotation marks is found, the narrator's words left out."""

from __future__ import annotations

from chronologue import analyze

DIALOGUE = (
    "Pedro Alvarez came into the kitchen at dawn.\n\n"
    "—Where are you going? —asked Maria.\n\n"
    "—Nowhere —said Pedro—. And you, my dear sister?\n\n"
    "—To the market.\n\n"
    "She left without another word. The road -- long and dusty -- was empty.\n"
    "-- a wrapped line may start with a dash inside a sentence."
)


def test_dash_lines_are_speech_and_the_narrator_words_are_not() -> None:
    story = analyze(DIALOGUE)
    assert [(story.text[q.start:q.end], q.kind) for q in story.quotes] == [
        ("Where are you going?", "speech"),
        ("Nowhere", "speech"),
        ("And you, my dear sister?", "speech"),
        ("To the market", "speech"),
    ]
    assert story.entity(story.quotes[0].speaker).name == "Maria"
