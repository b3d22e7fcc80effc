"""Run the matcher's bulk work on one BLAS thread and without cycle collection.

The products here are small (hundreds of rows) or cut into chunks; waking BLAS worker
threads for them costs more than the arithmetic, and on a busy machine a worker that is
not scheduled stalls the whole product (a 300 × 300 product went from 0.5 ms to 9 ms).
Reading or ranking a big pool makes hundreds of thousands of small objects, none of them
in a reference cycle; the collector's full passes over them cost a third of the time.
Both hold only inside `bulk_work()`; the previous settings come back after. When one call
made `FREEZE_FROM` objects or more, they (and all others alive then) are frozen
(`gc.freeze()`) before the collector is turned back on: its passes would walk them all
again and again and find nothing to free. Frozen objects are still freed when their last
reference goes; only a cycle among them would stay (the index makes none).
"""

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, wraps
from typing import ParamSpec, TypeVar

from threadpoolctl import ThreadpoolController

FREEZE_FROM = 100_000
"""Objects made by one bulk call from which they are kept out of the collector's passes."""

P = ParamSpec("P")
R = TypeVar("R")


@cache
def _controller() -> ThreadpoolController:
    """The thread pools of the BLAS libraries loaded in this process (found once)."""
    return ThreadpoolController()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Limit BLAS to one thread for the duration of the block."""
    with _controller().limit(limits=1, user_api="blas"):
        yield


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Hold the cycle collector off for the duration of the block (if it was on); freeze
    what a big block made."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            if gc.get_count()[0] >= FREEZE_FROM:
                gc.freeze()
            gc.enable()


def bulk_work(function: Callable[P, R]) -> Callable[P, R]:
    """Decorate a method of the index: one BLAS thread, no cycle collection while it runs."""

    @wraps(function)
    def limited(*args: P.args, **kwargs: P.kwargs) -> R:
        with one_blas_thread(), no_cycle_collection():
            return function(*args, **kwargs)

    return limited
