"""What the live screen shows, as plain frozen values: no database objects cross to the UI."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Person:
    """A member of the circle as the live screen names them."""

    id: uuid.UUID
    name: str
    business: str = ""
    present: bool = True
    is_guest: bool = False
    joined: bool = False
    """Joined from a phone."""


@dataclass(frozen=True)
class BoardItem:
    """An ask, offer or commitment of this session."""

    id: uuid.UUID
    member_id: uuid.UUID
    kind: str
    """"ask", "offer" or "commitment"."""
    text: str
    help: str | None = None
    private: bool = False
    source: str = "facilitator"
    status: str = "open"
    created_at: datetime | None = None


@dataclass(frozen=True)
class NoteView:
    """The facilitator's note on one turn."""

    turn_id: uuid.UUID
    text: str
    private: bool = False


@dataclass(frozen=True)
class Arrival:
    """A latecomer: an absent member, or a guest added on the spot (with `name`)."""

    member_id: uuid.UUID
    at: datetime
    name: str | None = None
    """Set for a new guest."""
    business: str = ""


@dataclass(frozen=True)
class UnfinishedSession:
    """A session that was set up or started and never ended: the console offers to resume it."""

    id: uuid.UUID
    circle_id: uuid.UUID
    circle_name: str
    status: str
    """"planned" or "running"."""
    started_at: datetime | None
    format: str


@dataclass(frozen=True)
class Promises:
    """Last time's open commitments and follow-ups per member (private ones left out)."""

    by_member: dict[uuid.UUID, tuple[str, ...]] = field(default_factory=dict)

    def for_member(self, member_id: uuid.UUID | None) -> tuple[str, ...]:
        return () if member_id is None else self.by_member.get(member_id, ())
