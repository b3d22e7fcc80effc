"""Fit the matcher's weights and threshold on the dev set's tuning circles, and print them.

Run from the repository root: `python scripts/fit_match_weights.py`. Logistic regression
over `circle.core.match_features.FEATURES` for every pair the rules leave open (gold pairs
are the positives), then the threshold with the best facilitator accuracy. Circles marked
`"split": "holdout"` are never read. Leave-one-circle-out figures show how far the fit
carries to a circle it has not seen. Paste the printed constants into
`circle/core/matching.py`.
"""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.match_quality import (
    DEV,
    Circle,
    build_indexes,
    figures,
    load,
    matcher_rankings,
    rankings_at,
)
from circle.core.match_features import (
    FEATURES,
    ask_rule_flags,
    limit_clash,
    offer_rule_flags,
    pair_features,
    rule_out,
)
from circle.core.match_read import read
from circle.match_model import load_embedder

L2 = 1.0
PLATEAU = 0.01
"""Thresholds this close to the best accuracy count as equally good."""
POSITIVE_WEIGHT = 0.2
"""Gold pairs are few; each counts as this share of the negatives' total weight per positive."""


def pairs(circle: Circle) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of every pair that no rule rules out."""
    embedder = load_embedder()
    about = circle.about
    readings = [
        read(
            str(i["id"]),
            str(i["member"]),
            str(i["kind"]),
            i["category"],
            str(i["text"]),  # type: ignore[arg-type]
            about.get(str(i["member"])),
            embedder,
        )
        for i in circle.items
    ]
    asks = [r for r in readings if r.kind == "ask"]
    offers = [r for r in readings if r.kind == "offer"]
    members = {m: k for k, m in enumerate({r.member for r in readings})}
    open_pairs = np.zeros((len(asks), len(offers)))
    rule_out(
        open_pairs,
        np.array([members[a.member] for a in asks]),
        ask_rule_flags(asks),
        np.array([members[o.member] for o in offers]),
        offer_rule_flags(offers),
    )
    mask = np.isinf(open_pairs)
    rows, labels = [], []
    for i, ask in enumerate(asks):
        for j, offer in enumerate(offers):
            if not mask[i, j] and limit_clash(ask, offer) is None:
                rows.append(pair_features(ask, offer))
                labels.append(offer.id in circle.gold[ask.id])
    return np.array(rows), np.array(labels, dtype=float)


def fit(data: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, float]:
    """Weighted, L2-regularised logistic regression by Newton's method."""
    x = np.concatenate([d[0] for d in data]).astype(np.float64)
    y = np.concatenate([d[1] for d in data])
    x1 = np.hstack([x, np.ones((len(x), 1))])
    sample = np.where(y > 0, (len(y) - y.sum()) / y.sum() * POSITIVE_WEIGHT, 1.0)
    ridge = L2 * np.diag([*np.ones(x.shape[1]), 0.0])
    w = np.zeros(x1.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-x1 @ w))
        grad = x1.T @ (sample * (p - y)) + ridge @ w
        hess = (x1 * (sample * p * (1 - p))[:, None]).T @ x1 + ridge
        w -= np.linalg.solve(hess, grad)
    return w[:-1], float(w[-1])


def best_threshold(circles: list[Circle], weights: np.ndarray, bias: float) -> float:
    """The middle of the thresholds whose accuracy on these circles is within a point of the best.

    Accuracy is flat over a wide band of thresholds; the middle of that band moves less
    from one set of circles to another than its noisy peak does.
    """
    indexes = build_indexes(circles, weights, bias)
    grid = np.round(np.arange(0.20, 0.80, 0.01), 2)
    accuracy = np.array([figures(circles, rankings_at(indexes, t))["accuracy"] for t in grid])
    near_best = grid[accuracy >= accuracy.max() - PLATEAU]
    return float(np.round(np.median(near_best), 2))


def main() -> None:
    tune = [c for c in load(DEV) if c.split == "tune"]
    data = [pairs(c) for c in tune]
    weights, bias = fit(data)
    threshold = best_threshold(tune, weights, bias)
    print("leave one circle out (weights and threshold fitted on the other circles):")
    for k, circle in enumerate(tune):
        w_k, b_k = fit([d for i, d in enumerate(data) if i != k])
        t_k = best_threshold([c for i, c in enumerate(tune) if i != k], w_k, b_k)
        f = figures([circle], matcher_rankings([circle], t_k, w_k, b_k))
        print(
            f"  {circle.name[:40]:<40} t={t_k:.2f}  P@1 {f['P@1']:.2f}  R@3 {f['R@3']:.2f}  "
            f"abstain {f['abstain']:.2f}  accuracy {f['accuracy']:.2f}"
        )
    print("\n# paste into circle/core/matching.py")
    print(f"# features: {', '.join(FEATURES)}")
    print(f"WEIGHTS = np.array({[round(float(v), 2) for v in weights]}, dtype=np.float32)")
    print(f"BIAS = {bias:.2f}")
    print(f"MIN_SCORE = {threshold:.2f}")


if __name__ == "__main__":
    main()
