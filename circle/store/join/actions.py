"""What a joined phone's forms do: plain posts answered with a redirect (post-redirect-get).

Each form goes through the API's own participant routes, so who may change
what, the rate limits and the writing are theirs. Forms that file something
carry an id made when the form was drawn: a double tap or a resend after a
lost connection files it once. A form that cannot be taken comes back with
what was typed and the reason.
"""

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from circle.model import HelpKind
from circle.store.auth import CookieDep, Principal
from circle.store.join.board import boards
from circle.store.join.forms import Form, FormError, read_form
from circle.store.join.pages import session_page
from circle.store.join.render import message_page
from circle.store.join.session import Joined, phone_in
from circle.store.routes import attendance, items, matches, thanks
from circle.store.schemas import Decision, Hand, ItemDraft, ItemEdit, ThanksDraft
from circle.store.service import Store, StoreDep

router = APIRouter(include_in_schema=False)

Act = Callable[[Form, Principal, Store], Awaitable[str]]
"""Does what a form asks; returns the notice to show, or raises ActionError/HTTPException."""


class ActionError(Exception):
    """The form's content cannot be taken; the message tells the person what to change."""


@router.post("/s/{session_id}/items", response_class=HTMLResponse)
async def add_item(
    session_id: uuid.UUID, request: Request, store: StoreDep, secret: CookieDep
) -> Response:
    """File an ask or an offer."""
    return await _act(request, store, session_id, secret, _add, "#mine")


@router.post("/s/{session_id}/items/{item_id}", response_class=HTMLResponse)
async def change_item(
    session_id: uuid.UUID, item_id: uuid.UUID, request: Request, store: StoreDep, secret: CookieDep
) -> Response:
    """Edit one's own ask or offer, withdraw it or put it back."""

    async def act(form: Form, principal: Principal, store: Store) -> str:
        return await _change(item_id, form, principal, store)

    return await _act(request, store, session_id, secret, act, f"#item-{item_id}")


@router.post("/s/{session_id}/matches/{match_id}", response_class=HTMLResponse)
async def decide_match(
    session_id: uuid.UUID, match_id: uuid.UUID, request: Request, store: StoreDep, secret: CookieDep
) -> Response:
    """Accept a match (an introduction, or help offered) or say not now."""

    async def act(form: Form, principal: Principal, store: Store) -> str:
        accept = form.text("decision") == "accept"
        await matches.decide(match_id, Decision(accept=accept), principal, store)
        return "accepted" if accept else "declined"

    return await _act(request, store, session_id, secret, act, "#matches")


@router.post("/s/{session_id}/thanks", response_class=HTMLResponse)
async def send_thanks(
    session_id: uuid.UUID, request: Request, store: StoreDep, secret: CookieDep
) -> Response:
    """Thank a member, for a match or for anything."""
    return await _act(request, store, session_id, secret, _thank, "#thanks")


@router.post("/s/{session_id}/hand", response_class=HTMLResponse)
async def raise_hand(
    session_id: uuid.UUID, request: Request, store: StoreDep, secret: CookieDep
) -> Response:
    """Raise or lower one's hand."""

    async def act(form: Form, principal: Principal, store: Store) -> str:
        raised = form.text("raised") == "yes"
        await attendance.raise_hand(Hand(raised=raised), principal, store)
        return "hand-up" if raised else "hand-down"

    return await _act(request, store, session_id, secret, act, "#now")


async def _act(
    request: Request,
    store: Store,
    session_id: uuid.UUID,
    secret: str | None,
    act: Act,
    anchor: str,
) -> Response:
    """Check the phone and the form, run `act`, and redirect to the page (or show why not)."""
    me = await phone_in(store, boards(request), session_id, secret)
    if isinstance(me, Response):
        return me
    if me.closed:
        return message_page(
            409,
            "The session has ended",
            "This page is read-only now.",
            link={"href": f"/s/{session_id}", "label": "See your summary"},
        )
    try:
        form = await read_form(request)
        done = await act(form, me.principal, store)
    except FormError as exc:
        return await session_page(request, store, me, error=str(exc), status=exc.status)
    except ActionError as exc:
        return await _again(request, store, me, str(exc), 422, form)
    except HTTPException as exc:
        return await _again(
            request, store, me, str(exc.detail), exc.status_code, form, dict(exc.headers or {})
        )
    return RedirectResponse(f"/s/{session_id}?done={done}{anchor}", status_code=303)


async def _again(
    request: Request,
    store: Store,
    me: Joined,
    error: str,
    status: int,
    form: Form,
    headers: dict[str, str] | None = None,
) -> Response:
    """The page again with the reason, and what was typed into the add and thanks forms."""
    fields = form.fields
    return await session_page(
        request,
        store,
        me,
        error=error,
        status=status,
        headers=headers,
        draft={k: fields.get(k, "") for k in ("kind", "text", "help")},
        thanks_draft={k: fields.get(k, "") for k in ("to", "message")},
    )


async def _add(form: Form, principal: Principal, store: Store) -> str:
    kind = form.text("kind")
    if kind not in ("ask", "offer"):
        raise ActionError("Say whether this is an ask or an offer.")
    draft = _draft(
        ItemDraft, id=_request_id(form), kind=kind, help=_help(form), text=form.text("text")
    )
    await items.file_item(draft, principal, store)
    return "added"


async def _change(item_id: uuid.UUID, form: Form, principal: Principal, store: Store) -> str:
    action = form.text("action")
    if action not in ("save", "withdraw", "reopen"):
        raise ActionError("Save, withdraw or put back: pick one of the buttons.")
    if action == "save":
        edit = _draft(ItemEdit, text=form.text("text"), help=_help(form))
    else:
        edit = _draft(ItemEdit, withdrawn=action == "withdraw")
    await items.edit_item(item_id, edit, principal, store)
    return {"save": "saved", "withdraw": "withdrawn", "reopen": "reopened"}[action]


async def _thank(form: Form, principal: Principal, store: Store) -> str:
    to, match = _uuid(form.text("to")), _uuid(form.text("match"))
    if to is None:
        raise ActionError("Pick whom to thank.")
    if form.text("match") and match is None:
        raise ActionError("Pick what the thanks are for from the list.")
    draft = _draft(
        ThanksDraft,
        id=_request_id(form),
        to_member_id=to,
        match_id=match,
        message=form.text("message"),
    )
    await thanks.send_thanks(draft, principal, store)
    return "thanked"


def _draft(model: Any, **values: Any) -> Any:
    """The API's request body from form values, or ActionError saying what is off."""
    try:
        return model(**values)
    except ValidationError as exc:
        raise ActionError(_explain(exc)) from exc


def _explain(exc: ValidationError) -> str:
    field = str(exc.errors()[0]["loc"][0]) if exc.errors() else ""
    if field == "text":
        return "Write it in a sentence, up to 1000 characters."
    if field == "message":
        return "Keep the message under 1000 characters."
    return "Something in the form was not right; please check it and send it again."


def _help(form: Form) -> HelpKind | None:
    value = form.text("help")
    if not value:
        return None
    try:
        return HelpKind(value)
    except ValueError as exc:
        raise ActionError("Pick a kind of help from the list.") from exc


def _request_id(form: Form) -> uuid.UUID | None:
    return _uuid(form.text("request_id"))


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None
