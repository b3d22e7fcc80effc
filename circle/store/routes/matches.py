"""A participant accepts or declines a match that involves them."""

import uuid
from typing import Any

from fastapi import APIRouter, HTTPException

from circle.model import Item, Match, MatchPublic, MatchState, utcnow
from circle.store.auth import Participant
from circle.store.guard import GuardedRoute
from circle.store.records import load, load_in_session, write
from circle.store.routes.sessions import WITH_CONFLICT
from circle.store.schemas import Decision
from circle.store.service import StoreDep

router = APIRouter(prefix="/api/v1/sessions", tags=["matches"], route_class=GuardedRoute)
_DECIDABLE = frozenset({MatchState.SUGGESTED, MatchState.ACCEPTED, MatchState.DISMISSED})


@router.post(
    "/{session_id}/matches/{match_id}/decision",
    response_model=MatchPublic,
    responses=WITH_CONFLICT,
)
async def decide(
    match_id: uuid.UUID, body: Decision, principal: Participant, store: StoreDep
) -> dict[str, Any]:
    """Accept (or decline) a suggested match whose ask or offer is the participant's."""
    store.writes.check(principal.key)
    match = await load_in_session(store, principal, Match, match_id)
    authors = {
        item.member_id
        for item_id in (match.ask_id, match.offer_id)
        if (item := await load(store, Item, item_id)) is not None
    }
    if principal.member_id not in authors:
        raise HTTPException(403, "only the two people in a match may decide it")
    if match.state not in _DECIDABLE:
        raise HTTPException(409, f"this match is {match.state.value} already")
    match.state = MatchState.ACCEPTED if body.accept else MatchState.DISMISSED
    match.decided_at = utcnow()
    (written,) = await write(store, principal.session.id, match)
    return written
