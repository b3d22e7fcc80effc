"""All of a store process's writes, on one thread, many requests per transaction.

Requests hand their work to the writer and await it. The writer takes whatever
has queued up, runs each piece in its own savepoint of one transaction, and
commits once: under load many pushes share one disk flush (group commit), and a
failing piece rolls back alone. The sessions a transaction touches are locked in
a fixed order first, so their sequence numbers are handed out in commit order
even with several store processes on one PostgreSQL.
"""

import asyncio
import logging
import queue
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from circle.model import utcnow
from circle.store.changes import Batch, Outcome, apply_batch
from circle.store.db import store_sessions
from circle.store.prepared import Prepared

T = TypeVar("T")
log = logging.getLogger(__name__)

NOTIFY_CHANNEL = "circle_changes"
_MAX_GROUP = 64
_ATTEMPTS = 3


@dataclass
class Ledger:
    """The sequence numbers of the sessions in one transaction, and what was logged."""

    now: datetime
    seqs: dict[uuid.UUID, int]
    outcomes: list[Outcome] = field(default_factory=list)

    def last_seq(self, session_id: uuid.UUID) -> int:
        if session_id not in self.seqs:
            raise LookupError(f"session {session_id} is not locked in this transaction")
        return self.seqs[session_id]

    def record(self, outcome: Outcome) -> Outcome:
        self.seqs[outcome.session_id] = outcome.last_seq
        self.outcomes.append(outcome)
        return outcome


Work = Callable[[Connection, Ledger], T]


@dataclass
class _Job(Generic[T]):
    work: Work[T]
    sessions: tuple[uuid.UUID, ...]
    future: "asyncio.Future[T]"
    loop: asyncio.AbstractEventLoop


class Writer:
    """Runs write work on its own thread with group commit; `publish` hears committed changes."""

    def __init__(
        self, engine: Engine, publish: Callable[[list[Outcome]], None], origin: str
    ) -> None:
        self._engine = engine
        self._origin = origin
        self._publish = publish
        self._queue: queue.SimpleQueue[_Job[Any] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="circle-store-writer", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    async def submit(self, work: Work[T], *sessions: uuid.UUID) -> T:
        """Run `work` in a write transaction holding the given sessions' locks; await its result."""
        loop = asyncio.get_running_loop()
        job = _Job(work, sessions, loop.create_future(), loop)
        self._queue.put(job)
        result: T = await job.future
        return result

    def _run(self) -> None:
        while (first := self._queue.get()) is not None:
            group: list[_Job[Any]] = [first]
            stop = False
            while len(group) < _MAX_GROUP:
                try:
                    job = self._queue.get_nowait()
                except queue.Empty:
                    break
                if job is None:
                    stop = True
                    break
                group.append(job)
            self._write_group(group)
            if stop:
                return

    def _write_group(self, group: list[_Job[Any]]) -> None:
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                results, outcomes = self._transaction(group)
            except OperationalError as exc:
                if attempt < _ATTEMPTS:
                    log.warning("write transaction failed (%s), retrying", exc.orig)
                    continue
                results = [exc] * len(group)
                outcomes = []
            except Exception as exc:
                log.exception("write transaction failed")
                results = [exc] * len(group)
                outcomes = []
            break
        if outcomes:
            self._publish(outcomes)
        for job, result in zip(group, results, strict=True):
            job.loop.call_soon_threadsafe(_settle, job.future, result)

    def _transaction(self, group: list[_Job[Any]]) -> tuple[list[Any], list[Outcome]]:
        with self._engine.connect() as connection, connection.begin():
            sessions = sorted({s for job in group for s in job.sessions})
            ledger = Ledger(utcnow(), _lock_sessions(connection, sessions))
            results = [_run_job(connection, ledger, job) for job in group]
            _save_seqs(connection, ledger, self._origin)
        return results, ledger.outcomes


def _run_job(connection: Connection, ledger: Ledger, job: _Job[Any]) -> Any:
    """Run one job in a savepoint; its exception becomes its result and undoes only it."""
    seqs, count = dict(ledger.seqs), len(ledger.outcomes)
    try:
        with connection.begin_nested():
            return job.work(connection, ledger)
    except Exception as exc:
        ledger.seqs, ledger.outcomes = seqs, ledger.outcomes[:count]
        return exc


_LOCK = Prepared(
    sa.update(store_sessions)
    .where(store_sessions.c.id == sa.bindparam("session_id"))
    .values(last_seq=store_sessions.c.last_seq)
    .returning(store_sessions.c.last_seq)
)
_SAVE = Prepared(
    sa.update(store_sessions)
    .where(store_sessions.c.id == sa.bindparam("session_id"))
    .values(last_seq=sa.bindparam("last_seq"))
)
_NOTIFY = Prepared(sa.text("SELECT pg_notify(:channel, :payload)"))


def _lock_sessions(connection: Connection, sessions: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Lock each session row in id order (an UPDATE takes the write lock at once) and read seqs."""
    seqs: dict[uuid.UUID, int] = {}
    for session_id in sessions:
        row = _LOCK.execute(connection, {"session_id": session_id}).fetchone()
        if row is not None:
            seqs[session_id] = int(row[0])
    return seqs


def _save_seqs(connection: Connection, ledger: Ledger, origin: str) -> None:
    first: dict[uuid.UUID, int] = {}
    for outcome in ledger.outcomes:
        first.setdefault(outcome.session_id, outcome.first_seq)
    for session_id, before in first.items():
        after = ledger.seqs[session_id]
        if after == before:
            continue
        _SAVE.execute(connection, {"session_id": session_id, "last_seq": after})
        if connection.dialect.name == "postgresql":
            payload = f"{session_id} {before} {after} {origin}"
            _NOTIFY.execute(connection, {"channel": NOTIFY_CHANNEL, "payload": payload})


def _settle(future: "asyncio.Future[Any]", result: Any) -> None:
    if future.done():
        return
    if isinstance(result, BaseException):
        future.set_exception(result)
    else:
        future.set_result(result)


def applying(batch: Batch) -> Work[Outcome]:
    """The work of applying a batch after its session's last sequence number."""

    def work(connection: Connection, ledger: Ledger) -> Outcome:
        last = ledger.last_seq(batch.session_id)
        return ledger.record(apply_batch(connection, batch, last, ledger.now))

    return work
