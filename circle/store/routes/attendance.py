"""A participant raises or lowers their hand."""

from typing import Any

from fastapi import APIRouter

from circle.model import Attendance, AttendancePublic, attendance_id, utcnow
from circle.store.auth import Participant
from circle.store.guard import GuardedRoute
from circle.store.records import load, write
from circle.store.routes.sessions import WITH_CONFLICT
from circle.store.schemas import Hand
from circle.store.service import StoreDep

router = APIRouter(prefix="/api/v1/sessions", tags=["attendance"], route_class=GuardedRoute)


@router.put("/{session_id}/hand", response_model=AttendancePublic, responses=WITH_CONFLICT)
async def raise_hand(body: Hand, principal: Participant, store: StoreDep) -> dict[str, Any]:
    """Raise the participant's hand (the facilitator sees since when), or lower it."""
    store.writes.check(principal.key)
    assert principal.member_id is not None
    record_id = attendance_id(principal.session.id, principal.member_id)
    attendance = await load(store, Attendance, record_id) or Attendance(
        id=record_id, session_id=principal.session.id, member_id=principal.member_id
    )
    if body.raised != (attendance.hand_raised_at is not None):
        attendance.hand_raised_at = utcnow() if body.raised else None
    (written,) = await write(store, principal.session.id, attendance)
    return written
