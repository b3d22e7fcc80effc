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

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from circle.core.embedding import Embedder
from circle.core.match_explain import explain
from circle.core.match_features import (
    FEATURES,
    Reading,
    ask_rule_flags,
    ask_side,
    clash_mask,
    limit_clash,
    offer_rule_flags,
    offer_side,
    read,
    word_score,
)
from circle.core.match_rows import Rows

WEIGHTS = np.array(
    [2.7, 3.18, -1.6, 6.03, 1.92, 5.26, 1.07, 0.79, -3.46, 1.65, 1.29, -1.13, 0.87, 0.96],
    dtype=np.float32,
)
"""One weight per entry of FEATURES (fitted by scripts/fit_match_weights.py)."""
BIAS = -6.34
MIN_SCORE = 0.62
"""Below this an ask is better left without a suggestion (calibrated on the dev set)."""
SPREAD_MARGIN = 0.04
"""Offers this close to the best count as equally good when spreading first places."""
CANDIDATES = 24
"""Offers per ask that get the full, exact score after the quick bulk pass."""

assert len(WEIGHTS) == len(FEATURES)


@dataclass(frozen=True)
class MatchItem:
    """An ask or an offer as the matcher sees it."""

    id: str
    member: str
    kind: str
    """"ask" or "offer"."""
    category: str | None
    """The kind of help (`circle.model.HelpKind` values), or None to infer it."""
    text: str
    about: str | None = None
    """The member's business line, when known; it sharpens what an offer can cover."""


@dataclass(frozen=True)
class Suggestion:
    """One offer suggested for one ask."""

    ask: str
    offer: str
    giver: str
    score: float
    why: str


@dataclass
class _Candidate:
    offer: str
    bulk: float
    score: float
    checked: bool = False
    """Whether the pair's stated limits were checked (lazily: most pairs never need it)."""
    clash: str | None = None
    """The limit the pair breaks, once checked."""


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


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
        self._ranked: dict[str, list[_Candidate]] = {}

    def __len__(self) -> int:
        return len(self.readings)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.readings

    def add(self, item: MatchItem) -> None:
        """Take a new ask or offer; its suggestions (or the asks it serves) update at once."""
        reading = self._read(item)
        if reading.kind == "ask":
            self._ranked[reading.id] = self._rank_offers_for(reading)
        else:
            self._offer_arrived(reading)

    def extend(self, items: Iterable[MatchItem]) -> None:
        """Take many items at once and rank them in bulk (faster than adding one by one)."""
        for item in items:
            self._read(item)
        self.rerank()

    def edit(self, item: MatchItem) -> None:
        """Replace an item's text, kind of help or member; the same as withdraw then add."""
        self.withdraw(item.id)
        self.add(item)

    def withdraw(self, item_id: str) -> None:
        """Drop an item; asks that had it among their candidates look again."""
        reading = self.readings.pop(item_id)
        if reading.kind == "ask":
            self._asks.remove(item_id)
            del self._ranked[item_id]
            return
        self._offers.remove(item_id)
        for ask_id, ranked in self._ranked.items():
            if any(c.offer == item_id for c in ranked):
                self._ranked[ask_id] = self._rank_offers_for(self.readings[ask_id])

    def rerank(self) -> None:
        """Rank every ask again from the kept readings."""
        self._ranked = {ask_id: [] for ask_id in self._asks.ids}
        if not self._offers:
            return
        chunk = max(1, 4_000_000 // len(self._offers))
        ids = self._asks.ids
        for start in range(0, len(ids), chunk):
            rows = slice(start, start + chunk)
            bulk = self._asks.vectors[rows] @ self._offers.vectors.T
            bulk[self._mask(rows, slice(None))] = -np.inf
            for i, columns in enumerate(_best_columns(bulk, self.candidates)):
                ask = self.readings[ids[start + i]]
                self._ranked[ask.id] = self._exact(ask, columns, bulk[i, columns])

    def suggestions_for(self, ask_id: str) -> list[Suggestion]:
        """This ask's suggestions, best first (spread over givers as in `suggestions`)."""
        return self.suggestions().get(ask_id, [])

    def suggestions(self) -> dict[str, list[Suggestion]]:
        """Every ask's suggestions, best first; first places spread over givers on near-ties."""
        options = {ask_id: self._valid(ask_id) for ask_id in self._asks.ids}
        firsts: dict[str, int] = {}
        result: dict[str, list[Suggestion]] = {}
        by_best = sorted(options, key=lambda a: -(options[a][0].score if options[a] else 0.0))
        for ask_id in by_best:
            chosen = _spread(options[ask_id], self.readings, firsts)
            if chosen:
                giver = self.readings[chosen[0].offer].member
                firsts[giver] = firsts.get(giver, 0) + 1
            result[ask_id] = [self._suggestion(ask_id, c) for c in chosen]
        return {ask_id: result[ask_id] for ask_id in self._asks.ids}

    def scores(self, ask_id: str) -> dict[str, float]:
        """The exact scores of this ask's candidates (pairs ruled out by direction are absent)."""
        return {c.offer: c.score for c in self._ranked[ask_id]}

    # -- reading and scoring ----------------------------------------------------------------

    def _read(self, item: MatchItem) -> Reading:
        if item.id in self.readings:
            raise ValueError(f"there is already an item with id {item.id!r}")
        if item.kind not in ("ask", "offer"):
            raise ValueError(f"an item is an ask or an offer, not {item.kind!r}")
        reading = read(
            item.id, item.member, item.kind, item.category, item.text, item.about, self.embedder
        )
        self.readings[item.id] = reading
        member = self._members.setdefault(item.member, len(self._members))
        if item.kind == "ask":
            rules = ask_rule_flags([reading])[0]
            self._asks.add(item.id, ask_side(reading, self.weights), member, rules)
        else:
            rules = offer_rule_flags([reading])[0]
            self._offers.add(item.id, offer_side(reading, self.weights), member, rules)
        return reading

    def _mask(self, asks: slice, offers: slice) -> np.ndarray:
        a, o = self._asks, self._offers
        return clash_mask(a.members[asks], a.rules[asks], o.members[offers], o.rules[offers])

    def _exact(self, ask: Reading, columns: np.ndarray, bulk: np.ndarray) -> list[_Candidate]:
        """Full scores for the given offer columns, best first."""
        ranked = []
        for j, value in zip(columns, bulk, strict=True):
            offer = self.readings[self._offers.ids[j]]
            total = float(value) + word_score(ask, offer, self.weights) + self.bias
            ranked.append(_Candidate(offer.id, float(value), sigmoid(total)))
        ranked.sort(key=lambda c: (-c.score, c.offer))
        return ranked

    def _rank_offers_for(self, ask: Reading) -> list[_Candidate]:
        if not self._offers:
            return []
        i = self._asks.index(ask.id)
        bulk = self._offers.vectors @ self._asks.vectors[i]
        bulk[self._mask(slice(i, i + 1), slice(None))[0]] = -np.inf
        columns = _best_columns(bulk[None, :], self.candidates)[0]
        return self._exact(ask, columns, bulk[columns])

    def _offer_arrived(self, offer: Reading) -> None:
        """Let the new offer into each ask's candidates where its bulk score earns a place."""
        if not self._asks:
            return
        j = self._offers.index(offer.id)
        column = self._asks.vectors @ self._offers.vectors[j]
        column[self._mask(slice(None), slice(j, j + 1))[:, 0]] = -np.inf
        for i in np.flatnonzero(np.isfinite(column)):
            ask_id = self._asks.ids[i]
            ranked = self._ranked[ask_id]
            if len(ranked) >= self.candidates:
                weakest = min(ranked, key=lambda c: c.bulk)
                if column[i] <= weakest.bulk:
                    continue
                ranked.remove(weakest)
            ranked.extend(self._exact(self.readings[ask_id], np.array([j]), column[i : i + 1]))
            ranked.sort(key=lambda c: (-c.score, c.offer))

    def _valid(self, ask_id: str) -> list[_Candidate]:
        """Candidates at or above the threshold that break no stated limit, best first."""
        ask = self.readings[ask_id]
        valid: list[_Candidate] = []
        for candidate in self._ranked[ask_id]:
            if candidate.score < self.min_score or len(valid) == self.top:
                break
            if not candidate.checked:
                candidate.clash = limit_clash(ask, self.readings[candidate.offer])
                candidate.checked = True
            if candidate.clash is None:
                valid.append(candidate)
        return valid

    def _suggestion(self, ask_id: str, candidate: _Candidate) -> Suggestion:
        ask, offer = self.readings[ask_id], self.readings[candidate.offer]
        return Suggestion(
            ask=ask_id,
            offer=candidate.offer,
            giver=offer.member,
            score=round(candidate.score, 3),
            why=explain(ask, offer),
        )


def _best_columns(bulk: np.ndarray, k: int) -> list[np.ndarray]:
    """Per row, the columns of the k highest finite values (unordered)."""
    if bulk.shape[1] <= k:
        return [np.flatnonzero(np.isfinite(row)) for row in bulk]
    top = np.argpartition(-bulk, k - 1, axis=1)[:, :k]
    return [cols[np.isfinite(row[cols])] for row, cols in zip(bulk, top, strict=True)]


def _spread(
    options: list[_Candidate], readings: dict[str, Reading], firsts: dict[str, int]
) -> list[_Candidate]:
    """Put first the near-best option whose giver has the fewest first places so far."""
    if len(options) < 2:
        return options
    near = [c for c in options if c.score >= options[0].score - SPREAD_MARGIN]
    best = min(near, key=lambda c: (firsts.get(readings[c.offer].member, 0), -c.score))
    return [best, *(c for c in options if c is not best)]


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
