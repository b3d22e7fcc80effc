"""Array helpers of the match index: the best offers per ask, and spreading first places.

A candidate is a plain tuple `(minus score, offer id, quick-pass score)`, so that sorting
a list of them puts the best first and breaks ties by offer id, whatever order the
offers arrived in. A pool of 10,000 asks holds 120,000 of them; tuples keep that cheap.
"""

from collections.abc import Callable, Sequence

import numpy as np

Candidate = tuple[float, str, float]
"""(minus the pair's score, offer id, the pair's quick-pass score)."""

BLOCK = 64
"""Columns per block when picking the best offers of a wide pool."""


def score_of(candidate: Candidate) -> float:
    return -candidate[0]


def best_pairs(bulk: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row, the columns of the k highest finite values: (rows, columns, values), by row.

    Values tied with a row's k-th highest are all kept.
    """
    width = bulk.shape[1]
    if width >= 16 * BLOCK and width > k * BLOCK:
        return _best_by_blocks(bulk, k)
    rows, columns = np.nonzero(_at_least_kth(bulk, k))
    return rows, columns, bulk[rows, columns]


def _at_least_kth(values: np.ndarray, k: int) -> np.ndarray:
    """Where each row's finite values are at or above the row's k-th highest."""
    finite: np.ndarray = np.isfinite(values)
    width = values.shape[1]
    if width <= k:
        return finite
    kth = np.partition(values, width - k, axis=1)[:, width - k]
    found: np.ndarray = (values >= kth[:, None]) & finite
    return found


def _best_by_blocks(bulk: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`best_pairs` of a wide matrix: only the k blocks with the highest maxima can hold them.

    Columns past the last whole block are always looked at.
    """
    rows, width = bulk.shape
    whole = width // BLOCK
    maxima = np.maximum.reduceat(bulk[:, : whole * BLOCK], np.arange(0, whole * BLOCK, BLOCK), 1)
    picked = np.argpartition(-maxima, k - 1, axis=1)[:, :k]
    inside = (picked[:, :, None] * BLOCK + np.arange(BLOCK)).reshape(rows, -1)
    tail = np.broadcast_to(np.arange(whole * BLOCK, width), (rows, width - whole * BLOCK))
    columns = np.concatenate([inside, tail], axis=1)
    values = np.take_along_axis(bulk, columns, axis=1)
    pair_rows, at = np.nonzero(_at_least_kth(values, k))
    return pair_rows, columns[pair_rows, at], values[pair_rows, at]


def ranked_lists(
    rows: int,
    pair_rows: np.ndarray,
    offer_ids: Sequence[str],
    pair_offers: np.ndarray,
    values: np.ndarray,
    scores: np.ndarray,
) -> list[list[Candidate]]:
    """Each row's candidates, best first (ties by offer id), from flat arrays of pairs.

    Scores lie in (0, 1), so `2 × row − score` orders by row, then by score downwards.
    """
    order = np.argsort(2.0 * pair_rows - scores, kind="stable")
    if _has_ties(pair_rows[order], scores[order]):
        order = np.lexsort((np.asarray(offer_ids)[pair_offers], -scores, pair_rows))
    names = np.asarray(offer_ids, dtype=object)[pair_offers[order]].tolist()
    candidates = list(zip((-scores[order]).tolist(), names, values[order].tolist(), strict=True))
    ends = np.cumsum(np.bincount(pair_rows, minlength=rows)).tolist()
    return [candidates[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]


def _has_ties(rows: np.ndarray, scores: np.ndarray) -> bool:
    """Whether two pairs of one row, next to each other in this order, score the same."""
    return bool(np.any((rows[1:] == rows[:-1]) & (scores[1:] == scores[:-1])))


def floors(rows: int, pair_rows: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """`floor_of` for every row at once, from flat arrays of pairs."""
    lowest = np.full(rows, np.inf)
    np.minimum.at(lowest, pair_rows, values)
    full = np.bincount(pair_rows, minlength=rows) >= k
    found: np.ndarray = np.where(full, lowest, -np.inf)
    return found


def floor_of(ranked: list[Candidate], k: int) -> float:
    """The quick-pass score a new offer must beat to join a full list of k candidates."""
    return min(c[2] for c in ranked) if len(ranked) >= k else -np.inf


def spread(
    options: list[Candidate], giver: Callable[[str], str], firsts: dict[str, int], margin: float
) -> list[Candidate]:
    """Put first the near-best option whose giver has the fewest first places so far."""
    if len(options) < 2 or options[1][0] > options[0][0] + margin:
        return options  # best first: when the second is not near, none is
    near = [c for c in options if c[0] <= options[0][0] + margin]
    best = min(near, key=lambda c: (firsts.get(giver(c[1]), 0), c[0]))
    return [best, *(c for c in options if c is not best)]
