"""The turn clock counts down by deadline, warns once, counts overtime and trims when late."""

from datetime import timedelta

import pytest

from circle.core.clock import ClockError, ClockEvent, Event, TurnClock, TurnStatus, WarningRule
from tests.core.clocks import T0, WALL, Slot, at, clock_for


def test_before_the_start_the_first_turn_waits_with_its_full_time() -> None:
    clock = clock_for(90, 90)
    reading = clock.read(at(50))
    assert (reading.index, reading.status, reading.remaining) == (0, TurnStatus.PLANNED, 90)
    assert (reading.elapsed, reading.projected) == (0, 180)
    assert reading.ends_at == WALL + timedelta(seconds=50 + 180)


def test_a_running_turn_counts_down_from_its_deadline() -> None:
    clock = clock_for(90, 90)
    clock.start(at(10))
    reading = clock.read(at(40))
    assert (reading.status, reading.used, reading.remaining, reading.overtime) == (
        TurnStatus.RUNNING,
        30,
        60,
        0,
    )
    assert reading.member_id == "a"


def test_a_pause_stops_the_countdown_and_resume_picks_it_up() -> None:
    clock = clock_for(90)
    clock.start(at(0))
    clock.pause(at(20))
    assert clock.read(at(500)).remaining == 70
    assert clock.read(at(500)).status is TurnStatus.PAUSED
    clock.resume(at(500))
    assert clock.read(at(510)).remaining == 60


def test_a_pause_still_counts_as_session_time() -> None:
    clock = clock_for(90, 90)
    clock.start(at(0))
    clock.pause(at(20))
    reading = clock.read(at(80))
    assert reading.elapsed == 80
    assert reading.projected == 80 + 70 + 90


def test_overtime_counts_upward_once_the_time_is_used() -> None:
    clock = clock_for(60)
    clock.start(at(0))
    reading = clock.read(at(75))
    assert (reading.remaining, reading.overtime) == (0, 15)


def test_extend_and_shorten_move_the_deadline_by_a_minute() -> None:
    clock = clock_for(120)
    clock.start(at(0))
    clock.extend(at(10))
    assert clock.read(at(10)).remaining == 170
    clock.shorten(at(10))
    clock.shorten(at(10), 30)
    assert clock.read(at(10)).remaining == 80


def test_shortening_can_end_a_turn_now_but_not_push_it_into_overtime() -> None:
    clock = clock_for(120)
    clock.start(at(0))
    clock.shorten(at(100), 60)
    reading = clock.read(at(100))
    assert (reading.planned, reading.remaining, reading.overtime) == (100, 0, 0)


def test_next_ends_the_turn_and_starts_the_following_one_at_once() -> None:
    clock = clock_for(60, 60, 60)
    clock.start(at(0))
    clock.next(at(45))
    reading = clock.read(at(50))
    assert (reading.index, reading.member_id, reading.used) == (1, "b", 5)
    assert clock.turns[0].status is TurnStatus.DONE
    assert clock.turns[0].used(at(50)) == 45


def test_skip_marks_the_turn_skipped_and_moves_on() -> None:
    clock = clock_for(60, 60)
    clock.start(at(0))
    clock.skip(at(3))
    assert clock.turns[0].status is TurnStatus.SKIPPED
    assert clock.read(at(3)).index == 1


def test_previous_undoes_next_as_if_the_turn_had_never_been_left() -> None:
    clock = clock_for(60, 60)
    clock.start(at(0))
    clock.next(at(30))
    clock.previous(at(35))
    reading = clock.read(at(40))
    assert (reading.index, reading.status, reading.used) == (0, TurnStatus.RUNNING, 40)
    assert clock.turns[1].status is TurnStatus.PLANNED
    assert clock.turns[1].used(at(40)) == 0


def test_previous_after_the_last_turn_reopens_it() -> None:
    clock = clock_for(60)
    clock.start(at(0))
    clock.next(at(50))
    assert clock.finished
    assert clock.read(at(70)).status is None
    assert clock.read(at(70)).elapsed == 50
    clock.previous(at(70))
    assert clock.read(at(70)).used == 70


def test_the_session_is_over_after_the_last_turn_and_its_elapsed_time_stops() -> None:
    clock = clock_for(60, 60)
    clock.start(at(0))
    clock.next(at(60))
    clock.next(at(130))
    reading = clock.read(at(999))
    assert (reading.index, reading.status, reading.elapsed, reading.projected) == (
        2,
        None,
        130,
        130,
    )
    with pytest.raises(ClockError, match="the session is not running"):
        clock.next(at(999))


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda c: c.pause(at(1)), "only a running turn can be paused"),
        (lambda c: c.resume(at(1)), "only a paused turn can be resumed"),
        (lambda c: c.next(at(1)), "the session is not running"),
        (lambda c: c.previous(at(1)), "there is no previous turn"),
    ],
)
def test_transitions_that_do_not_fit_the_state_are_refused(action: object, message: str) -> None:
    clock = clock_for(60)
    with pytest.raises(ClockError, match=message):
        action(clock)  # type: ignore[operator]


def test_starting_twice_or_with_no_turns_is_refused() -> None:
    clock = clock_for(60)
    clock.start(at(0))
    with pytest.raises(ClockError, match="already started"):
        clock.start(at(1))
    with pytest.raises(ClockError, match="no turns"):
        clock_for().start(at(0))


def test_a_monotonic_clock_going_backwards_is_refused() -> None:
    clock = clock_for(60)
    clock.start(at(10))
    with pytest.raises(ClockError, match="went backwards"):
        clock.pause(at(5))


# --- warning mark and end -----------------------------------------------------------------


def test_the_warning_comes_at_the_later_of_80_percent_and_30_seconds_before_the_end() -> None:
    rule = WarningRule()
    assert rule.mark(90) == 72  # 20 % of 90 s is 18 s: later than 30 s before the end
    assert rule.mark(600) == 570  # 30 s before the end: later than 20 % (120 s)
    assert WarningRule(fraction=0.5, seconds=0).mark(100) == 100


@pytest.mark.parametrize(
    ("fraction", "seconds"), [(1.5, 30), (-0.1, 30), (0.2, -1), (0.2, float("nan"))]
)
def test_a_nonsense_warning_rule_is_refused(fraction: float, seconds: float) -> None:
    with pytest.raises(ValueError, match="warning"):
        WarningRule(fraction, seconds)


def test_warning_and_time_up_fire_once_each_at_the_right_moment() -> None:
    clock = clock_for(100)
    clock.start(at(0))
    assert clock.poll(at(79.9)) == []
    assert clock.poll(at(80)) == [ClockEvent(Event.WARNING, 0)]
    assert clock.poll(at(81)) == []
    assert clock.poll(at(99.99)) == []
    assert clock.poll(at(100)) == [ClockEvent(Event.TIME_UP, 0)]
    assert [clock.poll(at(100 + i)) for i in range(1, 50)] == [[]] * 49


def test_a_poll_that_comes_late_reports_both_marks_in_order() -> None:
    clock = clock_for(100)
    clock.start(at(0))
    assert [e.kind for e in clock.poll(at(150))] == [Event.WARNING, Event.TIME_UP]


def test_a_paused_turn_fires_nothing() -> None:
    clock = clock_for(100)
    clock.start(at(0))
    clock.pause(at(50))
    assert clock.poll(at(500)) == []


def test_extending_past_a_crossed_mark_rings_it_again_when_crossed_again() -> None:
    clock = clock_for(60)
    clock.start(at(0))
    assert [e.kind for e in clock.poll(at(61))] == [Event.WARNING, Event.TIME_UP]
    clock.extend(at(61), 60)
    assert clock.poll(at(62)) == []
    assert clock.poll(at(95)) == []
    assert clock.poll(at(96)) == [ClockEvent(Event.WARNING, 0)]  # 120 s turn: 24 s left
    assert clock.poll(at(120)) == [ClockEvent(Event.TIME_UP, 0)]


def test_each_turn_gets_its_own_warning() -> None:
    clock = clock_for(60, 60)
    clock.start(at(0))
    clock.poll(at(50))
    clock.next(at(55))
    assert clock.poll(at(55 + 48)) == [ClockEvent(Event.WARNING, 1)]


# --- talk time, session, rebalance -----------------------------------------------------------


def test_talk_time_adds_up_each_members_turns_and_leaves_out_open_blocks() -> None:
    slots = [Slot(None, 300), Slot("a", 90), Slot("b", 90), Slot("a", 120)]
    clock = TurnClock.plan(slots, now=T0, wall=WALL)
    clock.start(at(0))
    for moment in (280, 380, 450):
        clock.next(at(moment))
    assert clock.talk_time(at(500)) == {"a": 100 + 50, "b": 70}


def test_every_member_with_a_turn_has_a_talk_time_even_before_speaking() -> None:
    assert clock_for(60, 60).talk_time(at(0)) == {"a": 0, "b": 0}


def test_running_late_shows_in_the_projected_end() -> None:
    clock = clock_for(60, 60, 60, target=180)
    clock.start(at(0))
    clock.next(at(90))
    reading = clock.read(at(90))
    assert (reading.projected, reading.late_by) == (210, 30)
    assert reading.ends_at == WALL + timedelta(seconds=90 + 120)


def test_an_on_time_session_gets_no_rebalance() -> None:
    clock = clock_for(60, 60, 60)
    clock.start(at(0))
    clock.next(at(55))
    assert clock.propose_rebalance(at(55)) is None


def test_a_late_session_is_trimmed_proportionally_to_end_on_time() -> None:
    clock = clock_for(120, 100, 200, 300, target=720)
    clock.start(at(0))
    clock.next(at(180))  # 60 s late
    proposal = clock.propose_rebalance(at(180))
    assert proposal is not None
    assert proposal.late_by == 60
    assert [(t.index, t.before, t.after) for t in proposal.trims] == [
        (2, 200, 176),  # both lose 12 %
        (3, 300, 264),
    ]
    clock.apply(proposal)
    assert clock.read(at(180)).late_by <= 0


def test_no_turn_is_trimmed_below_its_floor_even_when_that_leaves_the_session_late() -> None:
    clock = clock_for(60, 60, 60, 600, target=780)
    clock.start(at(0))
    clock.next(at(600))  # 540 s late; the rest cannot absorb it
    proposal = clock.propose_rebalance(at(600))
    assert proposal is not None
    assert {t.index: t.after for t in proposal.trims} == {2: 30, 3: 300}
    assert proposal.still_late_by == proposal.late_by - (30 + 300)


def test_a_proposal_for_an_agenda_that_changed_since_is_refused() -> None:
    clock = clock_for(120, 300, 300, target=600)
    clock.start(at(0))
    clock.next(at(200))
    proposal = clock.propose_rebalance(at(200))
    assert proposal is not None
    clock.next(at(210))
    with pytest.raises(ClockError, match="changed since this proposal"):
        clock.apply(proposal)


def test_before_the_start_a_too_long_agenda_can_be_fitted_to_its_target() -> None:
    clock = clock_for(100, 100, 100, 100, target=300)
    proposal = clock.propose_rebalance(at(0))
    assert proposal is not None
    clock.apply(proposal)
    assert [t.planned for t in clock.turns] == [75, 75, 75, 75]


def test_a_changed_agenda_replaces_only_the_turns_to_come() -> None:
    clock = clock_for(60, 60, 60)
    clock.start(at(0))
    clock.next(at(60))
    clock.replan([Slot("a", 60), Slot("b", 60), Slot("c", 60), Slot("z", 90)])
    assert [t.member_id for t in clock.turns] == ["a", "b", "c", "z"]
    assert clock.read(at(70)).used == 10
    with pytest.raises(ClockError, match="changes turns that have already run"):
        clock.replan([Slot("b", 60), Slot("a", 60)])
