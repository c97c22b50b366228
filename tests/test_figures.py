"""Figures: captions (whole and jumbled), credits, item signatures and SPDX licences."""

from __future__ import annotations

import pytest

from chronologue import analyze
from chronologue.lib.credits.licences import is_canonical, normalise, spdx_ids
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


def test_the_spdx_ids_are_those_of_license_expression():
    from license_expression import get_spdx_licensing

    assert spdx_ids() == frozenset(get_spdx_licensing().known_symbols)
    assert {"CC-BY-SA-3.0", "CC0-1.0", "GFDL-1.2-only"} <= spdx_ids()


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


@pytest.mark.parametrize("entry", load_rules("figures")["embedded_caption"], ids=lambda e: e["caption"])
def test_embedded_caption_examples(entry):
    story = analyze(entry["example"])
    text = story.text
    [figure] = story.figures
    assert text[figure.caption.start : figure.caption.end] == entry["caption"]
    assert (figure.credit, figure.license and figure.license.spdx) == (entry["credit"], entry.get("spdx"))
    assert [p.role for p in story.structure.paragraphs] == ["lede"]  # the paragraph stays prose


def test_a_credit_line_inside_a_paragraph_leaves_the_prose_around_it_out():
    text = (
        "The Survey reached the pass in August.\n\n"
        "The party camped below the glacier for a week. The porters refused to go on.\n"
        "Tents of the survey party below the glacier, 1892\n"
        "Foto: Alpine Club archive / K. Brandt, CC BY-SA 4.0\n"
        "On the ninth day the weather cleared and they crossed."
    )
    story = analyze(text)
    [figure] = story.figures
    assert text[figure.caption.start : figure.caption.end] == "Tents of the survey party below the glacier, 1892"
    assert text[figure.start : figure.end].endswith("K. Brandt, CC BY-SA 4.0")
    assert (figure.credit, figure.license.spdx) == ("Alpine Club archive / K. Brandt", "CC-BY-SA-4.0")


@pytest.mark.parametrize(
    "text",
    [
        "He kept one photo: his mother at the gate of the house in Lviv.",
        "The album held one picture. Photo albums were rare in the village then.",
        "We looked at the old picture\nSource: the family archive, which we visited in 1990\nThen we left.",
        "He was shot in the back Photo: Jane Roe, CC BY 2.0 and the crowd ran.",
        "The fort fell. The cannon fired all\nnight long in the rain\nPhoto: Jane Roe, public domain\nIn October.",
        "The reporter filed his story about the mill\nPhoto: the editors never printed it\nThe next day he resigned.",
    ],
)
def test_sentences_about_pictures_are_no_embedded_captions(text):
    assert analyze(text).figures == []
