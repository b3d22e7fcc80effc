"""Reading a big batch on two cores: same readings as reading it serially, only sooner."""

import os

import numpy as np
import pytest

from circle.core import match_split
from circle.core.match_read import MatchItem, Reading, read_many
from circle.core.match_split import SPLIT_FROM, in_halves, split_worth_it
from circle.match_model import load_embedder

TEXTS = [
    ("ask", "Need a lawyer to look over my lease before Friday."),
    ("ask", "Looking for a bookkeeper who knows QuickBooks, NOT Xero."),
    ("ask", "I'd love to be a guest on podcasts about retail."),
    ("offer", "I'm an attorney, happy to review agreements."),
    ("offer", "I host a show on small business and need guests."),
    ("offer", "CPA here, can walk anyone through their books."),
]


def batch(count: int) -> list[MatchItem]:
    return [
        MatchItem(
            id=f"item-{k}",
            member=f"Member {k % 7}",
            kind=TEXTS[k % len(TEXTS)][0],
            category=None,
            text=f"{TEXTS[k % len(TEXTS)][1]} (note {k})",
            about=f"Business line {k % 5}" if k % 3 else None,
        )
        for k in range(count)
    ]


def summary(readings: list[Reading]) -> list[tuple[object, ...]]:
    """Everything a reading holds, in a form that compares by value."""
    return [
        (
            r.id,
            r.member,
            r.kind,
            r.text,
            r.low,
            r.about,
            r.words,
            r.profile_words,
            r.concepts,
            r.profile_concepts,
            r.stance,
            r.help,
            r.given_help,
            r.vector.tobytes(),
            r.content_vector.tobytes(),
            r.profile_vector.tobytes(),
        )
        for r in readings
    ]


def test_a_batch_read_in_halves_has_the_same_readings_as_read_serially(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = batch(240)
    serial = summary(read_many(items, load_embedder()))
    monkeypatch.setattr(match_split, "SPLIT_FROM", 100)
    monkeypatch.setattr(match_split.os, "sched_getaffinity", lambda _pid: {0, 1})
    assert summary(read_many(items, load_embedder())) == serial


def test_the_first_half_is_read_in_another_process_and_the_order_is_kept() -> None:
    def pids(part: list[int]) -> tuple[list[tuple[int, int]], np.ndarray]:
        return [(n, os.getpid()) for n in part], np.array(part, dtype=np.float32)[:, None]

    found, rows = in_halves(pids, list(range(11)))
    assert [n for n, _ in found] == list(range(11))
    assert rows[:, 0].tolist() == list(range(11))
    assert {pid for _, pid in found[:5]} != {os.getpid()}
    assert {pid for _, pid in found[5:]} == {os.getpid()}


def test_small_batches_and_single_items_stay_in_this_process() -> None:
    assert not split_worth_it(1)
    assert not split_worth_it(SPLIT_FROM - 1)


def test_a_machine_with_one_core_reads_serially(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(match_split.os, "sched_getaffinity", lambda _pid: {0})
    assert not split_worth_it(SPLIT_FROM * 10)
