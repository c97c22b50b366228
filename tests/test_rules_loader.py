"""Rules as data: one loader, a schema per file, user overlays, errors that name the file and the line."""

from __future__ import annotations

import textwrap

import pytest

import chronologue
from chronologue import rules
from chronologue.data import DATA_DIR
from chronologue.lib.gazetteer import lookup
from chronologue.lib.timex import tag
from chronologue.rules.loader import SCHEMAS, RuleError, line_of, merge


@pytest.fixture
def overlay(tmp_path):
    """A user rule directory, switched on for one test and off again after it."""
    yield tmp_path
    rules.use_overlays(None)


def test_every_packaged_rule_file_has_a_schema_and_passes_it():
    files = {p.relative_to(DATA_DIR).with_suffix("").as_posix() for p in DATA_DIR.rglob("*.toml")}
    assert files == set(SCHEMAS)
    for name in sorted(SCHEMAS):
        assert rules.load(name), name


def test_a_user_directory_adds_an_event_anchor_and_a_place_alias(overlay):
    sentence = "Two weeks after the Great Thaw the ferry to Ferryhaven sailed again."
    assert [t.anchor for t in tag(sentence)] != ["event"]
    assert not lookup("Ferryhaven")
    (overlay / "event_anchors.toml").write_text(
        textwrap.dedent(
            """
            [[event]]
            names = ["the Great Thaw"]
            start = "1956-02-25"
            end = "1956-02-25"
            source = "a local chronicle"
            example = "After the Great Thaw the camps emptied."
            """
        ),
        encoding="utf-8",
    )
    (overlay / "places_supplement.toml").write_text(
        textwrap.dedent(
            """
            [[place]]
            id = "ferryhaven"
            name = "Ferryhaven"
            kind = "place"
            at = "Vyborg/RU"
            example = "The ferry to Ferryhaven sailed again."
            """
        ),
        encoding="utf-8",
    )
    rules.use_overlays([overlay])
    found = tag(sentence)
    assert [(sentence[t.start : t.end], t.value, t.anchor) for t in found] == [
        ("Two weeks after the Great Thaw", "1956-03-10", "event")
    ]
    place = lookup("Ferryhaven")[0]
    vyborg = lookup("Vyborg")[0]
    assert (place.source_id, place.lat, place.lon) == ("supplement:ferryhaven", vyborg.lat, vyborg.lon)
    assert rules.load("event_anchors")["event"][0]["names"] == ["the Great Thaw"]  # user entries first
    story = chronologue.analyze(sentence)
    assert [(t.value, t.anchor) for t in story.timexes] == [("1956-03-10", "event")]


def test_the_environment_names_overlay_directories_too(overlay, monkeypatch):
    (overlay / "time_holidays.toml").write_text(
        '[holiday."Founders Day"]\ndate = "06-14"\nexample = "On Founders Day 1921 the school opened."\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(rules.RULES_ENV, str(overlay))
    rules.reset()
    try:
        assert rules.overlay_dirs() == (overlay,)
        assert "Founders Day" in rules.load("time_holidays")["holiday"]
        assert "Christmas" in rules.load("time_holidays")["holiday"]  # the packaged keys stay
    finally:
        monkeypatch.delenv(rules.RULES_ENV)
        rules.reset()


def test_a_malformed_rule_names_file_line_and_field(overlay):
    path = overlay / "event_anchors.toml"
    path.write_text(
        '[[event]]\nnames = ["the Flood"]\nstart = "1927-04-01"\nend = "1927-05-01"\nexample = "x"\n\n'
        '[[event]]\nnames = ["the Fire"]\nstart = 1871\nend = "1871-10-10"\nexample = "y"\n',
        encoding="utf-8",
    )
    rules.use_overlays([overlay])
    with pytest.raises(RuleError) as caught:
        rules.load("event_anchors")
    assert caught.value.code == "E200"
    assert caught.value.problem.startswith(f"{path}:9: event.1.start: Input should be a valid string")
    path.write_text('[[event]]\nnames = ["the Flood"\nstart = "1927"\n', encoding="utf-8")
    rules.reset()
    with pytest.raises(RuleError) as caught:
        rules.load("event_anchors")
    assert caught.value.line == 3 and "is no valid TOML" in caught.value.problem


def test_a_misspelt_field_or_an_unknown_file_is_refused(overlay):
    (overlay / "layout.toml").write_text("[limits]\nkicker_max_word = 3\n", encoding="utf-8")
    rules.use_overlays([overlay])
    with pytest.raises(RuleError) as caught:
        rules.load("layout")
    assert caught.value.problem.startswith(f"{overlay / 'layout.toml'}:2: limits.kicker_max_word: Extra inputs")
    (overlay / "layout.toml").unlink()
    (overlay / "anchors.toml").write_text("", encoding="utf-8")
    with pytest.raises(RuleError, match="no rule file of chronologue is called 'anchors.toml'"):
        rules.use_overlays([overlay])
    with pytest.raises(RuleError, match="is no directory"):
        rules.use_overlays([overlay / "missing"])


def test_merging_puts_user_entries_first_and_replaces_plain_keys():
    base = {"event": [{"n": 1}], "month": {"May": 5, "June": 6}, "limit": 3}
    user = {"event": [{"n": 2}], "month": {"Mai": 5}, "limit": 4}
    assert merge(base, user) == {"event": [{"n": 2}, {"n": 1}], "month": {"May": 5, "June": 6, "Mai": 5}, "limit": 4}


def test_line_of_finds_entries_keys_and_named_tables():
    text = '[limits]\na = 1\nb = 2\n\n[[rule]]\nx = 1\n\n[[rule]]\nx = 2\ny = 3\n\n[holiday."New Day"]\ndate = "x"\n'
    assert line_of(text, ("limits", "b")) == 3
    assert line_of(text, ("rule", 1, "y")) == 10
    assert line_of(text, ("rule", 1)) == 8
    assert line_of(text, ("holiday", "New Day", "date")) == 13
