"""Hybrid logical clock versions for synced records.

A version is wall-clock milliseconds, a counter and the writer's node id, written
as a fixed-width string so that comparing two versions as strings orders them:
`000001764028800000.00000.3f9a1c2b7d4e`. A newer version wins a sync conflict;
ties on time are broken by the counter, then by the node id.
"""

from dataclasses import dataclass

_WALL_DIGITS = 18
_COUNTER_DIGITS = 5
MAX_COUNTER = 10**_COUNTER_DIGITS - 1


@dataclass(frozen=True, order=True)
class Version:
    """One point in hybrid logical time."""

    wall_ms: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.wall_ms:0{_WALL_DIGITS}d}.{self.counter:0{_COUNTER_DIGITS}d}.{self.node}"

    @classmethod
    def parse(cls, text: str) -> "Version":
        """Read a version written by `str()`; raise ValueError on anything else."""
        wall, counter, node = text.split(".", 2)
        if len(wall) != _WALL_DIGITS or len(counter) != _COUNTER_DIGITS or not node:
            raise ValueError(f"not a record version: {text!r}")
        return cls(int(wall), int(counter), node)


class HybridClock:
    """Issues strictly increasing versions for one writer, never behind versions it has seen."""

    def __init__(self, node: str, last: Version | None = None) -> None:
        if not node or "." in node:
            raise ValueError("a node id is a non-empty string without dots")
        self.node = node
        self._wall_ms = last.wall_ms if last else 0
        self._counter = last.counter if last else 0

    @property
    def last(self) -> Version:
        """The latest version issued or seen (persist it to stay monotonic across restarts)."""
        return Version(self._wall_ms, self._counter, self.node)

    def tick(self, now_ms: int) -> Version:
        """A new version for a local change made at `now_ms` (Unix milliseconds)."""
        if now_ms > self._wall_ms:
            self._wall_ms, self._counter = now_ms, 0
        else:
            self._advance_counter()
        return Version(self._wall_ms, self._counter, self.node)

    def observe(self, seen: Version, now_ms: int) -> None:
        """Move past a version received from another writer."""
        wall = max(self._wall_ms, seen.wall_ms, now_ms)
        if wall == self._wall_ms == seen.wall_ms:
            self._counter = max(self._counter, seen.counter)
        elif wall == seen.wall_ms:
            self._counter = seen.counter
        elif wall != self._wall_ms:
            self._counter = -1
        self._wall_ms = wall
        self._advance_counter()

    def _advance_counter(self) -> None:
        if self._counter >= MAX_COUNTER:
            self._wall_ms += 1
            self._counter = 0
        else:
            self._counter += 1
