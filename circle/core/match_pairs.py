"""The rows asks and offers are scored from: built from readings, then the quick pass and
the exact score of the best.

`ask_columns`/`offer_columns` give each reading its rows (`match_rows.Rows` keeps them).
`best_scored` takes the rows of some asks and all offers and returns flat arrays of pairs
(ask position, offer row, quick-pass score, exact score): one matrix product per chunk of
asks picks each ask's best `candidates` offers, which alone get the exact score. It reads
only arrays, so a forked worker can rank part of a pool's asks while this process ranks
the rest (`match_split`); the pairs are the same wherever they were scored.
"""

from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

import numpy as np

from circle.core.match_features import (
    ask_rule_flags,
    ask_sides,
    offer_rule_flags,
    offer_sides,
    rule_out,
)
from circle.core.match_rank import best_pairs
from circle.core.match_read import Reading
from circle.core.match_rows import Rows
from circle.core.match_split import forked
from circle.core.match_words import Vocabulary, dense_rows, overlaps, scale_of

CHUNK = 2_000_000
"""Pairs scored per matrix product when ranking a whole pool: small enough to stay in cache."""
WORD_FILLS = {"words": -1, "profile": -1}
"""Word numbers are kept in rows padded with -1."""


def ask_columns(
    asks: list[Reading], weights: np.ndarray, vocabulary: Vocabulary, members: dict[str, int]
) -> dict[str, np.ndarray]:
    """The asks' rows (for `Rows.extend`); new words and members get new numbers."""
    heads, rests = ask_sides(asks, weights)
    return {
        "head": heads,
        "rest": rests,
        "member": _member_codes(asks, members),
        "rules": ask_rule_flags(asks),
        "words": vocabulary.rows([a.words for a in asks]),
    }


def offer_columns(
    offers: list[Reading], weights: np.ndarray, vocabulary: Vocabulary, members: dict[str, int]
) -> dict[str, np.ndarray]:
    """The offers' rows, matching `ask_columns`, with the scales of their word overlaps."""
    heads, rests = offer_sides(offers, weights)
    words = vocabulary.rows([o.words for o in offers])
    profile = vocabulary.rows([o.profile_words for o in offers])
    return {
        "head": heads,
        "rest": rests,
        "member": _member_codes(offers, members),
        "rules": offer_rule_flags(offers),
        "words": words,
        "words_scale": scale_of(words),
        "profile": profile,
        "profile_scale": scale_of(profile),
    }


def _member_codes(readings: list[Reading], members: dict[str, int]) -> np.ndarray:
    return np.array([members.setdefault(r.member, len(members)) for r in readings])


@dataclass(frozen=True)
class Scoring:
    """What turns rows into scores: the fitted weights and bias, and the vocabulary's size."""

    weights: np.ndarray
    bias: float
    words: int
    """How many word numbers the vocabulary has given out."""


class Pairs(NamedTuple):
    """Flat arrays of scored pairs, grouped by ask."""

    asks: np.ndarray
    """Each pair's ask, as a position among the asks ranked (not a row number)."""
    offers: np.ndarray
    """Each pair's offer row."""
    quick: np.ndarray
    scores: np.ndarray

    def after(self, count: int) -> "Pairs":
        """These pairs, their ask positions moved past `count` asks ranked before them."""
        return self._replace(asks=self.asks + count)


def concatenated(parts: list[Pairs]) -> Pairs:
    return Pairs(*(np.concatenate(arrays) for arrays in zip(*parts, strict=True)))


def best_scored(
    asks: Rows, offers: Rows, rows: np.ndarray, scoring: Scoring, candidates: int
) -> Pairs:
    """Each of these asks' (row numbers) best `candidates` offers by the quick pass, scored."""
    chunk = max(1, CHUNK // len(offers))
    parts = [Pairs(*(np.zeros(0, dtype) for dtype in (np.int64, np.int64, np.float32, np.float32)))]
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        bulk = asks["head"][part] @ offers["head"].T
        rule_out_pairs(bulk, asks, offers, part, slice(None))
        pair_asks, pair_offers, values = best_pairs(bulk, candidates)
        scores = exact_scores(asks, offers, scoring, part, pair_asks, pair_offers, values)
        parts.append(Pairs(pair_asks, pair_offers, values, scores).after(start))
    return concatenated(parts)


def rule_out_pairs(
    bulk: np.ndarray, asks: Rows, offers: Rows, ask_rows: np.ndarray | slice, offer_rows: slice
) -> None:
    """Set to -inf every pair of these rows that can never match (`rule_out`)."""
    rule_out(
        bulk,
        asks["member"][ask_rows],
        asks["rules"][ask_rows],
        offers["member"][offer_rows],
        offers["rules"][offer_rows],
    )


def exact_scores(
    asks: Rows,
    offers: Rows,
    scoring: Scoring,
    ask_rows: np.ndarray,
    pair_asks: np.ndarray,
    pair_offers: np.ndarray,
    bulk: np.ndarray,
) -> np.ndarray:
    """Exact scores of pairs (ask_rows[pair_asks], pair_offers): quick part, the rest, words.

    `bulk` holds each pair's quick-pass score.
    """
    words = asks["words"][ask_rows]
    dense, scale = dense_rows(words, scoring.words), scale_of(words)
    w = scoring.weights
    rest = np.einsum("ij,ij->i", asks["rest"][ask_rows[pair_asks]], offers["rest"][pair_offers])
    total = (
        bulk
        + rest
        + w[3] * overlaps(dense, scale, *offers.pair("words"), pair_asks, pair_offers)
        + w[4] * overlaps(dense, scale, *offers.pair("profile"), pair_asks, pair_offers)
        + scoring.bias
    )
    scores: np.ndarray = 1.0 / (1.0 + np.exp(-total))
    return scores


def best_scored_in_two(
    asks: Rows, offers: Rows, rows: np.ndarray, scoring: Scoring, candidates: int
) -> Pairs:
    """`best_scored`, with a forked worker scoring the later half of the asks meanwhile."""
    cut = (len(rows) + 1) // 2
    later = partial(best_scored, asks, offers, rows[cut:], scoring, candidates)
    with forked(later) as (theirs,):
        mine = best_scored(asks, offers, rows[:cut], scoring, candidates)
        return concatenated([mine, theirs.result().after(cut)])
