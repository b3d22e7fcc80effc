"""Read a batch of items for the match index, a big one shared with a forked worker.

Reading is many small Python steps per text, so for a batch big enough (`match_split`)
a worker forked on the second core reads the first part of the items, then the stated
limits of all, while this process reads the rest. The readings are the ones `read_many`
would make: the worker sends back what it read, and the limits it read are given to the
readings before the block ends, so none is read again.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial

import numpy as np

from circle.core.embedding import Embedder
from circle.core.match_read import (
    MatchItem,
    Reading,
    drafts_and_vectors,
    know_limits,
    limits_stated,
    read_many,
    readings_of,
)
from circle.core.match_split import WORKER_SHARE, forked, split_worth_it


@contextmanager
def batch_read(batch: list[MatchItem], embedder: Embedder) -> Iterator[list[Reading]]:
    """The batch's readings, in its order; the block runs while the worker reads limits."""
    if not split_worth_it(len(batch)):
        yield read_many(batch, embedder)
        return
    cut = round(len(batch) * WORKER_SHARE)
    with forked(
        partial(drafts_and_vectors, batch[:cut], embedder),
        partial(limits_stated, batch),
    ) as (first, limits):
        drafts, vectors = drafts_and_vectors(batch[cut:], embedder)
        first_drafts, first_vectors = first.result()
        both = np.concatenate([first_vectors, vectors])
        readings = readings_of(batch, [*first_drafts, *drafts], both)
        yield readings
        know_limits(readings, limits.result())
