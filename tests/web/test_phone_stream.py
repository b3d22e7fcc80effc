"""A phone's live stream groups changes that commit close together, so a room joining at once
costs each phone a few sends; the first change after a quiet spell still leaves at once."""

import asyncio
import time

from fastapi import FastAPI

from circle.store.live import Hub
from tests.web.facilitator import Facilitator


async def test_changes_that_commit_close_together_travel_together(
    app: FastAPI, facilitator: Facilitator
) -> None:
    hub: Hub = app.state.store.hub
    session_id = facilitator.session.id
    start = (await app.state.boards.current(session_id)).last_seq
    batches: list[tuple[float, list[int]]] = []

    async def follow() -> None:
        async for entries in hub.follow(session_id, start, spacing=1.0):
            batches.append((time.monotonic(), [entry.seq for entry in entries]))
            if sum(len(seqs) for _, seqs in batches) >= 5:
                return

    reader = asyncio.create_task(follow())
    await asyncio.sleep(0.05)
    began = time.monotonic()
    for n in range(5):
        facilitator.offer(facilitator.members[n], f"Offer {n}")
        await facilitator.sync()
    await asyncio.wait_for(reader, 10)
    assert len(batches) == 2, "the first change at once, the other four together"
    assert batches[0][0] - began < 0.9
    assert [seq for _, seqs in batches for seq in seqs] == list(range(start + 1, start + 6))


async def test_without_spacing_every_commit_leaves_on_its_own(
    app: FastAPI, facilitator: Facilitator
) -> None:
    hub: Hub = app.state.store.hub
    session_id = facilitator.session.id
    start = (await app.state.boards.current(session_id)).last_seq
    batches: list[list[int]] = []

    async def follow() -> None:
        async for entries in hub.follow(session_id, start):
            batches.append([entry.seq for entry in entries])
            if sum(map(len, batches)) >= 3:
                return

    reader = asyncio.create_task(follow())
    await asyncio.sleep(0.05)
    for n in range(3):
        facilitator.offer(facilitator.members[n], f"Offer {n}")
        await facilitator.sync()
        await asyncio.sleep(0.05)
    await asyncio.wait_for(reader, 10)
    assert batches == [[start + 1], [start + 2], [start + 3]]
