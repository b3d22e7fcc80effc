"""Word overlap for many pairs at once: word sets as sparse rows, summed with numpy.

`overlap(a, b) = |a ∩ b| / sqrt(|a| |b|)` for a batch of (ask, offer) pairs, without a
Python loop per pair: the asks involved become dense 0/1 rows over the vocabulary, the
offers stay as lists of word numbers, and each pair sums the ask's row at its offer's
words.
"""

from collections.abc import Sequence

import numpy as np


class Vocabulary:
    """Stems numbered in the order they first appear."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.numbers)

    def of(self, words: frozenset[str]) -> np.ndarray:
        """The numbers of these words (new words get new numbers), sorted."""
        numbers = self.numbers
        found = [numbers.setdefault(w, len(numbers)) for w in words]
        return np.array(sorted(found), dtype=np.int64)


class WordRows:
    """Word sets of many items, laid end to end (CSR), for quick lookups by position."""

    def __init__(self, sets: Sequence[np.ndarray]) -> None:
        sizes = np.array([len(s) for s in sets], dtype=np.int64)
        self.starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        self.sizes = sizes
        self.words = np.concatenate(sets) if len(sets) else np.zeros(0, dtype=np.int64)
        self.scale = np.where(sizes > 0, 1.0 / np.sqrt(np.maximum(sizes, 1)), 0.0)


def dense_rows(sets: Sequence[np.ndarray], width: int) -> np.ndarray:
    """0/1 rows over the vocabulary, one per word set."""
    rows = np.zeros((len(sets), width), dtype=np.float32)
    if sets:
        sizes = [len(words) for words in sets]
        row_of = np.repeat(np.arange(len(sets)), sizes)
        columns = np.concatenate(sets)
        inside = columns < width
        rows[row_of[inside], columns[inside]] = 1.0
    return rows


def overlaps(
    asks: np.ndarray,
    ask_sizes: np.ndarray,
    offers: WordRows,
    pair_asks: np.ndarray,
    pair_offers: np.ndarray,
) -> np.ndarray:
    """Word overlap of each pair: `asks` holds dense rows, pairs index into asks and offers."""
    sizes = offers.sizes[pair_offers]
    total = int(sizes.sum())
    if total == 0:
        return np.zeros(len(pair_asks), dtype=np.float32)
    pair_of_entry = np.repeat(np.arange(len(pair_asks)), sizes)
    first_entry = np.repeat(np.cumsum(sizes) - sizes, sizes)
    positions = np.arange(total) - first_entry + np.repeat(offers.starts[pair_offers], sizes)
    words = offers.words[positions]
    inside = words < asks.shape[1]
    hits = np.zeros(total, dtype=np.float32)
    hits[inside] = asks[pair_asks[pair_of_entry[inside]], words[inside]]
    shared = np.bincount(pair_of_entry, weights=hits, minlength=len(pair_asks))
    ask_scale = np.where(ask_sizes > 0, 1.0 / np.sqrt(np.maximum(ask_sizes, 1)), 0.0)
    result: np.ndarray = (shared * ask_scale[pair_asks] * offers.scale[pair_offers]).astype(
        np.float32
    )
    return result
