"""Reading sessions out of the replica into the core's plain facts, in a handful of queries.

Rows are read as columns, not ORM objects, so a big session loads in
milliseconds; `circle.core` then builds summaries and ledgers from the facts.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import fields
from datetime import datetime
from typing import Any, NamedTuple, TypeVar

import sqlalchemy as sa
from sqlmodel import Session as DbSession
from sqlmodel import col

from circle.core.facts import (
    AttendanceFact,
    CircleFact,
    FollowUpFact,
    ItemFact,
    MatchFact,
    MemberFact,
    NoteFact,
    SessionFact,
    SessionRecords,
    ThanksFact,
    TurnFact,
)
from circle.core.ledger import HistoryRecords
from circle.errors import UserError
from circle.local import Replica
from circle.model import (
    Attendance,
    Circle,
    FollowUp,
    Item,
    Match,
    Member,
    Note,
    Session,
    SyncFields,
    Thanks,
    Turn,
)

F = TypeVar("F")


def load_session(replica: Replica, session_id: uuid.UUID) -> SessionRecords:
    """Everything one session's summaries need (ten queries, whatever the session's size)."""
    with replica.session() as db:
        return read_session(db, session_id)


def read_session(db: DbSession, session_id: uuid.UUID) -> SessionRecords:
    """`load_session` on any database holding the record tables (the replica's or a store's)."""
    session = _one_session(db, session_id)
    circle = _facts(db, CircleFact, Circle, Circle.id == session.circle_id)
    if not circle:
        raise UserError(f"the circle of session {session_id} is missing from this replica")
    in_session = _in_session(session_id)
    follow_ups = _facts(
        db,
        FollowUpFact,
        FollowUp,
        sa.or_(in_session(FollowUp), col(FollowUp.resolved_in_session_id) == session_id),
        order_by=FollowUp.created_at,
    )
    matches = _facts(
        db,
        MatchFact,
        Match,
        sa.or_(in_session(Match), col(Match.id).in_(_ids(f.match_id for f in follow_ups))),
        order_by=col(Match.score).desc(),
    )
    referred = _ids([f.item_id for f in follow_ups] + [m.ask_id for m in matches])
    referred |= _ids(m.offer_id for m in matches)
    items = _facts(
        db,
        ItemFact,
        Item,
        sa.or_(
            in_session(Item),
            col(Item.id).in_(referred),
            col(Item.resolved_in_session_id) == session_id,
        ),
        order_by=Item.created_at,
    )
    return SessionRecords(
        circle=circle[0],
        session=session,
        members=tuple(_facts(db, MemberFact, Member, Member.circle_id == session.circle_id)),
        attendance=tuple(_facts(db, AttendanceFact, Attendance, in_session(Attendance))),
        turns=tuple(_facts(db, TurnFact, Turn, in_session(Turn), order_by=Turn.position)),
        items=tuple(items),
        matches=tuple(matches),
        follow_ups=tuple(f for f in follow_ups if f.session_id == session_id),
        thanks=tuple(
            _facts(db, ThanksFact, Thanks, in_session(Thanks), order_by=Thanks.created_at)
        ),
        notes=tuple(_facts(db, NoteFact, Note, in_session(Note), order_by=Note.created_at)),
        resolved=tuple(f for f in follow_ups if f.session_id != session_id),
    )


def load_history(replica: Replica, circle_id: uuid.UUID) -> HistoryRecords:
    """Everything a circle's giving ledger needs, across all its sessions (eight queries)."""
    with replica.session() as db:
        circle = _facts(db, CircleFact, Circle, col(Circle.id) == circle_id)
        if not circle:
            raise UserError(f"no circle {circle_id} in this replica")
        sessions = _sessions(db, col(Session.circle_id) == circle_id)
        ids = [s.id for s in sessions]

        def of_sessions(model: type[SyncFields]) -> Any:
            return _column(model, "session_id").in_(ids)

        return HistoryRecords(
            circle=circle[0],
            sessions=tuple(sessions),
            members=tuple(_facts(db, MemberFact, Member, col(Member.circle_id) == circle_id)),
            attendance=tuple(_facts(db, AttendanceFact, Attendance, of_sessions(Attendance))),
            turns=tuple(_facts(db, TurnFact, Turn, of_sessions(Turn))),
            items=tuple(_facts(db, ItemFact, Item, col(Item.circle_id) == circle_id)),
            matches=tuple(_facts(db, MatchFact, Match, of_sessions(Match))),
            thanks=tuple(_facts(db, ThanksFact, Thanks, of_sessions(Thanks))),
            follow_ups=tuple(
                _facts(db, FollowUpFact, FollowUp, col(FollowUp.circle_id) == circle_id)
            ),
        )


def load_contacts(replica: Replica, circle_id: uuid.UUID) -> dict[uuid.UUID, str]:
    """Each member's contact (email or phone) as typed; members without one are left out."""
    with replica.session() as db:
        rows = _rows(db, Member, ("id", "contact"), col(Member.circle_id) == circle_id)
    return {member_id: contact.strip() for member_id, contact in rows if contact.strip()}


def _one_session(db: DbSession, session_id: uuid.UUID) -> SessionFact:
    found = _sessions(db, col(Session.id) == session_id)
    if not found:
        raise UserError(f"no session {session_id} in this replica")
    return found[0]


def _sessions(db: DbSession, *where: Any) -> list[SessionFact]:
    names = [field.name for field in fields(SessionFact)]
    found = []
    for row in _rows(db, Session, names, *where):
        values = dict(zip(names, row, strict=True))
        values["hot_seat_ids"] = parse_ids(values["hot_seat_ids"])
        found.append(SessionFact(**values))
    return found


def parse_ids(text: str) -> tuple[uuid.UUID, ...]:
    """Comma-separated UUIDs (a session's hot seats); anything unreadable is skipped."""
    ids = []
    for part in text.split(","):
        try:
            ids.append(uuid.UUID(part.strip()))
        except ValueError:
            continue
    return tuple(ids)


def _in_session(session_id: uuid.UUID) -> Callable[[type[SyncFields]], Any]:
    def condition(model: type[SyncFields]) -> Any:
        return _column(model, "session_id") == session_id

    return condition


def _facts(
    db: DbSession,
    fact: Callable[..., F],
    model: type[SyncFields],
    *where: Any,
    order_by: Any = None,
) -> list[F]:
    """Rows of `model` as `fact` dataclasses, reading only the columns the fact names."""
    names = [field.name for field in fields(fact)]  # type: ignore[arg-type]
    return [fact(*row) for row in _rows(db, model, names, *where, order_by=order_by)]


def _rows(
    db: DbSession, model: type[SyncFields], names: Iterable[str], *where: Any, order_by: Any = None
) -> list[tuple[Any, ...]]:
    """The named columns of `model`'s live rows, enums as their plain string values."""
    columns = [_plain(_column(model, name)) for name in names]
    statement = sa.select(*columns).where(_column(model, "deleted").is_(False), *where)
    if order_by is not None:
        statement = statement.order_by(order_by)
    return [tuple(row) for row in db.execute(statement)]


def _column(model: type[SyncFields], name: str) -> Any:
    return getattr(model, name)


def _plain(column: Any) -> Any:
    """Read an enum column as the string it stores: the core wants plain values, and
    skipping SQLAlchemy's per-value enum lookup makes big loads a third faster."""
    if isinstance(column.type, sa.Enum):
        return sa.type_coerce(column, sa.String).label(column.key)
    return column


def _ids(values: Iterable[uuid.UUID | None]) -> set[uuid.UUID]:
    return {value for value in values if value is not None}


def find_session(replica: Replica, spec: str, circle_name: str | None = None) -> uuid.UUID:
    """The session meant by `latest` or by an id (full, or a unique prefix of 4+ hex digits)."""
    from circle.workspace import circles, find_circle

    circle_id = None if circle_name is None else find_circle(replica, circle_name).id
    names = ("id", "circle_id", "started_at", "scheduled_at", "created_at")
    with replica.session() as db:
        rows = [_SessionRow(*row) for row in _rows(db, Session, names)]
    if circle_id is not None:
        rows = [row for row in rows if row.circle_id == circle_id]
    if spec.strip().casefold() == "latest":
        return _latest(rows, circle_id, [c.name for c in circles(replica)])
    return _by_prefix(rows, spec)


class _SessionRow(NamedTuple):
    id: uuid.UUID
    circle_id: uuid.UUID
    started_at: datetime | None
    scheduled_at: datetime | None
    created_at: datetime


def _latest(rows: list[_SessionRow], circle_id: uuid.UUID | None, names: list[str]) -> uuid.UUID:
    if not rows:
        raise UserError("there is no session yet" + (" in that circle" if circle_id else ""))
    if circle_id is None and len({row.circle_id for row in rows}) > 1:
        raise UserError(
            f"several circles have sessions; pick one with --circle ({', '.join(names)})"
        )

    def recency(row: _SessionRow) -> tuple[bool, datetime]:
        return row.started_at is not None, row.started_at or row.scheduled_at or row.created_at

    return max(rows, key=recency).id


def _by_prefix(rows: list[_SessionRow], spec: str) -> uuid.UUID:
    wanted = spec.strip().lower().replace("-", "")
    if len(wanted) < 4 or any(c not in "0123456789abcdef" for c in wanted):
        raise UserError(
            f"{spec!r} is not a session id; give `latest` or at least 4 hex digits of one"
        )
    found = [row.id for row in rows if row.id.hex.startswith(wanted)]
    if not found:
        raise UserError(f"no session with id {spec!r}")
    if len(found) > 1:
        raise UserError(f"{spec!r} matches {len(found)} sessions; give more of the id")
    return found[0]
