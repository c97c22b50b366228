"""Numeric claims: number forms, qualifiers, units, subjects, times and the numbers that are no claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronologue import analyze, nlp
from chronologue.annotators.claims import stage as claims
from chronologue.model.story import Source, Story, Timex
from chronologue.pipeline.context import Context

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "palij-pow-article.txt"


def _claims(text: str) -> list[tuple[str, float | None, float | None, float | None, str, str | None]]:
    story = analyze(text)
    return [(story.snippet(c.start, c.end), c.value, c.low, c.high, c.qualifier, c.unit) for c in story.claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army lost two and a half million men.",
         ("two and a half million", 2500000, None, None, "exactly", "people")),
        ("More than 2/3 of the prisoners died.", ("More than 2/3", 0.6667, None, None, "more_than", "fraction")),
        ("The camp held 5,000 officers.", ("5,000", 5000, None, None, "exactly", "people")),
        ("The city had 1.5 million inhabitants.", ("1.5 million", 1500000, None, None, "exactly", "people")),
        ("A dozen guards watched the gate.", ("A dozen", 12, None, None, "exactly", "people")),
        ("Tens of thousands of civilians fled.", ("Tens of thousands", None, 10000, 99999, "vague", "people")),
        ("Hundreds of thousands of soldiers died.", ("Hundreds of thousands", None, 100000, 999999, "vague", "people")),
        ("The meals gave several hundred calories a day.",
         ("several hundred calories a day", None, 200, 900, "vague", "calories per day")),
        ("There were thousands of volunteers.", ("thousands", None, 1000, 9999, "vague", "people")),
        ("Twenty-five prisoners were shot.", ("Twenty-five", 25, None, None, "exactly", "people")),
        ("He counted one hundred and twenty tanks.", ("one hundred and twenty", 120, None, None, "exactly", None)),
        ("Half a million refugees crossed.", ("Half a million", 500000, None, None, "exactly", "people")),
        ("Two thirds of the crew drowned.", ("Two thirds", 0.6667, None, None, "exactly", "fraction")),
        ("Only 40% of the houses stood.", ("Only 40%", 40, None, None, "exactly", "percent")),
        ("Some 12 000 people were deported.", ("Some 12 000", 12000, None, None, "about", "people")),
        ("They paid 1,5 million marks.", ("1,5 million marks", 1500000, None, None, "exactly", "marks")),
        ("Between 2 and 3 million prisoners died.",
         ("Between 2 and 3 million", None, 2000000, 3000000, "vague", "people")),
        ("Two or three thousand men deserted.", ("Two or three thousand", None, 2000, 3000, "vague", "people")),
        ("The fund raised £5,000.", ("£5,000", 5000, None, None, "exactly", "pounds")),
        ("Between 320,000 and 1 million citizens had been deported.",
         ("Between 320,000 and 1 million", None, 320000, 1000000, "vague", "people")),
        ("About 300 railwaymen stayed.", ("About 300", 300, None, None, "about", "people")),
        ("In 1941, 300 soldiers died.", ("300", 300, None, None, "exactly", "people")),
        ("Several dozen prisoners escaped.", ("Several dozen", None, 24, 108, "vague", "people")),
        ("A quarter of a million men escaped.", ("A quarter of a million", 250000, None, None, "exactly", "people")),
    ],
)
def test_number_forms(text: str, expected: tuple) -> None:
    assert _claims(text) == [expected]


@pytest.mark.parametrize(
    ("text", "qualifier", "snippet"),
    [
        ("By then only about two and a half million soldiers were held.", "about", "about two and a half million"),
        ("The Germans captured more than 300 guns.", "more_than", "more than 300"),
        ("Nearly 40,000 soldiers drowned.", "less_than", "Nearly 40,000"),
        ("Just under 600 men came back.", "less_than", "Just under 600"),
        ("At least 12 villages burned.", "at_least", "At least 12"),
        ("No fewer than 70 officers were shot.", "at_least", "No fewer than 70"),
        ("Up to 800 men slept in one barrack.", "at_most", "Up to 800"),
        ("No more than 50 pilots were left.", "at_most", "No more than 50"),
        ("An estimated 20,000 Jews were hidden.", "about", "An estimated 20,000"),
        ("Exactly 31 sailors survived.", "exactly", "Exactly 31"),
        ("Upwards of 9,000 horses were lost.", "more_than", "Upwards of 9,000"),
        ("Only several hundred calories a day were given.", "vague", "several hundred calories a day"),
        ("They marched 2,000 or more prisoners west.", "at_least", "2,000 or more"),
    ],
)
def test_qualifiers(text: str, qualifier: str, snippet: str) -> None:
    story = analyze(text)
    assert [(story.snippet(c.start, c.end), c.qualifier) for c in story.claims] == [(snippet, qualifier)]


@pytest.mark.parametrize(
    "text",
    [
        "In 1941 the front collapsed and in the spring of 1942 it moved again.",
        "In the Criminal Code, in article 193, paragraph 22 it says so.",
        "The photo is from the archive (source: Bundesarchiv; lic. CC BY-SA 3.0).",
        "He worked on the V2 rockets and the V1 flying bombs.",
        "He flew a Bf 109 and later a T-34 tank crew joined him.",
        "He was one of the lucky ones.",
        "The attack began at 4 a.m. and ended at 10:30.",
        "He was born on 22 June and left on June 23.",
        "The first months were hell and the second day was worse.",
        "He spent three years and a few months in Stalag 326.",
        "See pp. 12 for the map and page 45 for the list.",
        "In the second half of July the regiment moved.",
        "Their sons came back in the 1950s.",
        "Among them was a 12-year-old girl and a 6-man crew.",
        "The men came back. He was 45 years old.",
        "The camp was overcrowded (Nowak 1997: 112) and cold (Kowalski 2001, 45).[12]",
    ],
)
def test_numbers_that_are_no_claims(text: str) -> None:
    story = analyze(text)
    assert [story.snippet(c.start, c.end) for c in story.claims] == []


def test_a_ratio_is_a_share_never_its_second_number() -> None:
    story = analyze(
        "The levy took one man in six from every village. Only one in a hundred came home. "
        "Two out of three farms lay empty, and about one cart in ten had a horse."
    )
    got = [(story.snippet(c.start, c.end), c.value, c.qualifier, c.unit) for c in story.claims]
    assert got == [
        ("one man in six", 0.1667, "exactly", "fraction"),
        ("Only one in a hundred", 0.01, "exactly", "fraction"),
        ("Two out of three", 0.6667, "exactly", "fraction"),
        ("about one cart in ten", 0.1, "about", "fraction"),
    ]


def test_numbers_joined_by_in_that_are_no_ratio() -> None:
    story = analyze(
        "The patrol caught one man in two days. Some 40 men in 12 villages joined. One of three brothers stayed."
    )
    got = [(story.snippet(c.start, c.end), c.value) for c in story.claims]
    assert got == [("Some 40", 40.0), ("12", 12.0), ("three", 3.0)]


def test_an_age_with_a_bound_is_a_claim_an_exact_age_is_none() -> None:
    story = analyze(
        "The abbot was well over seventy years old. His nephew was nearly forty years of age. "
        "The cook was 52 years old."
    )
    got = [(story.snippet(c.start, c.end), c.value, c.qualifier, c.unit) for c in story.claims]
    assert got == [
        ("well over seventy years old", 70.0, "more_than", "years of age"),
        ("nearly forty years of age", 40.0, "less_than", "years of age"),
    ]


def test_bibliography_numbers_are_no_claims() -> None:
    text = (
        "Title of the story\n\nThe camp held 5,000 officers.\n\n"
        "Sources:\n\nJan Kowalski, The Camp, Znak 2001, 350 pages."
    )
    story = analyze(text)
    assert [story.snippet(c.start, c.end) for c in story.claims] == ["5,000"]


def test_subject_is_the_counted_noun_with_its_modifiers() -> None:
    story = analyze(
        "By the end of 1941 about two and a half million Red Army soldiers were captive. "
        "The Germans captured five thousand officers of the Red Army."
    )
    assert [c.subject for c in story.claims] == ["Red Army soldiers", "officers of the Red Army"]


def test_a_number_without_noun_counts_what_the_paragraph_counted() -> None:
    story = analyze("About 1,200 people lived in the village. By 1943 only about 800 remained.")
    assert [(c.subject, c.unit) for c in story.claims] == [("people", "people"), ("people", "people")]


def test_a_part_of_what_was_counted_keeps_no_subject() -> None:
    story = analyze("More than 90,000 soldiers went into captivity; only about 5,000 of them returned.")
    assert [c.subject for c in story.claims] == ["soldiers", None]


def _story_with_timexes(text: str, timexes: list[Timex]) -> Story:
    story = Story(source=Source(sha256="0"), text=text)
    story.timexes = timexes
    claims.run(story, Context(doc=nlp.load()(text)))
    return story


def test_time_is_the_nearest_date_of_the_sentence() -> None:
    text = "In 1939 the camp was built. By the end of 1941 it held about 5,000 prisoners, in 1942 fewer."
    t1 = Timex(id="t1", start=3, end=7, type="DATE", value="1939", earliest="1939-01-01", latest="1939-12-31")
    t2 = Timex(id="t2", start=31, end=46, type="DATE", value="1941", earliest="1941-09-01", latest="1941-12-31")
    t3 = Timex(id="t3", start=80, end=84, type="DATE", value="1942", earliest="1942-01-01", latest="1942-12-31")
    story = _story_with_timexes(text, [t1, t2, t3])
    assert [(story.snippet(c.start, c.end), c.time) for c in story.claims] == [("about 5,000", "t2")]


def test_numbers_inside_a_timex_are_no_claims() -> None:
    text = "The winter of 1941/42 killed two million prisoners."
    timex = Timex(id="t1", start=4, end=21, type="DATE", value="1941-WI", earliest="1941-12-01", latest="1942-02-28")
    story = _story_with_timexes(text, [timex])
    assert [(story.snippet(c.start, c.end), c.value, c.time) for c in story.claims] == [("two million", 2e6, "t1")]


def test_claim_ids_count_up() -> None:
    story = analyze("About 300 men and 40 horses crossed; 12 boats sank.")
    assert [c.id for c in story.claims] == ["c1", "c2", "c3"]


@pytest.mark.skipif(not REFERENCE.exists(), reason="the reference article is not beside the checkout")
def test_reference_article_claims() -> None:
    story = analyze(REFERENCE.read_text(encoding="utf-8"))
    got = {story.snippet(c.start, c.end): (c.value, c.low, c.high, c.qualifier) for c in story.claims}
    assert got["about two and a half million"] == (2500000, None, None, "about")
    assert got["more than two and a half million"] == (2500000, None, None, "more_than")
    assert got["five thousand"] == (5000, None, None, "exactly")
    assert got["more than 2/3"] == (0.6667, None, None, "more_than")
    assert got["several hundred calories a day"] == (None, 200, 900, "vague")
    assert got["Hundreds of thousands"] == (None, 100000, 999999, "vague")
    assert not any(s in got for s in ("193", "22", "3.0", "3.00", "1929", "2015", "one", "2"))


def test_counts_of_times_are_claims():
    from chronologue import analyze

    story = analyze("She crossed the border more than thirty times. In 1943 she crossed it thirty-two times.")
    assert [(story.text[c.start : c.end], c.value, c.qualifier) for c in story.claims] == [
        ("more than thirty", 30.0, "more_than"),
        ("thirty-two", 32.0, "exactly"),
    ]
