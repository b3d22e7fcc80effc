"""Who may do what: facilitator tokens, participant cookies and join codes.

A facilitator token (bearer) opens everything about its own session; a
participant cookie (set at join) reads its session's board and makes the
participant's own changes. Both are random secrets the store keeps only as
SHA-256 hashes (they are long and random, so a slow hash adds nothing). A
credential for one session opens nothing in another: 403; none, or one the
store does not know: 401; a session the store does not know: 404.
"""

import asyncio
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from circle.store import queries

JOIN_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
"""Join code letters: no 0/O, 1/I/L that read alike on a slide."""
JOIN_CODE_LENGTH = 6
COOKIE = "circle_participant"

bearer = HTTPBearer(auto_error=False, description="The facilitator token of the session.")
cookie = APIKeyCookie(name=COOKIE, auto_error=False, description="Set by POST /api/v1/join.")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalize_code(code: str) -> str:
    """What a person typed, read leniently: case and spaces do not matter."""
    return "".join(code.split()).upper()


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class SessionKey:
    """The parts of a registered session that never change."""

    id: uuid.UUID
    circle_id: uuid.UUID
    token_hash: str


@dataclass(frozen=True)
class Principal:
    """Who is calling: the facilitator of a session, or one of its participants."""

    session: SessionKey
    member_id: uuid.UUID | None
    key: str
    """Identifies the caller for rate limits (a hash, never the secret)."""

    @property
    def is_facilitator(self) -> bool:
        return self.member_id is None


class Access:
    """Looks credentials up, remembering what never changes (sessions, participants)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions: dict[uuid.UUID, SessionKey] = {}
        self._by_token: dict[str, uuid.UUID] = {}
        self._participants: dict[str, tuple[uuid.UUID, uuid.UUID]] = {}

    async def session(self, session_id: uuid.UUID) -> SessionKey:
        """The session, or 404."""
        known = self._sessions.get(session_id)
        if known is not None:
            return known
        row = await asyncio.to_thread(queries.session_by_id, self._engine, session_id)
        if row is None:
            raise HTTPException(404, "no such session on this store")
        return self.remember(SessionKey(row.id, row.circle_id, row.token_hash))

    def remember(self, key: SessionKey) -> SessionKey:
        if len(self._sessions) > 50_000:
            self._sessions.clear()
            self._by_token.clear()
        self._sessions[key.id] = key
        self._by_token[key.token_hash] = key.id
        return key

    async def token_session(self, token_hash: str) -> uuid.UUID | None:
        known = self._by_token.get(token_hash)
        if known is not None:
            return known
        row = await asyncio.to_thread(queries.session_by_token, self._engine, token_hash)
        if row is None:
            return None
        return self.remember(SessionKey(row.id, row.circle_id, row.token_hash)).id

    async def participant(self, token_hash: str) -> tuple[uuid.UUID, uuid.UUID] | None:
        known = self._participants.get(token_hash)
        if known is not None:
            return known
        found = await asyncio.to_thread(queries.participant, self._engine, token_hash)
        if found is not None:
            self.remember_participant(token_hash, *found)
        return found

    def remember_participant(
        self, token_hash: str, session_id: uuid.UUID, member_id: uuid.UUID
    ) -> None:
        """Keep a participant the store has just written, so their first call needs no lookup."""
        if len(self._participants) > 200_000:
            self._participants.clear()
        self._participants[token_hash] = (session_id, member_id)


async def get_access(request: Request) -> Access:
    access: Access = request.app.state.store.access
    return access


AccessDep = Annotated[Access, Depends(get_access)]
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
CookieDep = Annotated[str | None, Depends(cookie)]


def _token(credentials: HTTPAuthorizationCredentials | None) -> str | None:
    return None if credentials is None else credentials.credentials


async def _as_facilitator(
    access: Access, session: SessionKey, token: str | None
) -> Principal | None:
    """The facilitator, if `token` (a bearer token) is the session's."""
    if token is None:
        return None
    token_hash = hash_secret(token)
    if token_hash == session.token_hash:
        return Principal(session, None, f"t:{token_hash}")
    if await access.token_session(token_hash) is not None:
        raise HTTPException(403, "this token belongs to another session")
    raise HTTPException(401, "unknown facilitator token", {"WWW-Authenticate": "Bearer"})


async def _as_participant(
    access: Access, session: SessionKey, secret: str | None
) -> Principal | None:
    if not secret:
        return None
    token_hash = hash_secret(secret)
    found = await access.participant(token_hash)
    if found is None:
        raise HTTPException(401, "unknown participant cookie; join the session again")
    if found[0] != session.id:
        raise HTTPException(403, "you joined another session")
    return Principal(session, found[1], f"p:{token_hash}")


def _missing() -> HTTPException:
    return HTTPException(401, "sign in first", {"WWW-Authenticate": "Bearer"})


async def facilitator(
    session_id: uuid.UUID, access: AccessDep, credentials: BearerDep, secret: CookieDep
) -> Principal:
    """The session's facilitator, or 401/403/404."""
    return await facilitator_by(session_id, access, _token(credentials), secret)


async def facilitator_by(
    session_id: uuid.UUID, access: Access, token: str | None, secret: str | None
) -> Principal:
    """`facilitator`, for a bearer token read already (the push shortcut reads it itself)."""
    session = await access.session(session_id)
    principal = await _as_facilitator(access, session, token)
    if principal is not None:
        return principal
    if secret:
        raise HTTPException(403, "only the session's facilitator may do this")
    raise _missing()


async def reader(
    session_id: uuid.UUID, access: AccessDep, credentials: BearerDep, secret: CookieDep
) -> Principal:
    """The session's facilitator or one of its participants, or 401/403/404."""
    session = await access.session(session_id)
    principal = await _as_facilitator(access, session, _token(credentials))
    principal = principal or await _as_participant(access, session, secret)
    if principal is None:
        raise _missing()
    return principal


async def participant(
    session_id: uuid.UUID, access: AccessDep, credentials: BearerDep, secret: CookieDep
) -> Principal:
    """One of the session's participants, or 401/403/404."""
    session = await access.session(session_id)
    principal = await _as_participant(access, session, secret)
    if principal is not None:
        return principal
    if await _as_facilitator(access, session, _token(credentials)) is not None:
        raise HTTPException(403, "this is a participant's action; join the session first")
    raise _missing()


Facilitator = Annotated[Principal, Depends(facilitator)]
Reader = Annotated[Principal, Depends(reader)]
Participant = Annotated[Principal, Depends(participant)]
