"""The turn clock as wall-clock UTC timestamps, so a restarted process resumes the same turn.

A monotonic reading means nothing after a restart, so the clock is stored the way a
`Turn` record holds it: `used_seconds` banked before `resumed_at`, plus the wall-clock
time since `resumed_at` while the turn runs. `TURN_FIELDS` lists the fields a
`TurnState` shares with the record, by name:

    state = snapshot(clock)                       # after every transition
    for record, turn in zip(turn_records, state.turns):
        for name in TURN_FIELDS:
            setattr(record, name, getattr(turn, name))   # status: model.TurnStatus(turn.status)
    session.started_at = state.started_at

    clock = restore(state, now=time.monotonic(), wall=utcnow())   # after a restart

Store the records of one transition together (`next` ends one turn and starts another):
if only the ended turn reached the disk, `restore` starts the next one from that end.
"""

import math
from dataclasses import dataclass, replace
from datetime import datetime

from circle.core.agenda import MemberId
from circle.core.clock import ClockError, ClockTurn, TurnClock, TurnStatus, WarningRule

TURN_FIELDS = (
    "planned_seconds",
    "status",
    "started_at",
    "resumed_at",
    "paused_at",
    "ended_at",
    "used_seconds",
    "overtime_seconds",
)
"""The `TurnState` fields that a `circle.model.Turn` record has under the same names."""

_LIVE = (TurnStatus.RUNNING, TurnStatus.PAUSED)
_OVER = (TurnStatus.DONE, TurnStatus.SKIPPED)


@dataclass(frozen=True)
class TurnState:
    """One turn's clock in wall-clock terms; the fields of a Turn record."""

    member_id: MemberId | None
    planned_seconds: float
    status: TurnStatus
    started_at: datetime | None = None
    resumed_at: datetime | None = None
    """When it last started or resumed; None unless running."""
    paused_at: datetime | None = None
    ended_at: datetime | None = None
    used_seconds: float = 0.0
    """Seconds used before `resumed_at` (all of them unless running)."""
    overtime_seconds: float = 0.0
    """Overtime within `used_seconds`."""


@dataclass(frozen=True)
class ClockState:
    """A session's clock: when it started, its intended length and each turn."""

    started_at: datetime | None
    target_seconds: float
    turns: tuple[TurnState, ...]


def snapshot(clock: TurnClock) -> ClockState:
    """The clock as wall-clock state; it changes only when the clock changes state."""
    return ClockState(
        started_at=_wall(clock, clock.started),
        target_seconds=clock.target,
        turns=tuple(_turn_state(clock, turn) for turn in clock.turns),
    )


def restore(
    state: ClockState, *, now: float, wall: datetime, rule: WarningRule | None = None
) -> TurnClock:
    """A clock from stored state, `now` (monotonic) and `wall` (UTC) read at the same moment.

    A running turn has run on while the process was down; a warning mark or an end
    already crossed is not announced again.
    """
    state = _checked(state, wall)
    turns = [_clock_turn(turn, now, wall) for turn in state.turns]
    started = None if state.started_at is None else _mono(state.started_at, now, wall)
    clock = TurnClock(turns, (now, wall), state.target_seconds, rule or WarningRule(), last=now)
    clock.started = started
    for turn in clock.turns:
        if turn.status is not TurnStatus.PLANNED:
            used = turn.used(now)
            turn.warned = used >= clock.rule.mark(turn.planned)
            turn.timed_out = used >= turn.planned
    clock.index = _current_index(clock, now)
    return clock


def _turn_state(clock: TurnClock, turn: ClockTurn) -> TurnState:
    return TurnState(
        member_id=turn.member_id,
        planned_seconds=turn.planned,
        status=turn.status,
        started_at=_wall(clock, turn.started),
        resumed_at=_wall(clock, turn.since),
        paused_at=_wall(clock, turn.paused),
        ended_at=_wall(clock, turn.ended),
        used_seconds=turn.banked,
        overtime_seconds=max(0.0, turn.banked - turn.planned),
    )


def _clock_turn(state: TurnState, now: float, wall: datetime) -> ClockTurn:
    def mono(moment: datetime | None) -> float | None:
        return None if moment is None else _mono(moment, now, wall)

    since = mono(state.resumed_at) if state.status is TurnStatus.RUNNING else None
    return ClockTurn(
        member_id=state.member_id,
        planned=state.planned_seconds,
        status=state.status,
        banked=state.used_seconds,
        since=None if since is None else min(since, now),
        started=mono(state.started_at),
        paused=mono(state.paused_at),
        ended=mono(state.ended_at),
    )


def _current_index(clock: TurnClock, now: float) -> int:
    """The live turn; else the turn a half-stored `next` was starting; else the end."""
    live = [i for i, t in enumerate(clock.turns) if t.status in _LIVE]
    if live:
        return live[0]
    if clock.started is None:
        return 0
    done = [i for i, t in enumerate(clock.turns) if t.status in _OVER]
    index = done[-1] + 1 if done else 0
    if index < len(clock.turns):
        before = clock.turns[index - 1].ended if index else None
        since = min(now, clock.started if before is None else before)
        turn = clock.turns[index]
        turn.status, turn.since, turn.started = TurnStatus.RUNNING, since, since
    return index


def _checked(state: ClockState, wall: datetime) -> ClockState:
    """The state with statuses as this module's enum, or a ClockError saying what is off."""
    try:
        turns = tuple(replace(t, status=TurnStatus(t.status)) for t in state.turns)
    except ValueError as exc:
        raise ClockError(f"unknown turn status: {exc}") from exc
    state = replace(state, turns=turns)
    moments = [wall, state.started_at] + [
        m for t in state.turns for m in (t.started_at, t.resumed_at, t.paused_at, t.ended_at)
    ]
    if any(m is not None and (m.tzinfo is None or m.utcoffset() is None) for m in moments):
        raise ClockError("stored clock times must be timezone-aware")
    numbers = [state.target_seconds] + [
        n for t in state.turns for n in (t.planned_seconds, t.used_seconds, t.overtime_seconds)
    ]
    if not all(math.isfinite(n) and n >= 0 for n in numbers):
        raise ClockError("stored clock durations must be finite and not negative")
    live = [t for t in state.turns if t.status in _LIVE]
    if len(live) > 1:
        raise ClockError(f"{len(live)} turns are running or paused at once; at most one can be")
    if live and state.started_at is None:
        raise ClockError("a turn is running in a session that has not started")
    if any(t.status is TurnStatus.RUNNING and t.resumed_at is None for t in state.turns):
        raise ClockError("a running turn has no resumed_at time")
    return state


def _wall(clock: TurnClock, moment: float | None) -> datetime | None:
    return None if moment is None else clock.wall(moment)


def _mono(moment: datetime, now: float, wall: datetime) -> float:
    return now + (moment - wall).total_seconds()
