"""The setup screen's data: the roster, the formats, who waited longest for a hot seat and
last time's open promises; and writing the planned session once the facilitator starts it."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from circle.core.formats import Format

if TYPE_CHECKING:
    from pathlib import Path

    from circle.followthrough import Promise
    from circle.local import Replica
    from circle.model import Circle


@dataclass(frozen=True)
class Person:
    """Someone on the roster: a member, an earlier guest, or a guest added just now."""

    id: uuid.UUID
    name: str
    business: str = ""
    guest: bool = False


@dataclass(frozen=True)
class SetupData:
    """Everything the setup screen shows for one circle."""

    circle_id: uuid.UUID
    circle_name: str
    default_format: str
    roster: tuple[Person, ...]
    """Active members by name (earlier guests included, flagged)."""
    waited: tuple[uuid.UUID, ...]
    """The roster, those who waited longest for a hot seat first."""
    formats: tuple[Format, ...]
    broken_formats: tuple[str, ...] = ()
    """Why each unreadable format file was left out."""
    promises: tuple["Promise", ...] = ()
    """Open commitments and follow-ups from earlier sessions."""


@dataclass(frozen=True)
class SessionPlan:
    """What the facilitator chose, ready to be written."""

    circle_id: uuid.UUID
    format: Format
    present: tuple[uuid.UUID, ...]
    hot_seats: tuple[uuid.UUID, ...]
    guests: tuple[Person, ...] = ()
    """Guests added at setup; saved as guest members of the circle."""
    marks: tuple[tuple["Promise", str], ...] = field(default=())
    """Last time's promises with their outcome: "done", "dropped" or "carried"."""


def load_setup(replica: "Replica", circle: uuid.UUID | str, user_formats: "Path") -> SetupData:
    """Read a circle (by id, or by name for `circle run`) and what setting up its session needs."""
    from circle import workspace
    from circle.followthrough import open_promises

    found = _circle(replica, circle)
    members = workspace.members(replica, found.id)
    formats, broken = _formats(user_formats)
    return SetupData(
        circle_id=found.id,
        circle_name=found.name,
        default_format=found.default_format,
        roster=tuple(Person(m.id, m.name, m.business, m.is_guest) for m in members),
        waited=tuple(m.id for m in workspace.hot_seat_suggestions(replica, found, members)),
        formats=formats,
        broken_formats=broken,
        promises=tuple(open_promises(replica, found.id).all()),
    )


def _circle(replica: "Replica", circle: uuid.UUID | str) -> "Circle":
    from circle import workspace
    from circle.errors import UserError
    from circle.model import Circle

    if isinstance(circle, str):
        return workspace.find_circle(replica, circle)
    found = replica.get(Circle, circle)
    if found is None or found.deleted:
        raise UserError("that circle no longer exists")
    return found


def _formats(user_formats: "Path") -> tuple[tuple[Format, ...], tuple[str, ...]]:
    """Every readable format by name, and a line for each file that could not be read."""
    from circle.core.formats import FormatError
    from circle.formats import format_files, load

    formats, broken = [], []
    for file in format_files(user_formats).values():
        try:
            formats.append(load(file))
        except FormatError as exc:
            broken.append(str(exc))
    return tuple(formats), tuple(broken)


def write_session(replica: "Replica", plan: SessionPlan, now: Callable[[], datetime]) -> uuid.UUID:
    """Save the guests, expand the agenda, write the planned session and record the marks."""
    from circle import workspace
    from circle.core.agenda import expand
    from circle.followthrough import resolve
    from circle.model import Member

    circle = _circle(replica, plan.circle_id)
    guests = [
        Member(id=g.id, circle_id=circle.id, name=g.name, business=g.business, is_guest=True)
        for g in plan.guests
    ]
    if guests:
        replica.save(*guests)
    roster = {m.id: m for m in workspace.members(replica, circle.id)}
    agenda = expand(plan.format, plan.present, plan.hot_seats)
    absent = [m for key, m in roster.items() if key not in plan.present]
    hot = [roster[key] for key in plan.hot_seats]
    session, _ = workspace.plan_session(replica, circle, agenda, absent=absent, hot_seats=hot)
    for promise, outcome in plan.marks:
        resolve(replica, promise, outcome, session.id, now=now)
    return session.id
