"""Word overlap for many pairs at once: word sets as sparse rows, summed with numpy.

`overlap(a, b) = |a ∩ b| / sqrt(|a| |b|)` for a batch of (ask, offer) pairs, without a
Python loop per pair: the asks involved become dense 0/1 rows over the vocabulary, the
offers stay as padded rows of word numbers, and each pair sums the ask's row at its
offer's words.
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
        for word in [w for w in words if w not in numbers]:
            numbers[word] = len(numbers)
        return np.array(sorted([numbers[w] for w in words]), dtype=np.int64)


class WordRows:
    """Word sets of many items as rows of word numbers, padded with -1 to the longest."""

    def __init__(self, sets: Sequence[np.ndarray]) -> None:
        sizes = np.array([len(s) for s in sets], dtype=np.int64)
        self.words = np.full((len(sets), max(1, *sizes) if len(sets) else 1), -1, dtype=np.int64)
        for row, words in enumerate(sets):
            self.words[row, : len(words)] = words
        self.scale = np.where(sizes > 0, 1.0 / np.sqrt(np.maximum(sizes, 1)), 0.0)


def dense_rows(sets: Sequence[np.ndarray], width: int) -> np.ndarray:
    """0/1 rows over the vocabulary, one per word set, and a last column of zeros for -1."""
    rows = np.zeros((len(sets), width + 1), dtype=np.uint8)
    if sets:
        sizes = [len(words) for words in sets]
        row_of = np.repeat(np.arange(len(sets)), sizes)
        columns = np.concatenate(sets)
        inside = columns < width
        rows[row_of[inside], columns[inside]] = 1
    return rows


def overlaps(
    asks: np.ndarray,
    ask_sizes: np.ndarray,
    offers: WordRows,
    pair_asks: np.ndarray,
    pair_offers: np.ndarray,
) -> np.ndarray:
    """Word overlap of each pair: `asks` holds dense rows, pairs index into asks and offers."""
    words = offers.words[pair_offers]
    words = np.where(words < asks.shape[1] - 1, words, -1)
    shared = asks[pair_asks[:, None], words].sum(axis=1, dtype=np.float32)
    ask_scale = np.where(ask_sizes > 0, 1.0 / np.sqrt(np.maximum(ask_sizes, 1)), 0.0)
    result: np.ndarray = (shared * ask_scale[pair_asks] * offers.scale[pair_offers]).astype(
        np.float32
    )
    return result
