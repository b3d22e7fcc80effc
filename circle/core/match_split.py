"""Run a big batch's side jobs in a forked worker, on a second core, while this process works on.

Reading is many small Python steps per text (cues, stems, concepts, token lookups), so a
pool of 20,000 texts keeps one core busy for seconds. For a batch of at least `SPLIT_FROM`
items on a machine with a second core, the match index hands a forked worker the first
part of the reading and then the texts' stated limits, while it reads the rest and ranks.
The worker inherits its jobs (and the batch and model they use) through the fork, so only
results cross between the processes; a job's result is what it would have been here.
Ranking a pool of at least `RANK_SPLIT_FROM` pairs is shared the same way: a worker
forked once the rows are built scores the later half of the asks (`match_pairs`).
Smaller batches, and the live one-item path, stay in this process: starting a worker
costs more than it saves there.
"""

import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from typing import Any

SPLIT_FROM = 4000
"""Items from which a batch is worth a second process."""
RANK_SPLIT_FROM = 20_000_000
"""Pairs (asks × offers) from which ranking is worth sharing with a worker."""
WORKER_SHARE = 0.45
"""The share of a batch's texts the worker reads: a little under half, as it also forks and
sends its readings back, so that both processes finish reading at about the same time."""

_jobs: list[Callable[[], Any]] = []
"""The jobs of the worker being started, inherited by it through the fork."""


def split_worth_it(count: int) -> bool:
    """Whether a batch this big is done faster on two cores (and this machine has them)."""
    return count >= SPLIT_FROM and _two_cores()


def rank_split_worth_it(pairs: int) -> bool:
    """Whether ranking this many (ask, offer) pairs is done faster on two cores."""
    return pairs >= RANK_SPLIT_FROM and _two_cores()


def _two_cores() -> bool:
    return len(os.sched_getaffinity(0)) > 1


@contextmanager
def forked(*jobs: Callable[[], Any]) -> Iterator[list[Future[Any]]]:
    """Run these jobs one after another in a forked worker; their futures, in the same order.

    The worker is forked at once, so the jobs see the data as it is now; leaving the block
    waits for any job still running. Another worker can be forked inside the block (its
    jobs run beside these).
    """
    global _jobs
    before, _jobs = _jobs, list(jobs)
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork")) as worker:
            yield [worker.submit(_run, k) for k in range(len(jobs))]
    finally:
        _jobs = before


def _run(k: int) -> Any:
    """In the worker: the result of its k-th job."""
    return _jobs[k]()
