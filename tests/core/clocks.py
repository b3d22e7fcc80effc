"""A fake clock for the turn-clock tests: plain numbers for monotonic time, a fixed wall time."""

from dataclasses import dataclass
from datetime import UTC, datetime

from circle.core.clock import TurnClock

WALL = datetime(2026, 3, 5, 18, 0, tzinfo=UTC)
T0 = 1_000.0
"""The monotonic reading when the clock is built (any number will do)."""


@dataclass(frozen=True)
class Slot:
    member_id: str | None
    seconds: float


def clock_for(*seconds: float, members: str = "abcdefgh", target: float | None = None) -> TurnClock:
    """A clock for turns of these lengths, spoken by a, b, c… in order."""
    slots = [Slot(members[i], s) for i, s in enumerate(seconds)]
    return TurnClock.plan(slots, now=T0, wall=WALL, target_seconds=target)


def at(seconds: float) -> float:
    """The monotonic reading `seconds` after the clock was built."""
    return T0 + seconds
