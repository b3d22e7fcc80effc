"""Killing the store or the facilitator's process at any moment loses no record and
duplicates none: real processes, SIGKILL, three times each, while 2,000 records are written."""

import asyncio
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from circle.local import Replica
from circle.store.embedded import EmbeddedStore
from circle.sync import SyncClient
from tests.store.conftest import Circle3
from tests.store.processes import ROOT, StoreProcess

TOTAL = 2_000
KILL_AT = (500, 1_000, 1_500)


@pytest.fixture
def store_settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The embedded store of the client-kill test runs on SQLite."""
    from circle.config import load_settings

    return load_settings(data_dir=tmp_path / "embedded-store")


def _store_items(db: Path) -> list[tuple[str, str]]:
    """(id, text) of every item the store holds, read straight from its database file."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT id, text FROM items").fetchall()


def _logged_items(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return connection.execute(
            "SELECT count(*) FROM store_changes WHERE table_name = 'items'"
        ).fetchone()[0]


def _assert_every_item_once(db: Path) -> None:
    items = _store_items(db)
    assert len(items) == TOTAL
    assert sorted(text for _, text in items) == sorted(f"item {n}" for n in range(TOTAL))
    assert _logged_items(db) == TOTAL


async def test_killing_the_store_three_times_loses_and_duplicates_nothing(
    tmp_path: Path, replica: Replica, circle3: Circle3
) -> None:
    store = StoreProcess(tmp_path / "store")
    store.start()
    session = circle3.session
    try:
        async with SyncClient(
            replica, store.url, retry_min=0.05, retry_max=0.5, poll_seconds=0.1
        ) as sync:
            await sync.register(session)
            sync.follow(session.id)
            running = asyncio.create_task(sync.run())
            kills = 0
            for start in range(0, TOTAL, 10):
                replica.save(*circle3.items(start, 10))
                sync.nudge()
                await asyncio.sleep(0.005)
                if start + 10 in KILL_AT:
                    store.kill()
                    kills += 1
                    await asyncio.sleep(0.2)
                    await asyncio.to_thread(store.start)
            deadline = time.monotonic() + 60
            while replica.pending_count() and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            running.cancel()
        assert kills == 3
        assert replica.pending_count() == 0
    finally:
        store.stop()
    _assert_every_item_once(tmp_path / "store" / "store.sqlite3")


def _replica_items(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            return connection.execute("SELECT count(*) FROM items").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_killing_the_facilitator_three_times_loses_and_duplicates_nothing(
    replica: Replica, circle3: Circle3, embedded: EmbeddedStore, store_settings
) -> None:
    command = [sys.executable, "-m", "tests.store.fault_client", str(replica.path)]
    command += [embedded.url, str(TOTAL)]
    replica.close()
    for threshold in KILL_AT:
        client = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while _replica_items(replica.path) < threshold and time.monotonic() < deadline:
            assert client.poll() is None, client.stderr.read() if client.stderr else ""
            time.sleep(0.01)
        client.kill()
        client.wait(timeout=10)
    last = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=120)
    assert last.returncode == 0, last.stderr.decode()[-2000:]
    with sqlite3.connect(replica.path) as connection:
        assert connection.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    _assert_every_item_once(store_settings.store_db_path)
