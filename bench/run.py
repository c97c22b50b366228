#!/usr/bin/env python3
"""Throughput of chronologue against bare spaCy, measured in one run on the same corpus.

usage: .venv/bin/python bench/run.py [--tokens N] [--report]

The corpus is the reference article (from ../shared, when present), the bundled example and the genre test
texts, repeated until it holds at least N spaCy tokens (default 100,000). The spaCy model is loaded before
timing; chronologue's rule tables and gazetteer are loaded inside the first timed run (data loading included).
It prints the throughput of bare ``nlp.pipe`` and of the full analysis (``analyze_documents``: the same parse
plus every annotator), batched, and of one document per call (``nlp(text)`` against ``analyze_document``, as
the Python API and the CLI on one file use it), their ratios, each annotator's share of the parse time, the
HTML report's cost with --report, and peak memory. Times are CPU seconds of this process (wall seconds beside
them): on a machine shared with other work, wall time measures the neighbours.
Not a test: numbers depend on the machine; the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from chronologue import nlp as nlp_loader
from chronologue.export import exporter
from chronologue.pipeline.run import analyze_document, analyze_documents
from chronologue.read import read_path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    ROOT.parent / "shared" / "corpus" / "palij-pow-article.txt",
    ROOT / "src" / "chronologue" / "data" / "examples" / "ferryman.md",
    ROOT / "tests" / "data" / "article.html",
    ROOT / "tests" / "data" / "genre" / "signalman.txt",
]


def corpus(min_tokens: int):
    nlp = nlp_loader.load()
    documents = [read_path(p) for p in SOURCES if p.exists()]
    per_round = sum(len(nlp.tokenizer(d.text)) for d in documents)
    rounds = -(-min_tokens // per_round)
    return documents * rounds, per_round * rounds


class Clock:
    """Wall and CPU seconds of a block: on a machine shared with other work the CPU time is the fair figure."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def _line(label: str, tokens: int, clock: Clock) -> str:
    return (f"{label:34s}: {tokens / clock.cpu:8,.0f} tokens/CPU s ({clock.cpu:6.2f} CPU s, "
            f"{clock.wall:6.2f} s wall)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=100_000)
    parser.add_argument("--report", action="store_true", help="also time writing the HTML report")
    args = parser.parse_args()
    nlp = nlp_loader.load()
    documents, tokens = corpus(args.tokens)
    nlp("warm up")
    # The model is loaded before timing; chronologue's own data (rule tables, the gazetteer) is not: its
    # first analysis loads it inside the timed run, as a user's first document does.
    timings: dict[str, float] = {}
    with Clock() as full:
        stories = list(analyze_documents(documents, timings=timings))
    with Clock() as bare:
        for _ in nlp.pipe((d.text for d in documents), batch_size=8):
            pass
    with Clock() as bare_each:
        for document in documents:
            nlp(document.text)
    with Clock() as full_each:
        for document in documents:
            analyze_document(document)

    print(f"corpus: {len(documents)} documents, {tokens:,} tokens")
    print(_line("bare spaCy nlp.pipe", tokens, bare))
    print(_line("chronologue analyze_documents", tokens, full))
    print(f"ratio batched (full / bare throughput, CPU): {bare.cpu / full.cpu:.2f}x  "
          f"(wall: {bare.wall / full.wall:.2f}x)")
    print(_line("bare spaCy nlp(text) per document", tokens, bare_each))
    print(_line("chronologue analyze per document", tokens, full_each))
    print(f"ratio per call (full / bare throughput, CPU): {bare_each.cpu / full_each.cpu:.2f}x  "
          f"(wall: {bare_each.wall / full_each.wall:.2f}x)")
    print("annotator cost (wall, batched run) as a share of the bare parse's wall time:")
    for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"  {name:10s} {100 * seconds / bare.wall:6.2f} %  ({seconds:.3f} s)")
    if args.report:
        render = exporter("html").render
        with Clock() as report:
            for story in stories:
                render(story)
        print(f"  html report {100 * report.cpu / bare.cpu:5.2f} % of the bare parse's CPU ({report.cpu:.3f} CPU s)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
