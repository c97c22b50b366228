"""Figures: captions (whole and jumbled), credits, item signatures and SPDX licences."""

from __future__ import annotations

import pytest

from chronologue import analyze
from chronologue.lib.credits.licences import is_canonical, normalise
from chronologue.rules import load as load_rules


@pytest.mark.parametrize(
    ("raw", "spdx", "canonical"),
    [
        ("CC ASA 3.0", "CC-BY-SA-3.0", False),
        ("CC-BY-SA 3.00", "CC-BY-SA-3.0", False),
        ("CC BY-SA 3.0", "CC-BY-SA-3.0", True),
        ("CC-BY-SA-3.0", "CC-BY-SA-3.0", True),
        ("CC BY-SA 3.0 at", "CC-BY-SA-3.0-AT", True),
        ("cc by , sa 2,0", "CC-BY-SA-2.0", False),
        ("CC BY 2.0", "CC-BY-2.0", True),
        ("CC BY-NC-ND 4.0", "CC-BY-NC-ND-4.0", True),
        ("Creative Commons Attribution-ShareAlike 4.0 International", "CC-BY-SA-4.0", True),
        ("Creative Commons Uznanie autorstwa 3.0 pl", "CC-BY-3.0", False),
        ("gemeinfrei", "public-domain", True),
        ("domaine public", "public-domain", True),
        ("Public Domain", "public-domain", True),
        ("CC0", "CC0-1.0", True),
        ("all rights reserved", None, True),  # no licence, and correctly written: nothing garbled to report
    ],
)
def test_licence_normalisation(raw, spdx, canonical):
    licence = normalise(raw)
    assert licence.spdx == spdx
    assert is_canonical(raw, licence.spdx) is canonical


@pytest.mark.parametrize("entry", load_rules("licences")["alias"])
def test_licence_alias_examples(entry):
    story = analyze(entry["example"])
    assert [f.license.spdx for f in story.figures] == [entry["spdx"]]


@pytest.mark.parametrize("entry", load_rules("licences")["reserved"])
def test_a_reservation_of_all_rights_is_no_licence_and_no_part_of_the_credit(entry):
    story = analyze(entry["example"])
    assert [(f.credit, f.license.spdx if f.license else None) for f in story.figures] == [(entry["expect"], None)]
    assert not [f for f in story.findings if f.kind == "license_garbled"]


@pytest.mark.parametrize(
    "entry",
    [e for key in ("caption_opener", "credit_key", "licence_key", "item_signature")
     for e in load_rules("figures")[key]],
)
def test_figure_rule_examples(entry):
    story = analyze(entry["example"])
    assert len(story.figures) == 1
    assert story.figures[0].credit or story.figures[0].license


def test_jumbled_caption_keeps_the_body_sentences_out():
    text = (
        "The battalion crossed the river at dawn. Nobody expected the counterattack. "
        "The photo shows the bridge at Kalach in 1942 (source:Bundesarchiv, Bild 183-B22081; lic. CC ASA 3.0)."
    )
    story = analyze(text)
    [figure] = story.figures
    assert text[figure.caption.start : figure.caption.end] == "The photo shows the bridge at Kalach in 1942"
    assert figure.credit == "Bundesarchiv"
    assert (figure.credit_ref, figure.license.spdx) == ("Bild 183-B22081", "CC-BY-SA-3.0")
    assert [f.kind for f in story.findings if f.kind == "license_garbled"] == ["license_garbled"]


def test_unclosed_credit_bracket_and_status_only_credit():
    story = analyze(
        "Tanks in the snow near Rzhev (source:Bundesarchiv; lic. CC ASA 3.00.\n\n"
        "Refugees on a road in 1944 (source: public domain)."
    )
    assert [(f.credit, f.license.raw, f.license.spdx) for f in story.figures] == [
        ("Bundesarchiv", "CC ASA 3.00", "CC-BY-SA-3.0"),
        (None, "public domain", "public-domain"),
    ]


def test_bracketed_years_are_no_credits():
    assert analyze("The treaty (1939) divided Poland. The war (1939-1945) followed.").figures == []


def test_reference_article_figures(reference_story, reference_gold):
    text = reference_story.text
    got = [(text[f.caption.start : f.caption.end], f.credit, f.license.spdx) for f in reference_story.figures]
    assert len(got) == len(reference_gold["figures"])
    for (caption, credit, spdx), gold in zip(got, reference_gold["figures"], strict=True):
        assert caption.startswith(gold["first"])
        assert (credit, spdx) == (gold["credit"], gold["spdx"])


def test_genre_text_credits_and_signatures():
    from pathlib import Path

    from chronologue import analyze_file

    story = analyze_file(Path(__file__).parent / "data" / "genre" / "signalman.txt")
    text = story.text
    got = [(text[f.caption.start : f.caption.end], f.credit, f.credit_ref, f.license and f.license.spdx)
           for f in story.figures]
    assert got == [
        ("Station staff at Kovel before the war", "private collection of the Hnatiuk family", None, None),
        ("The photo shows the destroyed water tower of the station in 1944", "Narodowe Archiwum Cyfrowe",
         "sygn. 2-1234", "public-domain"),
    ]


def test_credits_keep_every_named_source_and_drop_only_the_licence():
    cases = {
        "A cellar in Buda (Fot. Fortepan / Agencja Forum).": ("Fortepan / Agencja Forum", None),
        "Soldiers at rest (photo: Max Dupain / CC BY 2.0).": ("Max Dupain", "CC-BY-2.0"),
        "Tanks (source: Bundesarchiv, Bild 146-1979-113-04, CC-BY-SA 3.0).": ("Bundesarchiv", "CC-BY-SA-3.0"),
    }
    for text, (credit, spdx) in cases.items():
        [figure] = analyze(text).figures
        assert (figure.credit, figure.license and figure.license.spdx) == (credit, spdx)
