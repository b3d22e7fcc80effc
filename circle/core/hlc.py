"""Hybrid logical clock versions for synced records.

A version is wall-clock milliseconds, a counter and the writer's node id, written
as a fixed-width string so that comparing two versions as strings orders them:
`000001764028800000.00000.3f9a1c2b7d4e`. A newer version wins a sync conflict;
ties on time are broken by the counter, then by the node id.
"""

import re
from dataclasses import dataclass

_WALL_DIGITS = 18
_COUNTER_DIGITS = 5
MAX_COUNTER = 10**_COUNTER_DIGITS - 1
_WRITTEN = re.compile(rf"([0-9]{{{_WALL_DIGITS}}})\.([0-9]{{{_COUNTER_DIGITS}}})\.(.+)", re.DOTALL)
"""A version as `str()` writes it: ASCII digits of fixed width, then a non-empty node id."""


def is_version(text: str) -> bool:
    """True for a version as `str()` writes it (what `Version.parse` reads), without reading it."""
    return _WRITTEN.fullmatch(text) is not None


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
        written = _WRITTEN.fullmatch(text)
        if written is None:
            raise ValueError(f"not a record version: {text!r}")
        wall, counter, node = written.groups()
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
