"""The store's writer: writes that arrive together share a transaction, each is numbered in
commit order, and one that fails fails alone. Runs on SQLite and PostgreSQL."""

import asyncio
import logging
import sqlite3
import threading
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from sqlalchemy import Connection

from circle.store.changes import Batch, Incoming, Outcome
from circle.store.db import create_store_engine, store_changes, store_note_versions
from circle.store.migrate import prepare_schema
from circle.store.writer import Ledger, Work, Writer, applying
from tests.store.conftest import Circle3, Registered, change, stamp, version


def _writer(app: FastAPI) -> Writer:
    writer: Writer = app.state.store.writer
    return writer


def _remember(note_id: uuid.UUID, then_fail: bool = False) -> Work[uuid.UUID]:
    """Work that writes one row of the store's own, and may fail after writing it."""

    def work(connection: Connection, _ledger: Ledger) -> uuid.UUID:
        connection.execute(sa.insert(store_note_versions).values(note_id=note_id, version="v"))
        if then_fail:
            raise ValueError("this write is refused")
        return note_id

    return work


def _held(app: FastAPI) -> set[uuid.UUID]:
    with app.state.store.engine.connect() as connection:
        return set(connection.scalars(sa.select(store_note_versions.c.note_id)))


async def test_pushes_that_arrive_together_are_all_taken_in_once_and_in_order(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    items = [stamp(item, version(1_000 + n, "n1")) for n, item in enumerate(circle3.items(0, 40))]
    answers = await asyncio.gather(
        *(
            client.post(
                registered.changes, json={"changes": [change(item)]}, headers=registered.headers
            )
            for item in items
        )
    )
    assert all(answer.status_code == 200 for answer in answers)
    last_seqs = sorted(answer.json()["last_seq"] for answer in answers)
    assert last_seqs == list(range(last_seqs[0], last_seqs[0] + 40))
    page = await client.get(registered.changes, params={"after": 0}, headers=registered.headers)
    logged = [c["record"]["id"] for c in page.json()["changes"] if c["table"] == "items"]
    assert sorted(logged) == sorted(str(item.id) for item in items)
    seqs = [c["seq"] for c in page.json()["changes"]]
    assert seqs == sorted(set(seqs))


async def test_a_write_that_fails_among_others_is_undone_alone(app: FastAPI) -> None:
    writer = _writer(app)
    ids = [uuid.uuid4() for _ in range(6)]
    results = await asyncio.gather(
        *(writer.submit(_remember(note_id, then_fail=n == 2)) for n, note_id in enumerate(ids)),
        return_exceptions=True,
    )
    assert isinstance(results[2], ValueError)
    assert [r for n, r in enumerate(results) if n != 2] == [i for n, i in enumerate(ids) if n != 2]
    assert _held(app) == {i for n, i in enumerate(ids) if n != 2}


async def test_a_lone_write_that_fails_leaves_nothing_and_the_next_one_goes_through(
    app: FastAPI,
) -> None:
    writer = _writer(app)
    failed, later = uuid.uuid4(), uuid.uuid4()
    with pytest.raises(ValueError, match="refused"):
        await writer.submit(_remember(failed, then_fail=True))
    assert await writer.submit(_remember(later)) == later
    assert _held(app) == {later}


async def test_a_database_error_is_the_failing_write_s_own(app: FastAPI) -> None:
    writer = _writer(app)
    first = uuid.uuid4()
    await writer.submit(_remember(first))
    duplicate, fresh = _remember(first), _remember(uuid.uuid4())
    results = await asyncio.gather(
        writer.submit(duplicate), writer.submit(fresh), return_exceptions=True
    )
    assert isinstance(results[0], sa.exc.IntegrityError)
    assert isinstance(results[1], uuid.UUID)
    assert len(_held(app)) == 2


async def test_pushes_sharing_a_transaction_with_a_failing_write_are_numbered_without_gaps(
    app: FastAPI, registered: Registered, circle3: Circle3
) -> None:
    writer = _writer(app)
    items = [stamp(item, version(2_000 + n, "n1")) for n, item in enumerate(circle3.items(0, 6))]
    pushes = [
        writer.submit(
            applying(Batch(registered.session_id, [Incoming("items", "", item.model_dump())])),
            registered.session_id,
        )
        for item in items
    ]
    failing = uuid.uuid4()
    results = await asyncio.gather(
        *pushes[:3],
        writer.submit(_remember(failing, then_fail=True)),
        *pushes[3:],
        return_exceptions=True,
    )
    assert isinstance(results[3], ValueError)
    outcomes = [r for r in results if isinstance(r, Outcome)]
    assert [o.applied for o in outcomes] == [[item.id] for item in items]
    seqs = [o.last_seq for o in outcomes]
    assert seqs == list(range(seqs[0], seqs[0] + len(items)))
    assert failing not in _held(app)


def _noting_ledger(note_id: uuid.UUID) -> Work[Ledger]:
    """Work that writes one row and returns its transaction's ledger (one per transaction)."""

    def work(connection: Connection, ledger: Ledger) -> Ledger:
        _remember(note_id)(connection, ledger)
        return ledger

    return work


async def test_a_lone_write_is_on_disk_when_answered_and_writes_arriving_together_share_one(
    app: FastAPI,
) -> None:
    writer = _writer(app)
    alone = [uuid.uuid4() for _ in range(3)]
    ledgers = []
    for n, note_id in enumerate(alone):
        ledgers.append(await writer.submit(_noting_ledger(note_id)))
        assert _held(app) == set(alone[: n + 1])
    assert len({id(ledger) for ledger in ledgers}) == 3
    together = [uuid.uuid4() for _ in range(20)]
    shared = await asyncio.gather(*(writer.submit(_noting_ledger(i)) for i in together))
    assert all(ledger is shared[0] for ledger in shared)
    assert _held(app) == set(alone) | set(together)


async def test_writes_arriving_together_after_a_long_run_of_lone_ones_soon_share_again(
    app: FastAPI,
) -> None:
    writer = _writer(app)
    for _ in range(100):  # a lone client: its writes stop waiting for others to join
        await writer.submit(_noting_ledger(uuid.uuid4()))
    together = [uuid.uuid4() for _ in range(40)]
    ledgers = await asyncio.gather(*(writer.submit(_noting_ledger(i)) for i in together))
    transactions = {id(ledger) for ledger in ledgers}
    assert len(transactions) <= 10  # a few alone at most, then the rest together
    assert _held(app) >= set(together)


@pytest.mark.parametrize("lone_before", [0, 100], ids=["first write", "after 100 lone ones"])
async def test_a_lone_write_whose_commit_fails_is_tried_again_and_kept_once(
    app: FastAPI, lone_before: int
) -> None:
    writer = _writer(app)
    for _ in range(lone_before):
        await writer.submit(_remember(uuid.uuid4()))
    failures = ["disk I/O error"]

    def fail_once(_connection: Connection) -> None:
        if failures:
            message = failures.pop()
            raise sa.exc.OperationalError("COMMIT", {}, sqlite3.OperationalError(message))

    sa.event.listen(app.state.store.engine, "commit", fail_once)
    note_id = uuid.uuid4()
    try:
        assert await writer.submit(_remember(note_id)) == note_id
    finally:
        sa.event.remove(app.state.store.engine, "commit", fail_once)
    assert failures == []
    with app.state.store.engine.connect() as connection:
        rows = connection.scalars(
            sa.select(store_note_versions.c.note_id).where(store_note_versions.c.note_id == note_id)
        )
        assert list(rows) == [note_id]


async def test_lone_pushes_and_a_burst_of_pushes_are_numbered_without_gaps(
    app: FastAPI, registered: Registered, circle3: Circle3
) -> None:
    writer = _writer(app)
    items = [stamp(item, version(3_000 + n, "n1")) for n, item in enumerate(circle3.items(0, 24))]

    def push(item: Any) -> Any:
        batch = Batch(registered.session_id, [Incoming("items", "", item.model_dump())])
        return writer.submit(applying(batch), registered.session_id)

    lone = [await push(item) for item in items[:4]]
    burst = await asyncio.gather(*(push(item) for item in items[4:20]))
    after = [await push(item) for item in items[20:]]
    seqs = [outcome.last_seq for outcome in [*lone, *burst, *after]]
    assert seqs == list(range(seqs[0], seqs[0] + len(items)))
    with app.state.store.engine.connect() as connection:
        logged = set(connection.scalars(sa.select(store_changes.c.record_id)))
    assert {item.id for item in items} <= logged


class _ReleaseOnRetry(logging.Handler):
    """Lets another process's lock go as soon as the writer says it will try again."""

    def __init__(self, holder: sqlite3.Connection) -> None:
        super().__init__(logging.WARNING)
        self.holder = holder
        self.retries = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "retrying" in record.getMessage():
            self.retries += 1
            self.holder.rollback()


async def test_a_write_kept_waiting_by_another_process_s_lock_is_tried_again(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.sqlite3"
    engine = create_store_engine(f"sqlite:///{path}")
    sa.event.listen(engine, "connect", lambda dbapi, _: dbapi.execute("PRAGMA busy_timeout = 50"))
    prepare_schema(engine)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another store process, in the middle of a write
    release = _ReleaseOnRetry(holder)
    logging.getLogger("circle.store.writer").addHandler(release)
    writer = Writer(engine, lambda _outcomes: None, "s-test")
    writer.start()
    try:
        note_id = uuid.uuid4()
        assert await writer.submit(_remember(note_id)) == note_id
    finally:
        writer.stop()
        logging.getLogger("circle.store.writer").removeHandler(release)
        holder.close()
    assert release.retries == 1
    with engine.connect() as connection:
        assert set(connection.scalars(sa.select(store_note_versions.c.note_id))) == {note_id}
    engine.dispose()


async def test_while_another_process_holds_the_lock_the_store_goes_on_answering(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.sqlite3"
    engine = create_store_engine(f"sqlite:///{path}")
    prepare_schema(engine)
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another store process, half a second into a write
    threading.Timer(0.5, holder.rollback).start()
    writer = Writer(engine, lambda _outcomes: None, "s-test")
    writer.start()
    ticks = 0

    async def answering() -> None:  # what the event loop does besides: reads, streams, pages
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    other_work = asyncio.create_task(answering())
    try:
        note_ids = [uuid.uuid4() for _ in range(3)]
        written = await asyncio.gather(*(writer.submit(_remember(i)) for i in note_ids))
        after = await writer.submit(_remember(uuid.uuid4()))  # the lock is the writer's again
    finally:
        other_work.cancel()
        writer.stop()
        holder.close()
    assert written == note_ids
    assert after is not None
    assert ticks >= 20  # the loop turned all along, not only once the lock was let go
    with engine.connect() as connection:
        held = set(connection.scalars(sa.select(store_note_versions.c.note_id)))
    assert held >= set(note_ids)
    engine.dispose()
