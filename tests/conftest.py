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
