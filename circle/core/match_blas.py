"""Run the matcher's matrix products on one BLAS thread.

The products here are small (hundreds of rows) or cut into chunks; waking BLAS worker
threads for them costs more than the arithmetic, and on a busy machine a worker that is
not scheduled stalls the whole product (a 300 × 300 product went from 0.5 ms to 9 ms).
The limit holds only inside `one_blas_thread()`; the previous setting comes back after.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, wraps
from typing import ParamSpec, TypeVar

from threadpoolctl import ThreadpoolController

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


def on_one_blas_thread(function: Callable[P, R]) -> Callable[P, R]:
    """Decorate a function so that its matrix products run on one BLAS thread."""

    @wraps(function)
    def limited(*args: P.args, **kwargs: P.kwargs) -> R:
        with one_blas_thread():
            return function(*args, **kwargs)

    return limited
