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

How it stays fast: each item is read once, on arrival (`match_read`); a quick pass (one
matrix product per chunk of asks) picks each ask's best `CANDIDATES` offers, which alone
get the exact score; limits are checked only for pairs that pass the threshold, once;
and an added offer only enters the asks whose weakest candidate it beats. The bulk work
runs on one BLAS thread with the cycle collector held off (`match_bulk`); a big pool is
read (`match_batch`) and ranked (`match_pairs`) on two cores.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from circle.core.embedding import Embedder
from circle.core.match_batch import batch_read
from circle.core.match_bulk import bulk_work
from circle.core.match_explain import explain
from circle.core.match_features import FEATURES, limit_clash
from circle.core.match_pairs import (
    WORD_FILLS,
    Scoring,
    ask_columns,
    best_scored,
    best_scored_in_two,
    exact_scores,
    offer_columns,
    rule_out_pairs,
)
from circle.core.match_rank import (
    Candidate,
    floor_of,
    floors,
    ranked_lists,
    score_of,
    spread,
)
from circle.core.match_read import MatchItem, Reading, read_many
from circle.core.match_rows import Rows
from circle.core.match_split import rank_split_worth_it
from circle.core.match_words import Vocabulary

__all__ = ["BIAS", "MIN_SCORE", "WEIGHTS", "MatchIndex", "MatchItem", "Suggestion", "rank_pool"]

WEIGHTS = np.array(
    [2.76, 2.92, -1.4, 6.2, 1.37, 4.92, 0.76, 0.94, -3.31, 1.48, 1.08, 0.94, 1.03],
    dtype=np.float32,
)
"""One weight per entry of FEATURES (fitted by scripts/fit_match_weights.py)."""
BIAS = -6.18
MIN_SCORE = 0.52
"""Below this an ask is better left without a suggestion (calibrated on circles left out)."""
SPREAD_MARGIN = 0.04
"""Offers this close to the best count as equally good when spreading first places."""
CANDIDATES = 12
"""Offers per ask that get the full, exact score after the quick bulk pass."""

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
        self._asks = Rows(WORD_FILLS)
        self._offers = Rows(WORD_FILLS)
        self._members: dict[str, int] = {}
        self._vocabulary = Vocabulary()
        self._ranked: dict[str, list[Candidate]] = {}
        self._floors: dict[str, float] = {}
        self._clashes: dict[tuple[str, str], str | None] = {}
        """The limit each checked pair breaks (or None), kept across re-ranks."""
        self._valid_now: dict[str, list[Candidate]] = {}
        """Each ask's candidates that pass the threshold and the limits, until its list changes."""
        self._valid_at = (min_score, top)
        self._shown: dict[str, tuple[list[Candidate], list[Suggestion]]] = {}
        """Each ask's suggestions last handed out, to hand out again while they hold."""
        self._result: tuple[tuple[float, int], dict[str, list[Suggestion]]] | None = None
        """The last `suggestions()`, and the threshold and length it was made with,
        until an item comes, goes or is ranked again."""

    def __len__(self) -> int:
        return len(self.readings)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.readings

    @bulk_work
    def add(self, item: MatchItem) -> None:
        """Take a new ask or offer; its suggestions (or the asks it serves) update at once."""
        (reading,) = self._read([item])
        self._result = None
        if reading.kind == "ask":
            self._rank_rows(np.array([self._asks.index(reading.id)]))
        else:
            self._offer_arrived(reading.id)

    @bulk_work
    def extend(self, items: Iterable[MatchItem]) -> None:
        """Take many items at once and rank them in bulk (faster than adding one by one).

        A bad item raises before any item is taken. A big batch is shared with a forked
        worker (`match_batch`): it reads the first part of the items, then the limits of
        all, while this process reads the rest; a big pool's ranking is shared too
        (`match_pairs`).
        """
        batch = list(items)
        self._check(batch)
        with batch_read(batch, self.embedder) as readings:
            self._take(readings)
            self.rerank()

    def edit(self, item: MatchItem) -> None:
        """Replace an item's text, kind of help or member; the same as withdraw then add."""
        self.withdraw(item.id)
        self.add(item)

    @bulk_work
    def withdraw(self, item_id: str) -> None:
        """Drop an item; asks that had it among their candidates look again."""
        reading = self.readings.pop(item_id)
        self._result = None
        self._clashes = {pair: c for pair, c in self._clashes.items() if item_id not in pair}
        self._shown = {
            ask_id: shown
            for ask_id, shown in self._shown.items()
            if ask_id != item_id and all(c[1] != item_id for c in shown[0])
        }
        if reading.kind == "ask":
            self._asks.remove(item_id)
            del self._ranked[item_id]
            del self._floors[item_id]
            self._valid_now.pop(item_id, None)
            return
        self._offers.remove(item_id)
        had_it = [a for a, ranked in self._ranked.items() if any(c[1] == item_id for c in ranked)]
        self._rank_rows(np.array([self._asks.index(a) for a in had_it], dtype=np.int64))

    @bulk_work
    def rerank(self) -> None:
        """Rank every ask again from the kept readings: one matrix product per chunk of asks."""
        ids = self._asks.ids
        self._result = None
        self._ranked = {ask_id: [] for ask_id in ids}
        self._floors = dict.fromkeys(ids, -np.inf)
        self._valid_now = {}
        if not self._offers:
            return
        self._rank_rows(np.arange(len(ids)))

    def _rank_rows(self, rows: np.ndarray) -> None:
        """Rank these asks (row numbers) again: one matrix product per chunk of them."""
        ids = self._asks.ids
        if not len(rows) or not self._offers:
            for ask_id in (ids[i] for i in rows.tolist()):
                self._set_ranked(ask_id, [])
            return
        score = best_scored
        if rank_split_worth_it(len(rows) * len(self._offers)):
            score = best_scored_in_two
        pairs = score(self._asks, self._offers, rows, self._scoring(), self.candidates)
        ranked = ranked_lists(
            len(rows), pairs.asks, self._offers.ids, pairs.offers, pairs.quick, pairs.scores
        )
        lowest = floors(len(rows), pairs.asks, pairs.quick, self.candidates).tolist()
        for i, candidates, floor in zip(rows.tolist(), ranked, lowest, strict=True):
            self._ranked[ids[i]] = candidates
            self._floors[ids[i]] = floor
            self._valid_now.pop(ids[i], None)

    def suggestions_for(self, ask_id: str) -> list[Suggestion]:
        """This ask's suggestions, best first (spread over givers as in `suggestions`)."""
        return self.suggestions().get(ask_id, [])

    @bulk_work
    def suggestions(self) -> dict[str, list[Suggestion]]:
        """Every ask's suggestions, best first; first places spread over givers on near-ties."""
        settings = (self.min_score, self.top)
        if self._result is None or self._result[0] != settings:
            self._result = (settings, self._spread_all())
        return {ask_id: list(found) for ask_id, found in self._result[1].items()}

    def _spread_all(self) -> dict[str, list[Suggestion]]:
        """Walk the asks from the best first score down, spreading first places over givers."""
        if self._valid_at != (self.min_score, self.top):
            self._valid_now, self._valid_at = {}, (self.min_score, self.top)
        ids, valid = self._asks.ids, self._valid
        options = [valid(ask_id) for ask_id in ids]
        bests = [found[0][0] if found else 0.0 for found in options]
        chosen = list(options)
        firsts: dict[str, int] = {}
        for k in sorted(range(len(ids)), key=bests.__getitem__):
            found = options[k]
            if not found:
                break  # asks without options sort last
            if len(found) > 1 and found[1][0] <= found[0][0] + SPREAD_MARGIN:
                found = chosen[k] = spread(found, self._giver, firsts, SPREAD_MARGIN)
            giver = self._giver(found[0][1])
            firsts[giver] = firsts.get(giver, 0) + 1
        return {ask_id: self._shown_for(ask_id, c) for ask_id, c in zip(ids, chosen, strict=True)}

    def scores(self, ask_id: str) -> dict[str, float]:
        """The scores of this ask's candidates (pairs ruled out by direction are absent)."""
        return {c[1]: score_of(c) for c in self._ranked[ask_id]}

    # -- reading and scoring ----------------------------------------------------------------

    def _read(self, items: list[MatchItem]) -> list[Reading]:
        """Read new items and give each its rows."""
        self._check(items)
        readings = read_many(items, self.embedder)
        self._take(readings)
        return readings

    def _take(self, readings: list[Reading]) -> None:
        """Keep new readings and give each its rows: asks and offers side by side."""
        for reading in readings:
            self.readings[reading.id] = reading
        asks = [r for r in readings if r.kind == "ask"]
        offers = [r for r in readings if r.kind == "offer"]
        vocabulary, members = self._vocabulary, self._members
        if asks:
            columns = ask_columns(asks, self.weights, vocabulary, members)
            self._asks.extend([a.id for a in asks], **columns)
        if offers:
            columns = offer_columns(offers, self.weights, vocabulary, members)
            self._offers.extend([o.id for o in offers], **columns)

    def _check(self, items: list[MatchItem]) -> None:
        """Refuse a batch with a known or repeated id, or an item that is neither ask nor offer."""
        seen: set[str] = set()
        for item in items:
            if item.id in self.readings or item.id in seen:
                raise ValueError(f"there is already an item with id {item.id!r}")
            if item.kind not in ("ask", "offer"):
                raise ValueError(f"an item is an ask or an offer, not {item.kind!r}")
            seen.add(item.id)

    def _giver(self, offer_id: str) -> str:
        return self.readings[offer_id].member

    def _scoring(self) -> Scoring:
        return Scoring(self.weights, self.bias, len(self._vocabulary))

    def _offer_arrived(self, offer_id: str) -> None:
        """Let the new offer into each ask's candidates where its bulk score earns a place."""
        if not self._asks:
            return
        j = self._offers.index(offer_id)
        bulk = (self._asks["head"] @ self._offers["head"][j])[:, None]
        rule_out_pairs(bulk, self._asks, self._offers, slice(None), slice(j, j + 1))
        column = bulk[:, 0]
        ids = self._asks.ids
        floors = np.array([self._floors[a] for a in ids])
        entering = np.flatnonzero(column > floors)
        if not len(entering):
            return
        values = column[entering]
        together = np.arange(len(entering))
        scores = exact_scores(
            self._asks,
            self._offers,
            self._scoring(),
            entering,
            together,
            np.full(len(entering), j),
            values,
        )
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
        """The limit this pair breaks, checked once and remembered (when either states any)."""
        ask, offer = self.readings[ask_id], self.readings[offer_id]
        if not (ask.has_limits or offer.has_limits):
            return None
        pair = (ask_id, offer_id)
        if pair not in self._clashes:
            self._clashes[pair] = limit_clash(ask, offer)
        return self._clashes[pair]

    def _shown_for(self, ask_id: str, chosen: list[Candidate]) -> list[Suggestion]:
        """The ask's suggestions for these candidates; the same objects while they hold."""
        last = self._shown.get(ask_id)
        if last is None or last[0] != chosen:
            ask = self.readings[ask_id]
            last = (chosen, [self._suggestion(ask, c) for c in chosen])
            self._shown[ask_id] = last
        return last[1]

    def _suggestion(self, ask: Reading, candidate: Candidate) -> Suggestion:
        offer = self.readings[candidate[1]]
        return Suggestion(
            ask=ask.id,
            offer=offer.id,
            giver=offer.member,
            score=round(score_of(candidate), 3),
            readings=(ask, offer),
        )


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
