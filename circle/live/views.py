"""What the live screen shows, as plain frozen values: no database objects cross to the UI."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from circle.followthrough import Promise


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


MARKED = {"done": "done", "dropped": "dropped", "carried": "carried over"}
"""How an outcome reads next to the promise it was given to."""


@dataclass(frozen=True)
class Promises:
    """Last time's open commitments and follow-ups per member, and the marks given this session."""

    by_member: dict[uuid.UUID, tuple["Promise", ...]] = field(default_factory=dict)
    marks: dict[uuid.UUID, str] = field(default_factory=dict)
    """Promise id to the outcome recorded during this session ("done", "dropped", "carried")."""

    def for_member(self, member_id: uuid.UUID | None) -> tuple["Promise", ...]:
        return () if member_id is None else self.by_member.get(member_id, ())

    def unmarked(self, member_id: uuid.UUID | None) -> tuple["Promise", ...]:
        return tuple(p for p in self.for_member(member_id) if p.id not in self.marks)

    def in_words(self, member_id: uuid.UUID | None) -> tuple[str, ...]:
        """The member's promises for the shared screen (private ones left out), with marks."""
        return tuple(
            f"{p.text} ({MARKED[self.marks[p.id]]})" if p.id in self.marks else p.text
            for p in self.for_member(member_id)
            if not p.private
        )
