"""Plain, framework-free copies of the records that the summary and the ledger read.

The loaders outside `circle.core` (see `circle.export.load`) fill these from the
replica; the core builds summaries and ledgers from them without touching a
database. Kinds and states are plain strings with the values of `circle.model`'s
enums.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class CircleFact:
    id: uuid.UUID
    name: str
    next_session_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class MemberFact:
    id: uuid.UUID
    name: str
    business: str = ""
    is_guest: bool = False
    active: bool = True


@dataclass(frozen=True, slots=True)
class SessionFact:
    id: uuid.UUID
    circle_id: uuid.UUID
    format: str
    status: str = "ended"
    scheduled_at: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    created_at: datetime | None = None
    hot_seat_ids: tuple[uuid.UUID, ...] = ()

    @property
    def when(self) -> datetime | None:
        """The moment the session is known by: started, else scheduled, else created."""
        return self.started_at or self.scheduled_at or self.created_at


@dataclass(frozen=True, slots=True)
class AttendanceFact:
    member_id: uuid.UUID
    present: bool = True
    arrived_at: datetime | None = None
    session_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class TurnFact:
    id: uuid.UUID
    position: int
    phase_index: int
    phase_title: str
    member_id: uuid.UUID | None
    planned_seconds: float
    used_seconds: float = 0.0
    overtime_seconds: float = 0.0
    status: str = "done"
    step: str | None = None
    phase_key: str = ""
    session_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class ItemFact:
    id: uuid.UUID
    member_id: uuid.UUID
    kind: str
    text: str
    status: str = "open"
    help: str | None = None
    private: bool = False
    due: date | None = None
    carried_from_id: uuid.UUID | None = None
    session_id: uuid.UUID | None = None
    resolved_in_session_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class MatchFact:
    id: uuid.UUID
    ask_id: uuid.UUID
    offer_id: uuid.UUID
    score: float
    reason: str = ""
    state: str = "suggested"
    session_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class FollowUpFact:
    id: uuid.UUID
    owner_id: uuid.UUID
    action: str
    due: date | None = None
    status: str = "open"
    match_id: uuid.UUID | None = None
    item_id: uuid.UUID | None = None
    session_id: uuid.UUID | None = None
    resolved_in_session_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class ThanksFact:
    id: uuid.UUID
    from_member_id: uuid.UUID
    to_member_id: uuid.UUID
    message: str = ""
    match_id: uuid.UUID | None = None
    session_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class NoteFact:
    id: uuid.UUID
    text: str
    turn_id: uuid.UUID | None = None
    author: str = "facilitator"
    private: bool = False
    conflict_of: uuid.UUID | None = None


@dataclass(frozen=True)
class SessionRecords:
    """Everything one session's summary is built from."""

    circle: CircleFact
    session: SessionFact
    members: tuple[MemberFact, ...]
    """Every member of the circle, past ones too, so each name resolves."""
    attendance: tuple[AttendanceFact, ...] = ()
    turns: tuple[TurnFact, ...] = ()
    items: tuple[ItemFact, ...] = ()
    matches: tuple[MatchFact, ...] = ()
    follow_ups: tuple[FollowUpFact, ...] = ()
    thanks: tuple[ThanksFact, ...] = ()
    notes: tuple[NoteFact, ...] = ()
    resolved: tuple[FollowUpFact, ...] = field(default=())
    """Follow-ups from earlier sessions that were marked done, dropped or carried in this one.

    Commitments resolved in this session are among `items` (their
    `resolved_in_session_id` says so).
    """
