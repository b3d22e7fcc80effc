"""A phone's live stream groups changes that commit close together, so a room joining at once
costs each phone a few sends; the first change after a quiet spell still leaves at once."""

import asyncio
import time

from fastapi import FastAPI

from tests.web.facilitator import Facilitator

Batch = tuple[float, list[int]]


async def offers_while_following(
    app: FastAPI, facilitator: Facilitator, count: int, spacing: float, pause: float = 0.0
) -> tuple[int, float, list[Batch]]:
    """File `count` offers one commit at a time while following the session's changes.

    Returns the sequence number before, when the first offer was sent, and the
    batches received, each with the moment it arrived.
    """
    hub = app.state.store.hub
    session_id = facilitator.session.id
    start = (await app.state.boards.current(session_id)).last_seq
    batches: list[Batch] = []

    async def follow() -> None:
        async for entries in hub.follow(session_id, start, spacing):
            batches.append((time.monotonic(), [entry.seq for entry in entries]))
            if sum(len(seqs) for _, seqs in batches) >= count:
                return

    reader = asyncio.create_task(follow())
    await asyncio.sleep(0.05)
    began = time.monotonic()
    for n in range(count):
        facilitator.offer(facilitator.members[n], f"Offer {n}")
        await facilitator.sync()
        await asyncio.sleep(pause)
    await asyncio.wait_for(reader, 10)
    return start, began, batches


async def test_changes_that_commit_close_together_travel_together(
    app: FastAPI, facilitator: Facilitator
) -> None:
    # Spacing of 3 s: room for four more pushes on a loaded machine (they take ~0.1 s each).
    start, began, batches = await offers_while_following(app, facilitator, 5, spacing=3.0)
    assert len(batches) == 2, "the first change at once, the other four together"
    assert batches[0][0] - began < 1.5
    assert batches[1][0] - batches[0][0] >= 2.9, "the rest waited for the spacing"
    assert [seq for _, seqs in batches for seq in seqs] == list(range(start + 1, start + 6))


async def test_without_spacing_every_commit_leaves_on_its_own(
    app: FastAPI, facilitator: Facilitator
) -> None:
    start, _, batches = await offers_while_following(app, facilitator, 3, 0.0, pause=0.05)
    assert [seqs for _, seqs in batches] == [[start + 1], [start + 2], [start + 3]]
