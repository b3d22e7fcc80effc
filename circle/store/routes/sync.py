"""The sync protocol: push a batch of changes, pull pages of changes, follow the live stream."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Query, Response
from fastapi.responses import StreamingResponse
from fastapi.security.utils import get_authorization_scheme_param
from pydantic import TypeAdapter, ValidationError

from circle.store.auth import Facilitator, Reader, SessionKey, facilitator_by
from circle.store.changes import Batch, Incoming
from circle.store.guard import GuardedRoute, plain_strings, strict_json
from circle.store.live import PAGE
from circle.store.queries import read_changes
from circle.store.routes.sessions import ERRORS
from circle.store.schemas import Change, ChangesPage, PushRequest, PushResult
from circle.store.service import Store, StoreDep
from circle.store.shortcut import Call
from circle.store.views import JSONText, event_frame, page_json, push_result_json
from circle.store.writer import applying

router = APIRouter(prefix="/api/v1/sessions", tags=["sync"], route_class=GuardedRoute)

PHONE_SPACING = 0.1
"""A participant's stream sends at most ten batches a second: when a room joins at once, each
phone gets a few batches instead of one send per join. The facilitator's stream is not held."""

MAX_SEQ = 2**62
"""Sequence numbers fit in a signed 64-bit column with room to spare."""


@router.post("/{session_id}/changes", response_model=PushResult, responses=ERRORS)
async def push(body: PushRequest, principal: Facilitator, store: StoreDep) -> Response:
    """Take in a batch of changed records; the same batch twice changes nothing."""
    store.writes.check(principal.key)
    session = principal.session
    for change in body.changes:
        if (reason := out_of_scope(change, session)) is not None:
            raise HTTPException(422, reason)
    incoming = [
        Incoming(c.table, c.base_version, c.record.__dict__.copy(), c.record.model_dump_json())
        for c in body.changes
    ]  # a record's fields are plain values, kept in its __dict__: what model_dump() would copy
    outcome = await store.writer.submit(applying(Batch(session.id, incoming)), session.id)
    return JSONText(push_result_json(outcome))


_SESSION_ID = TypeAdapter(uuid.UUID)
_PUSH_REQUEST = TypeAdapter(PushRequest)


def _push_request(body: bytes) -> PushRequest:
    """The push's body, as the route reads it (`strict_json`, then validation).

    pydantic reads it in one pass unless a string may hold a NUL or a lone surrogate,
    which only `strict_json` refuses: everything else it refuses pydantic refuses too
    (malformed JSON, non-finite numbers as `STRICT` says, nesting too deep). A body
    pydantic refuses goes on to FastAPI, which words the refusal.
    """
    if plain_strings(body):
        return _PUSH_REQUEST.validate_json(body)
    return _PUSH_REQUEST.validate_python(strict_json(body))


async def push_shortcut(call: Call) -> Response | None:
    """`push` for a well-formed request by a bearer token, resolved as FastAPI would (see
    `circle.store.shortcut`); None for any other request, which FastAPI then answers."""
    media_type = (call.header(b"content-type") or "").partition(";")[0].strip().lower()
    if media_type != "application/json" or not call.body or call.header(b"cookie") is not None:
        return None
    scheme, token = get_authorization_scheme_param(call.header(b"authorization"))
    if scheme.lower() != "bearer" or not token:
        return None
    try:
        session_id = _SESSION_ID.validate_python(call.params["session_id"])
        body = _push_request(call.body)
    except (ValidationError, ValueError):
        return None
    store: Store = call.app.state.store
    return await push(body, await facilitator_by(session_id, store.access, token, None), store)


@router.get("/{session_id}/changes", response_model=ChangesPage, responses=ERRORS)
async def pull(
    principal: Reader,
    store: StoreDep,
    after: Annotated[int, Query(ge=0, le=MAX_SEQ, description="The last sequence seen.")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = PAGE,
) -> Response:
    """Changes after `after`, oldest first, at most `limit`; `more` says another page waits."""
    page = await asyncio.to_thread(read_changes, store.engine, principal.session.id, after, limit)
    return JSONText(page_json(page.entries, page.last_seq, page.more, principal.member_id))


@router.get(
    "/{session_id}/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}, **ERRORS},
)
async def stream(
    principal: Reader,
    store: StoreDep,
    after: Annotated[int | None, Query(ge=0, le=MAX_SEQ)] = None,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID", max_length=20)] = None,
) -> StreamingResponse:
    """Server-Sent Events of the session's changes (`id` is the sequence number).

    Resumes after `Last-Event-ID` (or `after`) with no gap and no repeat.
    """
    cursor = _cursor(last_event_id, after)
    events = _events(store, principal.session.id, principal.member_id, cursor)
    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(events, media_type="text/event-stream", headers=headers)


def _cursor(last_event_id: str | None, after: int | None) -> int:
    if last_event_id is None or not last_event_id.strip():
        return after or 0
    digits = last_event_id.strip()
    if not (digits.isascii() and digits.isdigit()) or int(digits) > MAX_SEQ:
        raise HTTPException(422, "Last-Event-ID must be a sequence number")
    return int(digits)


async def _events(
    store: Store, session_id: uuid.UUID, member_id: uuid.UUID | None, cursor: int
) -> AsyncIterator[bytes]:
    yield b"retry: 2000\n\n"
    spacing = 0.0 if member_id is None else PHONE_SPACING
    async for entries in store.hub.follow(session_id, cursor, spacing):
        if not entries:
            yield b": ping\n\n"
        elif len(entries) == 1:
            yield event_frame(entries[0], member_id)
        else:
            yield b"".join(event_frame(entry, member_id) for entry in entries)


def out_of_scope(change: Change, session: SessionKey) -> str | None:
    """Why a record may not be pushed into this session's stream, or None if it may."""
    problem = _scope_problem(change, session)
    return None if problem is None else f"{change.table} {change.record.id} {problem}"


def _scope_problem(change: Change, session: SessionKey) -> str | None:
    record = change.record
    if change.table == "sessions" and record.id != session.id:
        return "is another session; push it to its own session"
    if change.table == "circles" and record.id != session.circle_id:
        return "is not this session's circle"
    if getattr(record, "circle_id", session.circle_id) != session.circle_id:
        return "belongs to another circle"
    if getattr(record, "session_id", None) not in (None, session.id):
        return "belongs to another session"
    return None
