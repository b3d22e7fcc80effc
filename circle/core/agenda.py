"""Agenda expansion: a format, the members present and the hot-seat picks become planned turns.

`expand(fmt, present, hot_seats)` gives an `Agenda`: the ordered turns, each with its
phase, step, speaker (None for an open block) and planned seconds. Rounds give every
present member a turn in the order given; hot seats take the picks in order, across
hot-seat phases (fewer picks than seats leaves the remaining seats out).

Changes during a session never touch the running turn or those before it: each
operation takes `current`, the index of the running turn (None before the session
starts), and only rearranges what comes after it:

- `mark_absent`: the member's later turns go;
- `add_latecomer`: the member joins the end of the current round and every later round;
- `reorder`: a phase's remaining speakers take a new order;
- `skip_turn`, `skip_phase`: planned turns are dropped.

Member ids are whatever the caller uses (`uuid.UUID` for records, `str` in tests).
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby, islice
from typing import TypeAlias

from circle.core.formats import Capture, Format, Phase, PhaseKind

MemberId: TypeAlias = uuid.UUID | str


class AgendaError(ValueError):
    """An agenda change that cannot be made; the message says why."""


@dataclass(frozen=True, slots=True)
class PlannedTurn:
    """One slot of the agenda: who speaks, in which phase and step, for how long."""

    phase_index: int
    phase_key: str
    phase_title: str
    kind: PhaseKind
    step: str | None
    """The step's key (e.g. "questions"); None for a turn without steps."""
    step_title: str | None
    member_id: MemberId | None
    """The speaker; None for an open block."""
    seconds: float
    prompt: str
    captures: frozenset[Capture]


@dataclass(frozen=True)
class Agenda:
    """A format expanded for one session."""

    format: Format
    turns: tuple[PlannedTurn, ...]

    @property
    def total_seconds(self) -> float:
        """The whole agenda's planned length."""
        return sum(t.seconds for t in self.turns)

    def phase_positions(self, phase_index: int) -> list[int]:
        """Positions of a phase's turns, in order."""
        return [i for i, t in enumerate(self.turns) if t.phase_index == phase_index]


def expand(fmt: Format, present: Sequence[MemberId], hot_seats: Sequence[MemberId] = ()) -> Agenda:
    """Plan every turn of `fmt` for the present members and the hot-seat picks, in order."""
    _check_members(present, hot_seats, fmt.seats)
    picks = iter(hot_seats)
    turns: list[PlannedTurn] = []
    for index, phase in enumerate(fmt.phases):
        if phase.kind is PhaseKind.OPEN:
            turns.extend(speaker_turns(index, phase, None))
        elif phase.kind is PhaseKind.ROUND:
            for member in present:
                turns.extend(speaker_turns(index, phase, member))
        else:
            for member in islice(picks, phase.seats):
                turns.extend(speaker_turns(index, phase, member))
    return Agenda(fmt, tuple(turns))


def speaker_turns(index: int, phase: Phase, member: MemberId | None) -> list[PlannedTurn]:
    """One speaker's turns in a phase: one per step, or a single turn."""
    common = (index, phase.key, phase.title, phase.kind)
    if not phase.steps:
        return [
            PlannedTurn(
                *common, None, None, member, phase.speaker_seconds, phase.prompt, phase.captures
            )
        ]
    return [
        PlannedTurn(*common, s.key, s.title, member, s.seconds, s.prompt, s.captures)
        for s in phase.steps
    ]


def mark_absent(agenda: Agenda, member: MemberId, *, current: int | None) -> Agenda:
    """Drop the member's turns after the running one (a vacated hot seat goes too)."""
    start = _first_open(agenda, current)
    kept = [t for i, t in enumerate(agenda.turns) if i < start or t.member_id != member]
    return Agenda(agenda.format, tuple(kept))


def add_latecomer(agenda: Agenda, member: MemberId, *, current: int | None) -> Agenda:
    """Give a latecomer a turn at the end of the current round and of every later round.

    Rounds the member already has a turn in (even one already spoken) are left alone,
    so adding someone twice changes nothing.
    """
    start = _first_open(agenda, current)
    first_phase = agenda.turns[start - 1].phase_index if start else 0
    turns = list(agenda.turns)
    for index, phase in enumerate(agenda.format.phases):
        if index < first_phase or phase.kind is not PhaseKind.ROUND:
            continue
        if any(t.phase_index == index and t.member_id == member for t in turns):
            continue
        at = _end_of_phase(turns, index)
        turns[at:at] = speaker_turns(index, phase, member)
    return Agenda(agenda.format, tuple(turns))


def reorder(
    agenda: Agenda, phase_index: int, order: Sequence[MemberId], *, current: int | None
) -> Agenda:
    """Give a phase's speakers after the running turn a new order (`order` names each once)."""
    start = _first_open(agenda, current)
    positions = [p for p in agenda.phase_positions(phase_index) if p >= start]
    grouped = groupby((agenda.turns[p] for p in positions), lambda t: t.member_id)
    blocks = {member: list(group) for member, group in grouped}
    if None in blocks:
        raise AgendaError("an open block has no speakers to reorder")
    if len(order) != len(set(order)) or set(order) != set(blocks):
        raise AgendaError("the new order must name each remaining speaker of the phase once")
    rearranged = [turn for member in order for turn in blocks[member]]
    turns = list(agenda.turns)
    for position, turn in zip(positions, rearranged, strict=True):
        turns[position] = turn
    return Agenda(agenda.format, tuple(turns))


def skip_turn(agenda: Agenda, positions: Iterable[int], *, current: int | None) -> Agenda:
    """Drop planned turns; only turns after the running one can be skipped."""
    dropped = set(positions)
    start = _first_open(agenda, current)
    if wrong := sorted(p for p in dropped if not start <= p < len(agenda.turns)):
        raise AgendaError(f"turn {wrong[0]} is not an upcoming turn")
    kept = [t for i, t in enumerate(agenda.turns) if i not in dropped]
    return Agenda(agenda.format, tuple(kept))


def skip_phase(agenda: Agenda, phase_index: int, *, current: int | None) -> Agenda:
    """Drop what is left of a phase after the running turn."""
    start = _first_open(agenda, current)
    return skip_turn(
        agenda, [p for p in agenda.phase_positions(phase_index) if p >= start], current=current
    )


def _check_members(present: Sequence[MemberId], hot_seats: Sequence[MemberId], seats: int) -> None:
    if len(set(present)) != len(present):
        raise AgendaError("a member is listed as present twice")
    if len(set(hot_seats)) != len(hot_seats):
        raise AgendaError("a member is picked for two hot seats")
    if stray := [m for m in hot_seats if m not in present]:
        raise AgendaError(f"a hot-seat pick is not present: {stray[0]}")
    if len(hot_seats) > seats:
        raise AgendaError(f"{len(hot_seats)} hot-seat picks for {seats} seats")


def _first_open(agenda: Agenda, current: int | None) -> int:
    """The first position a change may touch: everything after the running turn."""
    if current is None:
        return 0
    if not 0 <= current < len(agenda.turns):
        raise AgendaError(f"there is no turn {current} in this agenda")
    return current + 1


def _end_of_phase(turns: list[PlannedTurn], phase_index: int) -> int:
    """Where a new speaker of this phase goes: after its last turn, or where it would start."""
    return next((i for i, t in enumerate(turns) if t.phase_index > phase_index), len(turns))
