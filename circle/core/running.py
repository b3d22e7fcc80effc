"""A session as it runs: the agenda, each turn's identity and the turn clock, kept in step.

The live screen asks this for every change and stores `rows()` after each one:

    run = RunningSession.plan(agenda, ids, now=…, wall=…)      # or RunningSession.restore(…)
    run.toggle(now)            Space: start the session, then pause and resume the turn
    run.next(now), run.previous(now), run.extend(now), run.shorten(now)
    run.skip_member(now)       the speaker's remaining steps of this phase are skipped
    run.add_latecomer(member), run.mark_absent(member)    the agenda changes after this turn
    run.end(now)               the turn on now is done; those still to come are skipped
    run.rows()                 each turn's identity, plan and wall-clock state, in order

Turn ids are whatever the caller stores (`uuid.UUID` for records); new turns (a
latecomer's) get theirs from `new_id`.
"""

import uuid
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Self

from circle.core import agenda as agendas
from circle.core.agenda import Agenda, MemberId, PlannedTurn
from circle.core.clock import ClockError, TurnClock, TurnStatus, WarningRule
from circle.core.clock_state import ClockState, TurnState, restore, snapshot
from circle.core.rebalance import Rebalance

TurnId = Hashable


@dataclass(frozen=True)
class TurnRow:
    """One turn as it should be stored: its identity, position, plan and clock state."""

    id: TurnId
    position: int
    planned: PlannedTurn
    state: TurnState


@dataclass(frozen=True)
class _Seat:
    """What the clock replans from: a speaker and the seconds they now have."""

    member_id: MemberId | None
    seconds: float


def _key(turn: PlannedTurn) -> tuple[int, str | None, MemberId | None]:
    """A turn's place in the agenda, unique within one session."""
    return (turn.phase_index, turn.step, turn.member_id)


def _same_speaker(turn: PlannedTurn | None, other: PlannedTurn) -> bool:
    """Whether `turn` is another step of `other`'s speaker in the same phase."""
    return (
        turn is not None
        and turn.member_id == other.member_id
        and turn.phase_index == other.phase_index
    )


class RunningSession:
    """One session's agenda and clock; every method that takes `now` is a transition."""

    def __init__(
        self,
        agenda: Agenda,
        ids: Sequence[TurnId],
        clock: TurnClock,
        *,
        new_id: Callable[[], TurnId] = uuid.uuid4,
    ) -> None:
        if not (len(agenda.turns) == len(ids) == len(clock.turns)):
            raise ValueError("the agenda, its turn ids and the clock must have as many turns")
        self.agenda, self.ids, self.clock = agenda, list(ids), clock
        self._new_id = new_id

    @classmethod
    def plan(
        cls,
        agenda: Agenda,
        ids: Sequence[TurnId],
        *,
        now: float,
        wall: datetime,
        target_seconds: float | None = None,
        rule: WarningRule | None = None,
    ) -> Self:
        """A session not started yet."""
        clock = TurnClock.plan(
            agenda.turns, now=now, wall=wall, target_seconds=target_seconds, rule=rule
        )
        return cls(agenda, ids, clock)

    @classmethod
    def restore(
        cls,
        agenda: Agenda,
        ids: Sequence[TurnId],
        state: ClockState,
        *,
        now: float,
        wall: datetime,
        rule: WarningRule | None = None,
    ) -> Self:
        """A session from its stored state (after a restart): the same turn, the right time."""
        return cls(agenda, ids, restore(state, now=now, wall=wall, rule=rule))

    # --- where we are ----------------------------------------------------------------

    @property
    def index(self) -> int:
        return self.clock.index

    @property
    def started(self) -> bool:
        return self.clock.started is not None

    @property
    def finished(self) -> bool:
        return self.clock.finished

    @property
    def current(self) -> PlannedTurn | None:
        """The turn on now (the first one before the start); None once all are over."""
        return None if self.finished else self.agenda.turns[self.index]

    @property
    def current_id(self) -> TurnId | None:
        return None if self.finished else self.ids[self.index]

    def status(self, position: int) -> TurnStatus:
        return self.clock.turns[position].status

    # --- transitions -----------------------------------------------------------------

    def toggle(self, now: float) -> None:
        """Start the session; afterwards pause a running turn or resume a paused one."""
        if not self.started:
            self.clock.start(now)
        elif self.finished:
            raise ClockError("every turn is over; end the session")
        elif self.status(self.index) is TurnStatus.RUNNING:
            self.clock.pause(now)
        else:
            self.clock.resume(now)

    def next(self, now: float) -> None:
        self._require_started()
        self.clock.next(now)

    def previous(self, now: float) -> None:
        self.clock.previous(now)

    def extend(self, now: float, seconds: float = 60.0) -> None:
        self.clock.extend(now, seconds)

    def shorten(self, now: float, seconds: float = 60.0) -> None:
        self.clock.shorten(now, seconds)

    def skip_member(self, now: float) -> None:
        """Skip the speaker: this turn and their next steps in the same phase."""
        self._require_started()
        turn = self.current
        assert turn is not None
        self.clock.skip(now)
        while turn.member_id is not None and _same_speaker(self.current, turn):
            self.clock.skip(now)

    def end(self, now: float) -> None:
        """Close the session: the turn on now is done, every turn still to come is skipped."""
        if not self.started:
            raise ClockError("the session has not started")
        if not self.finished:
            self.clock.next(now)
        while not self.finished:
            self.clock.skip(now)

    def propose_rebalance(self, now: float) -> Rebalance | None:
        return self.clock.propose_rebalance(now)

    def apply(self, rebalance: Rebalance) -> None:
        self.clock.apply(rebalance)

    # --- agenda changes --------------------------------------------------------------

    def add_latecomer(self, member: MemberId) -> None:
        """Give a latecomer a turn at the end of this round and of every later round."""
        self._refuse_when_over()
        self._change(agendas.add_latecomer(self.agenda, member, current=self._current_or_none()))

    def mark_absent(self, member: MemberId) -> None:
        """Drop a member's turns after the one on now."""
        self._refuse_when_over()
        self._change(agendas.mark_absent(self.agenda, member, current=self._current_or_none()))

    def _refuse_when_over(self) -> None:
        if self.finished:
            raise ClockError("the session is over")

    def _change(self, changed: Agenda) -> None:
        planned = {
            _key(turn): (turn_id, clock_turn.planned)
            for turn, turn_id, clock_turn in zip(
                self.agenda.turns, self.ids, self.clock.turns, strict=True
            )
        }
        ids, seats = [], []
        for turn in changed.turns:
            turn_id, seconds = planned.get(_key(turn), (None, turn.seconds))
            ids.append(self._new_id() if turn_id is None else turn_id)
            seats.append(_Seat(turn.member_id, seconds))
        self.clock.replan(seats)
        self.agenda, self.ids = changed, ids

    def _current_or_none(self) -> int | None:
        return self.index if self.started else None

    def _require_started(self) -> None:
        if not self.started:
            raise ClockError("the session has not started: press start first")

    # --- what to store ---------------------------------------------------------------

    def state(self) -> ClockState:
        return snapshot(self.clock)

    def rows(self) -> list[TurnRow]:
        """Every turn, in order, as it should be stored now."""
        return [
            TurnRow(turn_id, position, planned, state)
            for position, (turn_id, planned, state) in enumerate(
                zip(self.ids, self.agenda.turns, self.state().turns, strict=True)
            )
        ]
