"""Precision and recall of same_person over the hand-written name-pair set (tests/data/name_pairs.tsv).

The pairs apply public transliteration standards (BGN/PCGN, ISO 9, Library of Congress, scholarly) and the
German (Duden), Polish, French, Czech, Dutch, Ukrainian, Belarusian and Greek (ELOT 743) conventions to real
names, with hard negatives: father and son, brothers, spouses, similar surnames.
"""

from __future__ import annotations

import csv
from pathlib import Path

from chronologue.lib.identity import same_person

PAIRS = Path(__file__).parent / "data" / "name_pairs.tsv"


def _pairs() -> list[tuple[str, str, bool, str]]:
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["a"], row["b"], row["same"] == "1", row["note"]) for row in rows]


def test_pair_set_is_large_and_varied():
    pairs = _pairs()
    assert len(pairs) >= 150
    notes = " ".join(note for _, _, _, note in pairs)
    for scheme in ("BGN/PCGN", "ISO 9", "Library of Congress", "scholarly", "German", "Polish", "French", "Czech",
                   "Dutch", "Cyrillic"):
        assert scheme in notes, scheme
    assert sum(1 for _, _, same, _ in pairs if not same) >= 40


def test_same_person_precision_and_recall():
    true_pos = false_pos = false_neg = 0
    errors = []
    for a, b, same, note in _pairs():
        predicted = same_person(a, b)
        assert predicted == same_person(b, a), (a, b)
        if predicted and same:
            true_pos += 1
        elif predicted:
            false_pos += 1
            errors.append(f"false merge: {a} | {b} ({note})")
        elif same:
            false_neg += 1
            errors.append(f"missed: {a} | {b} ({note})")
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    counts = f"tp {true_pos}, fp {false_pos}, fn {false_neg}"
    print(f"\nname pairs: precision {precision:.3f}, recall {recall:.3f} ({counts})")
    print("\n".join(errors))
    assert precision >= 0.98
    assert recall >= 0.9
