"""Dev-set figures stay at or above their floors: TempEval-3 AQUAINT and WikiWars (times), LitBank (quotes,
speakers).

Run with the evaluation's own scripts in ../shared/eval, exactly as the evaluation runs them. The floors
(tests/dev_floors.json) are raised whenever a change raises a figure.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHARED

FLOORS = json.loads((Path(__file__).parent / "dev_floors.json").read_text(encoding="utf-8"))
EVAL = SHARED / "eval"


def run_eval(script: str, data: str, *options: str) -> str:
    if not (EVAL / "data" / data).exists():
        pytest.skip(f"../shared/eval/data/{data} is not beside the project")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run([sys.executable, str(EVAL / script), str(EVAL / "data" / data), *options],
                            capture_output=True, text=True, env=env, timeout=1200)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


def figure(line: str, pattern: str) -> float:
    match = re.search(pattern, line)
    assert match, f"no {pattern!r} in {line!r}"
    return float(match.group(1))


@pytest.mark.slow
def test_tempeval3_aquaint_timexes():
    line = run_eval("timeml_eval.py", "tempeval3-aquaint")
    floors = FLOORS["tempeval3-aquaint"]
    assert figure(line, r"relaxed P [\d.]+ R [\d.]+ F1 ([\d.]+)") >= floors["relaxed_f1"], line
    assert figure(line, r"value F1 ([\d.]+)") >= floors["value_f1"], line


# WikiWars (historical narrative): 12 of the 16 files of wikiwars-train are the dev set; 04_AmRevWar,
# 09_GrecoPersian, 12_IranIraq and 15_MexicanRev are held out as a check set and never scored here. CI runs a
# small representative slice (a 20th-century war, an ancient one with BC dates, a 19th-century one); the whole
# dev set runs with CHRONOLOGUE_FULL_DEV=1 (about ten minutes).
WIKIWARS_HELD_OUT = ("04_AmRevWar", "09_GrecoPersian", "12_IranIraq", "15_MexicanRev")
WIKIWARS_RUNS = [
    ("wikiwars-slice", ("03_AmCivWar", "10_PunicWars", "16_SpanishCivilWar")),
    ("wikiwars-dev", None),
]


@pytest.mark.slow
@pytest.mark.parametrize(("floor", "names"), WIKIWARS_RUNS, ids=[run[0] for run in WIKIWARS_RUNS])
def test_wikiwars_timexes(floor: str, names: tuple[str, ...] | None, tmp_path: Path):
    source = EVAL / "data" / "wikiwars-train"
    if not source.exists():
        pytest.skip("../shared/eval/data/wikiwars-train is not beside the project")
    if names is None and not os.environ.get("CHRONOLOGUE_FULL_DEV"):
        pytest.skip("the whole WikiWars dev set runs with CHRONOLOGUE_FULL_DEV=1")
    chosen = names or tuple(p.stem for p in source.glob("*.tml") if p.stem not in WIKIWARS_HELD_OUT)
    assert not set(chosen) & set(WIKIWARS_HELD_OUT)
    for name in chosen:
        (tmp_path / f"{name}.tml").symlink_to(source / f"{name}.tml")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run([sys.executable, str(EVAL / "timeml_eval.py"), str(tmp_path)],
                            capture_output=True, text=True, env=env, timeout=1800)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    line = result.stdout.strip().splitlines()[-1]
    floors = FLOORS[floor]
    assert figure(line, r"relaxed P [\d.]+ R [\d.]+ F1 ([\d.]+)") >= floors["relaxed_f1"], line
    assert figure(line, r"value accuracy ([\d.]+)") >= floors["value_accuracy"], line
    assert figure(line, r"value F1 ([\d.]+)") >= floors["value_f1"], line


LITBANK_RUNS = [
    ("litbank-quotes", ()),
    # issue 5 asks for quote F1 >= 0.85 and speaker accuracy >= 0.80 on half of the corpus (its first 25 books)
    ("litbank-quotes-first-half", ("--limit", "25")),
]


@pytest.mark.slow
@pytest.mark.parametrize(("floor", "options"), LITBANK_RUNS, ids=[run[0] for run in LITBANK_RUNS])
def test_litbank_quotes_and_speakers(floor: str, options: tuple[str, ...]):
    line = run_eval("litbank_quotes.py", "litbank-quotes", *options)
    floors = FLOORS[floor]
    assert figure(line, r"quote P [\d.]+ R [\d.]+ F1 ([\d.]+)") >= floors["quote_f1"], line
    assert figure(line, r"speaker accuracy ([\d.]+)") >= floors["speaker_accuracy"], line
