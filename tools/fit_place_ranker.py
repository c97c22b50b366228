"""Fit the place ranker's weights (``data/gazetteer/ranker.toml``) on the dev split of TR-News.

    .venv/bin/python tools/fit_place_ranker.py [--rounds 2] [--folds 5] [--xml ../shared/eval/data/trnews/TR-News.xml]

Only the dev articles are read (``tools/trnews_split.py``; the check articles are never opened). Each dev
article goes through ``chronologue.analyze``; for every gold toponym that a PLACE entity's mention overlaps,
the entity's ranked candidates (with their feature values, as the places stage ranked them) form one choice
whose right answers are the candidates within 161 km of the gold point. A conditional logistic regression
(softmax over each choice's candidates, L2 penalty, gradient ascent in numpy) gives the weights. The context
features depend on the weights (the first pass resolves the context), so the fit runs ``--rounds`` times, each
on the story as the previous weights resolve it. ``--folds K`` also reports the cross-validated figure: the
dev articles in K folds (article i in fold i % K), each fold's choices picked by weights fitted on the others.
``--only A,B`` fits the named features alone (a new feature beside weights fitted before), the others keeping
their weights in ``ranker.toml``.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import trnews_split  # noqa: E402

from chronologue.data import DATA_DIR  # noqa: E402
from chronologue.lib.gazetteer import ranker  # noqa: E402
from chronologue.rules import reset  # noqa: E402

WITHIN_KM = 161.0
# The prior the fit shrinks towards (the ranker's former hand-set weights): a feature the dev set never shows
# (river courses, historical states in news) keeps its prior weight instead of falling to 0.
PRIOR = {
    "log_population": 1.0,
    "country": 1.0,
    "continent": 1.0,
    "historical_state": 1.0,
    "alternate_name": -0.3,
    "kind_hint": 3.0,
    "river_course": 6.0,
    "local_country": 2.5,
    "local_demonym": 1.25,
    "local_near": 3.0,
    "background_country": 0.75,
    "background_demonym": 0.375,
    "background_near": 0.9,
    "qualifier_country": 3.0,
    "qualifier_near": 3.0,
    "region_city_namesake": -3.0,
    "document_share": 1.0,
    "local_region": 0.0,
    "background_region": 0.0,
    "qualifier_region": 0.0,
}
L2 = 0.01
STEPS = 3000
LEARNING_RATE = 0.05


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1, math.sqrt(h)))


Choice = tuple[np.ndarray, np.ndarray]


def choices(dev) -> list[list[Choice]]:
    """Per dev article, the (feature matrix, right-answer mask) of every gold toponym found whose candidates
    hold both right and wrong answers."""
    from chronologue import analyze
    from chronologue.pipeline.builtin import default_registry
    from chronologue.pipeline.registry import Annotator, Registry

    captured: dict = {}

    def capture(story, ctx):
        captured.update(ctx.place_rankings)

    registry = Registry(list(default_registry().annotators)).add(
        Annotator("fit_capture", capture, requires=("ctx.place_rankings",), after="places")
    )
    out: list[list[Choice]] = []
    for article in dev:
        out.append([])
        captured.clear()
        text = article.findtext("text") or ""
        story = analyze(text, registry=registry)
        places = [e for e in story.entities if e.type == "PLACE"]
        for t in article.iter("toponym"):
            lat, lon = t.findtext("gaztag/lat"), t.findtext("gaztag/lon")
            if lat is None or lon is None or t.findtext("start") is None:
                continue
            start, end, gold = int(t.findtext("start")), int(t.findtext("end")), (float(lat), float(lon))
            hit = next((p for p in places if any(m.start < end and start < m.end for m in p.mentions)), None)
            ranked = captured.get(hit.id, []) if hit else []
            if len(ranked) < 2:
                continue
            right = np.array([km((c.lat, c.lon), gold) <= WITHIN_KM for c in ranked])
            if right.any() and not right.all():
                out[-1].append((np.array([c.features for c in ranked]), right))
    return out


def fit(data: list[tuple[np.ndarray, np.ndarray]], prior: np.ndarray, free: np.ndarray | None = None) -> np.ndarray:
    """Weights maximising the log-likelihood that a choice's pick is a right answer, with an L2 penalty on the
    distance from ``prior`` (Adam); only the weights ``free`` marks move (all by default: the others keep their
    ``prior`` value)."""
    w = prior.copy()
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for step in range(1, STEPS + 1):
        grad = np.zeros_like(w)
        for x, right in data:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = p * right
            q /= q.sum()
            grad += (q - p) @ x
        grad = grad / len(data) - L2 * (w - prior)
        if free is not None:
            grad = grad * free
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w += LEARNING_RATE * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return w


def top1(data: list[tuple[np.ndarray, np.ndarray]], w: np.ndarray) -> float:
    return sum(bool(right[int(np.argmax(x @ w))]) for x, right in data) / max(len(data), 1)


def write(w: np.ndarray, n: int, accuracy: float) -> Path:
    path = DATA_DIR / f"{ranker.RANKER_FILE}.toml"
    lines = [
        "# Weights of the place-candidate ranker (chronologue.lib.gazetteer.ranker): written by",
        "# tools/fit_place_ranker.py, a conditional logistic regression on the dev split of TR-News",
        f"# ({n} ambiguous toponyms; top-1 within 161 km on them: {accuracy:.3f}). Do not edit by hand: refit.",
        "[weights]",
    ]
    lines += [f"{name} = {value:.4f}" for name, value in zip(ranker.FEATURES, w, strict=True)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cross_validated(
    per_article: list[list[Choice]], prior: np.ndarray, folds: int, free: np.ndarray | None = None
) -> float:
    """Top-1 on each fold's choices with weights fitted on the other folds (article i in fold i % folds)."""
    right = total = 0
    for fold in range(folds):
        train = [c for i, article in enumerate(per_article) if i % folds != fold for c in article]
        test = [c for i, article in enumerate(per_article) if i % folds == fold for c in article]
        w = fit(train, prior, free)
        right += round(top1(test, w) * len(test))
        total += len(test)
    return right / max(total, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xml", type=Path, default=trnews_split.DEFAULT_XML)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--folds", type=int, default=0, help="also report K-fold cross-validated top-1 (by article)")
    parser.add_argument(
        "--only",
        default="",
        help="fit only these features (comma-separated; a new feature beside weights already fitted): the others "
        "keep their weights in ranker.toml",
    )
    args = parser.parse_args(argv)
    dev, _check = trnews_split.split(args.xml)
    only = [name for name in args.only.split(",") if name]
    unknown = sorted(set(only) - set(ranker.FEATURES))
    if unknown:
        parser.error(f"--only: unknown features {unknown}")
    prior = np.array([PRIOR.get(name, 0.0) for name in ranker.FEATURES])
    free = None
    if only:
        free = np.array([float(name in only) for name in ranker.FEATURES])
        prior = np.where(free > 0, prior, np.array(ranker.weights()))
    for round_ in range(1, args.rounds + 1):
        per_article = choices(dev)
        data = [c for article in per_article for c in article]
        start = np.array(ranker.weights())
        before = top1(data, start)
        if args.folds > 1 and round_ == args.rounds:
            figure = cross_validated(per_article, prior, args.folds, free)
            print(f"round {round_}: {args.folds}-fold cross-validated top-1 {figure:.3f} (each fold unseen)")
        w = fit(data, prior, free)
        after = top1(data, w)
        path = write(w, len(data), after)
        reset()  # the rule files and everything built from them, the weights and the gazetteer among them
        print(f"round {round_}: {len(data)} choices; top-1 {before:.3f} -> {after:.3f}; wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
