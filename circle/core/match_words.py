"""Word overlap for many pairs at once: word sets as sparse rows, summed with numpy.

`overlap(a, b) = |a ∩ b| / sqrt(|a| |b|)` for a batch of (ask, offer) pairs, without a
Python loop per pair: the asks involved become dense 0/1 rows over the vocabulary, the
offers stay as rows of word numbers (padded with -1), and each pair sums the ask's row
at its offer's words.
"""

from collections.abc import Sequence
from itertools import chain, count

import numpy as np


class Vocabulary:
    """Stems numbered as they come (the numbers only tell words apart)."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.numbers)

    def rows(self, sets: Sequence[frozenset[str]]) -> np.ndarray:
        """The numbers of each set's words (new words get new numbers), sorted, as rows
        padded with -1 to the longest."""
        numbers = self.numbers
        fresh = set().union(*sets).difference(numbers)
        numbers.update(zip(sorted(fresh), count(len(numbers))))
        flat = np.fromiter(map(numbers.__getitem__, chain.from_iterable(sets)), np.int64)
        sizes = np.fromiter(map(len, sets), np.int64, len(sets))
        owner = np.repeat(np.arange(len(sets)), sizes)
        # sorting (set, number) as one key sorts each set's numbers in place
        key = owner * len(numbers) + flat
        key.sort()
        flat = key - owner * len(numbers)
        column = np.arange(len(flat)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        rows = np.full((len(sets), max(1, int(sizes.max(initial=0)))), -1, dtype=np.int64)
        rows[owner, column] = flat
        return rows


def scale_of(words: np.ndarray) -> np.ndarray:
    """One over the square root of each row's number of words (0 for none)."""
    sizes = (words >= 0).sum(axis=1)
    scale: np.ndarray = np.where(sizes > 0, 1.0 / np.sqrt(np.maximum(sizes, 1)), 0.0)
    return scale.astype(np.float32)


def dense_rows(words: np.ndarray, width: int) -> np.ndarray:
    """0/1 rows over the vocabulary, one per row of word numbers, and a last column of zeros.

    The last column is where the padding (-1) points.
    """
    rows = np.zeros((len(words), width + 1), dtype=np.uint8)
    rows[np.arange(len(words))[:, None], words] = 1
    rows[:, -1] = 0
    return rows


def overlaps(
    asks: np.ndarray,
    ask_scale: np.ndarray,
    offers: np.ndarray,
    offer_scale: np.ndarray,
    pair_asks: np.ndarray,
    pair_offers: np.ndarray,
) -> np.ndarray:
    """Word overlap of each pair: `asks` holds dense rows, `offers` padded word numbers."""
    width = asks.shape[1]
    words = offers[pair_offers]
    at = pair_asks[:, None] * width + np.where(words < 0, width - 1, words)
    shared = asks.ravel().take(at).sum(axis=1, dtype=np.float32)
    result: np.ndarray = shared * ask_scale[pair_asks] * offer_scale[pair_offers]
    return result
