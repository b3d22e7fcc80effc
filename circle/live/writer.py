"""Writing a running session to the replica: one `replica.save` per change, so a kill loses nothing.

A `LiveWriter` owns the session's records; call it from one thread only (the
console's recorder thread), in the order the changes happened.
"""

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlmodel import col

from circle.core.capture import Captured
from circle.core.clock_state import TURN_FIELDS
from circle.core.running import TurnRow
from circle.live.views import Arrival, BoardItem
from circle.local import Replica
from circle.model import (
    Attendance,
    HelpKind,
    Item,
    ItemKind,
    Member,
    Note,
    Session,
    SessionStatus,
    SyncFields,
    Turn,
    TurnStatus,
    attendance_id,
)

if TYPE_CHECKING:
    from circle.followthrough import Promise

_PLAN_FIELDS = ("position", "phase_index", "phase_key", "phase_title", "step", "member_id")


@dataclass(frozen=True)
class Transition:
    """The session after one change: every turn's row, and the session's own state."""

    rows: Sequence[TurnRow]
    started_at: datetime | None
    current_turn_id: uuid.UUID | None
    ended_at: datetime | None = None
    arrival: Arrival | None = None


class LiveWriter:
    """The records of one running session, saved as the session changes."""

    def __init__(
        self,
        replica: Replica,
        session: Session,
        turns: dict[uuid.UUID, Turn],
        notes: dict[uuid.UUID, Note],
    ) -> None:
        self.replica = replica
        self.session = session
        self.turns = turns
        self.notes = notes

    def record(self, change: Transition) -> None:
        """Store the clock and agenda after a transition, in one save."""
        changed: list[SyncFields] = [r for r in map(self._turn, change.rows) if r is not None]
        kept = {row.id for row in change.rows}
        for turn_id in [i for i in self.turns if i not in kept]:
            gone = self.turns.pop(turn_id)
            gone.deleted = True
            changed.append(gone)
        if change.arrival is not None:
            changed.extend(self._arrival(change.arrival))
        self._session(change)
        self.replica.save(self.session, *changed)

    def save_note(self, turn_id: uuid.UUID, text: str, private: bool) -> None:
        note = self.notes.get(turn_id)
        if note is None:
            note = Note(session_id=self.session.id, turn_id=turn_id, text=text, private=private)
            self.notes[turn_id] = note
        elif (note.text, note.private) == (text, private):
            return
        note.text, note.private = text, private
        self.replica.save(note)

    def file_item(
        self, captured: Captured, member_id: uuid.UUID, turn_id: uuid.UUID | None
    ) -> BoardItem:
        """Save a captured ask, offer or commitment and return it as the board shows it."""
        from circle.live.load import board_item

        item = Item(
            circle_id=self.session.circle_id,
            session_id=self.session.id,
            turn_id=turn_id,
            member_id=member_id,
            kind=ItemKind(captured.kind),
            help=HelpKind(captured.help) if captured.help else None,
            text=captured.text,
            private=captured.private,
        )
        self.replica.save(item)
        return board_item(item)

    def resolve_promises(
        self, marks: Sequence[tuple["Promise", str]], now: Callable[[], datetime]
    ) -> None:
        """Record what became of last time's promises, in this session (carried ones copied)."""
        from circle.followthrough import resolve

        for promise, outcome in marks:
            resolve(self.replica, promise, outcome, self.session.id, now=now)

    def remember_link(self, code: str, base: str) -> None:
        """Keep the join code and the address phones use, so `circle qr` can show them."""
        self.session.join_code, self.session.public_url = code, base
        self.replica.save(self.session)

    def _turn(self, row: TurnRow) -> Turn | None:
        """The row's record brought up to date; None when nothing about it changed."""
        turn = self.turns.get(_uuid(row.id))
        if turn is None:
            turn = Turn(
                id=_uuid(row.id),
                session_id=self.session.id,
                position=row.position,
                phase_index=row.planned.phase_index,
                phase_key=row.planned.phase_key,
                phase_title=row.planned.phase_title,
                planned_seconds=row.state.planned_seconds,
            )
            self.turns[turn.id] = turn
            before = None
        else:
            before = _values(turn)
        plan = {
            "position": row.position,
            "phase_index": row.planned.phase_index,
            "phase_key": row.planned.phase_key,
            "phase_title": row.planned.phase_title,
            "step": row.planned.step_title,
            "member_id": row.planned.member_id,
        }
        state = {name: getattr(row.state, name) for name in TURN_FIELDS}
        state["status"] = TurnStatus(row.state.status.value)
        for name, value in (plan | state).items():
            setattr(turn, name, value)
        return turn if _values(turn) != before else None

    def _arrival(self, arrival: Arrival) -> list[SyncFields]:
        made: list[SyncFields] = []
        if arrival.name is not None:
            made.append(
                Member(
                    id=arrival.member_id,
                    circle_id=self.session.circle_id,
                    name=arrival.name,
                    business=arrival.business,
                    is_guest=True,
                )
            )
        found = self.replica.all(
            Attendance,
            col(Attendance.session_id) == self.session.id,
            col(Attendance.member_id) == arrival.member_id,
        )
        row = found[0] if found else self._attendance(arrival.member_id)
        row.present, row.arrived_at = True, arrival.at
        made.append(row)
        return made

    def _attendance(self, member_id: uuid.UUID) -> Attendance:
        """A new attendance row, with the id every replica and the store agree on."""
        record_id = attendance_id(self.session.id, member_id)
        return Attendance(id=record_id, session_id=self.session.id, member_id=member_id)

    def _session(self, change: Transition) -> None:
        session = self.session
        session.started_at = change.started_at
        session.current_turn_id = change.current_turn_id
        session.ended_at = change.ended_at
        if change.ended_at is not None:
            session.status = SessionStatus.ENDED
        elif change.started_at is not None:
            session.status = SessionStatus.RUNNING


def _values(turn: Turn) -> tuple[Any, ...]:
    return tuple(getattr(turn, name) for name in (*_PLAN_FIELDS, *TURN_FIELDS))


def _uuid(value: object) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
