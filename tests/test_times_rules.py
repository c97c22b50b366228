"""Every rule of the temporal tagger's data files runs on the example it exists for."""

from __future__ import annotations

import re

import pytest

from chronologue.lib.timex import load_anchors, tag
from chronologue.lib.timex.patterns import compiled, rule_regex
from chronologue.lib.timex.resources import holidays, rules, vocab

RULES = rules()["rule"]
NEGATIVES = rules()["negative"]


def test_every_rule_has_an_example_and_expected_text():
    for spec in RULES + NEGATIVES:
        assert spec.get("example"), spec["name"]
        assert spec.get("expect"), spec["name"]
        assert spec["expect"] in spec["example"], spec["name"]


def test_rule_names_are_unique():
    names = [spec["name"] for spec in RULES + NEGATIVES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("spec", RULES, ids=[s["name"] for s in RULES])
def test_rule_matches_its_example(spec):
    found = [m.group() for m in rule_regex(spec["name"]).finditer(spec["example"])]
    assert spec["expect"] in found, f"{spec['name']}: {found}"


@pytest.mark.parametrize("spec", RULES, ids=[s["name"] for s in RULES])
def test_tagger_tags_each_example(spec):
    text = spec["example"]
    found = [(text[t.start : t.end], t.value) for t in tag(text)]
    if "parts" in spec:  # a range: each end is a time expression of its own
        assert [(p, v) for p, v in zip(spec["parts"], spec["values"], strict=True) if (p, v) not in found] == [], found
        return
    start = text.index(spec["expect"])
    hits = [t for t in tag(text) if t.start == start and t.end == start + len(spec["expect"])]
    assert hits, f"{spec['name']}: {found}"
    if "value" in spec:
        assert hits[0].value == spec["value"]


@pytest.mark.parametrize("spec", NEGATIVES, ids=[s["name"] for s in NEGATIVES])
def test_negative_rule_matches_its_example(spec):
    found = [m.group() for m in rule_regex(spec["name"]).finditer(spec["example"])]
    assert spec["expect"] in found


@pytest.mark.parametrize("spec", NEGATIVES, ids=[s["name"] for s in NEGATIVES])
def test_negative_rule_blocks_its_example(spec):
    text = spec["example"]
    start = text.index(spec["expect"])
    end = start + len(spec["expect"])
    assert not [t for t in tag(text) if t.start < end and start < t.end and t.rule != "year"] or spec["name"] == (
        "percent_or_quantity"
    )


def test_percent_rule_keeps_the_real_year():
    text = [s for s in NEGATIVES if s["name"] == "percent_or_quantity"][0]["example"]
    assert [text[t.start : t.end] for t in tag(text)] == ["1941"]


@pytest.mark.parametrize("name", sorted(holidays()))
def test_every_named_day_example(name):
    example = holidays()[name]["example"]
    found = [example[t.start : t.end] for t in tag(example, dct=None)]
    assert any(name in f for f in found) or name in example


def test_named_days_resolve_against_the_document_date():
    from datetime import date

    (t,) = tag("Stores closed early on Thanksgiving Day.", dct=date(1999, 12, 1))
    assert t.value == "1999-11-25"
    (t,) = tag("The uprising began on Easter Sunday.", dct=date(1916, 5, 1))
    assert t.value == "1916-04-23"


def test_every_event_anchor_has_dates_a_source_and_a_matching_example():
    regex = compiled().regex
    for anchor in load_anchors():
        assert anchor.start <= anchor.end and anchor.source
    import tomllib
    from importlib import resources

    data = tomllib.loads(resources.files("chronologue.data").joinpath("event_anchors.toml").read_text("utf-8"))
    for entry in data["event"]:
        names = [n.lower() for n in entry["names"] + entry.get("generic", [])]
        assert any(n in entry["example"].lower() for n in names), entry["names"][0]
        assert regex.search(entry["example"]), entry["names"][0]


def test_word_tables_are_loaded_and_keyed_by_lookup_form():
    assert vocab()["month"]["july"] == 7
    assert vocab()["month_abbr"]["sept"] == 9
    assert vocab()["season"]["autumn"] == "FA"
    assert vocab()["part"]["the second half of"]["mod"] == "END"


def test_placeholders_expand_everywhere():
    for spec in RULES:
        assert not re.search(r"\{[a-z_]+\}", rule_regex(spec["name"]).pattern), spec["name"]
