"""Split TR-News into the dev articles and the blind check articles of issue 14.

    .venv/bin/python tools/trnews_split.py OUT_DIR [--xml ../shared/eval/data/trnews/TR-News.xml]

Writes ``OUT_DIR/dev/TR-News-dev.xml`` and ``OUT_DIR/check/TR-News-check.xml`` (each a directory that
``../shared/eval/geoparse_eval.py`` scores). The check articles are those at 0-based positions i with
i % 4 == 3 in the file's order, plus the last two articles (31 of 118: positions 3, 7, ..., 115, 116, 117);
every other article is dev. The split is by position only, so it needs no reading of the articles.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

DEFAULT_XML = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "data" / "trnews" / "TR-News.xml"


def is_check(position: int, total: int) -> bool:
    """Whether the article at ``position`` (0-based) of ``total`` belongs to the blind check split."""
    return position % 4 == 3 or position >= total - 2


def split(xml: Path) -> tuple[ET.Element, ET.Element]:
    """(dev root, check root): two ``<articles>`` documents holding the file's articles in their order."""
    try:
        articles = list(ET.parse(xml).getroot().iter("article"))
    except (OSError, ET.ParseError) as exc:
        raise SystemExit(f"{xml}: cannot read the TR-News file ({exc})") from exc
    if not articles:
        raise SystemExit(f"{xml}: no <article> elements")
    dev, check = ET.Element("articles"), ET.Element("articles")
    for position, article in enumerate(articles):
        (check if is_check(position, len(articles)) else dev).append(article)
    return dev, check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--xml", type=Path, default=DEFAULT_XML)
    args = parser.parse_args(argv)
    dev, check = split(args.xml)
    for name, root in (("dev", dev), ("check", check)):
        folder = args.out_dir / name
        folder.mkdir(parents=True, exist_ok=True)
        ET.ElementTree(root).write(folder / f"TR-News-{name}.xml", encoding="utf-8", xml_declaration=True)
        print(f"{folder}: {len(root)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
