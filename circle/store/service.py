"""The store's services in one object that every route reaches through `StoreDep`."""

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine

from circle.core.hlc import HybridClock, Version
from circle.store.auth import Access
from circle.store.changes import Outcome
from circle.store.db import database_kind
from circle.store.guard import RateLimiter
from circle.store.live import Hub
from circle.store.writer import Writer


@dataclass(frozen=True)
class Limits:
    """Per-client rates (per second) and bursts; in memory, per store process."""

    write_rate: float = 20.0
    write_burst: float = 200.0
    join_failure_rate: float = 0.2
    """Wrong join codes: one every 5 s after a burst, so codes cannot be guessed."""
    join_failure_burst: float = 10.0
    join_rate: float = 5.0
    join_burst: float = 30.0
    register_rate: float = 1.0
    register_burst: float = 30.0


class Store:
    """Database, writer, live hub, credentials and rate limits of one store process."""

    def __init__(self, engine: Engine, limits: Limits) -> None:
        self.engine = engine
        self.kind = database_kind(engine)
        self.origin = f"s{secrets.token_hex(6)}"
        """This process's node id, in the versions it writes and in its notifications."""
        self.hub = Hub(engine, self.origin)
        self.writer = Writer(engine, self._committed, self.origin)
        self._listeners: list[Callable[[list[Outcome]], None]] = [self.hub.publish]
        self.access = Access(engine)
        self.writes = RateLimiter(limits.write_rate, limits.write_burst)
        self.joins = RateLimiter(limits.join_rate, limits.join_burst)
        self.join_failures = RateLimiter(limits.join_failure_rate, limits.join_failure_burst)
        self.registrations = RateLimiter(limits.register_rate, limits.register_burst)
        self._clock = HybridClock(self.origin)
        self._clock_lock = threading.Lock()

    def on_commit(self, listener: Callable[[list[Outcome]], None]) -> None:
        """Also tell `listener` what each commit changed (on the event loop, so quickly)."""
        self._listeners.append(listener)

    def _committed(self, outcomes: list[Outcome]) -> None:
        for listener in self._listeners:
            listener(outcomes)

    def start(self) -> None:
        """Start the writer and the live hub (inside the server's event loop)."""
        self.writer.start()
        self.hub.start()

    def stop(self) -> None:
        self.hub.stop()
        self.writer.stop()
        self.engine.dispose()

    def next_version(self, after: str = "") -> str:
        """A version for a change the store makes itself, newer than `after`."""
        with self._clock_lock:
            now_ms = int(time.time() * 1000)
            if after:
                self._clock.observe(Version.parse(after), now_ms)
            return str(self._clock.tick(now_ms))


async def get_store(request: Request) -> Store:
    """The request's store (async, so FastAPI calls it without a trip to its thread pool)."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


def client_key(request: Request) -> str:
    """The caller's address, for rate limits on calls made before any credential."""
    return f"ip:{request.client.host if request.client else 'unknown'}"
