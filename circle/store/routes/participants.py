"""Joining a session from a phone: the join code, then a member of the roster or a guest.

A successful join sets the participant cookie (HttpOnly, SameSite=Lax) and marks
the member's attendance as joined. Joining again, with the cookie or by picking
the same member or guest name, never makes a second member. Wrong codes are
rate-limited per address so codes cannot be guessed.
"""

import asyncio
import secrets
import uuid
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, HTTPException, Request, Response
from sqlalchemy import Connection
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from circle.model import Attendance, Member, attendance_id, utcnow
from circle.store import queries
from circle.store.auth import COOKIE, CookieDep, hash_secret, normalize_code
from circle.store.changes import Batch, Incoming
from circle.store.db import store_participants
from circle.store.guard import GuardedRoute, refuse_after
from circle.store.records import load
from circle.store.schemas import ErrorOut, Joined, JoinRequest
from circle.store.service import Store, StoreDep, client_key
from circle.store.writer import Ledger, applying

router = APIRouter(prefix="/api/v1", tags=["participants"], route_class=GuardedRoute)
COOKIE_MAX_AGE = 24 * 3600


@router.post(
    "/join",
    response_model=Joined,
    responses={code: {"model": ErrorOut} for code in (404, 422, 429)},
)
async def join(
    body: JoinRequest, request: Request, response: Response, store: StoreDep, secret: CookieDep
) -> Joined:
    """Join an open session by its code, as `member_id` from the roster or as a guest `name`."""
    address = client_key(request)
    refuse_after(store.join_failures.wait(address))
    store.joins.check(address)
    session = await asyncio.to_thread(
        queries.session_by_code, store.engine, normalize_code(body.code)
    )
    if session is None:
        store.join_failures.take(address)
        raise HTTPException(404, "no open session has this code; check it on the screen")
    member = await _member(store, session.circle_id, body)
    rejoined = await _rejoined(store, session.id, member.id, secret)
    new_secret = secret if rejoined else secrets.token_urlsafe(32)
    assert new_secret is not None
    await _record_join(store, session.id, member, None if rejoined else hash_secret(new_secret))
    response.set_cookie(
        COOKIE, new_secret, max_age=COOKIE_MAX_AGE, httponly=True, samesite="lax", path="/"
    )
    return Joined(session_id=session.id, member_id=member.id, name=member.name)


async def _member(store: Store, circle_id: uuid.UUID, body: JoinRequest) -> Member:
    """The roster member picked, or the guest of that name (made on first join)."""
    if body.member_id is not None:
        member = await load(store, Member, body.member_id)
        if member is None or member.deleted or member.circle_id != circle_id:
            raise HTTPException(404, "this person is not on the circle's roster")
        return member
    if body.name is None or not body.name.strip():
        raise HTTPException(422, "pick your name from the roster, or give your name as a guest")
    name = " ".join(body.name.split())
    guest = await asyncio.to_thread(_guest_named, store, circle_id, name)
    return guest or Member(circle_id=circle_id, name=name, business=body.business, is_guest=True)


def _guest_named(store: Store, circle_id: uuid.UUID, name: str) -> Member | None:
    """The circle's guest of this name (any case): names are compared on plain columns, and
    only the guest found is loaded whole, so a crowd of guests joining stays cheap."""
    statement = select(col(Member.id), col(Member.name)).where(
        col(Member.circle_id) == circle_id,
        col(Member.deleted).is_(False),
        col(Member.is_guest).is_(True),
    )
    wanted = name.casefold()
    with DbSession(store.engine, expire_on_commit=False) as session:
        found = next(
            (key for key, known in session.exec(statement) if known.casefold() == wanted), None
        )
        return None if found is None else session.get(Member, found)


async def _rejoined(
    store: Store, session_id: uuid.UUID, member_id: uuid.UUID, secret: str | None
) -> bool:
    """True when the phone's cookie already speaks for this member in this session."""
    if not secret:
        return False
    return await store.access.participant(hash_secret(secret)) == (session_id, member_id)


async def _record_join(
    store: Store, session_id: uuid.UUID, member: Member, cookie_hash: str | None
) -> None:
    """Write the (guest) member, the attendance and the participant in one transaction."""
    changes = []
    if not member.version:
        member.version = store.next_version()
        changes.append(Incoming("members", "", member.model_dump()))
    attendance = await _attendance(store, session_id, member.id)
    changes.append(Incoming("attendances", attendance.version, _joined(store, attendance)))
    apply = applying(Batch(session_id, changes))

    def work(connection: Connection, ledger: Ledger) -> Any:
        if cookie_hash is not None:
            connection.execute(
                sa.insert(store_participants).values(
                    token_hash=cookie_hash,
                    session_id=session_id,
                    member_id=member.id,
                    created_at=ledger.now,
                )
            )
        return apply(connection, ledger)

    await store.writer.submit(work, session_id)
    if cookie_hash is not None:
        store.access.remember_participant(cookie_hash, session_id, member.id)


async def _attendance(store: Store, session_id: uuid.UUID, member_id: uuid.UUID) -> Attendance:
    """The member's attendance at the session, or a new one with the shared id."""
    record_id = attendance_id(session_id, member_id)
    return await load(store, Attendance, record_id) or Attendance(
        id=record_id, session_id=session_id, member_id=member_id
    )


def _joined(store: Store, attendance: Attendance) -> dict[str, Any]:
    now = utcnow()
    attendance.present = True
    attendance.deleted = False
    attendance.joined_at = attendance.joined_at or now
    attendance.updated_at = now
    attendance.version = store.next_version(after=attendance.version)
    return attendance.model_dump()
