"""What has landed stays landed: the reference article's score per area never falls below its floor.

The floors (tests/score_floors.json) are raised whenever a change raises a score. Scored with the evaluation's
own script, ../shared/eval/score_story.py --json, exactly as the evaluation scores a story.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).parent / "score_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scores(reference_scores):
    return reference_scores


@pytest.mark.parametrize("area", sorted(FLOORS))
def test_area_stays_at_or_above_its_floor(scores, area):
    row = scores.get(area, {"hit": 0, "total": 0, "misses": []})
    message = f"{area}: {row['hit']}/{row['total']} < floor {FLOORS[area]}; misses: {row['misses']}"
    assert row["hit"] >= FLOORS[area], message
