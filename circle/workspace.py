"""The facilitator's circles, members and sessions in the local replica, found by name.

Shared by the command line and the TUI: each function takes an open `Replica`
and raises `UserError` with a sentence a facilitator understands.
"""

import uuid
from typing import TYPE_CHECKING

from sqlmodel import col

from circle.errors import UserError
from circle.local import Replica
from circle.model import BUSINESS_MAX, NAME_MAX, Attendance, Circle, Member, Session, Turn

if TYPE_CHECKING:
    from circle.core.agenda import Agenda


def parse_member(spec: str) -> tuple[str, str]:
    """Read `"Name | business"` (the business is optional) into its two parts."""
    name, _, business = spec.partition("|")
    name, business = name.strip(), business.strip()
    if not name:
        raise UserError(f'a member needs a name: {spec!r} (write it as "Name | business")')
    return check_member(name, business)


def check_member(name: str, business: str = "") -> tuple[str, str]:
    """A member's name and business, stripped and within their limits."""
    name, business = name.strip(), business.strip()
    if not name:
        raise UserError("a member needs a name")
    if len(name) > NAME_MAX:
        raise UserError(f"a member's name is at most {NAME_MAX} characters: {name[:40]!r}…")
    if len(business) > BUSINESS_MAX:
        raise UserError(f"the business of {name!r} is at most {BUSINESS_MAX} characters")
    return name, business


def new_circle(replica: Replica, name: str, member_specs: list[str]) -> tuple[Circle, list[Member]]:
    """Create a circle and its members; a circle's name must be new."""
    name = name.strip()
    if not name:
        raise UserError("a circle needs a name")
    if len(name) > NAME_MAX:
        raise UserError(f"a circle's name is at most {NAME_MAX} characters")
    if (existing := _circle_named(replica, name)) is not None:
        raise UserError(f"there is already a circle called {existing.name!r}")
    people = [parse_member(spec) for spec in member_specs]
    seen: set[str] = set()
    for person, _ in people:
        if person.casefold() in seen:
            raise UserError(f"{person!r} is listed twice")
        seen.add(person.casefold())
    circle = Circle(name=name)
    members = [Member(circle_id=circle.id, name=n, business=b) for n, b in people]
    replica.save(circle, *members)
    return circle, members


def find_circle(replica: Replica, name: str) -> Circle:
    """The circle with this name (case-insensitive), or a UserError listing the known ones."""
    circle = _circle_named(replica, name.strip())
    if circle is not None:
        return circle
    known = ", ".join(c.name for c in circles(replica)) or "none yet; create one with `circle new`"
    raise UserError(f"no circle called {name!r} (circles: {known})")


def circles(replica: Replica) -> list[Circle]:
    """All circles, by name."""
    return replica.all(Circle, order_by=col(Circle.name))


def members(replica: Replica, circle_id: uuid.UUID) -> list[Member]:
    """A circle's active members, by name."""
    return replica.all(
        Member,
        col(Member.circle_id) == circle_id,
        col(Member.active).is_(True),
        order_by=col(Member.name),
    )


def sessions(replica: Replica, circle_id: uuid.UUID) -> list[Session]:
    """A circle's sessions, newest first."""
    return replica.all(
        Session, col(Session.circle_id) == circle_id, order_by=col(Session.created_at).desc()
    )


def _circle_named(replica: Replica, name: str) -> Circle | None:
    wanted = name.casefold()
    return next((c for c in circles(replica) if c.name.casefold() == wanted), None)


def plan_session(
    replica: Replica,
    circle: Circle,
    agenda: "Agenda",
    *,
    absent: list[Member] | None = None,
    hot_seats: list[Member] | None = None,
) -> tuple[Session, list[Turn]]:
    """Write a planned session, its attendance and one Turn record per planned turn."""
    session = Session(
        circle_id=circle.id,
        format=agenda.format.name,
        planned_seconds=agenda.total_seconds,
        hot_seat_ids=",".join(str(m.id) for m in hot_seats or []),
    )
    turns = turn_records(session.id, agenda)
    roster = [
        Attendance(session_id=session.id, member_id=m.id) for m in members(replica, circle.id)
    ]
    away = {m.id for m in absent or []}
    for row in roster:
        row.present = row.member_id not in away
    replica.save(session, *roster, *turns)
    return session, turns


def turn_records(session_id: uuid.UUID, agenda: "Agenda") -> list[Turn]:
    """Turn records for an expanded agenda, in order."""
    return [
        Turn(
            session_id=session_id,
            position=position,
            phase_index=planned.phase_index,
            phase_key=planned.phase_key,
            phase_title=planned.phase_title,
            step=planned.step_title,
            member_id=_uuid_or_none(planned.member_id),
            planned_seconds=planned.seconds,
        )
        for position, planned in enumerate(agenda.turns)
    ]


def _uuid_or_none(member_id: object) -> uuid.UUID | None:
    if member_id is None:
        return None
    return member_id if isinstance(member_id, uuid.UUID) else uuid.UUID(str(member_id))


def hot_seat_suggestions(replica: Replica, circle: Circle, present: list[Member]) -> list[Member]:
    """Present members ordered by how long they have waited for a hot seat (never first)."""
    last_seat: dict[uuid.UUID, float] = {}
    for session in sessions(replica, circle.id):
        when = (session.started_at or session.created_at).timestamp()
        for member_id in filter(None, session.hot_seat_ids.split(",")):
            last_seat.setdefault(uuid.UUID(member_id), when)
    return sorted(present, key=lambda m: (last_seat.get(m.id, float("-inf")), m.name.casefold()))
