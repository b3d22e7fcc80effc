"""Read a big batch on two cores: the first half in a forked worker, the rest here.

Reading is many small Python steps per text (cues, stems, concepts, token lookups), so a
pool of 20,000 texts keeps one core busy for seconds. For a batch of at least
`SPLIT_FROM` items on a machine with a second core, a forked worker reads the first half
while this process reads the second; the results are the same as read serially (the
worker runs the same function on the same inputs). Smaller batches, and the live
one-item path, stay serial: starting a worker costs more than it saves there.
"""

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")
D = TypeVar("D")

Read = Callable[[Sequence[T]], tuple[list[D], np.ndarray]]

SPLIT_FROM = 4000
"""Items from which a batch is read on two cores."""

_batch: tuple[Callable[[Sequence[Any]], Any], Sequence[Any]] | None = None
"""The work being split, inherited by the forked worker (so the model is not pickled)."""


def split_worth_it(count: int) -> bool:
    """Whether a batch this big is read faster on two cores (and this machine has them)."""
    return count >= SPLIT_FROM and len(os.sched_getaffinity(0)) > 1


def in_halves(read: Read[T, D], items: Sequence[T]) -> tuple[list[D], np.ndarray]:
    """`read(items)`, its first half done in a forked worker while this process does the rest."""
    global _batch
    half = len(items) // 2
    _batch = (read, items)
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork")) as worker:
            first = worker.submit(_read_first, half)
            rest, rest_rows = read(items[half:])
            done, rows = first.result()
    finally:
        _batch = None
    return [*done, *rest], np.concatenate([rows, rest_rows])


def _read_first(half: int) -> Any:
    """In the worker: the result of the split work on its first `half` items."""
    assert _batch is not None, "the worker is forked while a batch is being split"
    read, items = _batch
    return read(items[:half])
