"""Trimming a late session: shrink the remaining turns by one factor, never below a floor.

`shrink` is the arithmetic; `circle.core.clock.TurnClock.propose_rebalance` decides
which turns and what budget, and turns the result into a proposal the facilitator accepts.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

FLOOR_SECONDS = 30.0
"""No trimmed turn goes below half a minute..."""
FLOOR_FRACTION = 0.5
"""...or below half of what it had (a turn already shorter than its floor is left alone)."""


@dataclass(frozen=True)
class Trim:
    """One upcoming turn's planned seconds, before and after a rebalance."""

    index: int
    before: float
    after: float


@dataclass(frozen=True)
class Rebalance:
    """A proposal to trim the turns to come so the session ends on time."""

    late_by: float
    trims: tuple[Trim, ...]

    @property
    def saved(self) -> float:
        return sum(t.before - t.after for t in self.trims)

    @property
    def still_late_by(self) -> float:
        """Lateness left after trimming every turn to its floor (0 when it ends on time)."""
        return max(0.0, self.late_by - self.saved)


def floor_for(
    planned: float, seconds: float = FLOOR_SECONDS, fraction: float = FLOOR_FRACTION
) -> float:
    """The least a turn of `planned` seconds may be trimmed to."""
    return min(planned, max(seconds, fraction * planned))


def shrink(planned: Sequence[float], budget: float, floors: Sequence[float]) -> list[float]:
    """Scale `planned` down by one factor to fit `budget`, holding any value at its floor.

    When the floors alone exceed the budget every value sits at its floor; when the plan
    already fits it is returned unchanged. Results are whole seconds, rounded down, so
    they never add up to more than the budget the floors allow.
    """
    if sum(planned) <= budget:
        return list(planned)
    if sum(floors) >= budget:
        return list(floors)
    held = [False] * len(planned)
    factor = 1.0
    while True:
        free = sum(p for p, h in zip(planned, held, strict=True) if not h)
        fixed = sum(f for f, h in zip(floors, held, strict=True) if h)
        factor = (budget - fixed) / free if free > 0 else 0.0
        newly = [i for i, p in enumerate(planned) if not held[i] and p * factor < floors[i]]
        if not newly:
            break
        for i in newly:
            held[i] = True
    return [
        floors[i] if held[i] else max(floors[i], float(math.floor(p * factor)))
        for i, p in enumerate(planned)
    ]
