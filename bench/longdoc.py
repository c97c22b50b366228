#!/usr/bin/env python3
"""Peak memory and wall time of ``chronologue analyze`` on a book and on the first half of it.

usage: .venv/bin/python bench/longdoc.py [--chars 1700000] [--sizes 1.0,0.5] [--keep DIR]

The book is built here, at bench time, from the PDNC novels in ``../shared/eval/data/pdnc-dev`` (never shipped):
the novels, in name order, joined by blank lines and cut at the last paragraph break before ``--chars``
characters; each smaller size is cut the same way. Each size is analysed by the installed ``chronologue``
command in a process of its own (cold, as a user runs it), writing its JSON story; the peak resident memory of
that process, its CPU time (user + system) and its wall time are printed, with the time ratios to the smallest
size. A linear cost gives about 2x for twice the text. On a machine shared with other work the CPU time is
the fair figure. Not a test: numbers depend on the machine; the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from child import run_measured  # bench/child.py: scripts here run with this folder on the path

ROOT = Path(__file__).resolve().parents[1]
NOVELS = ROOT.parent / "shared" / "eval" / "data" / "pdnc-dev"


def book(chars: int) -> str:
    """At least ``chars`` characters of novels (joined by blank lines), cut at a paragraph break before ``chars``."""
    parts, total = [], 0
    for path in sorted(NOVELS.glob("*/novel_text.txt")):
        text = path.read_text(encoding="utf-8").strip()
        parts.append(text)
        total += len(text) + 2
        if total >= chars:
            break
    whole = "\n\n".join(parts)
    if len(whole) < chars:
        raise SystemExit(f"the novels under {NOVELS} hold only {len(whole):,} characters, fewer than {chars:,}")
    cut = whole.rfind("\n\n", 0, chars)
    return whole[: cut if cut > 0 else chars] + "\n"


def measure(path: Path, out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MB of ``chronologue analyze path -o out`` in a fresh
    process."""
    usage = run_measured([str(ROOT / ".venv" / "bin" / "chronologue"), "analyze", str(path), "-o", str(out)])
    return usage.wall, usage.cpu, usage.peak_mb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_700_000)
    parser.add_argument("--sizes", default="0.5,1.0", help="fractions of --chars to analyse, smallest first")
    parser.add_argument("--keep", type=Path, help="write the books and stories here instead of a temporary folder")
    args = parser.parse_args()
    fractions = sorted(float(f) for f in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="chronologue-longdoc-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        whole = book(args.chars)
        first = None
        for fraction in fractions:
            cut = whole.rfind("\n\n", 0, int(len(whole) * fraction)) if fraction < 1 else len(whole)
            text = whole[:cut] if cut > 0 else whole
            path = folder / f"book-{len(text)}.txt"
            path.write_text(text, encoding="utf-8")
            seconds, cpu, peak = measure(path, folder / f"{path.stem}.json")
            first = first or (seconds, cpu)
            print(f"{len(text):>10,} chars: {cpu:7.1f} CPU s ({cpu / first[1]:4.2f}x the smallest), {seconds:7.1f} s "
                  f"wall ({seconds / first[0]:4.2f}x), peak {peak:7,.0f} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
