"""What has landed stays landed: the reference article's score per area never falls below its floor.

The floors (tests/score_floors.json) are raised whenever a change raises a score. Scored with the evaluation's
own script, ../shared/eval/score_story.py --json, exactly as the evaluation scores a story.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chronologue.export import exporter

FLOORS = json.loads((Path(__file__).parent / "score_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scores(reference_story, tmp_path_factory):
    from conftest import REFERENCE_GOLD, SHARED

    path = tmp_path_factory.mktemp("score") / "story.json"
    path.write_text(exporter("json").render(reference_story), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score_story.py"), str(path), str(REFERENCE_GOLD), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("area", sorted(FLOORS))
def test_area_stays_at_or_above_its_floor(scores, area):
    row = scores.get(area, {"hit": 0, "total": 0, "misses": []})
    message = f"{area}: {row['hit']}/{row['total']} < floor {FLOORS[area]}; misses: {row['misses']}"
    assert row["hit"] >= FLOORS[area], message
