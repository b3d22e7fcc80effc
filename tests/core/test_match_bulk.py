"""A big pool is ranked in bulk exactly as it would be item by item, and leaves no trace.

Ranking wide pools takes shortcuts (best offers found block by block, a member's own
offers found through the offers sorted by member, sentence vectors summed in batches);
each shortcut gives what the plain computation gives.
"""

import gc
import random

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from circle.core import match_bulk
from circle.core.embedding import StaticEmbedder
from circle.core.match_features import same_member_pairs
from circle.core.match_rank import best_pairs
from circle.core.match_stance import read_stance
from circle.core.matching import MatchIndex, MatchItem
from circle.match_model import load_embedder

VOCABULARY = sorted(load_embedder().tokenizer.ids, key=load_embedder().tokenizer.ids.__getitem__)


@pytest.mark.parametrize("width", [3, 12, 300, 1100, 5000])
def test_the_best_offers_of_each_ask_are_the_k_highest_whatever_the_width(width: int) -> None:
    rng = np.random.default_rng(width)
    bulk = rng.random((30, width)).astype(np.float32)
    bulk[rng.random(bulk.shape) < 0.3] = -np.inf
    bulk[3, :] = -np.inf
    rows, columns, values = best_pairs(bulk, 12)
    for i, row in enumerate(bulk):
        finite = np.flatnonzero(np.isfinite(row))
        expected = set(finite[np.argsort(-row[finite])][:12].tolist())
        assert set(columns[rows == i].tolist()) == expected
    assert np.array_equal(values, bulk[rows, columns])


def test_every_pair_of_one_members_ask_and_offer_is_found() -> None:
    rng = np.random.default_rng(1)
    for _ in range(20):
        asks = rng.integers(0, 20, size=rng.integers(0, 40))
        offers = rng.integers(0, 20, size=rng.integers(0, 40))
        rows, columns = same_member_pairs(asks, offers)
        found = set(zip(rows.tolist(), columns.tolist(), strict=True))
        assert found == {(i, j) for i, a in enumerate(asks) for j, o in enumerate(offers) if a == o}


def test_texts_embedded_together_get_the_vectors_they_get_alone() -> None:
    embedder = load_embedder()
    texts = ["Need a lawyer to check my lease.", "🙂", "CPA here, happy to help", "", "lawyer"]
    together = embedder.embed([*texts, texts[0]])
    alone = np.vstack([StaticEmbedder(VOCABULARY, embedder.vectors).embed([t]) for t in texts])
    assert np.allclose(together[:-1], alone, atol=1e-6)
    assert np.array_equal(together[-1], together[0]), "a text that comes twice gets one vector"
    assert np.allclose(np.linalg.norm(together, axis=1), [1, 0, 1, 0, 1, 1], atol=1e-6)


def test_an_ask_is_read_for_what_it_seeks_and_an_offer_for_what_it_gives() -> None:
    text = "Happy to speak at your event; looking for more clients too."
    full, ask, offer = read_stance(text), read_stance(text, "ask"), read_stance(text, "offer")
    assert (ask.pitch, ask.seeks_talent) == (full.pitch, full.seeks_talent)
    assert (offer.talent, offer.access, offer.stage, offer.requests, offer.refers_out) == (
        full.talent,
        full.access,
        full.stage,
        full.requests,
        full.refers_out,
    )
    assert not ask.talent
    assert not offer.pitch


def test_a_wide_pool_ranked_in_bulk_matches_one_fed_item_by_item() -> None:
    rng = random.Random(5)
    words = ["lawyer", "contract", "photos", "candles", "podcast", "guest", "speaker", "tax"]
    towns = ["Dayton", "Austin", "Leeds", "Denver", "Boston", "Porto", "Tokyo", "Seattle"]
    items = [
        MatchItem(
            f"{kind}-{k}",
            f"Member {rng.randrange(150)}",
            kind,
            None,
            # No two texts alike: offers tied on score may enter either way.
            f"{'Need' if kind == 'ask' else 'Happy to help with'} "
            f"{' '.join(rng.sample(words, 3))}, {' '.join(rng.sample(towns, 2))} ref{k}",
        )
        for kind, count in (("ask", 40), ("offer", 1100))
        for k in range(count)
    ]
    bulk = MatchIndex(load_embedder())
    bulk.extend(items)
    live = MatchIndex(load_embedder())
    for item in items:
        live.add(item)
    assert bulk.suggestions() == live.suggestions()


def test_a_batch_with_a_bad_item_is_refused_whole() -> None:
    index = MatchIndex(load_embedder())
    good = MatchItem("a1", "Ana", "ask", None, "Need product photos.")
    with pytest.raises(ValueError, match="ask or an offer"):
        index.extend([good, MatchItem("x1", "Bo", "note", None, "hello")])
    with pytest.raises(ValueError, match="already"):
        index.extend([good, good])
    assert len(index) == 0
    index.extend([good])
    assert index.suggestions() == {"a1": []}


def test_bulk_work_leaves_the_collector_and_the_blas_threads_as_it_found_them() -> None:
    threads = [pool["num_threads"] for pool in threadpool_info()]
    index = MatchIndex(load_embedder())
    index.extend([MatchItem("a1", "Ana", "ask", None, "Need product photos.")])
    index.suggestions()
    assert gc.isenabled()
    assert [pool["num_threads"] for pool in threadpool_info()] == threads


def test_a_big_bulk_call_keeps_what_it_made_out_of_the_collectors_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = [MatchItem(f"a{k}", f"M{k}", "ask", None, f"Need help {k}.") for k in range(40)]
    index = MatchIndex(load_embedder())
    index.add(MatchItem("o1", "Ola", "offer", None, "I can help with product photos."))
    assert gc.get_freeze_count() == 0  # one item makes too little to be worth freezing
    monkeypatch.setattr(match_bulk, "FREEZE_FROM", 100)
    try:
        index.extend(items)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 1000
        assert index.suggestions_for("a1") == index.suggestions_for("a1")
    finally:
        gc.unfreeze()
