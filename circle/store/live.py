"""Live changes for stream subscribers: an in-memory window per session, fed by commits.

Each session with subscribers has a channel holding the latest changes with no
gap between `lo` and `hi`; a subscriber whose cursor is inside the window reads
from memory, one further behind reads pages from the database until it is in.
This process's own commits arrive from the writer, on the event loop; commits of
other store processes on the same PostgreSQL arrive through `LISTEN/NOTIFY`
(payload "session before after origin") and are read from the database once per
channel.
"""

import asyncio
import bisect
import logging
import math
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from circle.store.changes import Logged, Outcome
from circle.store.queries import Page, read_changes
from circle.store.writer import NOTIFY_CHANNEL

log = logging.getLogger(__name__)

WINDOW = 2048
"""Changes kept in memory per session with subscribers."""
PAGE = 500
HEARTBEAT = 15.0
"""Seconds between the keep-alive wake-ups of every subscriber (a quiet one sends a ping)."""


@dataclass
class _Channel:
    lo: int | None = None
    hi: int | None = None
    entries: list[Logged] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    subscribers: int = 0
    target: int = 0
    fetching: bool = False

    def after(self, cursor: int) -> list[Logged] | None:
        """Changes after `cursor` from memory, or None when the window does not reach back."""
        if self.lo is None or self.hi is None or cursor < self.lo:
            return None
        if cursor >= self.hi:
            return []
        start = bisect.bisect_right(self.entries, cursor, key=lambda entry: entry.seq)
        return self.entries[start : start + PAGE]

    def extend(self, before: int, after: int, entries: list[Logged]) -> bool:
        """Add changes (before, after]; False when they do not follow on from the window."""
        if self.hi is None:
            self.lo = before
        elif before != self.hi:
            return after <= self.hi
        self.entries.extend(entries)
        self.hi = after
        if len(self.entries) > 2 * WINDOW:
            del self.entries[:-WINDOW]
            self.lo = self.entries[0].seq - 1
        self.wake()
        return True

    def wake(self) -> None:
        self.changed.set()
        self.changed = asyncio.Event()


class Hub:
    """Fans committed changes out to stream subscribers of this process."""

    def __init__(self, engine: Engine, origin: str) -> None:
        self._engine = engine
        self.origin = origin
        self._channels: dict[uuid.UUID, _Channel] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._listener: _Listener | None = None
        self._tasks: set[asyncio.Future[None]] = set()
        self._heartbeat: asyncio.TimerHandle | None = None

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._heartbeat = self._loop.call_later(HEARTBEAT, self._beat)
        if self._engine.dialect.name == "postgresql":
            self._listener = _Listener(self._engine, self._heard, self._reconnected)
            self._listener.start()

    def stop(self) -> None:
        if self._heartbeat is not None:
            self._heartbeat.cancel()
        if self._listener is not None:
            self._listener.stop()
        for channel in self._channels.values():
            channel.wake()

    def _beat(self) -> None:
        """Wake every subscriber: one timer for all of them rather than one each."""
        for channel in self._channels.values():
            channel.wake()
        assert self._loop is not None
        self._heartbeat = self._loop.call_later(HEARTBEAT, self._beat)

    def publish(self, outcomes: list[Outcome]) -> None:
        """Take what a commit of this process changed (the writer calls it on the event loop)."""
        self._take(outcomes)

    async def follow(
        self, session_id: uuid.UUID, cursor: int, spacing: float = 0.0
    ) -> AsyncIterator[list[Logged]]:
        """Yield changes after `cursor` as they commit; an empty list at a quiet heartbeat.

        With `spacing`, batches leave at least that many seconds apart: changes that
        commit in between wait and travel together, while a change after a quiet spell
        goes at once.
        """
        channel = self._channels.setdefault(session_id, _Channel())
        channel.subscribers += 1
        sent = -math.inf
        try:
            woken = False
            while True:
                changed = channel.changed
                entries = channel.after(cursor)
                if entries and (wait := sent + spacing - time.monotonic()) > 0:
                    await asyncio.sleep(wait)
                    continue  # read again: more may have come meanwhile
                if entries is None:
                    page = await self._read(session_id, cursor)
                    entries, cursor = page.entries, page.last_seq
                if entries:
                    cursor, woken = max(cursor, entries[-1].seq), False
                    sent = time.monotonic()
                    yield entries
                    continue
                if woken:
                    yield []  # woken with nothing new: the heartbeat
                await changed.wait()
                woken = True
        finally:
            channel.subscribers -= 1
            if channel.subscribers == 0:
                del self._channels[session_id]

    def _take(self, outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            channel = self._channels.get(outcome.session_id)
            if channel is None or not outcome.logged:
                continue
            if not channel.extend(outcome.first_seq, outcome.last_seq, outcome.logged):
                self._catch_up(outcome.session_id, channel, outcome.last_seq)

    def _heard(self, payload: str) -> None:
        """A commit announced through PostgreSQL (listener thread)."""
        try:
            session, _before, after, origin = payload.split()
            session_id, last = uuid.UUID(session), int(after)
        except ValueError:
            return
        if origin != self.origin and self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._remote, session_id, last)

    def _reconnected(self) -> None:
        """Notifications may have been missed: every subscriber reads the database again."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._forget_windows)

    def _forget_windows(self) -> None:
        for channel in self._channels.values():
            channel.lo = channel.hi = None
            channel.entries.clear()
            channel.wake()

    def _remote(self, session_id: uuid.UUID, last: int) -> None:
        channel = self._channels.get(session_id)
        if channel is not None:
            self._catch_up(session_id, channel, last)

    def _catch_up(self, session_id: uuid.UUID, channel: _Channel, last: int) -> None:
        """Read what the window misses up to `last` from the database, one reader per channel."""
        channel.target = max(channel.target, last)
        if channel.hi is None:
            channel.wake()
        elif not channel.fetching and channel.hi < channel.target:
            channel.fetching = True
            task = asyncio.ensure_future(self._fetch(session_id, channel))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _fetch(self, session_id: uuid.UUID, channel: _Channel) -> None:
        try:
            while channel.hi is not None and channel.hi < channel.target:
                start = channel.hi
                page = await self._read(session_id, start)
                if channel.hi == start:
                    channel.extend(start, page.last_seq, page.entries)
                if not page.entries and page.last_seq == start:
                    break
        except Exception:
            log.exception("cannot read changes for the live stream")
            channel.lo = channel.hi = None
            channel.entries.clear()
            channel.wake()
        finally:
            channel.fetching = False

    async def _read(self, session_id: uuid.UUID, cursor: int) -> Page:
        return await asyncio.to_thread(read_changes, self._engine, session_id, cursor, PAGE)


class _Listener:
    """A thread holding a PostgreSQL connection that LISTENs for other processes' commits."""

    def __init__(
        self, engine: Engine, heard: Callable[[str], None], reconnected: Callable[[], None]
    ) -> None:
        url = make_url(engine.url).set(drivername="postgresql")
        self._conninfo = url.render_as_string(hide_password=False)
        self._heard = heard
        self._reconnected = reconnected
        self._connections = 0
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="circle-store-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        import psycopg  # only a store on PostgreSQL needs the driver

        while not self._stopping.is_set():
            try:
                self._listen()
            except psycopg.Error as exc:
                log.warning("lost the PostgreSQL notification connection (%s); reconnecting", exc)
                self._stopping.wait(1.0)

    def _listen(self) -> None:
        import psycopg

        with psycopg.connect(self._conninfo, autocommit=True) as connection:
            connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
            self._connections += 1
            if self._connections > 1:
                self._reconnected()
            while not self._stopping.is_set():
                for notice in connection.notifies(timeout=0.5):
                    self._heard(notice.payload)
