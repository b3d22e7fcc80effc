"""The home screen's data: every circle with its members and sessions, in three queries."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from circle.local import Replica
    from circle.model import Session


@dataclass(frozen=True)
class SessionRow:
    """One session as home lists it under its circle."""

    id: uuid.UUID
    format: str
    status: str
    """"planned", "running" or "ended"."""
    started_at: datetime | None
    ended_at: datetime | None
    created_at: datetime

    @property
    def when(self) -> datetime:
        return self.started_at or self.created_at

    @property
    def seconds(self) -> float | None:
        """How long it ran, once ended."""
        if self.started_at is None or self.ended_at is None:
            return None
        return (self.ended_at - self.started_at).total_seconds()


@dataclass(frozen=True)
class CircleRow:
    """One circle as home lists it."""

    id: uuid.UUID
    name: str
    members: tuple[tuple[str, str], ...]
    """Active members' names and businesses, by name."""
    next_session: datetime | None
    sessions: tuple[SessionRow, ...]
    """Newest first."""

    @property
    def last_session(self) -> datetime | None:
        held = [s.started_at for s in self.sessions if s.started_at is not None]
        return max(held, default=None)

    @property
    def running(self) -> SessionRow | None:
        """A session left running (the console was closed or killed mid-session)."""
        return next((s for s in self.sessions if s.status == "running"), None)


def load_circles(replica: "Replica") -> list[CircleRow]:
    """Every circle by name, with its active member count and its sessions, newest first."""
    from sqlmodel import col

    from circle.model import Circle, Member, Session

    members: dict[uuid.UUID, list[tuple[str, str]]] = {}
    active = replica.all(Member, col(Member.active).is_(True), order_by=col(Member.name))
    for member in active:
        members.setdefault(member.circle_id, []).append((member.name, member.business))
    sessions: dict[uuid.UUID, list[SessionRow]] = {}
    for session in replica.all(Session, order_by=col(Session.created_at).desc()):
        sessions.setdefault(session.circle_id, []).append(_session_row(session))
    return [
        CircleRow(
            id=circle.id,
            name=circle.name,
            members=tuple(members.get(circle.id, ())),
            next_session=circle.next_session_at,
            sessions=tuple(sorted(sessions.get(circle.id, []), key=_newest_first)),
        )
        for circle in replica.all(Circle, order_by=col(Circle.name))
    ]


def _session_row(session: "Session") -> SessionRow:
    return SessionRow(
        id=session.id,
        format=session.format,
        status=session.status.value,
        started_at=session.started_at,
        ended_at=session.ended_at,
        created_at=session.created_at,
    )


def _newest_first(row: SessionRow) -> float:
    return -row.when.timestamp()
