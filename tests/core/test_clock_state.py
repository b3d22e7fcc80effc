"""Stored as wall-clock time, the clock resumes the same turn with the right time left."""

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from circle.core.clock import ClockError, ClockEvent, Event, TurnClock, TurnStatus
from circle.core.clock_state import TURN_FIELDS, ClockState, TurnState, restore, snapshot
from circle.model import TurnBase
from circle.model import TurnStatus as RecordStatus
from tests.core.clocks import WALL, at, clock_for


def restarted(clock: TurnClock, moment: float, *, down: float = 0.0) -> TurnClock:
    """The clock as a new process sees it `down` seconds after `moment`, on a new monotonic base."""
    state = snapshot(clock)
    return restore(state, now=7.25, wall=clock.wall(moment) + timedelta(seconds=down))


def test_a_fresh_clock_stores_planned_turns_and_no_start() -> None:
    state = snapshot(clock_for(90, 120, target=600))
    assert state.started_at is None
    assert state.target_seconds == 600
    assert [(t.member_id, t.planned_seconds, t.status) for t in state.turns] == [
        ("a", 90, TurnStatus.PLANNED),
        ("b", 120, TurnStatus.PLANNED),
    ]


def test_a_running_turn_is_stored_as_banked_seconds_and_when_it_resumed() -> None:
    clock = clock_for(90, 120)
    clock.start(at(10))
    clock.pause(at(40))
    clock.resume(at(100))
    state = snapshot(clock)
    first = state.turns[0]
    assert state.started_at == WALL + timedelta(seconds=10)
    assert first.status is TurnStatus.RUNNING
    assert first.started_at == WALL + timedelta(seconds=10)
    assert first.resumed_at == WALL + timedelta(seconds=100)
    assert (first.paused_at, first.ended_at, first.used_seconds) == (None, None, 30)


def test_a_finished_turn_stores_its_end_and_overtime() -> None:
    clock = clock_for(60, 60)
    clock.start(at(0))
    clock.next(at(75))
    first, second = snapshot(clock).turns
    assert (first.status, first.used_seconds, first.overtime_seconds) == (TurnStatus.DONE, 75, 15)
    assert first.ended_at == second.started_at == WALL + timedelta(seconds=75)


def test_restarting_at_once_gives_exactly_the_same_reading() -> None:
    clock = clock_for(90, 120, 60, target=300)
    clock.start(at(0))
    clock.next(at(95))
    clock.extend(at(100), 60)
    again = restarted(clock, at(130.5))
    before, after = clock.read(at(130.5)), again.read(7.25)
    assert after == before
    assert after.remaining == 180 - 35.5


def test_a_turn_runs_on_while_the_process_is_down() -> None:
    clock = clock_for(300)
    clock.start(at(0))
    again = restarted(clock, at(100), down=45)
    assert again.read(7.25).remaining == 300 - 145
    assert again.read(7.25 + 10).remaining == 300 - 155


def test_a_paused_turn_stays_paused_with_the_same_time_left_however_long_the_restart() -> None:
    clock = clock_for(300)
    clock.start(at(0))
    clock.pause(at(100))
    again = restarted(clock, at(100), down=3600)
    reading = again.read(7.25)
    assert (reading.status, reading.remaining) == (TurnStatus.PAUSED, 200)
    again.resume(8.0)
    assert again.read(18.0).remaining == 190


def test_a_restored_clock_does_not_ring_a_mark_already_crossed_but_rings_the_next() -> None:
    clock = clock_for(100)
    clock.start(at(0))
    assert clock.poll(at(85)) == [ClockEvent(Event.WARNING, 0)]
    again = restarted(clock, at(85))
    assert again.poll(7.25) == []
    assert again.poll(7.25 + 15) == [ClockEvent(Event.TIME_UP, 0)]


def test_a_next_stored_only_half_way_starts_the_next_turn_from_when_the_last_ended() -> None:
    clock = clock_for(60, 60)
    clock.start(at(0))
    clock.next(at(50))
    state = snapshot(clock)
    half = replace(
        state,
        turns=(
            state.turns[0],
            replace(state.turns[1], status=TurnStatus.PLANNED, started_at=None, resumed_at=None),
        ),
    )
    again = restore(half, now=0.0, wall=WALL + timedelta(seconds=70))
    reading = again.read(0.0)
    assert (reading.index, reading.status, reading.used) == (1, TurnStatus.RUNNING, 20)


def test_a_finished_session_restores_as_finished() -> None:
    clock = clock_for(60)
    clock.start(at(0))
    clock.next(at(61))
    again = restarted(clock, at(200))
    assert again.finished
    assert again.read(7.25).elapsed == 61


def test_the_status_may_come_as_the_records_own_enum() -> None:
    clock = clock_for(60)
    clock.start(at(0))
    state = snapshot(clock)
    stored = replace(state, turns=(replace(state.turns[0], status=RecordStatus.RUNNING),))
    assert restore(stored, now=0.0, wall=WALL + timedelta(seconds=10)).read(0.0).used == 10


def good_state() -> ClockState:
    clock = clock_for(60, 60)
    clock.start(at(0))
    return snapshot(clock)


def naive(state: ClockState) -> ClockState:
    turn = state.turns[0]
    assert turn.resumed_at is not None
    return replace(
        state,
        turns=(replace(turn, resumed_at=turn.resumed_at.replace(tzinfo=None)), state.turns[1]),
    )


def two_running(state: ClockState) -> ClockState:
    return replace(state, turns=(state.turns[0], state.turns[0]))


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (naive, "timezone-aware"),
        (two_running, "2 turns are running or paused at once"),
        (lambda s: replace(s, started_at=None), "has not started"),
        (lambda s: replace(s, target_seconds=float("nan")), "finite and not negative"),
        (
            lambda s: replace(s, turns=(replace(s.turns[0], used_seconds=-5), s.turns[1])),
            "finite and not negative",
        ),
        (
            lambda s: replace(s, turns=(replace(s.turns[0], resumed_at=None), s.turns[1])),
            "no resumed_at",
        ),
        (
            lambda s: replace(s, turns=(replace(s.turns[0], status="talking"), s.turns[1])),
            "unknown turn status",
        ),
    ],
)
def test_stored_state_that_makes_no_sense_is_refused(spoil: object, message: str) -> None:
    with pytest.raises(ClockError, match=message):
        restore(spoil(good_state()), now=0.0, wall=WALL)  # type: ignore[operator]


def test_a_naive_wall_time_is_refused() -> None:
    with pytest.raises(ClockError, match="timezone-aware"):
        restore(good_state(), now=0.0, wall=datetime(2026, 3, 5, 18, 0))  # noqa: DTZ001


def test_a_wall_clock_set_back_during_the_restart_never_gives_time_back() -> None:
    clock = clock_for(300)
    clock.start(at(0))
    again = restore(snapshot(clock), now=0.0, wall=WALL - timedelta(hours=1))
    assert again.read(0.0).used == 0
    assert again.read(5.0).used == 5


def test_turn_state_has_the_turn_records_fields() -> None:
    assert set(TURN_FIELDS) <= set(TurnBase.model_fields)
    assert set(TURN_FIELDS) | {"member_id"} == set(TurnState.__dataclass_fields__)
    assert [s.value for s in TurnStatus] == [s.value for s in RecordStatus]
