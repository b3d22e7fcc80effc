"""A participant thanks another member, for a match or for anything."""

import uuid
from typing import Any

from fastapi import APIRouter, HTTPException

from circle.model import Match, Member, Thanks, ThanksPublic, to_wire
from circle.store.auth import Participant
from circle.store.guard import GuardedRoute
from circle.store.records import load, write
from circle.store.routes.sessions import ERRORS
from circle.store.schemas import ThanksDraft
from circle.store.service import StoreDep

router = APIRouter(prefix="/api/v1/sessions", tags=["thanks"], route_class=GuardedRoute)


@router.post("/{session_id}/thanks", status_code=201, response_model=ThanksPublic, responses=ERRORS)
async def send_thanks(body: ThanksDraft, principal: Participant, store: StoreDep) -> dict[str, Any]:
    """Thank a member of the circle; sending the same `id` again thanks once."""
    store.writes.check(principal.key)
    if body.id is not None and (existing := await load(store, Thanks, body.id)) is not None:
        if existing.from_member_id != principal.member_id:
            raise HTTPException(403, "these thanks are someone else's")
        return to_wire(existing)
    to = await load(store, Member, body.to_member_id)
    if to is None or to.deleted or to.circle_id != principal.session.circle_id:
        raise HTTPException(422, "to_member_id: not a member of this circle")
    if to.id == principal.member_id:
        raise HTTPException(422, "to_member_id: thank someone else")
    if body.match_id is not None:
        match = await load(store, Match, body.match_id)
        if match is None or match.session_id != principal.session.id:
            raise HTTPException(422, "match_id: not a match of this session")
    assert principal.member_id is not None
    thanks = Thanks(
        id=body.id or uuid.uuid4(),
        session_id=principal.session.id,
        from_member_id=principal.member_id,
        to_member_id=to.id,
        match_id=body.match_id,
        message=body.message,
    )
    (written,) = await write(store, principal.session.id, thanks)
    return written
