"""Chronology conflicts that read events: a death belongs to the victim, and shooting down a machine kills
nobody (``claims_chronology.toml`` [[not_death]])."""

from __future__ import annotations

import pytest

from chronologue.pipeline.run import analyze
from chronologue.rules import load as load_rules

NOT_DEATH = load_rules("claims_chronology")["not_death"]


def _conflicts(text: str) -> list[str]:
    return [f.message for f in analyze(text).findings if f.kind == "chronology_conflict"]


@pytest.mark.slow
@pytest.mark.parametrize("entry", NOT_DEATH, ids=[e["example"][:40] for e in NOT_DEATH])
def test_not_death_examples_give_no_conflict(entry: dict) -> None:
    assert len(_conflicts(entry["example"])) == entry["conflicts"]


@pytest.mark.slow
def test_the_one_who_shoots_does_not_die() -> None:
    assert _conflicts("In 1942 Ivan Sokolov shot a guard. In 1944 Ivan Sokolov escaped from the camp.") == []


@pytest.mark.slow
def test_the_one_who_is_shot_dies() -> None:
    found = _conflicts("In 1942 Ivan Sokolov was shot in Minsk. In 1944 Ivan Sokolov escaped from the camp.")
    assert len(found) == 1 and "after dying" in found[0]


@pytest.mark.slow
def test_shooting_down_is_its_own_event() -> None:
    story = analyze("In October 1942 Ivan Sokolov shot down his first bomber.")
    assert [e.predicate for e in story.events] == ["shoot_down"]
