"""Findings: numeric contradictions, chronology conflicts, spacing and unbalanced brackets or quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronologue import analyze
from chronologue.annotators.findings.consistency import chronology_conflicts
from chronologue.annotators.findings.text_quality import spacing, unbalanced
from chronologue.model.story import Entity, Event, Participant, Source, Span, Story

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "palij-pow-article.txt"


def _found(story: Story, kind: str) -> list[list[str]]:
    return [[story.snippet(s.start, s.end) for s in f.spans] for f in story.findings if f.kind == kind]


# -- numeric_inconsistency ------------------------------------------------------------------------------------
def test_about_then_more_than_is_a_contradiction() -> None:
    story = analyze(
        "By the end of 1941 about two million Red Army soldiers were held captive.\n\n"
        "The camps were full. By the end of 1941 alone, the Germans captured more than two million soldiers."
    )
    (finding,) = [f for f in story.findings if f.kind == "numeric_inconsistency"]
    assert _found(story, "numeric_inconsistency") == [["about two million", "more than two million"]]
    assert finding.message.startswith("'about 2,000,000' vs 'more than 2,000,000' Red Army soldiers")


def test_more_than_then_about_is_a_contradiction() -> None:
    story = analyze(
        "In 1943 more than 400 partisans hid in the forest. The winter was long.\n\n"
        "A report of 1943 speaks of about 300 partisans."
    )
    assert _found(story, "numeric_inconsistency") == [["more than 400", "about 300"]]


def test_exact_numbers_that_differ_are_a_contradiction() -> None:
    story = analyze("In 1942 the camp held 3,000 prisoners. Later we read that in 1942 it held 5,000 prisoners.")
    (finding,) = [f for f in story.findings if f.kind == "numeric_inconsistency"]
    assert finding.message == "'3,000' vs '5,000' prisoners (1942): these cannot both hold"


def test_two_statements_in_one_sentence_contradict() -> None:
    story = analyze(
        "After the attack in June 1941 the junction changed hands. According to the diary, about 300 railwaymen "
        "stayed at their posts; a German report from the same weeks speaks of fewer than 200."
    )
    assert _found(story, "numeric_inconsistency") == [["about 300", "fewer than 200"]]


@pytest.mark.parametrize(
    "text",
    [
        # different times
        "In 1941 about 2,000 prisoners were held. In 1942 more than 2,000 prisoners were held.",
        # different things counted
        "In 1941 about 2,000 prisoners were held. In 1941 more than 2,000 guards were sent.",
        # compatible statements
        "In 1941 about 2,000 prisoners were held. In 1941 more than 1,500 prisoners were held.",
        "In 1941 at least 300 men died. In 1941 about 320 men died.",
        # a change within one sentence
        "In 1942 the number of prisoners fell from 1,200 prisoners to 800 prisoners.",
        # different units or places
        "In 1941 the 6th Army lost 20,000 soldiers near Kiev. In 1941 the 4th Army lost 35,000 soldiers near Minsk.",
        # vague counts are never compared
        "In 1941 thousands of prisoners died. In 1941 about 500 prisoners died.",
    ],
)
def test_no_contradiction(text: str) -> None:
    assert _found(analyze(text), "numeric_inconsistency") == []


# -- spacing --------------------------------------------------------------------------------------------------
def _spacing(text: str) -> list[str]:
    return [text[f.spans[0].start : f.spans[0].end] for f in spacing(text)]


def test_space_before_punctuation() -> None:
    text = "I hate their ruler, the paranoid . As he himself mentioned , he went ; nobody came ( or so ) ."
    assert _spacing(text) == ["paranoid .", "mentioned ,", "went ;", "so )", ") ."]


def test_a_mark_moved_from_its_word_onto_the_next_one() -> None:
    text = "They crossed the valley .Then came the rain ,and the camp at Orsha .Über den Fluss. It cost .75 at x .org."
    assert _spacing(text) == ["valley .Then", "rain ,and", "Orsha .Über"]
    [finding] = spacing("They crossed the valley .Then it rained.")
    assert finding.message == "space before '.' after 'valley' and none after it before 'Then'"


def test_missing_space_after_punctuation() -> None:
    assert _spacing("The prisoners died.The survivors,who were few;nobody counted.Why?Nobody knew.") == [
        "died.The",
        "survivors,who",
        "few;nobody",
        "counted.Why",
        "Why?Nobody",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "They dare not raise their heads ... and nobody speaks.",
        "What pushes me […] to do this [...] again - and why – now?",
        "The camp (source:Bundesarchiv; lic. CC BY-SA 3.0) is shown.",
        "See www.example.com/Page.Html or https://archive.org/Details for more.",
        "It weighed 3.5 tons, e.g. more than 1,200 kg, at 10:30 in the U.S. Army depot.",
        "The ratio was 2:1 and the file is named Image:Camp.jpg in the list.",
        "The runtime .NET and the ending .docx were read at 3 ,5 and see :ref in the notes.",
        'He said: "Go." Then he left.',
    ],
)
def test_no_spacing_finding(text: str) -> None:
    assert _spacing(text) == []


# -- unbalanced brackets and quotes ----------------------------------------------------------------------------
def _unbalanced(text: str) -> list[str]:
    return [text[f.spans[0].start : f.spans[0].end] for f in unbalanced(text, [])]


def test_unclosed_bracket_spans_to_the_end_of_its_sentence() -> None:
    text = "He shared the fate of millions (source:Archive; lic. CC BY 3.0. Then winter came.\n\nNext paragraph (fine)."
    assert _unbalanced(text) == ["(source:Archive; lic. CC BY 3.0."]


def test_unopened_bracket_spans_from_its_sentence() -> None:
    assert _unbalanced("It was cold. They were hungry) and tired.") == ["They were hungry)"]


def test_unbalanced_quotation_marks() -> None:
    assert _unbalanced("He said “we go and left.\n\nShe wrote “yes” and „ja“ and «oui».") == ["“we go and left."]
    assert _unbalanced('He said "we go and left.\n\nShe wrote "yes" to 12" pipes.') == ['"we go and left.']


def test_balanced_text_and_list_markers_give_nothing() -> None:
    text = "Two options: a) fight, b) flee :) The German „Tag“ and the »Nacht« were [...] (quiet)."
    assert _unbalanced(text) == []


def test_quotation_over_two_paragraphs_is_no_finding() -> None:
    continued = "He wrote: “The first part.\n\n“The second part.”"
    closed_later = "It says:“The Union disagreed.\n\nThe consequence is that soldiers have no status ” ."
    assert _unbalanced(continued) == []
    assert _unbalanced(closed_later) == []


# -- chronology ----------------------------------------------------------------------------------------------
def test_two_birth_years_of_one_person() -> None:
    story = analyze(
        "Ivan Sokolov was born in 1905 in Kharkiv. He became an engineer.\n\n"
        "Years later, Ivan Sokolov was born in 1907, the records say."
    )
    if not any(e.type == "PERSON" for e in story.entities):
        pytest.skip("the entities stage finds no people yet")
    assert [f.severity for f in story.findings if f.kind == "chronology_conflict"] == ["warning"]


def test_chronology_conflicts_through_the_pipeline() -> None:
    story = analyze(
        "A soldier's letters\n\nLieutenant Hans Weber was born in 1915 in Kassel. He joined the army in 1936.\n\n"
        "Hans Weber died in 1943 in a camp near the river, his comrades said.\n\n"
        "In March 1944 Hans Weber wrote to his mother that he was well.\n\n"
        "His sister remembered that Hans Weber was born in 1917."
    )
    if not story.events:
        pytest.skip("the events stage finds no events yet")
    assert _found(story, "chronology_conflict") == [
        ["Lieutenant Hans Weber was born in 1915", "Hans Weber was born in 1917"],
        ["Hans Weber died in 1943", "wrote"],
    ]
    assert {f.severity for f in story.findings if f.kind == "chronology_conflict"} == {"warning"}


def test_acts_after_death_from_events() -> None:
    text = "Anna Berg died in 1942. In 1944 Anna Berg wrote a letter. In 1956 Anna Berg was rehabilitated."
    story = Story(source=Source(sha256="0"), text=text)
    story.entities = [Entity(id="e1", type="PERSON", name="Anna Berg", mentions=[Span(start=0, end=9)])]
    story.events = [
        Event(id="v1", predicate="die", trigger=Span(start=10, end=14), sentence=Span(start=0, end=23),
              participants=[Participant(entity="e1", role="patient")], earliest="1942-01-01", latest="1942-12-31",
              basis="stated"),
        Event(id="v2", predicate="write", trigger=Span(start=42, end=47), sentence=Span(start=24, end=58),
              participants=[Participant(entity="e1", role="agent")], earliest="1944-01-01", latest="1944-12-31",
              basis="stated"),
        Event(id="v3", predicate="rehabilitate", trigger=Span(start=80, end=93), sentence=Span(start=59, end=94),
              participants=[Participant(entity="e1", role="agent")], earliest="1956-01-01", latest="1956-12-31",
              basis="stated"),
    ]
    findings = chronology_conflicts(story, _parse(text))
    assert [(f.kind, [text[s.start : s.end] for s in f.spans]) for f in findings] == [
        ("chronology_conflict", ["Anna Berg died in 1942", "wrote"])
    ]


def test_acts_before_birth_from_events() -> None:
    text = "Jan Wolny was born in 1920. In 1915 Jan Wolny fought at the front."
    story = Story(source=Source(sha256="0"), text=text)
    story.entities = [Entity(id="e1", type="PERSON", name="Jan Wolny", mentions=[Span(start=0, end=9)])]
    story.events = [
        Event(id="v1", predicate="born", trigger=Span(start=14, end=18), sentence=Span(start=0, end=27),
              participants=[Participant(entity="e1", role="patient")], earliest="1920-01-01", latest="1920-12-31",
              basis="stated"),
        Event(id="v2", predicate="fight", trigger=Span(start=46, end=52), sentence=Span(start=28, end=66),
              participants=[Participant(entity="e1", role="agent")], earliest="1915-01-01", latest="1915-12-31",
              basis="stated"),
    ]
    findings = chronology_conflicts(story, None)
    assert [(f.message, [text[s.start : s.end] for s in f.spans]) for f in findings] == [
        ("Jan Wolny acts ('fought', 1915-12-31) before being born (1920)", ["fought", "born"])
    ]


def test_a_killer_is_not_dead_and_a_victim_is() -> None:
    text = "Kurt Lang killed Piotr Nowak in 1943. In 1944 Kurt Lang fled, and in 1945 Piotr Nowak spoke."
    story = Story(source=Source(sha256="0"), text=text)
    story.entities = [
        Entity(id="e1", type="PERSON", name="Kurt Lang", mentions=[Span(start=0, end=9), Span(start=46, end=55)]),
        Entity(id="e2", type="PERSON", name="Piotr Nowak", mentions=[Span(start=17, end=28), Span(start=74, end=85)]),
    ]

    def event(eid: str, predicate: str, trigger: tuple[int, int], year: int, roles: list[tuple[str, str]]) -> Event:
        return Event(id=eid, predicate=predicate, trigger=Span(start=trigger[0], end=trigger[1]),
                     sentence=Span(start=0, end=len(text)), basis="stated",
                     participants=[Participant(entity=e, role=r) for e, r in roles],
                     earliest=f"{year}-01-01", latest=f"{year}-12-31")

    story.events = [
        event("v1", "kill", (10, 16), 1943, [("e1", "agent"), ("e2", "patient")]),
        event("v2", "flee", (56, 60), 1944, [("e1", "agent")]),
        event("v3", "speak", (86, 91), 1945, [("e2", "agent")]),
    ]
    findings = chronology_conflicts(story, None)
    assert [[text[s.start : s.end] for s in f.spans] for f in findings] == [["killed", "spoke"]]


def _parse(text: str):
    from chronologue import nlp

    return nlp.load()(text)


# -- the reference article -----------------------------------------------------------------------------------
@pytest.mark.skipif(not REFERENCE.exists(), reason="the reference article is not beside the checkout")
def test_reference_article_findings() -> None:
    story = analyze(REFERENCE.read_text(encoding="utf-8"))
    pair = ["about two and a half million", "more than two and a half million"]
    assert _found(story, "numeric_inconsistency") == [pair]
    assert _found(story, "unbalanced_bracket") == [["(source:Bundesarchiv; lic. CC ASA 3.00."]]
    spaced = [spans[0] for spans in _found(story, "spacing")]
    assert "paranoid ." in spaced and "mentioned ," in spaced
    assert not any("-" in s or "..." in s or "source:" in s for s in spaced)
    assert _found(story, "chronology_conflict") == []


def test_a_comma_glued_to_a_one_letter_word_is_a_spacing_finding():
    assert [f.message for f in spacing("The children spoke four languages,a little of each.")] == [
        "no space after ',' between 'languages' and 'a'"
    ]
    assert spacing("The U.S. army and the x,y grid.") == []
