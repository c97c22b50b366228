"""Every rule entry of the claims data files carries an example; each example must do what its rule says."""

from __future__ import annotations

import pytest

from chronologue import analyze
from chronologue.model.story import Claim, Story
from chronologue.rules import load as load_rules


def _entries(name: str, *sections: str) -> list[tuple[str, dict]]:
    data = load_rules(name.removesuffix(".toml"))
    return [(section, entry) for section in sections for entry in data[section]]


def _claim_with(story: Story, **fields: object) -> Claim | None:
    for claim in story.claims:
        if all(_close(getattr(claim, k), v) for k, v in fields.items()):
            return claim
    return None


def _close(got: object, want: object) -> bool:
    if isinstance(want, int | float) and isinstance(got, int | float):
        return abs(got - want) <= 1e-3 * max(1.0, abs(want))
    return got == want


NUMBER_ENTRIES = _entries(
    "claims_numbers.toml",
    "cardinals",
    "multipliers",
    "fractions",
    "half_steps",
    "plural_multipliers",
    "vague_words",
    "percent",
    "range_joiners",
    "ratio_joiners",
)


@pytest.mark.parametrize(("section", "entry"), NUMBER_ENTRIES, ids=[e["example"] for _s, e in NUMBER_ENTRIES])
def test_number_examples(section: str, entry: dict) -> None:
    story = analyze(entry["example"])
    if "value" in entry:
        assert _claim_with(story, value=entry["value"]), (section, story.claims)
    else:
        assert _claim_with(story, low=entry["low_expect"], high=entry["high_expect"]), (section, story.claims)


QUALIFIER_ENTRIES = _entries("claims_qualifiers.toml", "before", "after")


@pytest.mark.parametrize(("section", "entry"), QUALIFIER_ENTRIES, ids=[e["example"] for _s, e in QUALIFIER_ENTRIES])
def test_qualifier_examples(section: str, entry: dict) -> None:
    story = analyze(entry["example"])
    assert _claim_with(story, value=entry["value"], qualifier=entry["qualifier"]), story.claims


def test_every_qualifier_phrase_is_read() -> None:
    """Each listed phrase, put before a number, gives its qualifier."""
    for _section, entry in _entries("claims_qualifiers.toml", "before"):
        for phrase in entry["phrases"]:
            story = analyze(f"The report said that {phrase} 4,000 prisoners were shot.")
            claim = _claim_with(story, value=4000)
            assert claim is not None and claim.qualifier == entry["qualifier"], (phrase, story.claims)


UNIT_ENTRIES = _entries("claims_units.toml", "after", "before", "people", "people_suffixes", "ages")


@pytest.mark.parametrize(("section", "entry"), UNIT_ENTRIES, ids=[e["example"] for _s, e in UNIT_ENTRIES])
def test_unit_examples(section: str, entry: dict) -> None:
    story = analyze(entry["example"])
    assert _claim_with(story, unit=entry["unit"]), story.claims


def test_duration_example_is_no_claim() -> None:
    (entry,) = load_rules("claims_units")["durations"]
    assert analyze(entry["example"]).claims == []


NONCLAIM_ENTRIES = _entries(
    "claims_nonclaims.toml",
    "identifier_before",
    "licence_before",
    "time_of_day_after",
    "year_before",
    "months",
    "rank_before",
    "lone_one",
)


@pytest.mark.parametrize(("section", "entry"), NONCLAIM_ENTRIES, ids=[e["example"] for _s, e in NONCLAIM_ENTRIES])
def test_nonclaim_examples(section: str, entry: dict) -> None:
    story = analyze(entry["example"])
    assert story.claims == [], [story.snippet(c.start, c.end) for c in story.claims]
