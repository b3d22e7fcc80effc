"""A big batch shared with a forked worker: the same readings and suggestions, only sooner."""

import json
import os
from pathlib import Path

import pytest

from circle.core import match_split
from circle.core.match_read import MatchItem, Reading
from circle.core.match_split import (
    RANK_SPLIT_FROM,
    SPLIT_FROM,
    forked,
    rank_split_worth_it,
    split_worth_it,
)
from circle.core.matching import MatchIndex
from circle.match_model import load_embedder

DEV = Path(__file__).parents[1] / "data" / "match_dev.json"


def dev_items() -> list[MatchItem]:
    """Every item of the dev set, with its member's business line when there is one."""
    data = json.loads(DEV.read_text(encoding="utf-8"))
    items = []
    for circle in data["circles"]:
        about = {m["name"]: m.get("business") for m in circle.get("members", [])}
        items += [
            MatchItem(
                f"{circle['name']}/{i['id']}",
                f"{circle['name']}/{i['member']}",
                i["kind"],
                i["category"],
                i["text"],
                about.get(i["member"]),
            )
            for i in circle["items"]
        ]
    return items


def summary(reading: Reading) -> tuple[object, ...]:
    """Everything a reading holds, its stated limits included, in a form that compares."""
    return (
        reading.id,
        reading.member,
        reading.kind,
        reading.text,
        reading.low,
        reading.about,
        reading.words,
        reading.profile_words,
        reading.concepts,
        reading.profile_concepts,
        reading.stance,
        reading.help,
        reading.given_help,
        reading.vector.tobytes(),
        reading.content_vector.tobytes(),
        reading.profile_vector.tobytes(),
        reading.limits,
    )


def test_a_pool_shared_with_a_worker_reads_as_items_added_one_at_a_time_and_ranks_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = dev_items()
    one_by_one = MatchIndex(load_embedder())
    for item in items:
        one_by_one.add(item)
    alone = MatchIndex(load_embedder())
    alone.extend(items)
    monkeypatch.setattr(match_split, "SPLIT_FROM", 100)
    monkeypatch.setattr(match_split, "RANK_SPLIT_FROM", 100)
    monkeypatch.setattr(match_split.os, "sched_getaffinity", lambda _pid: {0, 1})
    shared = MatchIndex(load_embedder())
    shared.extend(items)
    assert [summary(shared.readings[i.id]) for i in items] == [
        summary(one_by_one.readings[i.id]) for i in items
    ]
    assert any(shared.readings[i.id].has_limits for i in items)
    asks = [i.id for i in items if i.kind == "ask"]
    assert [shared.scores(a) for a in asks] == [alone.scores(a) for a in asks]
    assert shared.suggestions() == alone.suggestions()
    assert [s.why for found in shared.suggestions().values() for s in found] == [
        s.why for found in alone.suggestions().values() for s in found
    ]


def test_a_bad_item_in_a_big_batch_is_refused_before_any_work_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(match_split, "SPLIT_FROM", 2)
    monkeypatch.setattr(match_split.os, "sched_getaffinity", lambda _pid: {0, 1})
    index = MatchIndex(load_embedder())
    items = dev_items()[:5]
    with pytest.raises(ValueError, match="already an item"):
        index.extend([*items, items[0]])
    assert len(index) == 0


def test_the_jobs_run_in_order_in_another_process() -> None:
    seen: list[int] = []

    def first() -> tuple[int, int]:
        seen.append(1)
        return os.getpid(), len(seen)

    def second() -> tuple[int, int]:
        seen.append(2)
        return os.getpid(), len(seen)

    with forked(first, second) as (one, two):
        (pid_one, count_one), (pid_two, count_two) = one.result(), two.result()
    assert pid_one == pid_two != os.getpid()
    assert (count_one, count_two) == (1, 2)
    assert seen == []


def test_small_batches_and_single_items_stay_in_this_process() -> None:
    assert not split_worth_it(1)
    assert not split_worth_it(SPLIT_FROM - 1)
    assert not rank_split_worth_it(300 * 300)
    assert not rank_split_worth_it(RANK_SPLIT_FROM - 1)


def test_a_machine_with_one_core_reads_serially(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(match_split.os, "sched_getaffinity", lambda _pid: {0})
    assert not split_worth_it(SPLIT_FROM * 10)
    assert not rank_split_worth_it(RANK_SPLIT_FROM * 10)
