"""Identity on whole novels (Project Dialogism Novel Corpus, ../shared/eval/data/pdnc-dev): no person entity holds
the mentions of two characters the gold keeps apart, and no person's name holds a word outside a name: a common
word of the novel (one it writes in lower case three times or more, and more often than capitalised: ``Till
Elizabeth``, ``Happily Archer``; after a title it is a surname: ``Mrs. Long``), the pronoun ``I`` (``Bingley
I``), or a family in the plural (``Miss Bennets``).
Titles, kinship words and name particles are part of a name. The gold lists only the novel's speaking characters,
so a name of someone else (``Lord Curzon``) is no defect.

The fast test reads the first chapters of Pride and Prejudice; the whole 16 novels take about forty minutes and
run only with CHRONOLOGUE_WHOLE_NOVELS=1 (marked slow).
"""

from __future__ import annotations

import ast
import csv
import os
import re
from collections import Counter

import pytest
from conftest import SHARED

from chronologue import analyze
from chronologue.lib.identity import NAME_PARTICLES

PDNC = SHARED / "eval" / "data" / "pdnc-dev"
TITLES = {"cousin", "grandmamma", "grandmother", "grandfather", "papa", "mamma",
          "mr", "mrs", "miss", "ms", "dr", "sir", "lady", "lord", "madame", "madam", "monsieur", "mademoiselle",
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
    surnames = {a.split()[-1] for aliases in characters.values() for a in aliases if a}
    written = Counter(re.findall(r"[^\W\d_]+", text))
    merged, swallowing = [], []
    for entity in story.entities:
        if entity.type != "PERSON":
            continue
        held = {next(iter(owner[f])) for m in entity.mentions if m.kind in (None, "name")
                if len(owner.get(f := _fold(story.text[m.start:m.end]), ())) == 1}
        if len(held) > 1:
            merged.append(f"{entity.name}: {sorted(held)}")
        words = re.findall(r"[^\W\d_]+", entity.name)
        if entity.attributes.get("unnamed"):
            continue  # someone the text never names is called by a description ("the Grandmother"), not a name
        if any(_outside(word, written, surnames, after_title=k > 0 and words[k - 1].lower() in TITLES)
               for k, word in enumerate(words)):
            swallowing.append(entity.name)
    return merged, swallowing


def _outside(word: str, written: Counter[str], surnames: set[str], after_title: bool) -> bool:
    """A word of an entity's name that is no part of a name (see the module's docstring); a common word after a
    title is a surname (``Mrs. Long``)."""
    lower = word.lower()
    if lower in TITLES or lower in NAME_PARTICLES:
        return False
    if word == "I":
        return True
    if lower.endswith("s") and lower not in surnames and (lower[:-1] in surnames or lower[:-2] in surnames):
        return True
    capitalised = written[word.capitalize()] + written[word.upper()]
    return not after_title and written[lower] >= 3 and written[lower] > capitalised


@pytest.mark.skipif(not PDNC.exists(), reason="../shared/eval/data/pdnc-dev is not beside the project")
def test_first_chapters_of_pride_and_prejudice() -> None:
    merged, swallowing = defects("PrideAndPrejudice", HEAD)
    # "Catherine and Lydia" in these chapters is Kitty; the gold lists "Catherine" only among Lady Catherine's
    # names (she enters later), so the check counts Kitty twice
    # "Lady Lucas" (the mother) stays apart from Maria, the one Lucas woman the text names in full: the text titles
    # the Lucas women of both generations ("Lady Lucas", "Miss Lucas"); "Mary" (Mary Bennet) is not "Maria"
    assert merged == ["Kitty: ['Kitty', 'Lady Catherine De Bourgh']"]
    assert swallowing == []  # not "Miss Bennets" (a family), nor "body!--If" (a dash run into two words)


NOVELS = sorted(p.name for p in PDNC.iterdir() if (p / "novel_text.txt").exists()) if PDNC.exists() else []


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("CHRONOLOGUE_WHOLE_NOVELS") != "1", reason="set CHRONOLOGUE_WHOLE_NOVELS=1")
@pytest.mark.parametrize("novel", NOVELS)
def test_whole_novel_identity(novel: str) -> None:
    merged, swallowing = defects(novel)
    assert merged == []
    assert swallowing == []
