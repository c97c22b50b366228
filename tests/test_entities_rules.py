"""Every rule of data/entity_*.toml runs on the example it exists for and yields what it expects."""

from __future__ import annotations

import pytest

from chronologue import nlp
from chronologue.annotators.entities import rules
from chronologue.annotators.entities.stage import find_mentions
from chronologue.model.story import Source, Story
from chronologue.pipeline.handoffs import Mention
from chronologue.rules import load as load_rules


def _cases() -> list[tuple[str, str, str, dict]]:
    cases = []
    for file_name, table in (
        ("entity_titles.toml", "title"),
        ("entity_titles.toml", "not_name"),
        ("entity_titles.toml", "address"),
        ("entity_titles.toml", "not_person"),
        ("entity_known.toml", "known"),
        ("entity_patterns.toml", "pattern"),
        ("entity_patterns.toml", "negative"),
        ("entity_patterns.toml", "org_words"),
        ("entity_patterns.toml", "locative"),
        ("entity_patterns.toml", "gazetteer_locative"),
        ("entity_patterns.toml", "place_nouns"),
        ("entity_patterns.toml", "motion_words"),
        ("entity_patterns.toml", "institutions"),
        ("entity_patterns.toml", "law_words"),
        ("entity_patterns.toml", "place_words"),
        ("entity_patterns.toml", "not_places"),
        ("entity_patterns.toml", "speech_verbs"),
        ("entity_patterns.toml", "life_verbs"),
        ("entity_patterns.toml", "alias_cue"),
        ("entity_groups.toml", "group"),
    ):
        for number, entry in enumerate(load_rules(file_name.removesuffix(".toml")).get(table, [])):
            cases.append((f"{file_name}:{table}[{number}]", entry["example"], entry["expect"], entry))
    return cases


CASES = _cases()


def _mentions(text: str) -> list[Mention]:
    story = Story(source=Source(sha256="0"), text=text)
    return find_mentions(story, nlp.load()(text))


def test_every_rule_has_an_example() -> None:
    assert len(CASES) >= 80
    for name, example, expect, _entry in CASES:
        assert example.strip(), name
        assert ":" in expect, name


@pytest.mark.parametrize(("name", "example", "expect", "entry"), CASES, ids=[c[0] for c in CASES])
def test_rule_example(name: str, example: str, expect: str, entry: dict) -> None:
    type_, _, wanted = expect.partition(":")
    wanted = wanted.strip()
    assert wanted in example, f"{name}: the expected text is not in the example"
    mentions = _mentions(example)
    if type_ == "none":
        at = example.index(wanted)
        overlapping = [m.text for m in mentions if m.start < at + len(wanted) and at < m.end]
        assert overlapping == [], name
        return
    found = [(m.type, m.text) for m in mentions]
    assert (type_, wanted) in found, f"{name}: {found}"
    if name.startswith("entity_titles.toml:title[") and type_ == "PERSON":
        person = next(m for m in mentions if m.text == wanted and m.type == "PERSON")
        assert person.rank in entry["words"], name
        assert person.gender == (entry.get("gender") or None), name


def test_part_of_speech_codes_match_spacy() -> None:
    from spacy.symbols import ADJ, PROPN


    assert (rules.POS_ADJ, rules.POS_PROPN) == (ADJ, PROPN)
