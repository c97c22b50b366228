"""Shared fixtures: the reference article (read from ../shared, never copied) and its story, analysed once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "corpus" / "palij-pow-article.txt"
REFERENCE_GOLD = SHARED / "corpus" / "gold" / "palij-pow-article.gold.json"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def reference_path() -> Path:
    if not REFERENCE.exists():
        pytest.skip("../shared/corpus is not beside the project")
    return REFERENCE


@pytest.fixture(scope="session")
def reference_story(reference_path):
    from chronologue import analyze_file

    return analyze_file(reference_path)


@pytest.fixture(scope="session")
def reference_gold() -> dict:
    return json.loads(REFERENCE_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def html_story():
    from chronologue import analyze_file

    return analyze_file(DATA / "article.html")


def score_story(story, gold: Path, workdir: Path) -> dict:
    """The score table of a story against a gold file, from the evaluation's own scorer (--json)."""
    import subprocess
    import sys

    from chronologue.export import exporter

    scorer = SHARED / "eval" / "score_story.py"
    if not scorer.exists():
        pytest.skip("../shared/eval is not beside the project")
    path = workdir / f"{Path(gold).stem}.story.json"
    path.write_text(exporter("json").render(story), encoding="utf-8")
    result = subprocess.run([sys.executable, str(scorer), str(path), str(gold), "--json"],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def reference_scores(reference_story, tmp_path_factory) -> dict:
    return score_story(reference_story, REFERENCE_GOLD, tmp_path_factory.mktemp("reference"))
