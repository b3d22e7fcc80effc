"""The parts a summary is made of: who came, the agenda, talk time, items, matches, follow-ups.

Plain frozen dataclasses with names already resolved, so every renderer reads
them the same way. Built by `circle.core.summary`.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Person:
    id: uuid.UUID
    name: str


@dataclass(frozen=True, slots=True)
class Presence:
    person: Person
    business: str = ""
    guest: bool = False
    arrived_at: datetime | None = None
    """Set for a latecomer: when they arrived."""


@dataclass(frozen=True, slots=True)
class PhaseLine:
    """One phase of the agenda: planned against actual time."""

    title: str
    planned_seconds: float
    actual_seconds: float
    overtime_seconds: float
    turns: int
    skipped: int


@dataclass(frozen=True, slots=True)
class TalkLine:
    person: Person
    seconds: float
    planned_seconds: float
    """The time the agenda gave this member's turns."""
    share: float
    """Of all members' talk time, from 0 to 1."""


@dataclass(frozen=True, slots=True)
class NoteLine:
    context: str
    """Where the note was taken, e.g. "Hot seat · Ana Ruiz · clarifying questions"."""
    text: str
    author: str
    hot_seat: bool


@dataclass(frozen=True, slots=True)
class ItemLine:
    id: uuid.UUID
    kind: str
    text: str
    member: Person
    status: str
    help: str | None = None
    private: bool = False
    due: date | None = None
    carried: bool = False
    """True when the item carries over one from an earlier session."""


@dataclass(frozen=True, slots=True)
class MatchLine:
    id: uuid.UUID
    ask: ItemLine
    offer: ItemLine
    score: float
    reason: str
    state: str


@dataclass(frozen=True, slots=True)
class FollowUpLine:
    id: uuid.UUID
    owner: Person
    action: str
    due: date | None
    status: str
    source: str
    """"introduction" (from a match), "commitment" or "other"."""
    match_id: uuid.UUID | None = None
    item_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class ThanksLine:
    giver: Person
    receiver: Person
    message: str


@dataclass(frozen=True)
class Summary:
    """What happened at one session, as seen by the group (viewer None) or by one member."""

    circle_id: uuid.UUID
    circle: str
    session_id: uuid.UUID
    format: str
    status: str
    scheduled_at: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    next_session_at: datetime | None
    viewer: Person | None
    present: tuple[Presence, ...]
    absent: tuple[Presence, ...]
    agenda: tuple[PhaseLine, ...]
    talk: tuple[TalkLine, ...]
    fairness: float | None
    """How evenly members used their planned time: 1.0 when all spoke for the same share of it.

    Jain's index of each member's talk time over their planned time, so a hot
    seat's long turn is fair while one member running far over is not.
    """
    notes: tuple[NoteLine, ...]
    asks: tuple[ItemLine, ...]
    offers: tuple[ItemLine, ...]
    commitments: tuple[ItemLine, ...]
    matches: tuple[MatchLine, ...]
    follow_ups: tuple[FollowUpLine, ...]
    thanks: tuple[ThanksLine, ...]
    open_asks: tuple[ItemLine, ...]
    """Asks still open at the end, carried to next time (in a member's view: the circle's)."""
    from_last_time: tuple[FollowUpLine, ...]
    """Earlier follow-ups marked done, dropped or carried during this session."""

    @property
    def planned_seconds(self) -> float:
        return sum(phase.planned_seconds for phase in self.agenda)

    @property
    def actual_seconds(self) -> float:
        return sum(phase.actual_seconds for phase in self.agenda)
