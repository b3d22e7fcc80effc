"""The pages a phone opens: `/j/{code}` to join, `/s/{session_id}` once joined.

Joining goes through the API's own join (`circle.store.routes.participants`),
so the cookie, the rate limits and "never a second member" are the API's. A
wrong code is counted against the caller's address here too, so the page
cannot be used to guess codes.
"""

import asyncio
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from circle.core.summary import member_summary
from circle.errors import UserError
from circle.store import queries
from circle.store.auth import CookieDep, hash_secret, normalize_code
from circle.store.join.board import boards
from circle.store.join.forms import FormError, ensure_csrf, read_form
from circle.store.join.render import message_page, page, render, too_many
from circle.store.join.session import Joined, phone_in
from circle.store.join.view import circle_name, phone_view, roster
from circle.store.routes import participants
from circle.store.schemas import JoinRequest
from circle.store.service import Store, StoreDep, client_key

router = APIRouter(include_in_schema=False)

NOTICES = {
    "joined": "You're in. Add what you need and what you can give.",
    "added": "Added: it is on the facilitator's board now.",
    "saved": "Saved.",
    "withdrawn": "Withdrawn.",
    "reopened": "It is open again.",
    "accepted": "You said yes: the facilitator will introduce you.",
    "declined": "Noted: not now.",
    "thanked": "Thanks sent.",
    "hand-up": "Your hand is up.",
    "hand-down": "Your hand is down.",
}
"""What a page says after a form was sent, by the `done` parameter of its address."""

SwitchQuery = Annotated[bool, Query(description="Show the roster even when already joined.")]
DoneQuery = Annotated[str, Query(max_length=20)]
SeqQuery = Annotated[int, Query(ge=0, le=2**62)]


@router.get("/j/{code}", response_class=HTMLResponse)
async def join_page(
    code: str, request: Request, store: StoreDep, secret: CookieDep, switch: SwitchQuery = False
) -> Response:
    """The join form for an open session's code (or straight on to the page once joined)."""
    session = await _open_session(store, request, code)
    if isinstance(session, Response):
        return session
    if not switch and await _speaks_for(store, secret, session.id):
        return RedirectResponse(f"/s/{session.id}", status_code=303)
    return await join_form(request, store, session)


@router.post("/j/{code}", response_class=HTMLResponse)
async def join(code: str, request: Request, store: StoreDep, secret: CookieDep) -> Response:
    """Join as the roster member picked, or as a guest; then on to the participant's page."""
    try:
        form = await read_form(request)
    except FormError as exc:
        return await _join_again(request, store, code, str(exc), exc.status)
    member, name = form.text("member"), form.text("name")
    try:
        body = JoinRequest(
            code=code[:16],
            member_id=uuid.UUID(member) if member else None,
            name=name or None,
            business=form.text("business"),
        )
    except (ValueError, ValidationError):
        message = "Pick your name, or give a name (up to 120 characters) to join as a guest."
        return await _join_again(request, store, code, message, 422, form.fields)
    answer = Response()
    try:
        done = await participants.join(body, request, answer, store, secret)
    except HTTPException as exc:
        return await _join_again(
            request,
            store,
            code,
            str(exc.detail),
            exc.status_code,
            form.fields,
            dict(exc.headers or {}),
        )
    redirect = RedirectResponse(f"/s/{done.session_id}?done=joined", status_code=303)
    for value in answer.headers.getlist("set-cookie"):
        redirect.headers.append("set-cookie", value)
    return redirect


@router.get("/s/{session_id}", response_class=HTMLResponse)
async def participant_page(
    session_id: uuid.UUID,
    request: Request,
    store: StoreDep,
    secret: CookieDep,
    done: DoneQuery = "",
) -> Response:
    """The participant's page: live while the session runs, their summary once it has ended."""
    me = await phone_in(store, boards(request), session_id, secret)
    if isinstance(me, Response):
        return me
    if me.closed:
        return await ended_page(store, me)
    return await session_page(request, store, me, notice=NOTICES.get(done))


@router.get("/s/{session_id}/live", response_class=HTMLResponse)
async def live_parts(
    session_id: uuid.UUID,
    request: Request,
    store: StoreDep,
    secret: CookieDep,
    seq: SeqQuery = 0,
) -> Response:
    """The page's live sections alone, for the page's script to swap in after a change.

    `seq` is the last change the phone saw on the stream: the page includes it.
    """
    await boards(request).current(session_id, at_least=seq)
    me = await phone_in(store, boards(request), session_id, secret)
    if isinstance(me, Response):
        return me
    if me.closed:
        return HTMLResponse(
            '<div data-status="ended"></div>', headers={"Cache-Control": "no-store"}
        )
    context = await page_context(request, store, me, Response())
    return HTMLResponse(render("live.html", **context), headers={"Cache-Control": "no-store"})


async def session_page(
    request: Request,
    store: Store,
    me: Joined,
    *,
    notice: str | None = None,
    error: str | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **drafts: Any,
) -> Response:
    """The live page, with a notice or an error and the drafts of a form sent back."""
    cookies = Response()
    context = await page_context(request, store, me, cookies)
    context.update(notice=notice, error=error)
    context.setdefault("draft", {"kind": "ask", "text": "", "help": ""})
    context.setdefault("thanks_draft", {"to": "", "message": ""})
    context.update(drafts)
    response = page("session.html", status, headers, **context)
    _copy_cookies(cookies, response)
    return response


async def page_context(
    request: Request, store: Store, me: Joined, cookies: Response
) -> dict[str, Any]:
    board = await boards(request).current(me.session_id)
    now = datetime.now(UTC)
    return {
        "view": phone_view(board.seen_by(me.member_id), me.session_id, me.member_id),
        "code": me.code or "",
        "csrf": ensure_csrf(request, cookies),
        "last_seq": board.last_seq,
        "now": now,
        "now_ms": int(now.timestamp() * 1000),
        "new_id": uuid.uuid4,
        "title": "circle",
    }


async def ended_page(store: Store, me: Joined) -> Response:
    """The member's own summary, read-only, built as the export builds it."""
    from sqlmodel import Session as DbSession

    from circle.export.load import read_session

    def build() -> Any:
        with DbSession(store.engine) as db:
            return member_summary(read_session(db, me.session_id), me.member_id)

    try:
        summary = await asyncio.to_thread(build)
    except (UserError, KeyError):
        return page(
            "message.html",
            404,
            title="No summary here",
            message="This session's records are not on this store.",
            notice=None,
            error=None,
            link=None,
        )
    return page("ended.html", summary=summary, title="Your summary", notice=None, error=None)


async def join_form(
    request: Request,
    store: Store,
    session: queries.SessionRow,
    *,
    error: str | None = None,
    status: int = 200,
    fields: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    board = await boards(request).current(session.id)
    records = board.seen_by(uuid.UUID(int=0))
    cookies = Response()
    response = page(
        "join.html",
        status,
        headers,
        circle=circle_name(records),
        roster=roster(records),
        code=session.join_code or "",
        csrf=ensure_csrf(request, cookies),
        guest_name=(fields or {}).get("name", ""),
        guest_business=(fields or {}).get("business", ""),
        title="Join",
        notice=None,
        error=error,
    )
    _copy_cookies(cookies, response)
    return response


async def _open_session(store: Store, request: Request, code: str) -> queries.SessionRow | Response:
    """The open session with this code, or the page saying why not (counting a wrong code)."""
    address = client_key(request)
    wait = store.join_failures.wait(address)
    if wait is not None:
        return too_many(wait)
    wanted = normalize_code(code)
    found = None
    if 1 <= len(wanted) <= 16:
        found = await asyncio.to_thread(queries.session_by_code, store.engine, wanted)
    if found is None:
        store.join_failures.take(address)
        return message_page(
            404,
            "No session with this code",
            "Check the code on the screen: the session may have ended, or a letter may be off.",
        )
    return found


async def _join_again(
    request: Request,
    store: Store,
    code: str,
    error: str,
    status: int,
    fields: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """The join form again with what went wrong, or the page saying the code is not open."""
    session = await _open_session(store, request, code) if status != 429 else None
    if isinstance(session, Response):
        return session
    if session is None:
        return message_page(429, "Too many tries", error, headers=headers)
    return await join_form(
        request, store, session, error=error, status=status, fields=fields, headers=headers
    )


async def _speaks_for(store: Store, secret: str | None, session_id: uuid.UUID) -> bool:
    """True when the phone's cookie already joined it to this session."""
    if not secret:
        return False
    found = await store.access.participant(hash_secret(secret))
    return found is not None and found[0] == session_id


def _copy_cookies(source: Response, target: Response) -> None:
    for value in source.headers.getlist("set-cookie"):
        target.headers.append("set-cookie", value)
