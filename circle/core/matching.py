"""Live ask ↔ offer matching: score every pair, abstain when nothing fits, spread the load.

The API, in full::

    index = MatchIndex(embedder)              # embedder: circle.match_model.load_embedder()
    index.add(MatchItem(id, member, "ask" | "offer", category | None, text, about=None))
    index.edit(item)                          # same id, new text or kind of help
    index.withdraw(item_id)
    index.suggestions()                       # {ask id: [Suggestion, best first]}
    index.suggestions_for(ask_id)             # [Suggestion, best first]

Each `Suggestion` has `ask`, `offer`, `giver`, `score` (0–1) and `why`, a line a person
can read, built from the words both items share. An ask gets no suggestion when no offer
scores `min_score` or more (an honest "nobody here"), never its own member's offers, and
never an offer that points the same way ("anyone know an accountant?" filed as an offer)
or breaks a limit it states. When several offers fit nearly as well, the first place goes
to the giver with the fewest first places so far. `rank_pool(items, embedder)` ranks a
whole pool in one call (the `circle match` command uses it).

How a pair scores: a static sentence vector (distilled from all-MiniLM-L6-v2), the words
and hand-kept concepts both texts share, the member's business line when known, and which
way each item points; `scripts/fit_match_weights.py` fits the weights on the labelled dev
set and prints the constants below.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from circle.core.embedding import Embedder
from circle.core.match_blas import on_one_blas_thread
from circle.core.match_explain import explain
from circle.core.match_features import (
    FEATURES,
    ask_rule_flags,
    ask_sides,
    limit_clash,
    offer_rule_flags,
    offer_sides,
    rule_out,
)
from circle.core.match_rank import (
    Candidate,
    best_pairs,
    floor_of,
    floors,
    ranked_lists,
    score_of,
    spread,
)
from circle.core.match_read import MatchItem, Reading, read_many
from circle.core.match_rows import Rows
from circle.core.match_words import Vocabulary, WordRows, dense_rows, overlaps

__all__ = ["BIAS", "MIN_SCORE", "WEIGHTS", "MatchIndex", "MatchItem", "Suggestion", "rank_pool"]

WEIGHTS = np.array(
    [2.54, 3.24, -1.62, 6.22, 1.36, 4.87, 0.98, 0.95, -3.34, 1.44, 1.08, 0.71, 1.01],
    dtype=np.float32,
)
"""One weight per entry of FEATURES (fitted by scripts/fit_match_weights.py)."""
BIAS = -6.12
MIN_SCORE = 0.60
"""Below this an ask is better left without a suggestion (calibrated on the dev set)."""
SPREAD_MARGIN = 0.04
"""Offers this close to the best count as equally good when spreading first places."""
CANDIDATES = 12
"""Offers per ask that get the full, exact score after the quick bulk pass."""
CHUNK = 2_000_000
"""Pairs scored per matrix product when ranking a whole pool: small enough to stay in cache."""

assert len(WEIGHTS) == len(FEATURES)


@dataclass(frozen=True)
class Suggestion:
    """One offer suggested for one ask."""

    ask: str
    offer: str
    giver: str
    score: float
    readings: tuple[Reading, Reading] = field(compare=False, repr=False)
    """The ask's and the offer's readings: the evidence `why` quotes."""

    @property
    def why(self) -> str:
        """One line a person can read: what the giver offers and what the asker asks."""
        return explain(*self.readings)


class MatchIndex:
    """Asks and offers of one circle or pool, with suggestions kept up to date item by item."""

    def __init__(
        self,
        embedder: Embedder,
        *,
        min_score: float = MIN_SCORE,
        top: int = 3,
        candidates: int = CANDIDATES,
        weights: np.ndarray = WEIGHTS,
        bias: float = BIAS,
    ) -> None:
        self.embedder = embedder
        self.min_score = min_score
        self.top = top
        self.candidates = candidates
        self.weights = weights
        self.bias = bias
        self.readings: dict[str, Reading] = {}
        self._asks = Rows()
        self._offers = Rows()
        self._members: dict[str, int] = {}
        self._vocabulary = Vocabulary()
        self._words: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._offer_words: tuple[WordRows, WordRows] | None = None
        self._ranked: dict[str, list[Candidate]] = {}
        self._floors: dict[str, float] = {}
        self._clashes: dict[tuple[str, str], str | None] = {}
        """The limit each checked pair breaks (or None), kept across re-ranks."""
        self._valid_now: dict[str, list[Candidate]] = {}
        """Each ask's candidates that pass the threshold and the limits, until its list changes."""
        self._valid_at = (min_score, top)
        self._shown: dict[tuple[str, Candidate], Suggestion] = {}
        """The suggestions last handed out, to hand out again while they hold."""

    def __len__(self) -> int:
        return len(self.readings)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.readings

    @on_one_blas_thread
    def add(self, item: MatchItem) -> None:
        """Take a new ask or offer; its suggestions (or the asks it serves) update at once."""
        (reading,) = self._read([item])
        if reading.kind == "ask":
            self._set_ranked(reading.id, self._rank_offers_for(reading.id))
        else:
            self._offer_arrived(reading.id)

    def extend(self, items: Iterable[MatchItem]) -> None:
        """Take many items at once and rank them in bulk (faster than adding one by one).

        A bad item raises before any item is taken.
        """
        self._read(list(items))
        self.rerank()

    def edit(self, item: MatchItem) -> None:
        """Replace an item's text, kind of help or member; the same as withdraw then add."""
        self.withdraw(item.id)
        self.add(item)

    @on_one_blas_thread
    def withdraw(self, item_id: str) -> None:
        """Drop an item; asks that had it among their candidates look again."""
        reading = self.readings.pop(item_id)
        del self._words[item_id]
        self._clashes = {pair: c for pair, c in self._clashes.items() if item_id not in pair}
        self._shown = {}
        if reading.kind == "ask":
            self._asks.remove(item_id)
            del self._ranked[item_id]
            del self._floors[item_id]
            self._valid_now.pop(item_id, None)
            return
        self._offers.remove(item_id)
        self._offer_words = None
        for ask_id, ranked in self._ranked.items():
            if any(c[1] == item_id for c in ranked):
                self._set_ranked(ask_id, self._rank_offers_for(ask_id))

    @on_one_blas_thread
    def rerank(self) -> None:
        """Rank every ask again from the kept readings: one matrix product per chunk of asks."""
        ids = self._asks.ids
        self._ranked = {ask_id: [] for ask_id in ids}
        self._floors = dict.fromkeys(ids, -np.inf)
        self._valid_now = {}
        if not self._offers:
            return
        chunk = max(1, CHUNK // len(self._offers))
        for start in range(0, len(ids), chunk):
            rows = slice(start, start + chunk)
            bulk = self._asks.vectors[rows] @ self._offers.vectors.T
            self._rule_out(bulk, rows, slice(None))
            pair_asks, pair_offers, values = best_pairs(bulk, self.candidates)
            scores = self._scores(rows, pair_asks, pair_offers, values)
            chunk_ids = ids[rows]
            self._ranked.update(
                zip(
                    chunk_ids,
                    ranked_lists(
                        len(bulk), pair_asks, self._offers.ids, pair_offers, values, scores
                    ),
                    strict=True,
                )
            )
            lowest = floors(len(bulk), pair_asks, values, self.candidates)
            self._floors.update(zip(chunk_ids, lowest.tolist(), strict=True))

    def suggestions_for(self, ask_id: str) -> list[Suggestion]:
        """This ask's suggestions, best first (spread over givers as in `suggestions`)."""
        return self.suggestions().get(ask_id, [])

    def suggestions(self) -> dict[str, list[Suggestion]]:
        """Every ask's suggestions, best first; first places spread over givers on near-ties."""
        if self._valid_at != (self.min_score, self.top):
            self._valid_now, self._valid_at = {}, (self.min_score, self.top)
        options = {ask_id: self._valid(ask_id) for ask_id in self._asks.ids}
        firsts: dict[str, int] = {}
        chosen: dict[str, list[Candidate]] = {}
        by_best = sorted(options, key=lambda a: options[a][0][0] if options[a] else 0.0)
        for ask_id in by_best:
            chosen[ask_id] = spread(options[ask_id], self._giver, firsts, SPREAD_MARGIN)
            if chosen[ask_id]:
                giver = self._giver(chosen[ask_id][0][1])
                firsts[giver] = firsts.get(giver, 0) + 1
        shown, self._shown = self._shown, {}
        return {
            ask_id: [self._suggestion(ask_id, c, shown) for c in chosen[ask_id]]
            for ask_id in self._asks.ids
        }

    def scores(self, ask_id: str) -> dict[str, float]:
        """The scores of this ask's candidates (pairs ruled out by direction are absent)."""
        return {c[1]: score_of(c) for c in self._ranked[ask_id]}

    # -- reading and scoring ----------------------------------------------------------------

    def _read(self, items: list[MatchItem]) -> list[Reading]:
        """Read new items and give each its rows: asks and offers side by side."""
        self._check(items)
        readings = read_many(items, self.embedder)
        for reading in readings:
            self.readings[reading.id] = reading
            vocabulary = self._vocabulary
            self._words[reading.id] = (
                vocabulary.of(reading.words),
                vocabulary.of(reading.profile_words),
            )
        asks = [r for r in readings if r.kind == "ask"]
        offers = [r for r in readings if r.kind == "offer"]
        if asks:
            heads, rests = ask_sides(asks, self.weights)
            self._asks.extend(
                [a.id for a in asks], heads, rests, self._member_codes(asks), ask_rule_flags(asks)
            )
        if offers:
            heads, rests = offer_sides(offers, self.weights)
            codes = self._member_codes(offers)
            self._offers.extend(
                [o.id for o in offers], heads, rests, codes, offer_rule_flags(offers)
            )
            self._offer_words = None
        return readings

    def _check(self, items: list[MatchItem]) -> None:
        """Refuse a batch with a known or repeated id, or an item that is neither ask nor offer."""
        seen: set[str] = set()
        for item in items:
            if item.id in self.readings or item.id in seen:
                raise ValueError(f"there is already an item with id {item.id!r}")
            if item.kind not in ("ask", "offer"):
                raise ValueError(f"an item is an ask or an offer, not {item.kind!r}")
            seen.add(item.id)

    def _member_codes(self, readings: list[Reading]) -> np.ndarray:
        members = self._members
        return np.array([members.setdefault(r.member, len(members)) for r in readings])

    def _giver(self, offer_id: str) -> str:
        return self.readings[offer_id].member

    def _rule_out(self, bulk: np.ndarray, asks: slice, offers: slice) -> None:
        a, o = self._asks, self._offers
        rule_out(bulk, a.members[asks], a.rules[asks], o.members[offers], o.rules[offers])

    def _scores(
        self, asks: slice, pair_asks: np.ndarray, pair_offers: np.ndarray, bulk: np.ndarray
    ) -> np.ndarray:
        """Exact scores of pairs (asks[pair_asks], pair_offers): quick part, the rest, words."""
        if self._offer_words is None:
            offer_ids = self._offers.ids
            self._offer_words = (
                WordRows([self._words[i][0] for i in offer_ids]),
                WordRows([self._words[i][1] for i in offer_ids]),
            )
        words, profiles = self._offer_words
        sets = [self._words[a][0] for a in self._asks.ids[asks]]
        dense = dense_rows(sets, len(self._vocabulary))
        sizes = np.array([len(s) for s in sets], dtype=np.int64)
        w = self.weights
        rest = np.einsum(
            "ij,ij->i", self._asks.rest[asks][pair_asks], self._offers.rest[pair_offers]
        )
        total = (
            bulk
            + rest
            + w[3] * overlaps(dense, sizes, words, pair_asks, pair_offers)
            + w[4] * overlaps(dense, sizes, profiles, pair_asks, pair_offers)
            + self.bias
        )
        scores: np.ndarray = 1.0 / (1.0 + np.exp(-total))
        return scores

    def _rank_offers_for(self, ask_id: str) -> list[Candidate]:
        if not self._offers:
            return []
        i = self._asks.index(ask_id)
        bulk = (self._offers.vectors @ self._asks.vectors[i])[None, :]
        self._rule_out(bulk, slice(i, i + 1), slice(None))
        rows, columns, values = best_pairs(bulk, self.candidates)
        scores = self._scores(slice(i, i + 1), rows, columns, values)
        return ranked_lists(1, rows, self._offers.ids, columns, values, scores)[0]

    def _offer_arrived(self, offer_id: str) -> None:
        """Let the new offer into each ask's candidates where its bulk score earns a place."""
        if not self._asks:
            return
        j = self._offers.index(offer_id)
        bulk = (self._asks.vectors @ self._offers.vectors[j])[:, None]
        self._rule_out(bulk, slice(None), slice(j, j + 1))
        column = bulk[:, 0]
        ids = self._asks.ids
        floors = np.array([self._floors[a] for a in ids])
        entering = np.flatnonzero(column > floors)
        if not len(entering):
            return
        values = column[entering]
        scores = self._scores(slice(None), entering, np.full(len(entering), j), values)
        news = zip(entering.tolist(), values.tolist(), scores.tolist(), strict=True)
        for i, value, score in news:
            ranked = self._ranked[ids[i]]
            if len(ranked) >= self.candidates:
                ranked.remove(min(ranked, key=lambda c: c[2]))
            ranked.append((-score, offer_id, value))
            ranked.sort()
            self._set_ranked(ids[i], ranked)

    def _set_ranked(self, ask_id: str, ranked: list[Candidate]) -> None:
        """Keep an ask's candidates and the quick-pass score a new offer must beat to join."""
        self._ranked[ask_id] = ranked
        self._floors[ask_id] = floor_of(ranked, self.candidates)
        self._valid_now.pop(ask_id, None)

    def _valid(self, ask_id: str) -> list[Candidate]:
        """Candidates at or above the threshold that break no stated limit, best first."""
        valid = self._valid_now.get(ask_id)
        if valid is not None:
            return valid
        valid = []
        for candidate in self._ranked[ask_id]:
            if score_of(candidate) < self.min_score or len(valid) == self.top:
                break
            if self._clash(ask_id, candidate[1]) is None:
                valid.append(candidate)
        self._valid_now[ask_id] = valid
        return valid

    def _clash(self, ask_id: str, offer_id: str) -> str | None:
        """The limit this pair breaks, checked once and remembered."""
        pair = (ask_id, offer_id)
        if pair not in self._clashes:
            self._clashes[pair] = limit_clash(self.readings[ask_id], self.readings[offer_id])
        return self._clashes[pair]

    def _suggestion(
        self, ask_id: str, candidate: Candidate, shown: dict[tuple[str, Candidate], Suggestion]
    ) -> Suggestion:
        key = (ask_id, candidate)
        suggestion = shown.get(key)
        if suggestion is None:
            offer = self.readings[candidate[1]]
            suggestion = Suggestion(
                ask=ask_id,
                offer=candidate[1],
                giver=offer.member,
                score=round(score_of(candidate), 3),
                readings=(self.readings[ask_id], offer),
            )
        self._shown[key] = suggestion
        return suggestion


def rank_pool(
    items: Iterable[MatchItem],
    embedder: Embedder,
    *,
    top: int = 3,
    min_score: float = MIN_SCORE,
) -> list[Suggestion]:
    """Suggestions for every ask of a pool, best first per ask, asks in the order given."""
    index = MatchIndex(embedder, min_score=min_score, top=top)
    index.extend(items)
    return [s for suggestions in index.suggestions().values() for s in suggestions]
