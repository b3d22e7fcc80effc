"""Reading a session to run from the replica: its agenda, clock, people, notes and items.

Blocking (database): call from a worker. The records stay with the `LiveWriter`
that `load_live` returns; the screen gets plain views and a `RunningSession`.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import col

from circle.core.agenda import Agenda, PlannedTurn, speaker_turns
from circle.core.clock import TurnStatus, WarningRule
from circle.core.clock_state import ClockState, TurnState
from circle.core.formats import Format, FormatError, PhaseKind
from circle.core.running import RunningSession
from circle.errors import UserError
from circle.followthrough import open_promises
from circle.formats import load_format
from circle.live.views import BoardItem, NoteView, Person, Promises, UnfinishedSession
from circle.live.writer import LiveWriter
from circle.local import Replica
from circle.model import (
    Attendance,
    Circle,
    Item,
    Member,
    Note,
    Session,
    SessionStatus,
    Turn,
)


@dataclass
class LiveLoad:
    """Everything the live screen starts from."""

    session_id: uuid.UUID
    circle_id: uuid.UUID
    circle_name: str
    format_title: str
    run: RunningSession
    people: dict[uuid.UUID, Person]
    """Everyone in the circle (guests of this session included), by name."""
    notes: dict[uuid.UUID, NoteView]
    """The facilitator's note per turn id."""
    items: list[BoardItem]
    promises: Promises
    writer: LiveWriter
    hands: frozenset[uuid.UUID] = frozenset()
    """Members with a hand raised (from a phone)."""


def unfinished_session(
    replica: Replica, circle_id: uuid.UUID | None = None
) -> UnfinishedSession | None:
    """The newest session that was set up or started but never ended (a running one first)."""
    where = [col(Session.status) != SessionStatus.ENDED]
    if circle_id is not None:
        where.append(col(Session.circle_id) == circle_id)
    found = replica.all(Session, *where, order_by=col(Session.created_at).desc())
    found.sort(key=lambda s: s.status != SessionStatus.RUNNING)
    for session in found:
        circle = replica.get(Circle, session.circle_id)
        if circle is not None and not circle.deleted:
            return UnfinishedSession(
                session.id,
                circle.id,
                circle.name,
                session.status.value,
                session.started_at,
                session.format,
            )
    return None


def load_live(
    replica: Replica,
    session_id: uuid.UUID,
    user_formats: Path,
    *,
    now: float,
    wall: datetime,
    rule: WarningRule | None = None,
) -> LiveLoad:
    """A session ready to run (or to resume, with the right time left on its turn)."""
    session = replica.get(Session, session_id)
    if session is None or session.deleted:
        raise UserError(f"there is no session {session_id}")
    if session.status is SessionStatus.ENDED:
        raise UserError("that session has already ended")
    circle = replica.get(Circle, session.circle_id)
    if circle is None:
        raise UserError("the circle of this session is missing from the replica")
    turns = replica.all(Turn, col(Turn.session_id) == session_id, order_by=col(Turn.position))
    if not turns:
        raise UserError("this session has no turns to run")
    fmt = _format(session.format, user_formats)
    agenda = agenda_from_turns(fmt, turns)
    target = session.planned_seconds or agenda.total_seconds
    run = RunningSession.restore(
        agenda,
        [t.id for t in turns],
        clock_state(session, turns, target),
        now=now,
        wall=wall,
        rule=rule,
    )
    notes = _notes(replica, session_id)
    return LiveLoad(
        session_id=session.id,
        circle_id=circle.id,
        circle_name=circle.name,
        format_title=fmt.title,
        run=run,
        people=_people(replica, session),
        notes={turn_id: NoteView(turn_id, n.text, n.private) for turn_id, n in notes.items()},
        items=[board_item(i) for i in _items(replica, session_id)],
        promises=_promises(replica, circle.id, session_id),
        writer=LiveWriter(replica, session, {t.id: t for t in turns}, notes),
        hands=_hands(replica, session_id),
    )


def agenda_from_turns(fmt: Format, turns: list[Turn]) -> Agenda:
    """The agenda the turn records were planned from, with each turn's prompt from the format."""
    return Agenda(fmt, tuple(_planned(fmt, turn) for turn in turns))


def clock_state(session: Session, turns: list[Turn], target: float) -> ClockState:
    """The clock's stored state, read back from the session and its turn records."""
    return ClockState(
        started_at=session.started_at,
        target_seconds=target,
        turns=tuple(
            TurnState(
                member_id=t.member_id,
                planned_seconds=t.planned_seconds,
                status=TurnStatus(t.status.value),
                started_at=t.started_at,
                resumed_at=t.resumed_at,
                paused_at=t.paused_at,
                ended_at=t.ended_at,
                used_seconds=t.used_seconds,
                overtime_seconds=t.overtime_seconds,
            )
            for t in turns
        ),
    )


def board_item(item: Item) -> BoardItem:
    return BoardItem(
        id=item.id,
        member_id=item.member_id,
        kind=item.kind.value,
        text=item.text,
        help=item.help.value if item.help else None,
        private=item.private,
        source=item.source.value,
        status=item.status.value,
        created_at=item.created_at,
    )


def session_items(replica: Replica, session_id: uuid.UUID) -> list[BoardItem]:
    """This session's asks, offers and commitments, oldest first (the board reloads these)."""
    return [board_item(i) for i in _items(replica, session_id)]


def _format(name: str, user_formats: Path) -> Format:
    try:
        return load_format(name, user_formats)
    except FormatError as exc:
        raise UserError(f"this session's format cannot be read: {exc}") from exc


def _planned(fmt: Format, turn: Turn) -> PlannedTurn:
    """The format's plan for a turn record; a bare plan when the format no longer has it."""
    if turn.phase_index < len(fmt.phases):
        phase = fmt.phases[turn.phase_index]
        if phase.key == turn.phase_key:
            for planned in speaker_turns(turn.phase_index, phase, turn.member_id):
                if planned.step_title == turn.step:
                    return planned
    kind = PhaseKind.OPEN if turn.member_id is None else PhaseKind.ROUND
    return PlannedTurn(
        turn.phase_index,
        turn.phase_key,
        turn.phase_title,
        kind,
        turn.step,
        turn.step,
        turn.member_id,
        turn.planned_seconds,
        "",
        frozenset(),
    )


def _people(replica: Replica, session: Session) -> dict[uuid.UUID, Person]:
    attendance = replica.all(Attendance, col(Attendance.session_id) == session.id)
    rows = {a.member_id: a for a in attendance}
    members = replica.all(Member, col(Member.circle_id) == session.circle_id)
    people = [
        Person(
            m.id,
            m.name,
            m.business,
            present=rows[m.id].present if m.id in rows else False,
            is_guest=m.is_guest,
            joined=m.id in rows and rows[m.id].joined_at is not None,
        )
        for m in members
        if m.id in rows or (m.active and not m.is_guest)
    ]
    people.sort(key=lambda p: p.name.casefold())
    return {p.id: p for p in people}


def _hands(replica: Replica, session_id: uuid.UUID) -> frozenset[uuid.UUID]:
    rows = replica.all(
        Attendance,
        col(Attendance.session_id) == session_id,
        col(Attendance.hand_raised_at).is_not(None),
    )
    return frozenset(a.member_id for a in rows)


def _notes(replica: Replica, session_id: uuid.UUID) -> dict[uuid.UUID, Note]:
    """The facilitator's latest note per turn (conflict copies stay out of the editor)."""
    notes = replica.all(
        Note,
        col(Note.session_id) == session_id,
        col(Note.conflict_of).is_(None),
        col(Note.author) == "facilitator",
        order_by=col(Note.updated_at),
    )
    return {n.turn_id: n for n in notes if n.turn_id is not None}


def _items(replica: Replica, session_id: uuid.UUID) -> list[Item]:
    return replica.all(Item, col(Item.session_id) == session_id, order_by=col(Item.created_at))


def _promises(replica: Replica, circle_id: uuid.UUID, session_id: uuid.UUID) -> Promises:
    found = open_promises(replica, circle_id, before=session_id)
    return Promises({member: tuple(promises) for member, promises in found.by_member.items()})
