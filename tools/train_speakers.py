"""Train the speaker ranker (chronologue/data/models/speakers.npz + speakers.json) and report its accuracy.

    python tools/train_speakers.py --stories DIR [--pdnc DIR] [--litbank DIR] [--out DIR] [--check]

Reads the stories the rules alone attribute (``chronologue analyze --format json`` with
``CHRONOLOGUE_SPEAKER_RANKER=0``; the scorers' ``--keep`` folders hold them: DIR/pdnc/NOVEL.json and
DIR/litbank/BOOK.json, made on first use when missing), the gold speakers of the Project Dialogism Novel Corpus
(whole novels) and of the LitBank quotation files, and fits a conditional logit over each quotation's candidates
(numpy, L2-regularised, gradient descent). Prints leave-one-novel-out (PDNC) and 5-fold (LitBank) cross-validated
accuracy over every gold quotation (an unfound or unmapped one counts wrong, as the scorers count), then trains
on all of the training split and writes the model. The check split (4 novels, 10 LitBank books) is never
trained on; ``--check`` scores it with the written model (its rules-only stories in DIR/check/NOVEL.json and
DIR/litbank/BOOK.json). ``--policy far`` ships a model that also overrules the rules' guesses from afar.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy

from chronologue.annotators.quotes.ranking import FEATURES, MODEL_NAME, QuoteRow, describe
from chronologue.annotators.quotes.reranking import SWITCH, scene_of_json

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
CHECK_NOVELS = ("AHandfulOfDust", "MansfieldPark", "TheSportOfTheGods", "WhereAngelsFearToTread")
VERSION = "2"
L2 = 0.01
STEPS = 400
RATE = 0.5


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, EVAL / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_books(names: list[str]) -> list[str]:
    """The LitBank check books: positions 5, 10, ..., 50 (1-based) of the sorted book list."""
    return [names[i - 1] for i in range(5, len(names) + 1, 5)][:10]


def _analyse(text_path: Path, out: Path) -> dict:
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, **{SWITCH: "0"})
        subprocess.run(["chronologue", "analyze", str(text_path), "--format", "json", "-o", str(out)],
                       check=True, env=env)
    return json.loads(out.read_text(encoding="utf-8"))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


class Group:
    """One novel or book: its quotations' candidates, features and which candidates are right."""

    def __init__(self, name: str) -> None:
        self.name = name
        # candidates, features, which are right, whether the rules named someone, quotation type, whether the rules
        # were right
        self.items: list[tuple[list[str], numpy.ndarray, numpy.ndarray, bool, str, bool]] = []
        self.total = 0  # gold quotations that count


def _pdnc_group(pdnc, folder: Path, story: dict) -> Group:
    group = Group(folder.name)
    _, chars, gold = pdnc.read_novel(str(folder))
    text = story["text"]
    entities = {e["id"]: e for e in story.get("entities", [])}
    for e in entities.values():
        for m in e.get("mentions", []):
            m["text"] = text[m["start"]:m["end"]]
    mapped: dict[str, str | None] = {}

    def character(entity: str) -> str | None:
        if entity not in mapped:
            mapped[entity] = pdnc.entity_character(entities.get(entity), chars)
        return mapped[entity]

    scene = scene_of_json(story)
    described = describe(scene)
    spans = [(q.start, q.end) for q in scene.quotes]
    for g in gold:
        group.total += 1
        size = sum(b - a for a, b in g["spans"]) or 1
        best, best_overlap = None, 0
        for n, span in enumerate(spans):
            overlap = sum(_overlap(span, s) for s in g["spans"])
            if overlap > best_overlap:
                best, best_overlap = n, overlap
        covered = sum(_overlap(span, s) for span in spans for s in g["spans"])
        if best is None or covered * 2 < size:
            continue
        candidates, matrix = described[best]
        labels = numpy.array([character(c) == g["speaker"] for c in candidates], dtype=bool)
        group.items.append((candidates, matrix, labels, _ruled(scene.quotes[best]), g["type"],
                            scene.quotes[best].speaker is not None and character(scene.quotes[best].speaker)
                            == g["speaker"]))
    return group


def _litbank_group(lit, data: Path, name: str, story: dict) -> Group:
    group = Group(name)
    _, spans = lit.detokenise((data / f"{name}.txt").open(encoding="utf-8").readlines())
    quotes, speakers = lit.read_gold(str(data / f"{name}.ann"), spans)
    entities = {e["id"]: e for e in story.get("entities", [])}
    words = {i: lit.entity_words(story, e) for i, e in entities.items()}
    scene = scene_of_json(story)
    described = describe(scene)
    found_spans = [(q.start, q.end) for q in scene.quotes]
    for qid, span in quotes.items():
        if qid not in speakers or not lit.speaker_words(speakers[qid]):
            continue
        group.total += 1
        gold_words = lit.speaker_words(speakers[qid])
        best = max(range(len(found_spans)), key=lambda n: _overlap(found_spans[n], span), default=None)
        if best is None or _overlap(found_spans[best], span) < 0.5 * (span[1] - span[0]):
            continue
        candidates, matrix = described[best]
        labels = numpy.array([bool(gold_words & words.get(c, set())) for c in candidates], dtype=bool)
        rule = scene.quotes[best].speaker
        group.items.append((candidates, matrix, labels, _ruled(scene.quotes[best]), "litbank",
                            rule is not None and bool(gold_words & words.get(rule, set()))))
    return group


def _ruled(quote: QuoteRow) -> bool:
    """The rules named someone for the quotation (an entity, or someone unnamed by a mention)."""
    return quote.speaker is not None or quote.mention is not None


def fit(groups: list[Group]) -> numpy.ndarray:
    """A conditional logit: softmax over each quotation's candidates, the right ones as the target."""
    rows = [(x, y) for g in groups for _, x, y, _, _, _ in g.items if y.any() and len(y) > 1]
    if not rows:
        return numpy.zeros(len(FEATURES))
    sizes = numpy.array([len(y) for _, y in rows])
    X = numpy.vstack([x for x, _ in rows])
    Y = numpy.concatenate([y for _, y in rows]).astype(float)
    owner = numpy.repeat(numpy.arange(len(rows)), sizes)
    w = numpy.zeros(X.shape[1])
    velocity = numpy.zeros_like(w)
    for _ in range(STEPS):
        s = X @ w
        s_max = numpy.full(len(rows), -numpy.inf)
        numpy.maximum.at(s_max, owner, s)
        e = numpy.exp(s - s_max[owner])
        total = numpy.bincount(owner, weights=e, minlength=len(rows))
        good = numpy.bincount(owner, weights=e * Y, minlength=len(rows))
        p_all = e / total[owner]
        p_good = e * Y / good[owner]
        grad = X.T @ (p_all - p_good) / len(rows) + L2 * w
        velocity = 0.9 * velocity - RATE * grad
        w = w + velocity
    return w


POLICIES = ("fill", "far")  # the model decides where the rules name no one; also where they guess from afar


def accuracy(group: Group, w: numpy.ndarray, policy: str = "fill") -> tuple[int, int, dict[str, list[int]]]:
    """Right quotations, the group's total and (right, total) per quotation type.
    ``fill``: the model speaks only where the rules named no one; ``far``: also where they named someone by
    turn-taking or a subject further away (a name or pronoun next to the quotation stands)."""
    right = 0
    by_type: dict[str, list[int]] = {}
    rule, far = FEATURES.index("rule"), FEATURES.index("rule_far")
    for candidates, x, y, ruled, kind, rule_right in group.items:
        near = bool(len(candidates)) and x[:, rule].any() and not x[:, far].any()
        keep = not len(candidates) or (ruled if policy == "fill" else near)
        ok = rule_right if keep else bool(y[int(numpy.argmax(x @ w))])
        right += ok
        counts = by_type.setdefault(kind, [0, 0])
        counts[0] += ok
    return right, group.total, by_type


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", required=True, type=Path, help="folder of the rules-only stories")
    parser.add_argument("--pdnc", type=Path, default=EVAL / "data" / "pdnc-dev")
    parser.add_argument("--litbank", type=Path, default=EVAL / "data" / "litbank-quotes")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "chronologue" / "data" / "models")
    parser.add_argument("--novels", help="only these PDNC training novels (comma-separated)")
    parser.add_argument("--policy", choices=POLICIES, default="fill", help="where the shipped model decides")
    parser.add_argument("--check", action="store_true",
                        help="also score the check split (its rules-only stories in --stories/check/)")
    parser.add_argument("--no-report", action="store_true", help="skip the leave-one-out report")
    args = parser.parse_args(argv)
    pdnc, lit = _module("pdnc_quotes"), _module("litbank_quotes")
    novels = sorted(p.name for p in args.pdnc.iterdir() if (p / "quotation_info.csv").exists())
    novels = [n for n in novels if n not in CHECK_NOVELS]
    if args.novels:
        novels = [n for n in novels if n in args.novels.split(",")]
    books = sorted(f[:-4] for f in os.listdir(args.litbank) if f.endswith(".ann"))
    held = set(check_books(books))
    books = [b for b in books if b not in held]
    groups: list[Group] = []
    for novel in novels:
        story = _analyse(args.pdnc / novel / "novel_text.txt", args.stories / "pdnc" / f"{novel}.json")
        groups.append(_pdnc_group(pdnc, args.pdnc / novel, story))
    pdnc_count = len(groups)
    for book in books:
        path = args.stories / "litbank" / f"{book}.json"
        if path.exists():
            groups.append(_litbank_group(lit, args.litbank, book, json.loads(path.read_text(encoding="utf-8"))))
    if not args.no_report:
        report(groups, pdnc_count)
    weights = fit(groups)
    if args.check:
        held_groups = [_pdnc_group(pdnc, args.pdnc / novel, _analyse(args.pdnc / novel / "novel_text.txt",
                                                                      args.stories / "check" / f"{novel}.json"))
                       for novel in CHECK_NOVELS]
        for book in sorted(held):
            path = args.stories / "litbank" / f"{book}.json"
            if path.exists():
                held_groups.append(_litbank_group(lit, args.litbank, book, json.loads(path.read_text("utf-8"))))
        check(held_groups[:len(CHECK_NOVELS)], weights, args.policy)
        check(held_groups[len(CHECK_NOVELS):], weights, args.policy)
    args.out.mkdir(parents=True, exist_ok=True)
    numpy.savez(args.out / f"{MODEL_NAME}.npz", weights=weights)
    meta = {"version": VERSION, "features": list(FEATURES), "decides": args.policy,
            "trained_on": {"pdnc": novels, "litbank": books},
            "weights": {f: round(float(v), 4) for f, v in zip(FEATURES, weights, strict=True)}}
    (args.out / f"{MODEL_NAME}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print("model written to", args.out)
    return 0


LITBANK_FOLDS = 5  # LitBank's short books are scored in folds (each by a model that did not train on it)


def report(groups: list[Group], pdnc_count: int) -> None:
    """Cross-validated accuracy: each novel (left out alone) or LitBank book (left out with its fold) scored by a
    model that did not train on it."""
    books = groups[pdnc_count:]
    fold_of = {id(g): n % LITBANK_FOLDS for n, g in enumerate(books)}
    fold_weights: dict[int, numpy.ndarray] = {}
    for label, part in (("PDNC", groups[:pdnc_count]), ("LitBank", books)):
        total = rules = 0
        right = dict.fromkeys(POLICIES, 0)
        for group in part:
            if id(group) in fold_of:
                fold = fold_of[id(group)]
                if fold not in fold_weights:
                    fold_weights[fold] = fit([g for g in groups if fold_of.get(id(g)) != fold])
                w = fold_weights[fold]
            else:
                w = fit([g for g in groups if g is not group])
            rules += sum(item[5] for item in group.items)
            total += group.total
            line = []
            for policy in POLICIES:
                r = accuracy(group, w, policy)[0]
                right[policy] += r
                line.append(f"{policy} {r}/{group.total} = {r / max(group.total, 1):.3f}")
            if label == "PDNC":
                print(f"  {group.name}: {'; '.join(line)} (rules {sum(i[5] for i in group.items)})")
        print(f"{label} leave-one-out speaker accuracy: rules alone {rules / max(total, 1):.3f}; "
              + "; ".join(f"model {p} {right[p] / max(total, 1):.3f}" for p in POLICIES)
              + " (fill: where the rules name no one; far: also where they guess from afar)")


def check(groups: list[Group], w: numpy.ndarray, policy: str) -> None:
    """The check split scored by the written model (never trained on, its errors never read)."""
    right = total = rules = 0
    for group in groups:
        r = accuracy(group, w, policy)[0]
        print(f"  check {group.name}: {r}/{group.total} = {r / max(group.total, 1):.3f}")
        right, total, rules = right + r, total + group.total, rules + sum(i[5] for i in group.items)
    print(f"check split speaker accuracy {right / max(total, 1):.3f} ({right}/{total}); rules alone "
          f"{rules / max(total, 1):.3f}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
