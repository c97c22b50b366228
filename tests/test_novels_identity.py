"""Identity on whole novels (Project Dialogism Novel Corpus, ../shared/eval/data/pdnc-dev): no person entity holds
the mentions of two characters the gold keeps apart, and no entity name holds a word outside the characters' names.

The fast test reads the first chapters of Pride and Prejudice; the whole 16 novels take about forty minutes and
run only with CHRONOLOGUE_WHOLE_NOVELS=1 (marked slow).
"""

from __future__ import annotations

import ast
import csv
import os
import re

import pytest
from conftest import SHARED

from chronologue import analyze

PDNC = SHARED / "eval" / "data" / "pdnc-dev"
TITLES = {"mr", "mrs", "miss", "ms", "dr", "sir", "lady", "lord", "madame", "madam", "monsieur", "mademoiselle",
          "captain", "colonel", "major", "general", "professor", "rev", "reverend", "aunt", "uncle", "the", "of",
          "de", "van", "der", "von", "st", "mme", "mlle", "herr", "frau", "count", "countess", "baron", "baroness"}
HEAD = 60_000  # the first chapters of Pride and Prejudice


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", text.lower())).strip()


def _characters(novel: str) -> dict[str, set[str]]:
    """Each character's main name -> its folded aliases."""
    found = {}
    with (PDNC / novel / "character_info.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            try:
                aliases = set(ast.literal_eval(row["Aliases"]))
            except (ValueError, SyntaxError):
                aliases = set()
            found[row["Main Name"]] = {_fold(a) for a in aliases | {row["Main Name"]} if a.strip()}
    return found


def defects(novel: str, head: int | None = None) -> tuple[list[str], list[str]]:
    """(entities holding two characters, entity names with a word outside every character's names)."""
    text = (PDNC / novel / "novel_text.txt").read_text(encoding="utf-8")
    story = analyze(text[:head] if head else text)
    characters = _characters(novel)
    owner: dict[str, set[str]] = {}
    for name, aliases in characters.items():
        for alias in aliases:
            owner.setdefault(alias, set()).add(name)
    vocabulary = {w for aliases in characters.values() for a in aliases for w in a.split()} | TITLES
    merged, swallowing = [], []
    for entity in story.entities:
        if entity.type != "PERSON":
            continue
        held = {next(iter(owner[f])) for m in entity.mentions if m.kind in (None, "name")
                if len(owner.get(f := _fold(story.text[m.start:m.end]), ())) == 1}
        if len(held) > 1:
            merged.append(f"{entity.name}: {sorted(held)}")
        words = _fold(entity.name).split()
        if any(w in vocabulary for w in words) and not all(w in vocabulary for w in words):
            swallowing.append(entity.name)
    return merged, swallowing


@pytest.mark.skipif(not PDNC.exists(), reason="../shared/eval/data/pdnc-dev is not beside the project")
def test_first_chapters_of_pride_and_prejudice() -> None:
    merged, swallowing = defects("PrideAndPrejudice", HEAD)
    # "Catherine and Lydia" in these chapters is Kitty; the gold lists "Catherine" only among Lady Catherine's
    # names (she enters later), so the check counts Kitty twice
    # "Lady Lucas" (the mother; the gold lists it among Charlotte's names) joins Maria, the one Lucas woman the
    # text names in full: not solved yet
    assert merged == ["Maria Lucas: ['Charlotte Lucas', 'Maria']", "Kitty: ['Kitty', 'Lady Catherine De Bourgh']"]
    # a house taken for a person, and the sisters of a family ("the Miss Bennets") taken for one: not solved yet
    assert sorted(swallowing) == ["Lucas Lodge", "Miss Bennets", "Miss Lucases"]


NOVELS = sorted(p.name for p in PDNC.iterdir() if (p / "novel_text.txt").exists()) if PDNC.exists() else []


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("CHRONOLOGUE_WHOLE_NOVELS") != "1", reason="set CHRONOLOGUE_WHOLE_NOVELS=1")
@pytest.mark.parametrize("novel", NOVELS)
def test_whole_novel_identity(novel: str) -> None:
    merged, swallowing = defects(novel)
    assert merged == []
    assert swallowing == []
