"""A facilitator process for the fault tests: writes items until there are `total`, syncing.

Run as `python -m tests.store.fault_client REPLICA URL TOTAL`. It resumes where a killed
run stopped (numbering items by how many the replica holds) and exits once every item is
written and the store has acknowledged the whole outbox.
"""

import asyncio
import sys
from pathlib import Path

from circle.local import open_replica
from circle.model import Item, ItemKind, Session
from circle.sync import SyncClient


def _item(session: Session, n: int) -> Item:
    return Item(
        circle_id=session.circle_id,
        session_id=session.id,
        member_id=session.circle_id,
        kind=ItemKind.OFFER,
        text=f"item {n}",
    )


async def write_and_sync(replica_path: Path, url: str, total: int) -> None:
    replica = open_replica(replica_path)
    (session,) = replica.all(Session)
    async with SyncClient(replica, url, retry_min=0.05, retry_max=0.5, poll_seconds=0.1) as sync:
        await sync.register(session)
        sync.follow(session.id)
        running = asyncio.create_task(sync.run())
        for start in range(len(replica.all(Item)), total, 10):
            replica.save(*(_item(session, n) for n in range(start, min(start + 10, total))))
            sync.nudge()
            await asyncio.sleep(0.002)
        while replica.pending_count():
            sync.nudge()
            await asyncio.sleep(0.05)
        running.cancel()


if __name__ == "__main__":
    asyncio.run(write_and_sync(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])))
