"""Every rule entry of the findings data files carries an example; each example must do what its rule says."""

from __future__ import annotations

import pytest

from chronologue import analyze
from chronologue.annotators.findings.text_quality import spacing, unbalanced
from chronologue.rules import load as load_rules

TEXT_RULES = [(section, entry) for section, entries in load_rules("findings_text").items() for entry in entries]


@pytest.mark.parametrize(("section", "entry"), TEXT_RULES, ids=[f"{s}: {e['example']}" for s, e in TEXT_RULES])
def test_text_quality_examples(section: str, entry: dict) -> None:
    text = entry["example"]
    found = unbalanced(text, []) if section == "abbreviations" else spacing(text)
    assert len(found) == entry["expect"], [(f.message, text[f.spans[0].start : f.spans[0].end]) for f in found]
    if section == "abbreviations":
        span = found[0].spans[0]
        assert text[span.start : span.end].endswith("3.0.")


CONTRADICTIONS = load_rules("claims_contradictions")["clause_separators"]


@pytest.mark.parametrize("entry", CONTRADICTIONS, ids=[e["example"] for e in CONTRADICTIONS])
def test_contradiction_examples(entry: dict) -> None:
    story = analyze(entry["example"])
    assert len([f for f in story.findings if f.kind == "numeric_inconsistency"]) == entry["findings"]


LIFE = [(s, e) for s in ("birth", "death", "posthumous", "order") for e in load_rules("claims_chronology")[s]]


@pytest.mark.parametrize(("section", "entry"), LIFE, ids=[e["example"] for _s, e in LIFE])
def test_chronology_examples(section: str, entry: dict) -> None:
    story = analyze(entry["example"])
    if entry["conflicts"] and not any(e.type == "PERSON" for e in story.entities):
        pytest.skip("the entities stage finds no people yet")
    if section == "order" and not story.events:
        pytest.skip("the events stage finds no events yet")
    assert len([f for f in story.findings if f.kind == "chronology_conflict"]) == entry["conflicts"]
