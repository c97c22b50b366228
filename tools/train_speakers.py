"""Train the speaker ranker (chronologue/data/models/speakers.npz + speakers.json) and report its accuracy.

    python tools/train_speakers.py --stories DIR [--pdnc DIR] [--litbank DIR] [--out DIR] [--check]
                                   [--policy fill|far|all] [--margin M] [--passes N] [--hidden N] [--compare]

Reads the stories the rules alone attribute (``chronologue analyze --format json`` with
``CHRONOLOGUE_SPEAKER_RANKER=0``; the scorers' ``--keep`` folders hold them: DIR/pdnc/NOVEL.json and
DIR/litbank/BOOK.json, made on first use when missing), the gold speakers of the Project Dialogism Novel Corpus
(whole novels) and of the LitBank quotation files, and fits a conditional logit over each quotation's candidates
(numpy, L2-regularised, Adam): a score linear in the features plus a few tanh units of them. Decoding runs in
passes: the first reads the rules' speakers of the lines around a quotation, the second the first pass's choices
(turn-taking read from the model's own answers). Prints cross-validated accuracy over every gold quotation (an
unfound or unmapped one counts wrong, as the scorers count): each PDNC novel, and each LitBank book in 5 folds,
decoded by passes that did not train on it. Then trains on all of the training split (the second pass on the
first pass's cross-fitted speakers) and writes the model. The check split (4 novels, 10 LitBank books) is never
trained on; ``--check`` scores it with the written model (its rules-only stories in DIR/check/NOVEL.json and
DIR/litbank/BOOK.json). ``--policy`` says where the model decides: ``fill`` where the rules name no one, ``far``
also where they guess from afar, ``all`` everywhere but an unnamed someone the rules found; ``--margin`` how much
the model's choice must outscore the rules' speaker to replace it where the rules named someone.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
from bisect import bisect_left, bisect_right
from pathlib import Path

import numpy

from chronologue.annotators.quotes.ranking import FEATURES, MODEL_NAME, QuoteRow, SpeakerModel, describe
from chronologue.annotators.quotes.reranking import SWITCH, scene_of_json

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
CHECK_NOVELS = ("AHandfulOfDust", "MansfieldPark", "TheSportOfTheGods", "WhereAngelsFearToTread")
VERSION = "4"
POLICY = "far"
PASSES = 2
L2 = 0.001
STEPS = 200
RATE = 0.05
HIDDEN = 0  # tanh units beside the linear part (0: a plain conditional logit)
MARGIN = 1.5  # where the rules named someone, how much the model's choice must outscore theirs


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
    """One novel or book: its scene, and for each gold quotation found, which quotation of the scene it is, who
    may be right among candidates (``label``), whether the rules named someone, its type and whether the rules were
    right."""

    def __init__(self, name: str, scene, label) -> None:
        self.name = name
        self.scene = scene
        self.label = label  # (quotation index, candidates, gold) -> which candidates are right
        self.items: list[tuple[int, object, bool, str, bool]] = []  # index, gold, ruled, type, rules right
        self.total = 0  # gold quotations that count
        self.kinds: dict[str, int] = {}  # ... by type
        self._described: dict[tuple, list] = {}

    def rows(self, said: tuple | None = None) -> list[tuple[list[str], numpy.ndarray, numpy.ndarray]]:
        """Each item's candidates, features and labels, the turn-taking features reading ``said`` (None: the
        rules' speakers)."""
        key = said or ()
        if key not in self._described:
            described = describe(self.scene, list(said) if said is not None else None)
            self._described = {k: v for k, v in self._described.items() if k == ()}  # keep the rules' pass only
            self._described[key] = [(described[n][0], described[n][1], self.label(n, described[n][0], gold))
                                    for n, gold, *_ in self.items]
        return self._described[key]


def _pdnc_group(pdnc, folder: Path, story: dict) -> Group:
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

    def label(_: int, candidates: list[str], speaker: str) -> numpy.ndarray:
        return numpy.array([character(c) == speaker for c in candidates], dtype=bool)

    scene = scene_of_json(story)
    group = Group(folder.name, scene, label)
    spans = [(q.start, q.end) for q in scene.quotes]
    ends = [end for _, end in spans]  # the quotations are in order and do not overlap: their ends ascend too
    for g in gold:
        group.total += 1
        group.kinds[g["type"]] = group.kinds.get(g["type"], 0) + 1
        size = sum(b - a for a, b in g["spans"]) or 1
        best, best_overlap = None, 0
        lo = bisect_right(ends, min(a for a, _ in g["spans"]))
        near = range(lo, bisect_left(spans, (max(b for _, b in g["spans"]), 0)))
        for n in near:
            overlap = sum(_overlap(spans[n], s) for s in g["spans"])
            if overlap > best_overlap:
                best, best_overlap = n, overlap
        covered = sum(_overlap(spans[n], s) for n in near for s in g["spans"])
        if best is None or covered * 2 < size:
            continue
        quote = scene.quotes[best]
        group.items.append((best, g["speaker"], _ruled(quote), g["type"],
                            quote.speaker is not None and character(quote.speaker) == g["speaker"]))
    return group


def _litbank_group(lit, data: Path, name: str, story: dict) -> Group:
    _, spans = lit.detokenise((data / f"{name}.txt").open(encoding="utf-8").readlines())
    quotes, speakers = lit.read_gold(str(data / f"{name}.ann"), spans)
    entities = {e["id"]: e for e in story.get("entities", [])}
    words = {i: lit.entity_words(story, e) for i, e in entities.items()}

    def label(_: int, candidates: list[str], gold_words: set[str]) -> numpy.ndarray:
        return numpy.array([bool(gold_words & words.get(c, set())) for c in candidates], dtype=bool)

    scene = scene_of_json(story)
    group = Group(name, scene, label)
    found_spans = [(q.start, q.end) for q in scene.quotes]
    for qid, span in quotes.items():
        if qid not in speakers or not lit.speaker_words(speakers[qid]):
            continue
        group.total += 1
        group.kinds["litbank"] = group.kinds.get("litbank", 0) + 1
        gold_words = lit.speaker_words(speakers[qid])
        best = max(range(len(found_spans)), key=lambda n: _overlap(found_spans[n], span), default=None)
        if best is None or _overlap(found_spans[best], span) < 0.5 * (span[1] - span[0]):
            continue
        rule = scene.quotes[best].speaker
        group.items.append((best, gold_words, _ruled(scene.quotes[best]), "litbank",
                            rule is not None and bool(gold_words & words.get(rule, set()))))
    return group


def _ruled(quote: QuoteRow) -> bool:
    """The rules named someone for the quotation (an entity, or someone unnamed by a mention)."""
    return quote.speaker is not None or quote.mention is not None


def fit(rows: list[tuple[list[str], numpy.ndarray, numpy.ndarray]], hidden: int | None = None,
        seed: int = 0) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """A conditional logit: softmax over each quotation's candidates, the right ones as the target; the score of a
    candidate is linear in its features plus ``hidden`` tanh units of them. A quotation none of whose candidates is
    right teaches nothing (it is left out, not taken as all negatives). Returns the linear weights, the hidden
    layer (units x features + bias) and the units' weights."""
    rows = [(x, y) for _, x, y in rows if y.any() and len(y) > 1]
    hidden = HIDDEN if hidden is None else hidden
    features = len(FEATURES)
    if not rows:
        return numpy.zeros(features), numpy.zeros((hidden, features + 1)), numpy.zeros(hidden)
    sizes = numpy.array([len(y) for _, y in rows])
    X = numpy.vstack([x for x, _ in rows])
    Y = numpy.concatenate([y for _, y in rows]).astype(float)
    owner = numpy.repeat(numpy.arange(len(rows)), sizes)
    random = numpy.random.default_rng(seed)
    params = [numpy.zeros(features), random.normal(0, 0.3, (hidden, features)), numpy.zeros(hidden),
              random.normal(0, 0.3, hidden)]
    moments = [(numpy.zeros_like(p), numpy.zeros_like(p)) for p in params]
    for step in range(1, STEPS + 1):
        w, W, b, v = params
        units = numpy.tanh(X @ W.T + b)
        s = X @ w + units @ v
        e = numpy.exp(s - s.max())  # one shift for all: the scores stay within a few dozen of each other
        total = numpy.bincount(owner, weights=e, minlength=len(rows))
        good = numpy.bincount(owner, weights=e * Y, minlength=len(rows))
        g = (e / total[owner] - e * Y / good[owner]) / len(rows)
        back = (g[:, None] * v[None, :]) * (1 - units ** 2)
        grads = [X.T @ g + L2 * w, back.T @ X + L2 * W, back.sum(axis=0), units.T @ g + L2 * v]
        for p, grad, (m1, m2) in zip(params, grads, moments, strict=True):
            m1 *= 0.9
            m1 += 0.1 * grad
            m2 *= 0.999
            m2 += 0.001 * grad ** 2
            p -= RATE * (m1 / (1 - 0.9 ** step)) / (numpy.sqrt(m2 / (1 - 0.999 ** step)) + 1e-8)
    w, W, b, v = params
    return w, numpy.hstack([W, b[:, None]]), v


def model_of(passes: list[tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]], policy: str) -> SpeakerModel:
    return SpeakerModel(VERSION, FEATURES, numpy.array([p[0] for p in passes]),
                        numpy.array([p[1] for p in passes]), numpy.array([p[2] for p in passes]), policy, MARGIN)


def decode(group: Group, model: SpeakerModel) -> list[str | None]:
    """The last pass's speakers of the group's quotations (every quotation of its scene)."""
    said = None
    for n in range(len(model.weights)):
        said = model.decode(group.scene, said, n)
    return said


def fit_passes(groups: list[Group], passes: int, policy: str, history: list[dict[int, tuple | None]]) -> SpeakerModel:
    """The model of each pass fitted on all the groups, the later passes reading the cross-fitted speakers of the
    pass before (``history``, from ``crossvalidate``: each group decoded by a pass that did not train on it, as the
    model will meet text it did not train on)."""
    fitted = [fit([row for g in groups for row in g.rows()])]
    for stage in range(1, passes):
        fitted.append(fit([row for g in groups for row in g.rows(history[stage - 1][id(g)])]))
    return model_of(fitted, policy)


def _crossfitted(groups: list[Group], folds: dict[int, int], said: dict[int, tuple | None],
                 policy: str) -> dict[int, tuple | None]:
    """Each group's speakers decoded by a pass fitted on the other folds (reading ``said`` of the pass before)."""
    decoded: dict[int, tuple | None] = {}
    for fold in sorted(set(folds.values())):
        mine = [g for g in groups if folds[id(g)] == fold]
        stage = model_of([fit([row for g in groups if folds[id(g)] != fold for row in g.rows(said[id(g)])])], policy)
        for g in mine:
            previous = said[id(g)]
            decoded[id(g)] = tuple(stage.decode(g.scene, list(previous) if previous is not None else None, 0))
    return decoded


def crossvalidate(groups: list[Group], folds: dict[int, int], passes: int,
                  policy: str) -> list[dict[int, tuple | None]]:
    """Each pass's speakers of each group, decoded by a model that did not train on the group's fold (the pass
    reading the pass before's)."""
    said: dict[int, tuple | None] = {id(g): None for g in groups}
    history = []
    for _ in range(passes):
        said = _crossfitted(groups, folds, said, policy)
        history.append(said)
    return history


POLICIES = ("fill", "far", "all")  # where the model decides: where the rules name no one; also where they guess
# from afar; everywhere but an unnamed someone they found


def accuracy(group: Group, final: list[str | None]) -> tuple[int, int, dict[str, list[int]]]:
    """Right quotations, the group's total and (right, gold total) per quotation type, given the speakers of the
    group's quotations."""
    right = 0
    by_type = {kind: [0, count] for kind, count in group.kinds.items()}
    for n, gold, _, kind, _ in group.items:
        chosen = final[n]
        ok = chosen is not None and bool(group.label(n, [chosen], gold)[0])
        right += ok
        by_type[kind][0] += ok
    return right, group.total, by_type


def main(argv: list[str]) -> int:
    global HIDDEN, MARGIN
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", required=True, type=Path, help="folder of the rules-only stories")
    parser.add_argument("--pdnc", type=Path, default=EVAL / "data" / "pdnc-dev")
    parser.add_argument("--litbank", type=Path, default=EVAL / "data" / "litbank-quotes")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "chronologue" / "data" / "models")
    parser.add_argument("--novels", help="only these PDNC training novels (comma-separated)")
    parser.add_argument("--policy", choices=POLICIES, default=POLICY, help="where the shipped model decides")
    parser.add_argument("--passes", type=int, default=PASSES, help="decoding passes (2: a second pass reads the "
                        "first pass's speakers of the lines around)")
    parser.add_argument("--hidden", type=int, default=HIDDEN, help="hidden tanh units (0: a plain conditional logit)")
    parser.add_argument("--margin", type=float, default=MARGIN, help="where the rules named someone, how much the "
                        "model's choice must outscore theirs to replace it")
    parser.add_argument("--compare", action="store_true", help="report every policy and number of passes")
    parser.add_argument("--check", action="store_true",
                        help="also score the check split (its rules-only stories in --stories/check/)")
    args = parser.parse_args(argv)
    HIDDEN, MARGIN = args.hidden, args.margin
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
    chosen = (args.policy, args.passes)
    settings = [(p, n) for p in POLICIES for n in range(1, args.passes + 1) if (p, n) != chosen] if args.compare else []
    settings.append(chosen)  # the last: the shipped model's later passes train on its cross-fitted speakers
    for policy, passes in settings:
        history = report(groups, pdnc_count, policy, passes)
    model = fit_passes(groups, args.passes, args.policy, history)
    if args.check:
        held_groups = [_pdnc_group(pdnc, args.pdnc / novel, _analyse(args.pdnc / novel / "novel_text.txt",
                                                                      args.stories / "check" / f"{novel}.json"))
                       for novel in CHECK_NOVELS]
        for book in sorted(held):
            path = args.stories / "litbank" / f"{book}.json"
            if path.exists():
                held_groups.append(_litbank_group(lit, args.litbank, book, json.loads(path.read_text("utf-8"))))
        check(held_groups[:len(CHECK_NOVELS)], model)
        check(held_groups[len(CHECK_NOVELS):], model)
    args.out.mkdir(parents=True, exist_ok=True)
    numpy.savez(args.out / f"{MODEL_NAME}.npz", weights=model.weights, hidden=model.hidden, out=model.out)
    meta = {"version": VERSION, "features": list(FEATURES), "decides": args.policy, "margin": MARGIN,
            "passes": len(model.weights), "hidden_units": HIDDEN, "trained_on": {"pdnc": novels, "litbank": books},
            "linear_weights": [{f: round(float(v), 4) for f, v in zip(FEATURES, w, strict=True)}
                               for w in model.weights]}
    (args.out / f"{MODEL_NAME}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print("model written to", args.out)
    return 0


LITBANK_FOLDS = 5  # LitBank's short books are scored in folds (each by a model that did not train on it)


def folds_of(groups: list[Group], pdnc_count: int) -> dict[int, int]:
    """Each PDNC novel a fold of its own, the LitBank books in LITBANK_FOLDS folds."""
    folds = {id(g): n for n, g in enumerate(groups[:pdnc_count])}
    folds.update({id(g): pdnc_count + n % LITBANK_FOLDS for n, g in enumerate(groups[pdnc_count:])})
    return folds


def report(groups: list[Group], pdnc_count: int, policy: str, passes: int) -> list[dict[int, tuple | None]]:
    """Cross-validated accuracy: each novel (left out alone) or LitBank book (left out with its fold) scored by a
    model that did not train on it."""
    history = crossvalidate(groups, folds_of(groups, pdnc_count), passes, policy)
    final = {k: list(v or ()) for k, v in history[-1].items()}
    print(f"policy {policy}, {passes} pass(es):")
    for label, part in (("PDNC", groups[:pdnc_count]), ("LitBank", groups[pdnc_count:])):
        total = rules = right = 0
        by_type: dict[str, list[int]] = {}
        for group in part:
            mine, _, kinds = accuracy(group, final[id(group)])
            ruled = sum(item[4] for item in group.items)
            right, rules, total = right + mine, rules + ruled, total + group.total
            for kind, (ok, count) in kinds.items():
                counts = by_type.setdefault(kind, [0, 0])
                counts[0] += ok
                counts[1] += count
            if label == "PDNC":
                print(f"  {group.name}: {mine}/{group.total} = {mine / max(group.total, 1):.3f} (rules {ruled})",
                      flush=True)
        kinds_line = ", ".join(f"{k} {ok / max(n, 1):.3f}" for k, (ok, n) in sorted(by_type.items()) if n >= 50)
        print(f"{label} cross-validated speaker accuracy {right / max(total, 1):.3f} ({right}/{total}; "
              f"{kinds_line}); rules alone {rules / max(total, 1):.3f}", flush=True)
    return history


def check(groups: list[Group], model: SpeakerModel) -> None:
    """The check split scored by the written model (never trained on, its errors never read)."""
    right = total = rules = 0
    for group in groups:
        r = accuracy(group, decode(group, model))[0]
        print(f"  check {group.name}: {r}/{group.total} = {r / max(group.total, 1):.3f}")
        right, total, rules = right + r, total + group.total, rules + sum(i[4] for i in group.items)
    print(f"check split speaker accuracy {right / max(total, 1):.3f} ({right}/{total}); rules alone "
          f"{rules / max(total, 1):.3f}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
