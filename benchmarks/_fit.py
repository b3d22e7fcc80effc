"""Fitting the matcher's weights and threshold on labelled circles (shared by the fit script
and the quality benchmark's leave-one-circle-out figures).

Logistic regression over `circle.core.match_features.FEATURES` for every pair the rules
leave open (gold pairs are the positives), then the threshold with the best facilitator
accuracy.
"""

from collections.abc import Sequence

import numpy as np

from benchmarks.match_quality import (
    Circle,
    Ranking,
    build_indexes,
    figures,
    match_items,
    rankings_at,
)
from circle.core.match_features import (
    ask_rule_flags,
    limit_clash,
    offer_rule_flags,
    pair_features,
    rule_out,
)
from circle.core.match_read import read_many
from circle.core.matching import MatchIndex
from circle.match_model import load_embedder

L2 = 1.0
WINDOW = 7
"""Thresholds (0.01 apart) whose accuracies are averaged to judge the one in the middle."""
TIE = 0.005
"""Smoothed accuracies this close to the best count as equally good."""
POSITIVE_WEIGHT = 0.2
"""Gold pairs are few; each counts as this share of the negatives' total weight per positive."""


def pairs(circle: Circle) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of every pair that no rule rules out."""
    readings = read_many(match_items(circle), load_embedder())
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


def fit(data: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, float]:
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


def plateau_middle(circles: Sequence[Circle], indexes: Sequence[MatchIndex]) -> float:
    """The highest threshold whose accuracy, averaged with its neighbours', is about the best.

    Accuracy is flat and noisy over a wide band of thresholds; the average over a window
    moves less from one set of circles to another than the noisy peak does. Within half a
    point of the best the highest threshold wins: at equal accuracy, an ask nobody can
    answer is better left quiet than served the least bad offer.
    """
    grid = np.round(np.arange(0.20, 0.80, 0.01), 2)
    accuracy = np.array([figures(circles, rankings_at(indexes, t))["accuracy"] for t in grid])
    smooth = np.convolve(accuracy, np.ones(WINDOW) / WINDOW, mode="valid")
    centres = grid[WINDOW // 2 : len(grid) - WINDOW // 2]
    return float(centres[smooth >= smooth.max() - TIE][-1])


def fitted(circles: Sequence[Circle]) -> tuple[np.ndarray, float, float]:
    """Weights fitted on these circles, and the threshold that serves a circle left out best."""
    data = [pairs(c) for c in circles]
    weights, bias = fit(data)
    return weights, bias, left_out_threshold(circles, data)


def left_out_threshold(
    circles: Sequence[Circle], data: Sequence[tuple[np.ndarray, np.ndarray]]
) -> float:
    """The threshold chosen on circles the weights never saw, each ranked by weights fitted
    on the others: fitted on the same circles, scores run higher than on a new one."""
    indexes = []
    for k, circle in enumerate(circles):
        weights, bias = fit([d for i, d in enumerate(data) if i != k])
        indexes += build_indexes([circle], weights, bias)
    return plateau_middle(circles, indexes)


def left_out(circles: Sequence[Circle]) -> list[tuple[Ranking, Ranking, float]]:
    """Each circle ranked by weights and a threshold fitted on all the others, exactly as
    the shipped ones are fitted on all the tuning circles (the threshold, too, on circles
    left out in turn).

    Per circle: the full ranking, what the threshold lets through, and the threshold.
    """
    data = [pairs(c) for c in circles]
    found = []
    for k, circle in enumerate(circles):
        rest = [i for i in range(len(circles)) if i != k]
        weights, bias = fit([data[i] for i in rest])
        threshold = left_out_threshold([circles[i] for i in rest], [data[i] for i in rest])
        (index,) = build_indexes([circle], weights, bias)
        ranked = rankings_at([index], 0.0)[0]
        found.append((ranked, rankings_at([index], threshold)[0], threshold))
    return found
