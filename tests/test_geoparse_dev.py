"""Geoparsing on the dev split of TR-News stays at or above its floors (tests/dev_floors.json, issue 14).

The split comes from tools/trnews_split.py (the blind check articles are never scored here); the figures from
the evaluation's own script, ../shared/eval/geoparse_eval.py, exactly as the evaluation runs it. The first
articles of the dev split run in CI; the whole dev split is slow-marked.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import SHARED
from test_dev_sets import EVAL, FLOORS, figure

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import trnews_split  # noqa: E402

XML = SHARED / "eval" / "data" / "trnews" / "TR-News.xml"
SLICE = 20


def dev_xml(folder: Path, limit: int | None = None) -> Path:
    if not XML.exists():
        pytest.skip("../shared/eval/data/trnews is not beside the project")
    dev, _check = trnews_split.split(XML)
    if limit is not None:
        for article in list(dev)[limit:]:
            dev.remove(article)
    path = folder / "TR-News-dev.xml"
    ET.ElementTree(dev).write(path, encoding="utf-8", xml_declaration=True)
    return path


def check(line: str, floors: dict) -> None:
    assert figure(line, r"recall@161 ([\d.]+)") >= floors["recall_161"], line
    assert figure(line, r"accuracy@161 on found with coordinates ([\d.]+)") >= floors["accuracy_161_found"], line
    assert figure(line, r"median error (\d+) km") <= floors["median_error_km"], line


def test_split_holds_31_check_articles_and_is_by_position():
    checks = [i for i in range(118) if trnews_split.is_check(i, 118)]
    assert len(checks) == 31 and checks[:3] == [3, 7, 11] and checks[-3:] == [115, 116, 117]


def test_trnews_dev_slice(tmp_path):
    check(run_eval_xml(dev_xml(tmp_path, SLICE)), FLOORS["trnews-dev-slice"])


@pytest.mark.slow
def test_trnews_dev(tmp_path):
    check(run_eval_xml(dev_xml(tmp_path)), FLOORS["trnews-dev"])


def run_eval_xml(path: Path) -> str:
    """The evaluation's line for one XML file (only that file: the check articles are not scored)."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run([sys.executable, str(EVAL / "geoparse_eval.py"), str(path)],
                            capture_output=True, text=True, env=env, timeout=1200)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]
