"""Reads from the store's database: sessions, participants and pages of the change log."""

import uuid
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import Engine

from circle.store.changes import Logged
from circle.store.db import last_seq_of, store_changes, store_participants, store_sessions


@dataclass(frozen=True)
class SessionRow:
    """A registered session as the store keeps it (the token only as a hash)."""

    id: uuid.UUID
    circle_id: uuid.UUID
    token_hash: str
    join_code: str | None
    closed_at: datetime | None
    last_seq: int


@dataclass(frozen=True)
class Page:
    """Changes after a cursor; `last_seq` is where the next page starts."""

    entries: list[Logged]
    last_seq: int
    more: bool


def session_by_id(engine: Engine, session_id: uuid.UUID) -> SessionRow | None:
    return _one_session(engine, store_sessions.c.id == session_id)


def session_by_token(engine: Engine, token_hash: str) -> SessionRow | None:
    return _one_session(engine, store_sessions.c.token_hash == token_hash)


def session_by_code(engine: Engine, code: str) -> SessionRow | None:
    return _one_session(engine, store_sessions.c.join_code == code)


def participant(engine: Engine, token_hash: str) -> tuple[uuid.UUID, uuid.UUID] | None:
    """The (session id, member id) a participant cookie speaks for."""
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(store_participants.c.session_id, store_participants.c.member_id).where(
                store_participants.c.token_hash == token_hash
            )
        ).first()
    return None if row is None else (row.session_id, row.member_id)


def read_changes(engine: Engine, session_id: uuid.UUID, after: int, limit: int) -> Page:
    """Up to `limit` changes after `after`, in sequence order.

    The session's last sequence number is read first and bounds the page: every
    change up to it has committed, so a short page means "nothing else up to
    last_seq" even while writers go on.
    """
    with engine.connect() as connection:
        last = connection.execute(
            sa.select(last_seq_of(store_sessions.c.id)).where(store_sessions.c.id == session_id)
        ).scalar_one_or_none()
        if last is None:
            return Page([], after, False)
        rows = connection.execute(
            sa.select(
                store_changes.c.seq,
                store_changes.c.table_name,
                store_changes.c.record_id,
                store_changes.c.version,
                store_changes.c.payload,
            )
            .where(
                store_changes.c.session_id == session_id,
                store_changes.c.seq > after,
                store_changes.c.seq <= last,
            )
            .order_by(store_changes.c.seq)
            .limit(limit + 1)
        ).all()
    more = len(rows) > limit
    entries = [Logged(r.seq, r.table_name, r.record_id, r.version, r.payload) for r in rows[:limit]]
    end = entries[-1].seq if more else max(int(last), after)
    return Page(entries, end, more)


def _one_session(engine: Engine, where: sa.ColumnElement[bool]) -> SessionRow | None:
    with engine.connect() as connection:
        last_seq = last_seq_of(store_sessions.c.id).label("last_seq")
        row = connection.execute(sa.select(store_sessions, last_seq).where(where)).first()
    if row is None:
        return None
    return SessionRow(
        row.id, row.circle_id, row.token_hash, row.join_code, row.closed_at, int(row.last_seq)
    )
