#!/usr/bin/env python3
"""A cold ``chronologue analyze`` of one document against a bare process that loads spaCy and parses it.

usage: .venv/bin/python bench/cold.py [FILE] [--runs 5]

FILE defaults to the reference article (../shared/corpus/palij-pow-article.txt). Each run starts two fresh
processes in turn: the installed ``chronologue analyze FILE -o OUT.json`` and ``python -c`` that imports the
spaCy model package, loads it and parses the file's text. It prints each one's median CPU seconds (user +
system, of the process itself) and wall seconds, and their ratio. On a machine shared with other work the CPU
time is the fair figure: wall time there mostly measures the neighbours. Not a test: numbers depend on the
machine; the ratio is what to compare.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from child import run_measured  # bench/child.py: scripts here run with this folder on the path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "corpus" / "palij-pow-article.txt"
BIN = ROOT / ".venv" / "bin"


def timed(command: list[str]) -> tuple[float, float]:
    """CPU and wall seconds of one process."""
    usage = run_measured(command)
    return usage.cpu, usage.wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=REFERENCE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from chronologue.nlp import MODEL_PACKAGE

    bare = [str(BIN / "python"), "-c",
            f"import sys, {MODEL_PACKAGE} as m; m.load()(open(sys.argv[1], encoding='utf-8').read())", str(args.file)]
    results: dict[str, list[tuple[float, float]]] = {"chronologue analyze": [], "bare spaCy load+parse": []}
    with tempfile.TemporaryDirectory(prefix="chronologue-cold-") as scratch:
        cli = [str(BIN / "chronologue"), "analyze", str(args.file), "-o", str(Path(scratch) / "story.json")]
        for _ in range(args.runs):
            results["chronologue analyze"].append(timed(cli))
            results["bare spaCy load+parse"].append(timed(bare))
    medians = {}
    for label, runs in results.items():
        cpu, wall = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        medians[label] = (cpu, wall)
        print(f"{label:22s}: median {cpu:5.2f} CPU s, {wall:5.2f} s wall ({args.runs} runs)")
    (cli_cpu, cli_wall), (bare_cpu, bare_wall) = medians.values()
    print(f"ratio (chronologue / bare): {cli_cpu / bare_cpu:.2f}x CPU, {cli_wall / bare_wall:.2f}x wall")
    return 0


if __name__ == "__main__":
    sys.exit(main())
