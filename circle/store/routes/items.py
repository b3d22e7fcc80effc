"""A participant's own asks, offers and commitments: file one, edit or withdraw it."""

import uuid
from typing import Any

from fastapi import APIRouter, HTTPException

from circle.model import Item, ItemPublic, ItemStatus, Source, to_wire
from circle.store.auth import Participant
from circle.store.guard import GuardedRoute
from circle.store.records import load, load_in_session, write
from circle.store.routes.sessions import ERRORS, WITH_CONFLICT
from circle.store.schemas import ItemDraft, ItemEdit
from circle.store.service import StoreDep

router = APIRouter(prefix="/api/v1/sessions", tags=["items"], route_class=GuardedRoute)


@router.post("/{session_id}/items", status_code=201, response_model=ItemPublic, responses=ERRORS)
async def file_item(body: ItemDraft, principal: Participant, store: StoreDep) -> dict[str, Any]:
    """File an item as the participant; sending the same `id` again files it once."""
    store.writes.check(principal.key)
    assert principal.member_id is not None
    if body.id is not None and (existing := await load(store, Item, body.id)) is not None:
        if existing.member_id != principal.member_id or existing.session_id != principal.session.id:
            raise HTTPException(403, "this item is someone else's")
        return to_wire(existing)
    item = Item(
        id=body.id or uuid.uuid4(),
        circle_id=principal.session.circle_id,
        session_id=principal.session.id,
        member_id=principal.member_id,
        kind=body.kind,
        help=body.help,
        text=body.text,
        source=Source.PHONE,
    )
    (written,) = await write(store, principal.session.id, item)
    return written


@router.patch("/{session_id}/items/{item_id}", response_model=ItemPublic, responses=WITH_CONFLICT)
async def edit_item(
    item_id: uuid.UUID, body: ItemEdit, principal: Participant, store: StoreDep
) -> dict[str, Any]:
    """Change the text or kind of help of one's own item, or withdraw it."""
    store.writes.check(principal.key)
    item = await load_in_session(store, principal, Item, item_id)
    if item.member_id != principal.member_id:
        raise HTTPException(403, "only its author may change an item")
    if body.text is not None:
        item.text = body.text
    if body.help is not None:
        item.help = body.help
    if body.withdrawn is not None:
        item.status = ItemStatus.WITHDRAWN if body.withdrawn else ItemStatus.OPEN
    (written,) = await write(store, principal.session.id, item)
    return written
