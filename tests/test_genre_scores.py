"""Held-out genre documents: the score per area of each hand-annotated document never falls below its floor.

tests/data/genre/ holds short documents of the genre (popular-history articles and memoir excerpts about
20th-century Eastern Europe, some with machine-translation flaws) in plain text, HTML and Markdown, each with a
gold file annotated by hand before the system was run on it. Each document is analysed once per module and
scored with the evaluation's own script, ../shared/eval/score_story.py --json, exactly as the evaluation scores
a story. The floors (tests/genre_floors.json) are the figures the system reaches; raise them when a change
raises a score, never lower them to make a change pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronologue import analyze_file

GENRE = Path(__file__).parent / "data" / "genre"
FLOORS: dict[str, dict[str, int]] = json.loads(
    (Path(__file__).parent / "genre_floors.json").read_text(encoding="utf-8"))
CASES = [(doc, area) for doc in sorted(FLOORS) for area in sorted(FLOORS[doc])]

def gold_path(doc: str) -> Path:
    """The gold file of a genre document: signalman.txt -> signalman.gold.json."""
    return GENRE / (Path(doc).stem + ".gold.json")


@pytest.fixture(scope="module")
def genre_scores(tmp_path_factory) -> dict[str, dict]:
    """Score table of every document with a floor, each document analysed once."""
    from conftest import score_story

    out = tmp_path_factory.mktemp("genre")
    return {doc: score_story(analyze_file(GENRE / doc), gold_path(doc), out) for doc in sorted(FLOORS)}


def test_every_gold_file_has_floors_and_every_floor_a_document():
    golds = {p.name.removesuffix(".gold.json") for p in GENRE.glob("*.gold.json")}
    assert golds == {Path(doc).stem for doc in FLOORS}
    assert all((GENRE / doc).exists() for doc in FLOORS)


@pytest.mark.parametrize(("doc", "area"), CASES, ids=[f"{d}:{a}" for d, a in CASES])
def test_area_stays_at_or_above_its_floor(genre_scores, doc, area):
    row = genre_scores[doc].get(area, {"hit": 0, "total": 0, "misses": []})
    message = f"{doc} {area}: {row['hit']}/{row['total']} < floor {FLOORS[doc][area]}; misses: {row['misses']}"
    assert row["hit"] >= FLOORS[doc][area], message
