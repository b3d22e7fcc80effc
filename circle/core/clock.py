"""The turn clock: deadlines on a monotonic clock, persisted as wall-clock UTC timestamps.

Every method takes `now`, a monotonic reading in seconds (`time.monotonic()` in the
app, plain numbers in tests). Time left is always `planned - (banked + now - since)`,
worked out when asked: reading the clock a million times changes nothing and never
drifts. The clock never sleeps and never counts ticks.

    clock = TurnClock.plan(agenda.turns, now=monotonic(), wall=utcnow(), target_seconds=…)
    clock.start(now)              the session starts; the first turn runs
    clock.pause(now), clock.resume(now)
    clock.extend(now), clock.shorten(now)    a minute more or less (or `seconds=`)
    clock.next(now)               this turn is done, the next one runs
    clock.skip(now)               this turn is skipped, the next one runs
    clock.previous(now)           undo `next`/`skip`: back to the last turn, as if never left
    clock.replan(agenda.turns)    after an agenda change (latecomer, absence, reorder…)
    clock.poll(now)               WARNING / TIME_UP events, each once per crossing: ring the bell
    clock.read(now)               a `Reading`: the countdown, overtime, session elapsed vs target…
    clock.talk_time(now)          seconds spoken per member
    clock.propose_rebalance(now)  when late, a `Rebalance` trimming the turns to come; `apply` it

Persisting is in `circle.core.clock_state`: `snapshot(clock)` after every change gives
the wall-clock state of each Turn record; `restore(state, now=…, wall=…)` after a restart.

The warning mark comes at whichever is later: the last `fraction` (20 %) of the turn or
the last `seconds` (30 s). A 90 s check-in warns with 18 s left; a 9 minute hot-seat step
with 30 s left. Extending or shortening moves both marks; a mark moved back ahead rings again.
Shortening never pushes a turn into overtime: it can at most end the turn now.
"""

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol, Self

from circle.core.agenda import MemberId
from circle.core.rebalance import (
    FLOOR_FRACTION,
    FLOOR_SECONDS,
    Rebalance,
    Trim,
    floor_for,
    shrink,
)


class ClockError(ValueError):
    """A clock operation that does not fit its state, e.g. pausing a paused turn."""


class TurnStatus(enum.StrEnum):
    """A turn's state; the same values as `circle.model.TurnStatus`."""

    PLANNED = "planned"
    RUNNING = "running"
    PAUSED = "paused"
    DONE = "done"
    SKIPPED = "skipped"


class Slot(Protocol):
    """What the clock needs of a planned turn (an agenda's `PlannedTurn` is one)."""

    @property
    def member_id(self) -> MemberId | None: ...
    @property
    def seconds(self) -> float: ...


@dataclass(frozen=True)
class WarningRule:
    """When a turn warns that it is ending: the later of two marks."""

    fraction: float = 0.2
    seconds: float = 30.0

    def __post_init__(self) -> None:
        if not (math.isfinite(self.fraction) and 0 <= self.fraction <= 1):
            raise ValueError(f"the warning fraction must be from 0 to 1, got {self.fraction}")
        if not (math.isfinite(self.seconds) and self.seconds >= 0):
            raise ValueError(f"the warning seconds must be 0 or more, got {self.seconds}")

    def mark(self, planned: float) -> float:
        """Seconds into a turn of `planned` seconds at which the warning comes."""
        return max(0.0, planned - min(planned * self.fraction, self.seconds))


class Event(enum.StrEnum):
    WARNING = "warning"
    """The running turn crossed its warning mark."""
    TIME_UP = "time-up"
    """The running turn used up its planned time; overtime starts."""


@dataclass(frozen=True)
class ClockEvent:
    """Something the facilitator should notice now (ring the bell once)."""

    kind: Event
    index: int


@dataclass(frozen=True)
class Reading:
    """Everything the screen shows at one moment; seconds unless named otherwise."""

    index: int
    """The current turn; `len(turns)` once the last turn is over."""
    status: TurnStatus | None
    """The current turn's status; None once the session is over."""
    member_id: MemberId | None
    planned: float
    used: float
    remaining: float
    overtime: float
    """Counts up from zero once the turn's time is used."""
    warning: bool
    """True from the warning mark on (the countdown changes colour)."""
    elapsed: float
    """Session time since `start`, pauses included."""
    target: float
    """The session's intended length."""
    projected: float
    """Projected session length if the turns to come keep their plan."""
    ends_at: datetime
    """Projected end, wall clock UTC."""

    @property
    def late_by(self) -> float:
        """How much later than intended the session will end (negative: early)."""
        return self.projected - self.target


@dataclass
class ClockTurn:
    """One turn's clock, in monotonic seconds (`clock_state` converts it to wall-clock time)."""

    member_id: MemberId | None
    planned: float
    status: TurnStatus = TurnStatus.PLANNED
    banked: float = 0.0
    """Seconds used before `since`."""
    since: float | None = None
    """When it last started or resumed, while running."""
    started: float | None = None
    paused: float | None = None
    ended: float | None = None
    warned: bool = False
    timed_out: bool = False

    def used(self, now: float) -> float:
        running = max(0.0, now - self.since) if self.since is not None else 0.0
        return self.banked + running


@dataclass
class TurnClock:
    """The clock of one session's turns; build it with `plan` or `restore`."""

    turns: list[ClockTurn]
    anchor: tuple[float, datetime]
    """A monotonic reading and the wall-clock time it stood for."""
    target: float
    rule: WarningRule = field(default_factory=WarningRule)
    index: int = 0
    started: float | None = None
    last: float = -math.inf

    @classmethod
    def plan(
        cls,
        slots: Sequence[Slot],
        *,
        now: float,
        wall: datetime,
        target_seconds: float | None = None,
        rule: WarningRule | None = None,
    ) -> Self:
        """A clock for planned turns, not started; the target defaults to their total."""
        turns = [ClockTurn(s.member_id, float(s.seconds)) for s in slots]
        target = sum(t.planned for t in turns) if target_seconds is None else target_seconds
        return cls(turns, (now, _aware(wall)), float(target), rule or WarningRule(), last=now)

    # --- transitions ------------------------------------------------------------------

    def start(self, now: float) -> None:
        self._tick(now)
        if self.started is not None:
            raise ClockError("the session has already started")
        if not self.turns:
            raise ClockError("there are no turns to run")
        self.started = now
        self._run(self.index, now)

    def pause(self, now: float) -> None:
        turn = self._current(now, TurnStatus.RUNNING, "only a running turn can be paused")
        turn.banked, turn.since = turn.used(now), None
        turn.status, turn.paused = TurnStatus.PAUSED, now

    def resume(self, now: float) -> None:
        turn = self._current(now, TurnStatus.PAUSED, "only a paused turn can be resumed")
        turn.status, turn.since, turn.paused = TurnStatus.RUNNING, now, None

    def shorten(self, now: float, seconds: float = 60.0) -> None:
        """Take time from the current turn; at most down to what it has used."""
        self.extend(now, -seconds)

    def extend(self, now: float, seconds: float = 60.0) -> None:
        """Give the current turn more time (or less, with a negative number)."""
        self._tick(now)
        if self.finished or not math.isfinite(seconds):
            raise ClockError("there is no turn to extend" if self.finished else "not a duration")
        turn = self.turns[self.index]
        used = turn.used(now)
        floor = min(turn.planned, used) if seconds < 0 else 0.0
        turn.planned = max(turn.planned + seconds, floor, 0.0)
        turn.warned = turn.warned and used >= self.rule.mark(turn.planned)
        turn.timed_out = turn.timed_out and used >= turn.planned

    def next(self, now: float) -> None:
        self._advance(now, TurnStatus.DONE)

    def skip(self, now: float) -> None:
        self._advance(now, TurnStatus.SKIPPED)

    def previous(self, now: float) -> None:
        """Undo `next` or `skip`: the last turn goes on, with the time spent since."""
        self._tick(now)
        if self.started is None or self.index == 0:
            raise ClockError("there is no previous turn")
        back = self.turns[self.index - 1]
        if self.finished:
            assert back.ended is not None
            carry, state, paused = now - back.ended, TurnStatus.RUNNING, None
        else:
            leaving = self.turns[self.index]
            carry, state, paused = leaving.used(now), leaving.status, leaving.paused
            self.turns[self.index] = ClockTurn(leaving.member_id, leaving.planned)
        back.banked += carry
        back.status, back.ended, back.paused = state, None, paused
        back.since = now if state is TurnStatus.RUNNING else None
        self.index -= 1

    def replan(self, slots: Sequence[Slot]) -> None:
        """Take a changed agenda; the turns up to the current one must be unchanged."""
        keep = 0 if self.started is None else self.index + 1
        if self.finished:
            raise ClockError("the session is over")
        old = [t.member_id for t in self.turns[:keep]]
        if len(slots) < keep or [s.member_id for s in slots[:keep]] != old:
            raise ClockError("the new agenda changes turns that have already run")
        fresh = [ClockTurn(s.member_id, float(s.seconds)) for s in slots[keep:]]
        self.turns[keep:] = fresh

    # --- reading ----------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.index >= len(self.turns)

    def poll(self, now: float) -> list[ClockEvent]:
        """The marks the current turn has crossed since the last poll, each reported once.

        A paused turn crosses none by itself, but can by `shorten` or `previous`.
        """
        if self.started is None or self.finished:
            return []
        turn, events = self.turns[self.index], []
        used = turn.used(now)
        if not turn.warned and used >= self.rule.mark(turn.planned):
            turn.warned = True
            events.append(ClockEvent(Event.WARNING, self.index))
        if not turn.timed_out and used >= turn.planned:
            turn.timed_out = True
            events.append(ClockEvent(Event.TIME_UP, self.index))
        return events

    def read(self, now: float) -> Reading:
        elapsed = self.elapsed(now)
        left = sum(t.planned for t in self.turns[self.index + 1 :])
        if self.finished:
            turn, used, status = ClockTurn(None, 0.0), 0.0, None
        else:
            turn = self.turns[self.index]
            used, status = turn.used(now), turn.status
        remaining = max(0.0, turn.planned - used)
        projected = elapsed + remaining + left
        return Reading(
            index=self.index,
            status=status,
            member_id=turn.member_id,
            planned=turn.planned,
            used=used,
            remaining=remaining,
            overtime=max(0.0, used - turn.planned),
            warning=status is not None and used >= self.rule.mark(turn.planned),
            elapsed=elapsed,
            target=self.target,
            projected=projected,
            ends_at=self.wall(now) + timedelta(seconds=projected - elapsed),
        )

    def elapsed(self, now: float) -> float:
        """Session seconds since `start`, frozen when the last turn ends."""
        if self.started is None:
            return 0.0
        end = self.turns[-1].ended if self.finished else None
        return max(0.0, (now if end is None else end) - self.started)

    def talk_time(self, now: float) -> dict[MemberId, float]:
        """Seconds used per member (every member with a turn, spoken or not)."""
        spoken: dict[MemberId, float] = {}
        for turn in self.turns:
            if turn.member_id is not None:
                spoken[turn.member_id] = spoken.get(turn.member_id, 0.0) + turn.used(now)
        return spoken

    def wall(self, now: float) -> datetime:
        """The wall-clock time a monotonic reading stands for."""
        mono, wall = self.anchor
        return wall + timedelta(seconds=now - mono)

    # --- rebalancing ------------------------------------------------------------------

    def propose_rebalance(
        self,
        now: float,
        *,
        floor_seconds: float = FLOOR_SECONDS,
        floor_fraction: float = FLOOR_FRACTION,
    ) -> Rebalance | None:
        """When the session will end late, trim the turns to come so it ends on time.

        Every upcoming turn shrinks by the same factor but none below its floor (see
        `circle.core.rebalance`); None when on time or nothing is left to trim.
        """
        reading = self.read(now)
        first = 0 if self.started is None else self.index + 1
        upcoming = list(range(first, len(self.turns)))
        if reading.late_by <= 0 or not upcoming:
            return None
        planned = [self.turns[i].planned for i in upcoming]
        budget = sum(planned) - reading.late_by
        floors = [floor_for(p, floor_seconds, floor_fraction) for p in planned]
        trimmed = shrink(planned, budget, floors)
        trims = tuple(
            Trim(i, before, after)
            for i, before, after in zip(upcoming, planned, trimmed, strict=True)
            if after < before
        )
        return Rebalance(reading.late_by, trims) if trims else None

    def apply(self, rebalance: Rebalance) -> None:
        """Take a proposal; refused when the agenda changed since it was made."""
        first = 0 if self.started is None else self.index + 1
        for trim in rebalance.trims:
            if not (first <= trim.index < len(self.turns)) or (
                self.turns[trim.index].planned != trim.before
            ):
                raise ClockError("the agenda changed since this proposal; ask for a new one")
        for trim in rebalance.trims:
            self.turns[trim.index].planned = trim.after

    # --- inside -----------------------------------------------------------------------

    def _tick(self, now: float) -> None:
        if now < self.last:
            raise ClockError("the monotonic clock went backwards")
        self.last = now

    def _current(self, now: float, status: TurnStatus, message: str) -> ClockTurn:
        self._tick(now)
        if self.finished or self.turns[self.index].status is not status:
            raise ClockError(message)
        return self.turns[self.index]

    def _run(self, index: int, now: float) -> None:
        turn = self.turns[index]
        turn.status, turn.since, turn.paused, turn.ended = TurnStatus.RUNNING, now, None, None
        if turn.started is None:
            turn.started = now

    def _advance(self, now: float, status: TurnStatus) -> None:
        self._tick(now)
        if self.started is None or self.finished:
            raise ClockError("the session is not running")
        turn = self.turns[self.index]
        turn.banked, turn.since = turn.used(now), None
        turn.status, turn.paused, turn.ended = status, None, now
        self.index += 1
        if not self.finished:
            self._run(self.index, now)


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"timestamps must be timezone-aware, got {moment!r}")
    return moment
