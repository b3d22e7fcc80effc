"""A running session keeps its agenda, turn ids and clock in step through every change."""

import itertools
from datetime import timedelta

import pytest

from circle import locations
from circle.core.agenda import expand
from circle.core.clock import ClockError, TurnStatus
from circle.core.formats import parse_format
from circle.core.running import RunningSession
from tests.core.clocks import T0, WALL, at

QUICK = parse_format(
    (locations.builtin_formats_dir() / "quick.toml").read_text(encoding="utf-8"), "quick.toml"
)
PEOPLE = ["ana", "bo", "cy"]


def quick(present: list[str] = PEOPLE, hot: list[str] = ["bo"]) -> RunningSession:  # noqa: B006
    agenda = expand(QUICK, present, hot)
    ids = [f"t{i}" for i in range(len(agenda.turns))]
    counter = itertools.count()
    run = RunningSession.plan(agenda, ids, now=T0, wall=WALL)
    run._new_id = lambda: f"new{next(counter)}"  # predictable ids for new turns
    return run


def speakers(run: RunningSession, phase_key: str) -> list[str | None]:
    return [str(t.member_id) for t in run.agenda.turns if t.phase_key == phase_key]


def test_before_the_start_the_first_turn_is_shown_but_not_running() -> None:
    run = quick()
    assert not run.started
    assert run.current is not None
    assert (run.current.phase_key, run.current.member_id) == ("check-in", "ana")
    assert run.status(0) is TurnStatus.PLANNED


def test_toggle_starts_then_pauses_then_resumes() -> None:
    run = quick()
    run.toggle(at(0))
    assert run.status(0) is TurnStatus.RUNNING
    run.toggle(at(10))
    assert run.status(0) is TurnStatus.PAUSED
    run.toggle(at(50))
    assert run.status(0) is TurnStatus.RUNNING
    assert run.clock.read(at(55)).used == 15


def test_next_and_previous_need_a_started_session_and_move_one_turn() -> None:
    run = quick()
    with pytest.raises(ClockError, match="not started"):
        run.next(at(0))
    run.toggle(at(0))
    run.next(at(20))
    assert run.current_id == "t1"
    run.previous(at(25))
    assert run.current_id == "t0"
    assert run.clock.read(at(25)).used == 25


def test_skipping_a_member_skips_every_step_of_their_hot_seat() -> None:
    run = quick()
    run.toggle(at(0))
    for second in (10, 20, 30):
        run.next(at(second))
    assert run.current is not None
    assert (run.current.phase_key, run.current.step) == ("hot-seat", "present")
    run.skip_member(at(40))
    assert run.current is not None
    assert (run.current.phase_key, run.current.member_id) == ("asks-offers", "ana")
    hot = [i for i, t in enumerate(run.agenda.turns) if t.phase_key == "hot-seat"]
    assert [run.status(i) for i in hot] == [TurnStatus.SKIPPED] * 4


def test_skipping_a_member_in_a_round_skips_only_their_turn() -> None:
    run = quick()
    run.toggle(at(0))
    run.skip_member(at(5))
    assert run.status(0) is TurnStatus.SKIPPED
    assert run.current is not None
    assert run.current.member_id == "bo"


def test_a_latecomer_joins_the_end_of_this_round_and_keeps_the_ids_of_every_other_turn() -> None:
    run = quick()
    run.toggle(at(0))
    before = dict(zip(run.agenda.turns, run.ids, strict=True))
    run.add_latecomer("di")
    assert speakers(run, "check-in") == ["ana", "bo", "cy", "di"]
    assert speakers(run, "asks-offers") == ["ana", "bo", "cy", "di"]
    assert {run.ids[i] for i, t in enumerate(run.agenda.turns) if t in before} == set(
        before.values()
    )
    assert [i for i in run.ids if str(i).startswith("new")] == ["new0", "new1", "new2"]
    assert len(run.clock.turns) == len(run.agenda.turns)


def test_a_trimmed_turn_keeps_its_trim_when_the_agenda_changes() -> None:
    run = quick(hot=[])
    run.toggle(at(0))
    run.next(at(300))  # far over: the session is late
    proposal = run.propose_rebalance(at(300))
    assert proposal is not None
    run.apply(proposal)
    trimmed = {run.ids[t.index]: t.after for t in proposal.trims}
    run.add_latecomer("di")
    for turn_id, seconds in trimmed.items():
        assert run.clock.turns[run.ids.index(turn_id)].planned == seconds


def test_an_absent_member_loses_their_turns_after_the_one_on_now() -> None:
    run = quick()
    run.toggle(at(0))
    run.mark_absent("cy")
    assert speakers(run, "check-in") == ["ana", "bo"]
    assert "cy" not in speakers(run, "commitments")


def test_ending_marks_the_turn_on_now_done_and_the_rest_skipped() -> None:
    run = quick()
    run.toggle(at(0))
    run.next(at(30))
    run.end(at(45))
    assert run.finished
    assert run.current is None
    assert run.status(0) is TurnStatus.DONE
    assert run.status(1) is TurnStatus.DONE
    assert {run.status(i) for i in range(2, len(run.ids))} == {TurnStatus.SKIPPED}


def test_a_session_that_never_started_cannot_end() -> None:
    with pytest.raises(ClockError, match="not started"):
        quick().end(at(0))


def test_after_the_last_turn_space_says_to_end_the_session() -> None:
    run = quick()
    run.toggle(at(0))
    run.end(at(10))
    with pytest.raises(ClockError, match="end the session"):
        run.toggle(at(20))
    with pytest.raises(ClockError, match="over"):
        run.add_latecomer("di")


def test_rows_carry_each_turns_identity_position_and_wall_clock_state() -> None:
    run = quick()
    run.toggle(at(0))
    run.next(at(40))
    rows = run.rows()
    assert [r.position for r in rows] == list(range(len(rows)))
    assert rows[0].id == "t0"
    assert rows[0].state.status is TurnStatus.DONE
    assert rows[0].state.used_seconds == 40
    assert rows[0].state.overtime_seconds == 10
    assert rows[1].state.resumed_at == WALL + timedelta(seconds=40)


def test_a_restored_session_resumes_the_same_turn_with_the_time_left() -> None:
    run = quick()
    run.toggle(at(0))
    run.next(at(20))
    stored = run.state()
    later = at(20 + 3600) + 12
    back = RunningSession.restore(
        run.agenda, run.ids, stored, now=later, wall=WALL + timedelta(seconds=20 + 10)
    )
    assert back.current_id == "t1"
    assert back.clock.read(later).used == 10


def test_the_agenda_ids_and_clock_must_agree_in_length() -> None:
    run = quick()
    with pytest.raises(ValueError, match="as many turns"):
        RunningSession(run.agenda, run.ids[:-1], run.clock)
