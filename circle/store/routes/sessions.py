"""Sessions on the store: register one (token and join code), look at it, close it."""

import asyncio
import uuid
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, HTTPException, Request
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from circle.model import Circle, Member
from circle.store import queries
from circle.store.auth import Facilitator, SessionKey, hash_secret, new_join_code, new_token
from circle.store.changes import Outcome, append_log, close_session, write_log
from circle.store.db import store_sessions
from circle.store.guard import GuardedRoute
from circle.store.schemas import ErrorOut, RegisterSession, Registration, SessionInfo
from circle.store.service import StoreDep, client_key
from circle.store.writer import Ledger

router = APIRouter(prefix="/api/v1/sessions", tags=["sessions"], route_class=GuardedRoute)
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (401, 403, 404, 422, 429)
}
WITH_CONFLICT: dict[int | str, dict[str, Any]] = {409: {"model": ErrorOut}, **ERRORS}
"""For changes that someone else's change may overtake: 409, try again."""


class SessionTakenError(Exception):
    """The session id is registered already, under another token or circle."""


class TokenTakenError(Exception):
    """Another session was registered with the same token."""


@router.post(
    "",
    status_code=201,
    response_model=Registration,
    responses={code: {"model": ErrorOut} for code in (409, 413, 422, 429)},
)
async def register_session(
    body: RegisterSession, request: Request, store: StoreDep
) -> Registration:
    """Register a session: the facilitator token (shown once) and the participants' join code.

    Registering again with the same token is safe and gives the same code, so a
    client that lost the answer can retry; it seeds the session's change log with
    the circle's roster as the store holds it.
    """
    store.registrations.check(client_key(request))
    token = body.token or new_token()
    token_hash = hash_secret(token)

    def work(connection: Connection, ledger: Ledger) -> str:
        return _register(connection, ledger, body, token_hash)

    try:
        code = await store.writer.submit(work)
    except SessionTakenError as exc:
        raise HTTPException(409, "this session is registered already with another token") from exc
    except TokenTakenError as exc:
        raise HTTPException(409, "this token belongs to another session; make a new one") from exc
    store.access.remember(SessionKey(body.session_id, body.circle_id, token_hash))
    return Registration(
        session_id=body.session_id, circle_id=body.circle_id, token=token, join_code=code
    )


@router.get("/{session_id}", response_model=SessionInfo, responses=ERRORS)
async def session_info(principal: Facilitator, store: StoreDep) -> SessionInfo:
    """The session's join code (None once closed) and last sequence number."""
    row = await asyncio.to_thread(queries.session_by_id, store.engine, principal.session.id)
    assert row is not None
    return _info(row)


@router.post("/{session_id}/close", response_model=SessionInfo, responses=ERRORS)
async def close(principal: Facilitator, store: StoreDep) -> SessionInfo:
    """Close the session: its join code stops working. Syncing goes on."""
    session_id = principal.session.id

    def work(connection: Connection, ledger: Ledger) -> None:
        close_session(connection, session_id, ledger.now)

    await store.writer.submit(work, session_id)
    return await session_info(principal, store)


def _info(row: queries.SessionRow) -> SessionInfo:
    return SessionInfo(
        session_id=row.id,
        circle_id=row.circle_id,
        join_code=row.join_code,
        closed=row.closed_at is not None,
        last_seq=row.last_seq,
    )


def _register(
    connection: Connection, ledger: Ledger, body: RegisterSession, token_hash: str
) -> str:
    existing = _existing(connection, body.session_id)
    if existing is not None:
        if existing.token_hash != token_hash or existing.circle_id != body.circle_id:
            raise SessionTakenError(str(body.session_id))
        return str(existing.join_code or "")
    code = _insert(connection, ledger, body, token_hash)
    _seed_roster(connection, ledger, body.session_id, body.circle_id)
    return code


def _existing(connection: Connection, session_id: uuid.UUID) -> Any:
    return connection.execute(
        sa.select(store_sessions).where(store_sessions.c.id == session_id)
    ).first()


def _token_taken(connection: Connection, token_hash: str) -> bool:
    found = connection.execute(
        sa.select(store_sessions.c.id).where(store_sessions.c.token_hash == token_hash)
    ).first()
    return found is not None


def _insert(connection: Connection, ledger: Ledger, body: RegisterSession, token_hash: str) -> str:
    """Insert the session under a fresh join code, drawing again on the rare collision."""
    for _ in range(50):
        code = new_join_code()
        try:
            with connection.begin_nested():
                connection.execute(
                    sa.insert(store_sessions).values(
                        id=body.session_id,
                        circle_id=body.circle_id,
                        token_hash=token_hash,
                        join_code=code,
                        created_at=ledger.now,
                    )
                )
        except IntegrityError:
            if _existing(connection, body.session_id) is not None:
                raise SessionTakenError(str(body.session_id)) from None
            if _token_taken(connection, token_hash):
                raise TokenTakenError(str(body.session_id)) from None
            continue
        return code
    raise RuntimeError("no free join code after 50 draws")


def _seed_roster(
    connection: Connection, ledger: Ledger, session_id: uuid.UUID, circle_id: uuid.UUID
) -> None:
    """Start the change log with the circle and its members, so the join page has a roster."""
    outcome = Outcome(session_id, first_seq=0, last_seq=0)
    tables: list[tuple[sa.Table, str]] = [
        (Circle.__table__, "id"),  # type: ignore[attr-defined]
        (Member.__table__, "circle_id"),  # type: ignore[attr-defined]
    ]
    for table, where in tables:
        rows = connection.execute(
            sa.select(table).where(table.c[where] == circle_id, table.c.deleted.is_(False))
        )
        for row in rows:
            append_log(outcome, str(table.name), dict(row._mapping))
    write_log(connection, outcome)
    ledger.seqs[session_id] = 0
    ledger.record(outcome)
