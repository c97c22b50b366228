#!/usr/bin/env python3
"""Throughput of chronologue against bare spaCy, measured in one run on the same corpus.

usage: .venv/bin/python bench/run.py [--tokens N] [--report]

The corpus is the reference article (from ../shared, when present), the bundled example and the genre test
texts, repeated until it holds at least N spaCy tokens (default 100,000). Rule tables and the gazetteer are
loaded by one untimed round first, as the spaCy model is loaded before timing; that one-off cost is printed
on its own. It prints tokens/s of bare
``nlp.pipe`` and of the full analysis (``analyze_documents``, the same ``nlp.pipe`` plus every stage), their
ratio, each stage's share of the parse time, the HTML report's cost with --report, and peak memory.
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
from chronologue.pipeline.run import analyze_documents
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=100_000)
    parser.add_argument("--report", action="store_true", help="also time writing the HTML report")
    args = parser.parse_args()
    nlp = nlp_loader.load()
    documents, tokens = corpus(args.tokens)
    nlp("warm up")
    # Load every stage's data once (gazetteer index, rule tables), as the model is loaded before timing too:
    # the ratio compares steady-state throughput; the one-off load is reported on its own.
    started = time.perf_counter()
    list(analyze_documents(documents[: len(SOURCES)]))
    warm_up = time.perf_counter() - started

    started = time.perf_counter()
    for _ in nlp.pipe((d.text for d in documents), batch_size=8):
        pass
    bare = time.perf_counter() - started

    timings: dict[str, float] = {}
    started = time.perf_counter()
    stories = list(analyze_documents(documents, timings=timings))
    full = time.perf_counter() - started

    print(f"corpus: {len(documents)} documents, {tokens:,} tokens")
    print(f"first analysis of one round (loads rule tables and the gazetteer): {warm_up:.2f} s")
    print(f"bare spaCy nlp.pipe : {tokens / bare:10,.0f} tokens/s ({bare:.2f} s)")
    print(f"chronologue analyze : {tokens / full:10,.0f} tokens/s ({full:.2f} s)")
    print(f"ratio (full / bare throughput): {bare / full:.2f}x")
    print("stage cost as a share of the bare parse time:")
    for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"  {name:10s} {100 * seconds / bare:6.2f} %  ({seconds:.3f} s)")
    if args.report:
        render = exporter("html").render
        started = time.perf_counter()
        for story in stories:
            render(story)
        report = time.perf_counter() - started
        print(f"  html report {100 * report / bare:5.2f} %  ({report:.3f} s)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
