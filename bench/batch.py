#!/usr/bin/env python3
"""Batch throughput of ``chronologue corpus``: documents per second with 1 worker, N local worker processes and
a local Dask cluster of N workers, on the same documents, measured in one run.

usage: .venv/bin/python bench/batch.py [--docs 120] [--workers N] [--rounds 2] [--no-dask]

The documents are the bundled example and the test texts (genre, held-out, the corpus set), copied until there
are ``--docs`` of them, each with a line of its own so that none is reused. Each run writes a fresh corpus
directory and is timed from start to end as a user sees it: worker start-up and model loading included (the
first run, one worker, loads the model in this process). The engines take turns, ``--rounds`` times, and each
one's best rate is printed (a machine shared with other work is fairer to all that way). The corpora must come
out identical. A control prints how much parallel CPU the machine gives at all (a pure-Python loop in N
processes): worker speed-ups cannot exceed it. Not a test: numbers depend on the machine; compare one run's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from chronologue.corpus import build_corpus

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests" / "data"
SOURCES = sorted([ROOT / "src" / "chronologue" / "data" / "examples" / "ferryman.md", *TESTS.glob("genre/*.txt"),
                  *TESTS.glob("genre/*.md"), *TESTS.glob("heldout/*.txt"), *TESTS.glob("corpus/*")])


def make_inputs(folder: Path, count: int) -> int:
    """``count`` documents in ``folder``, each a source with one line of its own; returns their characters."""
    total = 0
    for index in range(count):
        source = SOURCES[index % len(SOURCES)]
        text = source.read_text(encoding="utf-8") + f"\n\nCopy {index} of this text was made in {1900 + index % 100}.\n"
        (folder / f"{index:04d}-{source.name}").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def spin(count: int) -> float:
    """Seconds of a pure-Python loop: the control for what parallel CPU this machine gives right now."""
    started = time.perf_counter()
    total = 0
    for i in range(count):
        total += i * i
    return time.perf_counter() - started


def capacity(workers: int, count: int = 10_000_000) -> float:
    """How much faster ``workers`` processes run ``workers`` loops than one process runs one (ideal: workers)."""
    one = spin(count)
    with ProcessPoolExecutor(workers) as pool:
        started = time.perf_counter()
        list(pool.map(spin, [count] * workers))
        together = time.perf_counter() - started
    return workers * one / together


def timed(inputs: Path, out: Path, **options) -> float:
    started = time.perf_counter()
    result = build_corpus([inputs], out, **options)
    seconds = time.perf_counter() - started
    assert not result.failed and result.reused == 0, result.failed
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=120)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--rounds", type=int, default=2, help="turns each engine takes (the best one counts)")
    parser.add_argument("--no-dask", action="store_true", help="skip the local Dask cluster")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="chronologue-batch-") as scratch:
        root = Path(scratch)
        (root / "in").mkdir()
        characters = make_inputs(root / "in", args.docs)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"{args.docs} documents, {characters:,} characters; {os.cpu_count()} CPUs, load average {load}")
        runs = [("1 worker (this process)", {"workers": 1}),
                (f"{args.workers} worker processes", {"workers": args.workers})]
        if not args.no_dask:
            runs.append((f"Dask local cluster, {args.workers} workers", {"workers": args.workers, "scheduler": "dask"}))
        seconds: dict[str, list[float]] = {label: [] for label, _ in runs}
        first = None
        for round_ in range(args.rounds):
            for label, options in runs:
                out = root / f"out-{round_}"
                seconds[label].append(timed(root / "in", out, **options))
                corpus = (out / "corpus.json").read_bytes()
                first = first or corpus
                if corpus != first:
                    print(f"{label}: the corpus DIFFERS from the first run's")
                shutil.rmtree(out)
        print(f"control: {args.workers} processes run a pure-Python loop {capacity(args.workers):.2f}x as fast as one "
              f"(ideal {args.workers}x; less when other work holds the CPUs)")
        for label, times in seconds.items():
            tries = ", ".join(f"{t:.1f}" for t in times)
            print(f"{label:36s} {args.docs / min(times):7.2f} docs/s  (best of {len(times)}: {tries} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
