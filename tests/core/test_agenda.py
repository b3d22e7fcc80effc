"""A format expands into planned turns for the members present, and adapts while the circle runs."""

from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle import locations
from circle.core.agenda import (
    Agenda,
    AgendaError,
    add_latecomer,
    expand,
    mark_absent,
    reorder,
    skip_phase,
    skip_turn,
)
from circle.core.formats import Format, PhaseKind, parse_format

EIGHT = ["ana", "bo", "cy", "di", "ed", "flo", "gus", "hal"]


def builtin(name: str) -> Format:
    path = locations.builtin_formats_dir() / f"{name}.toml"
    return parse_format(path.read_text(encoding="utf-8"), path.name)


CLASSIC, RING, QUICK = builtin("classic"), builtin("reciprocity-ring"), builtin("quick")


def speakers(agenda: Agenda, phase_key: str) -> list[str | None]:
    """Who speaks in a phase, one entry per speaker (steps folded together)."""
    order: list[str | None] = []
    for turn in agenda.turns:
        if turn.phase_key == phase_key and (not order or order[-1] != turn.member_id):
            order.append(str(turn.member_id) if turn.member_id is not None else None)
    return order


def test_classic_for_eight_plans_ninety_minutes_in_forty_two_turns() -> None:
    agenda = expand(CLASSIC, EIGHT, ["cy", "flo"])
    assert agenda.total_seconds == 90 * 60
    assert len(agenda.turns) == 1 + 8 + 2 * 4 + 8 + 8 + 8 + 1


def test_rounds_follow_the_order_members_are_given_in() -> None:
    agenda = expand(QUICK, ["hal", "ana", "bo"], ["bo"])
    assert speakers(agenda, "check-in") == ["hal", "ana", "bo"]


def test_a_hot_seat_gives_each_pick_every_step_in_order() -> None:
    agenda = expand(CLASSIC, EIGHT, ["cy", "flo"])
    seat = [(t.member_id, t.step, t.step_title) for t in agenda.turns if t.phase_key == "hot-seat"]
    assert seat[:4] == [
        ("cy", "present", "Present"),
        ("cy", "questions", "Clarifying questions"),
        ("cy", "advice", "Advice and offers"),
        ("cy", "commitment", "Commitment"),
    ]
    assert [m for m, _, _ in seat[4:]] == ["flo"] * 4


def test_fewer_picks_than_seats_plans_fewer_hot_seats() -> None:
    agenda = expand(CLASSIC, EIGHT, ["cy"])
    assert speakers(agenda, "hot-seat") == ["cy"]
    assert agenda.total_seconds == 90 * 60 - 20 * 60


def test_an_open_block_has_no_speaker_and_a_fixed_length() -> None:
    agenda = expand(CLASSIC, EIGHT[:3], [])
    welcome = agenda.turns[0]
    assert (welcome.kind, welcome.member_id, welcome.seconds) == (PhaseKind.OPEN, None, 300)


def test_each_turn_carries_its_prompt_and_what_it_captures() -> None:
    ask = next(t for t in expand(RING, EIGHT).turns if t.step == "ask")
    assert ask.prompt == "State your one ask: what, for whom, by when."
    assert {c.value for c in ask.captures} == {"asks"}


@pytest.mark.parametrize(
    ("present", "picks", "message"),
    [
        (["ana", "bo"], ["cy"], "a hot-seat pick is not present: cy"),
        (["ana", "bo"], ["ana", "ana"], "a member is picked for two hot seats"),
        (["ana", "bo", "cy"], ["ana", "bo", "cy"], "3 hot-seat picks for 2 seats"),
        (["ana", "ana"], [], "a member is listed as present twice"),
    ],
)
def test_impossible_picks_are_refused(present: list[str], picks: list[str], message: str) -> None:
    with pytest.raises(AgendaError, match=message):
        expand(CLASSIC, present, picks)


def test_an_absent_member_loses_only_the_turns_still_to_come() -> None:
    agenda = expand(QUICK, EIGHT, ["bo"])
    current = 1  # bo's check-in is running
    after = mark_absent(agenda, "bo", current=current)
    assert after.turns[: current + 1] == agenda.turns[: current + 1]
    assert all(t.member_id != "bo" for t in after.turns[current + 1 :])
    assert speakers(after, "hot-seat") == []


def test_a_latecomer_joins_the_end_of_the_running_round_and_every_later_one() -> None:
    agenda = expand(CLASSIC, EIGHT[:4], ["ana"])
    current = 2  # the check-in, bo speaking
    after = add_latecomer(agenda, "zoe", current=current)
    assert speakers(after, "check-in") == ["ana", "bo", "cy", "di", "zoe"]
    assert speakers(after, "hot-seat") == ["ana"]
    for key in ("asks-offers", "commitments", "gratitude"):
        assert speakers(after, key)[-1] == "zoe"
    assert after.total_seconds == agenda.total_seconds + 90 + 120 + 60 + 45


def test_a_latecomer_after_a_round_ended_skips_that_round() -> None:
    agenda = expand(CLASSIC, EIGHT[:4], ["ana"])
    current = next(i for i, t in enumerate(agenda.turns) if t.phase_key == "hot-seat")
    after = add_latecomer(agenda, "zoe", current=current)
    assert "zoe" not in speakers(after, "check-in")
    assert speakers(after, "asks-offers")[-1] == "zoe"


def test_adding_a_latecomer_twice_changes_nothing() -> None:
    once = add_latecomer(expand(RING, EIGHT[:3]), "zoe", current=1)
    assert add_latecomer(once, "zoe", current=1) == once
    assert speakers(once, "ring")[-1] == "zoe"


def test_a_latecomer_in_a_round_with_steps_gets_every_step() -> None:
    after = add_latecomer(expand(RING, EIGHT[:3]), "zoe", current=None)
    assert [t.step for t in after.turns if t.member_id == "zoe" and t.phase_key == "ring"] == [
        "ask",
        "offers",
    ]


def test_the_remaining_speakers_of_a_round_can_be_reordered() -> None:
    agenda = expand(RING, EIGHT[:4])
    current = 2  # ana's offers step is running
    after = reorder(agenda, 1, ["di", "bo", "cy"], current=current)
    assert speakers(after, "ring") == ["ana", "di", "bo", "cy"]
    assert after.total_seconds == agenda.total_seconds


@pytest.mark.parametrize("order", [["di", "bo"], ["di", "bo", "cy", "ana"], ["bo", "bo", "cy"]])
def test_a_reorder_that_drops_adds_or_repeats_a_speaker_is_refused(order: list[str]) -> None:
    with pytest.raises(AgendaError, match="must name each remaining speaker of the phase once"):
        reorder(expand(RING, EIGHT[:4]), 1, order, current=2)


def test_an_open_block_cannot_be_reordered() -> None:
    with pytest.raises(AgendaError, match="an open block has no speakers"):
        reorder(expand(RING, EIGHT[:4]), 0, [], current=None)


def test_upcoming_turns_and_phases_can_be_skipped_but_not_past_ones() -> None:
    agenda = expand(QUICK, EIGHT[:3], ["ana"])
    fewer = skip_turn(agenda, [4], current=2)
    assert len(fewer.turns) == len(agenda.turns) - 1
    no_seat = skip_phase(agenda, 1, current=2)
    assert speakers(no_seat, "hot-seat") == []
    with pytest.raises(AgendaError, match="turn 1 is not an upcoming turn"):
        skip_turn(agenda, [1], current=2)
    with pytest.raises(AgendaError, match="there is no turn 99"):
        skip_phase(agenda, 1, current=99)


# --- invariants ---------------------------------------------------------------------------

members = st.lists(st.sampled_from([f"m{i}" for i in range(40)]), unique=True, max_size=16)


@st.composite
def plans(draw: st.DrawFn) -> tuple[Format, list[str], list[str]]:
    fmt = draw(st.sampled_from([CLASSIC, RING, QUICK]))
    present = draw(members)
    picks = (
        draw(st.lists(st.sampled_from(present), unique=True, max_size=fmt.seats)) if present else []
    )
    return fmt, present, picks


def phase_order_kept(agenda: Agenda) -> bool:
    indices = [t.phase_index for t in agenda.turns]
    return indices == sorted(indices)


@given(plans())
def test_total_planned_time_is_the_sum_of_its_parts(
    plan: tuple[Format, list[str], list[str]],
) -> None:
    fmt, present, picks = plan
    agenda = expand(fmt, present, picks)
    assert agenda.total_seconds == sum(t.seconds for t in agenda.turns)
    by_phase: defaultdict[int, float] = defaultdict(float)
    for turn in agenda.turns:
        by_phase[turn.phase_index] += turn.seconds
    for index, phase in enumerate(fmt.phases):
        if phase.kind is not PhaseKind.HOT_SEAT:
            assert by_phase[index] == phase.planned_seconds(len(present))
    if len(picks) == min(fmt.seats, len(present)):
        assert agenda.total_seconds == fmt.planned_seconds(len(present))


@given(plans())
def test_every_present_member_speaks_once_in_every_round(
    plan: tuple[Format, list[str], list[str]],
) -> None:
    fmt, present, picks = plan
    agenda = expand(fmt, present, picks)
    for phase in fmt.phases:
        if phase.kind is PhaseKind.ROUND:
            assert speakers(agenda, phase.key) == present
    assert phase_order_kept(agenda)


@given(plans(), st.data())
def test_an_absent_member_never_appears_after_the_running_turn(
    plan: tuple[Format, list[str], list[str]], data: st.DataObject
) -> None:
    fmt, present, picks = plan
    agenda = expand(fmt, present, picks)
    absent = data.draw(st.sampled_from(present)) if present else "nobody"
    current = data.draw(st.none() | st.integers(0, len(agenda.turns) - 1))
    after = mark_absent(agenda, absent, current=current)
    start = 0 if current is None else current + 1
    assert after.turns[:start] == agenda.turns[:start]
    assert absent not in {t.member_id for t in after.turns[start:]}
    assert [t for t in agenda.turns[start:] if t.member_id != absent] == list(after.turns[start:])


@given(plans(), st.data())
def test_a_latecomer_speaks_once_in_each_remaining_round_and_nothing_past_moves(
    plan: tuple[Format, list[str], list[str]], data: st.DataObject
) -> None:
    fmt, present, picks = plan
    agenda = expand(fmt, present, picks)
    current = data.draw(st.none() | st.integers(0, len(agenda.turns) - 1))
    after = add_latecomer(agenda, "late", current=current)
    start = 0 if current is None else current + 1
    first_phase = 0 if current is None else agenda.turns[current].phase_index
    assert after.turns[:start] == agenda.turns[:start]
    assert [t for t in after.turns if t.member_id != "late"] == list(agenda.turns)
    assert phase_order_kept(after)
    for index, phase in enumerate(fmt.phases):
        spoke = speakers(after, phase.key).count("late")
        expected = phase.kind is PhaseKind.ROUND and index >= first_phase
        assert spoke == (1 if expected else 0)
        if expected:
            assert speakers(after, phase.key)[-1] == "late"
