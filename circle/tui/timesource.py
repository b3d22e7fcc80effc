"""The console's two clocks, passed in so tests and snapshots can freeze time."""

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class TimeSource(Protocol):
    """A monotonic clock for deadlines and a wall clock for what is stored and shown."""

    def monotonic(self) -> float: ...

    def wall(self) -> datetime: ...


class SystemTime:
    """The real clocks."""

    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now(UTC)


class FrozenTime:
    """Clocks that move only when told to (tests and snapshots)."""

    def __init__(self, wall: datetime, monotonic: float = 1000.0) -> None:
        self._wall = wall
        self._monotonic = monotonic

    def monotonic(self) -> float:
        return self._monotonic

    def wall(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        """Move both clocks forward together."""
        self._monotonic += seconds
        self._wall += timedelta(seconds=seconds)
