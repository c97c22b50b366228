"""Language (issue 18): a document's language is identified offline and recorded; the command line refuses text
that is not English unless --force-language; the Python API records the language and analyses anyway."""

from __future__ import annotations

import json

import pytest

from chronologue.lib.language import UNDETERMINED, identify

GERMAN = (
    "Im Herbst 1941 wurde das Dorf von deutschen Truppen besetzt. Die Familie floh in die Wälder, wo sie zwei "
    "Winter lang in einem Erdbunker lebte. Erst im Sommer 1944 kehrten sie in ihr zerstörtes Haus zurück."
)
RUSSIAN = (
    "Осенью 1941 года деревню заняли немецкие войска. Семья бежала в леса, где две зимы прожила в землянке. "
    "Только летом 1944 года они вернулись в свой разрушенный дом."
)
CHINESE = (
    "一九四一年秋天，德国军队占领了这个村庄。全家逃进了森林，在地窖里度过了两个冬天。"
    "直到一九四四年夏天，他们才回到被毁的家中。"
)
ENGLISH = (
    "In the autumn of 1941 the village was occupied by German troops. The family fled into the forest, where "
    "they lived for two winters in a dugout. Only in the summer of 1944 did they return to their ruined house."
)


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (RUSSIAN, "ru"), (CHINESE, "zh"), (ENGLISH, "en")])
def test_the_language_is_identified(text, code):
    assert identify(text) == code


def test_a_short_note_claims_no_language():
    assert identify("Jan Nowak, 1941.") == UNDETERMINED


def test_the_reference_article_is_english(reference_path):
    assert identify(reference_path.read_text(encoding="utf-8")) == "en"


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (RUSSIAN, "ru"), (CHINESE, "zh")])
def test_the_cli_refuses_other_languages_with_one_line(work, cli, text, code):
    (work / "article.txt").write_text(text, encoding="utf-8")
    ran = cli("analyze", "article.txt", "-o", "story.json")
    assert ran.exit_code == 1
    assert ran.error_lines == [
        f"error: article.txt: is not in English (its language looks like '{code}'); chronologue's pipeline reads "
        "English (--force-language analyses it with the English pipeline anyway)"
    ]
    assert not (work / "story.json").exists()


def test_force_language_analyses_anyway_and_records_the_language(work, cli):
    (work / "article.txt").write_text(GERMAN, encoding="utf-8")
    ran = cli("analyze", "article.txt", "--force-language", "-o", "story.json")
    assert ran.exit_code == 0, ran.stderr
    assert json.loads((work / "story.json").read_text(encoding="utf-8"))["source"]["language"] == "de"


def test_english_documents_beside_a_german_one_are_written(work, cli):
    (work / "de.txt").write_text(GERMAN, encoding="utf-8")
    (work / "en.txt").write_text(ENGLISH, encoding="utf-8")
    ran = cli("analyze", "de.txt", "en.txt", "-o", "out/")
    assert ran.exit_code == 1 and ran.error_lines[-1] == "1 of 2 documents failed: de.txt"
    story = json.loads((work / "out" / "en.json").read_text(encoding="utf-8"))
    assert story["source"]["language"] == "en"


def test_the_api_records_the_language_and_analyses():
    import chronologue

    story = chronologue.analyze(RUSSIAN)
    assert story.source.language == "ru"
    assert story.text == RUSSIAN
