"""All of a store process's writes, one transaction at a time, many requests per transaction.

Requests hand their work to the writer and await it. The writer takes whatever
has queued up, runs it in one transaction and commits once: under load many
pushes share one disk flush (group commit). On SQLite a write that finds the
writer idle, and no other write arriving with it, is written by its own request,
sparing a lone client a task switch. Before that it lets the event loop turn
once, so that writes arriving with it can join, but only while writes have
lately come together (and every few writes, to notice when they start to): a
lone client's writes skip the turn too.

A failing piece rolls back alone: when one fails, the transaction is rolled back
and the group run again with each piece in its own savepoint. Savepoints cost as
much as a push's own statements, and pieces seldom fail, so they are only paid
for when one does. The sessions a transaction touches are locked in a fixed
order first, so their sequence numbers are handed out in commit order even with
several store processes on one PostgreSQL.

Where the statements run depends on the database. On SQLite they run on the
event loop itself, which is quick (no network, a few statements) and spares the
thread switches and the lock that a second Python thread costs for every
statement; only the commit, which waits for the disk, goes to the writer's
thread (unless the write came alone). The event loop never waits for another
process's lock: the writer's SQLite connection does not wait at all, and while
another process holds the database's write lock the writer's task runs whole
transactions on its thread, which waits as long as any connection does, until
one commits. On PostgreSQL, where a statement may wait on the network or on
another process's lock, the writer's thread runs the whole transaction. Either
way the writes that queue up meanwhile form the next group, and the commit is
announced on the event loop.
"""

import asyncio
import concurrent.futures
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy import Connection, Engine, Transaction
from sqlalchemy.exc import OperationalError

from circle.model import utcnow
from circle.store.changes import Batch, Outcome, apply_batch
from circle.store.db import last_seq_of, store_sessions
from circle.store.prepared import Prepared

T = TypeVar("T")
log = logging.getLogger(__name__)

NOTIFY_CHANNEL = "circle_changes"
_MAX_GROUP = 64
_ATTEMPTS = 3
_QUIET = 64
"""Writes in a row that came alone, after which a write stops waiting a loop turn for others."""
_PROBE = 8
"""While writes come alone, every this many a write still waits the turn, to see if others come."""


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
Results = tuple[list[Any], list[Outcome]]
"""Each job's result (or exception), and the outcomes the transaction committed."""


@dataclass
class _Job(Generic[T]):
    work: Work[T]
    sessions: tuple[uuid.UUID, ...]
    future: "asyncio.Future[T]"


class Writer:
    """Runs write work with group commit (see the module's docstring); `publish` hears commits."""

    def __init__(
        self, engine: Engine, publish: Callable[[list[Outcome]], None], origin: str
    ) -> None:
        self._engine = engine
        self._origin = origin
        self._publish = publish
        self._on_loop = engine.dialect.name == "sqlite"
        self._pending: list[_Job[Any]] = []
        self._busy = False
        """True while a group is being written (by the writer's task, or a request's own)."""
        self._writes = 0
        """Groups written so far: the clock by which writes last coming together is told."""
        self._company_at = 0
        """`_writes` when a write last found others arriving with it or queued behind one."""
        self._draining: asyncio.Task[None] | None = None
        """The writer's task, held here: the event loop keeps only a weak reference to it."""
        self._thread: concurrent.futures.ThreadPoolExecutor | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        """The server's event loop, kept: on Python 3.11 asking asyncio for it is a system call."""
        self._connection: Connection | None = None
        """The SQLite writer's connection, kept between transactions (a checkout costs too)."""
        self._locked_out = False
        """SQLite: another process held the write lock; transactions wait on the thread."""

    def start(self) -> None:
        """Start writing, on the running event loop (the server's)."""
        self._loop = asyncio.get_running_loop()
        self._thread = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="circle-store-writer"
        )

    def stop(self) -> None:
        """Finish the transaction under way (its commit, at least) and stop."""
        if self._thread is not None:
            self._thread.shutdown(wait=True)
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def submit(self, work: Work[T], *sessions: uuid.UUID) -> T:
        """Run `work` in a write transaction holding the given sessions' locks; await its result."""
        assert self._loop is not None, "the writer has not been started"
        job = _Job(work, sessions, self._loop.create_future())
        self._pending.append(job)
        if self._busy:
            self._company_at = self._writes
        elif self._on_loop and not self._locked_out and not self._expect_company():
            self._write_lone()
            if self._pending:  # its transaction failed: the writer's task tries again
                self._busy = True
                self._draining = self._loop.create_task(self._drain())
        else:
            self._busy = True
            await self._write_alone()
        result: T = await job.future
        return result

    async def _write_alone(self) -> None:
        """SQLite: write a lone job in the requesting task; else leave the group to the writer's.

        The request lets the loop run once first, so the writes that arrived with it
        join it, when others are to be expected (`_expect_company`; when they are not,
        `submit` writes it at once). Alone, it is written here without a pause (nothing
        can interrupt it or join it), sparing a task; a group goes to the writer's task,
        whose commit on the writer's thread no request's cancellation can cut short.
        """
        loop = self._loop
        assert loop is not None, "the writer has not been started"
        try:
            if self._on_loop and not self._locked_out:
                await asyncio.sleep(0)
                if len(self._pending) > 1:
                    self._company_at = self._writes
                else:
                    self._write_lone()
        finally:
            if self._pending:
                self._draining = loop.create_task(self._drain())
            else:
                self._busy = False

    def _write_lone(self) -> None:
        """SQLite: write the one pending job, commit and all, before anything else can run.

        When the transaction fails for a reason of the database's (another process's
        lock, a lost connection…), the job is left pending for the writer's task,
        which tries again (`_write`). Its own error is its result, as in a group.
        """
        group, self._pending = self._pending, []
        self._writes += 1
        try:
            results, outcomes = self._transaction_here(group)
        except _LockHeldError:
            self._pending[:0] = group
            return
        except _JobFailedError as exc:
            results, outcomes = [exc], []
        except Exception as exc:
            if _retry(exc, 1):
                self._pending[:0] = group
                return
            results, outcomes = [exc], []
        if outcomes:
            self._publish(outcomes)
        _settle(group[0].future, results[0])

    def _expect_company(self) -> bool:
        """True while writes have come together within the last `_QUIET`, and on every
        `_PROBE`th write: a burst after a quiet spell is noticed within that many writes."""
        return self._writes - self._company_at < _QUIET or self._writes % _PROBE == 0

    async def _drain(self) -> None:
        """Write the pending jobs, a group at a time, until none is left."""
        try:
            while self._pending:
                await self._write_group()
        finally:
            self._busy = False

    async def _write_group(self) -> None:
        group, self._pending = self._pending[:_MAX_GROUP], self._pending[_MAX_GROUP:]
        self._writes += 1
        try:
            results = await self._write(group)
        except _LockHeldError:
            self._pending[:0] = group  # for the writer's task, which waits on its thread
            return
        for job, result in zip(group, results, strict=True):
            _settle(job.future, result)

    async def _write(self, group: list[_Job[Any]]) -> list[Any]:
        """Commit the group (retrying a failed transaction) and publish; each job's result.

        When a job of several fails, the group runs again with each job in a savepoint.
        """
        attempt, isolate = 1, False
        while True:
            try:
                results, outcomes = await self._transaction(group, isolate)
            except _LockHeldError:
                raise
            except _JobFailedError as exc:
                if len(group) > 1 and not isolate:
                    isolate = True
                    continue
                results, outcomes = [exc], []
            except Exception as exc:
                if _retry(exc, attempt):
                    attempt += 1
                    continue
                results, outcomes = [exc] * len(group), []
            break
        if outcomes:
            self._publish(outcomes)
        return results

    async def _transaction(self, group: list[_Job[Any]], isolate: bool) -> Results:
        assert self._thread is not None, "the writer has not been started"
        assert self._loop is not None, "the writer has not been started"
        if self._on_loop and not self._locked_out:
            return await self._transaction_on_loop(group, isolate, self._thread, self._loop)
        done = await self._loop.run_in_executor(
            self._thread, self._transaction_on_thread, group, isolate
        )
        self._locked_out = False
        return done

    async def _transaction_on_loop(
        self,
        group: list[_Job[Any]],
        isolate: bool,
        thread: concurrent.futures.ThreadPoolExecutor,
        loop: asyncio.AbstractEventLoop,
    ) -> Results:
        """SQLite: run the group's statements here, then commit on the writer's thread.

        A lone write with nothing queued behind it commits right here instead: the
        loop has nothing else to write meanwhile, and the two thread switches saved
        are a lone client's whole wait beyond the disk's. The connection is the
        thread's until the commit is done; one that failed is closed, and the next
        transaction opens another. When another process holds the database's write lock,
        the group is handed back (`_LockHeldError`) to be written on the thread.
        """
        if len(group) == 1 and not self._pending:
            return self._transaction_here(group, isolate)
        connection = self._connection = self._connection or self._connect_on_loop()
        try:
            transaction = self._begin_here(connection)
            done = self._run_group(connection, group, isolate)
            await loop.run_in_executor(thread, transaction.commit)
        except BaseException:
            self._drop_connection(connection, thread)
            raise
        return done

    def _transaction_here(self, group: list[_Job[Any]], isolate: bool = False) -> Results:
        """SQLite: the whole transaction on the event loop, its commit too."""
        assert self._thread is not None, "the writer has not been started"
        connection = self._connection = self._connection or self._connect_on_loop()
        try:
            transaction = self._begin_here(connection)
            done = self._run_group(connection, group, isolate)
            transaction.commit()
        except BaseException:
            self._drop_connection(connection, self._thread)
            raise
        return done

    def _begin_here(self, connection: Connection) -> Transaction:
        """Begin a transaction holding SQLite's write lock, or raise `_LockHeldError`."""
        transaction = connection.begin()
        try:
            _BEGIN_IMMEDIATE.execute(connection, {})  # the sequence numbers read next stay ours
        except OperationalError as exc:
            if not str(getattr(exc.orig, "sqlite_errorname", "")).startswith("SQLITE_BUSY"):
                raise
            self._locked_out = True
            raise _LockHeldError from exc
        return transaction

    def _drop_connection(
        self, connection: Connection, thread: concurrent.futures.ThreadPoolExecutor
    ) -> None:
        """Forget a connection whose transaction failed; the next one opens another."""
        self._connection = None
        thread.submit(connection.close)  # after the commit, if one is under way

    def _connect_on_loop(self) -> Connection:
        """SQLite: the writer's own connection, which never waits for a lock (the loop would)."""
        connection = self._engine.connect()
        connection.detach()  # closed for good when done with: no reader gets it from the pool
        connection.connection.cursor().execute("PRAGMA busy_timeout = 0")
        return connection

    def _transaction_on_thread(self, group: list[_Job[Any]], isolate: bool) -> Results:
        """On the writer's thread, the whole transaction: PostgreSQL's always, SQLite's while
        another process holds its write lock (a pooled connection waits for it)."""
        with self._engine.connect() as connection, connection.begin():
            if connection.dialect.name == "sqlite":
                _BEGIN_IMMEDIATE.execute(connection, {})
            return self._run_group(connection, group, isolate)

    # --- both ----------------------------------------------------------------------------

    def _run_group(self, connection: Connection, group: list[_Job[Any]], isolate: bool) -> Results:
        """Lock the group's sessions, run its jobs and announce the numbers they gave out.

        Unless `isolate`, the first job that fails takes the whole transaction with it
        (`_JobFailedError`); isolated, each job runs in a savepoint and fails alone.
        """
        sessions = sorted({s for job in group for s in job.sessions})
        ledger = Ledger(utcnow(), _lock_sessions(connection, sessions))
        if isolate:
            results = [_run_job(connection, ledger, job) for job in group]
        else:
            results = [_run_alone(connection, ledger, job) for job in group]
        _announce(connection, ledger, self._origin)
        return results, ledger.outcomes


def _retry(exc: Exception, attempt: int) -> bool:
    """True when a failed transaction is worth another attempt (a lock, a lost connection)."""
    if isinstance(exc, OperationalError) and attempt < _ATTEMPTS:
        log.warning("write transaction failed (%s), retrying", exc.orig)
        return True
    if not isinstance(exc, OperationalError):
        log.exception("write transaction failed", exc_info=exc)
    return False


class _LockHeldError(Exception):
    """SQLite: another process holds the database's write lock; nothing has been written."""


class _JobFailedError(Exception):
    """A job raised `error` outside a savepoint: its transaction is rolled back."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def _run_alone(connection: Connection, ledger: Ledger, job: _Job[Any]) -> Any:
    try:
        return job.work(connection, ledger)
    except Exception as exc:
        raise _JobFailedError(exc) from exc


def _run_job(connection: Connection, ledger: Ledger, job: _Job[Any]) -> Any:
    """Run one job in a savepoint; its exception becomes its result and undoes only it."""
    seqs, count = dict(ledger.seqs), len(ledger.outcomes)
    try:
        with connection.begin_nested():
            return job.work(connection, ledger)
    except Exception as exc:
        ledger.seqs, ledger.outcomes = seqs, ledger.outcomes[:count]
        return exc


_BEGIN_IMMEDIATE = Prepared(sa.text("BEGIN IMMEDIATE"))
"""SQLite: take the database's write lock as the transaction begins (waiting on another
process's lock is an `OperationalError`, so the transaction is tried again)."""
_LOCK = Prepared(
    sa.select(store_sessions.c.id)
    .where(store_sessions.c.id == sa.bindparam("session_id"))
    .with_for_update()
)
_LAST_SEQ = Prepared(
    sa.select(last_seq_of(store_sessions.c.id)).where(
        store_sessions.c.id == sa.bindparam("session_id")
    )
)
_NOTIFY = Prepared(sa.text("SELECT pg_notify(:channel, :payload)"))


def _lock_sessions(connection: Connection, sessions: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Lock the sessions in id order and read their last sequence numbers (unknown ones left out).

    On SQLite the transaction holds the database's write lock from its start (BEGIN
    IMMEDIATE), so reading is enough. On PostgreSQL each session's row is locked first,
    and its number read by a statement of its own, which sees what the previous holder
    of the lock committed.
    """
    postgresql = connection.dialect.name == "postgresql"
    seqs: dict[uuid.UUID, int] = {}
    for session_id in sessions:
        params = {"session_id": session_id}
        if postgresql:
            _LOCK.execute(connection, params)
        row = _LAST_SEQ.execute(connection, params).fetchone()
        if row is not None:
            seqs[session_id] = int(row[0])
    return seqs


def _announce(connection: Connection, ledger: Ledger, origin: str) -> None:
    """PostgreSQL: tell the other store processes which numbers the transaction gave out."""
    if connection.dialect.name != "postgresql":
        return
    first: dict[uuid.UUID, int] = {}
    for outcome in ledger.outcomes:
        first.setdefault(outcome.session_id, outcome.first_seq)
    for session_id, before in first.items():
        after = ledger.seqs[session_id]
        if after != before:
            payload = f"{session_id} {before} {after} {origin}"
            _NOTIFY.execute(connection, {"channel": NOTIFY_CHANNEL, "payload": payload})


def _settle(future: "asyncio.Future[Any]", result: Any) -> None:
    """Hand a job its result, or its error (a lone job's own, not the wrapper's)."""
    if future.done():
        return
    if isinstance(result, _JobFailedError):
        future.set_exception(result.error)
    elif isinstance(result, BaseException):
        future.set_exception(result)
    else:
        future.set_result(result)


def applying(batch: Batch) -> Work[Outcome]:
    """The work of applying a batch after its session's last sequence number."""

    def work(connection: Connection, ledger: Ledger) -> Outcome:
        last = ledger.last_seq(batch.session_id)
        return ledger.record(apply_batch(connection, batch, last, ledger.now))

    return work
