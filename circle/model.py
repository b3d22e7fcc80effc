"""Records shared by the local replica, the store and the wire.

Each record follows SQLModel's family pattern: `XBase` holds the fields a person
edits, `X(XBase, SyncFields, table=True)` is the table, `XCreate` what a client
sends to make one, `XPublic` what goes over the wire. Never inherit from a table
model.

Every record carries the sync fields of DESIGN.md §4: a client-made UUID, a
hybrid-logical-clock `version` (see `circle.core.hlc`), a `deleted` flag and
timezone-aware UTC timestamps. References between records are plain indexed
UUID columns, not foreign keys: records sync in any order, so a turn may arrive
before its session.
"""

import enum
import uuid
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from pydantic import AwareDatetime
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

# Text limits, shared by forms, the API and the database columns.
NAME_MAX = 120
BUSINESS_MAX = 200
CONTACT_MAX = 200
ITEM_TEXT_MAX = 1000
REASON_MAX = 400
NOTE_TEXT_MAX = 20_000
NOTE_TEXT_BYTES = 60_000
"""A note's text as a push carries it (JSON, UTF-8) stays within this, so the longest note
still fits in one push (the store takes bodies up to 64 KiB): 20,000 characters of most
scripts, fewer of emoji and other 4-byte characters."""
MESSAGE_MAX = 1000


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A timestamp stored in UTC and read back timezone-aware; naive values are refused."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"timestamps must be timezone-aware, got {value!r}")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _enum_type(enum_class: type[enum.StrEnum]) -> sa.Enum:
    """Store an enum as its value in a plain string column (portable, migration-free)."""
    return sa.Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=24,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def _stamp() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def _moment() -> Any:
    return Field(default=None, sa_type=UTCDateTime, nullable=True)


def _ref(*, required: bool = True) -> Any:
    if required:
        return Field(index=True)
    return Field(default=None, index=True)


# --- kinds and states ------------------------------------------------------


class HelpKind(enum.StrEnum):
    """The kinds of help members ask for and offer (the essay's list, plus other)."""

    INTRO = "intro"
    ADVICE = "advice"
    INTEL = "intel"
    REFERRAL = "referral"
    SPEAKING = "speaking"
    COLLABORATION = "collaboration"
    PODCAST = "podcast"
    RESOURCE = "resource"
    OTHER = "other"


class ItemKind(enum.StrEnum):
    ASK = "ask"
    OFFER = "offer"
    COMMITMENT = "commitment"


class ItemStatus(enum.StrEnum):
    """Asks and offers: open → matched → fulfilled | withdrawn.

    Commitments: open → done | dropped | carried (over into a later session).
    """

    OPEN = "open"
    MATCHED = "matched"
    FULFILLED = "fulfilled"
    WITHDRAWN = "withdrawn"
    DONE = "done"
    DROPPED = "dropped"
    CARRIED = "carried"


class Source(enum.StrEnum):
    """Who typed an item in."""

    FACILITATOR = "facilitator"
    PHONE = "phone"


class SessionStatus(enum.StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    ENDED = "ended"


class TurnStatus(enum.StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    PAUSED = "paused"
    DONE = "done"
    SKIPPED = "skipped"


class MatchState(enum.StrEnum):
    """suggested → accepted → introduced → thanked, or dismissed."""

    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    INTRODUCED = "introduced"
    THANKED = "thanked"
    DISMISSED = "dismissed"


class FollowUpStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"
    CARRIED = "carried"


# --- the sync fields ---------------------------------------------------------


class SyncFields(SQLModel):
    """Identity and version of a synced record (DESIGN.md §4)."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    version: str = Field(default="", max_length=64)
    """Hybrid logical clock version of the last change; empty until first saved."""
    deleted: bool = False
    created_at: datetime = _stamp()
    updated_at: datetime = _stamp()


class SyncPublic(SQLModel):
    """The sync fields as they travel on the wire."""

    id: uuid.UUID
    version: str = Field(max_length=64)
    deleted: bool = False
    created_at: AwareDatetime
    updated_at: AwareDatetime


# --- circle and members --------------------------------------------------------


class CircleBase(SQLModel):
    name: str = Field(min_length=1, max_length=NAME_MAX, index=True)
    description: str = Field(default="", max_length=MESSAGE_MAX)
    default_format: str = Field(default="classic", max_length=64)
    next_session_at: datetime | None = _moment()
    """When the circle meets next, if scheduled."""


class Circle(CircleBase, SyncFields, table=True):
    __tablename__ = "circles"


class CircleCreate(CircleBase):
    id: uuid.UUID | None = None


class CirclePublic(CircleBase, SyncPublic):
    pass


class MemberBase(SQLModel):
    circle_id: uuid.UUID = _ref()
    name: str = Field(min_length=1, max_length=NAME_MAX)
    business: str = Field(default="", max_length=BUSINESS_MAX)
    contact: str = Field(default="", max_length=CONTACT_MAX)
    """Email or phone; shown to the facilitator only, never to other members."""
    is_guest: bool = False
    active: bool = True
    """False once a member has left the circle (kept for history)."""


class Member(MemberBase, SyncFields, table=True):
    __tablename__ = "members"


class MemberCreate(MemberBase):
    id: uuid.UUID | None = None


class MemberPublic(MemberBase, SyncPublic):
    pass


# --- sessions, attendance, turns -------------------------------------------------


class SessionBase(SQLModel):
    circle_id: uuid.UUID = _ref()
    format: str = Field(max_length=64)
    """The agenda format's name (see `circle formats`)."""
    status: SessionStatus = Field(default=SessionStatus.PLANNED, sa_type=_enum_type(SessionStatus))
    scheduled_at: datetime | None = _moment()
    started_at: datetime | None = _moment()
    ended_at: datetime | None = _moment()
    join_code: str | None = Field(default=None, max_length=16)
    public_url: str | None = Field(default=None, max_length=300)
    current_turn_id: uuid.UUID | None = None
    hot_seat_ids: str = Field(default="", max_length=2000)
    """Comma-separated member ids picked for the hot seats, in order."""
    planned_seconds: float = Field(default=0.0, ge=0, le=86_400)
    """The session's intended length, fixed when it is planned (the clock's target)."""


class Session(SessionBase, SyncFields, table=True):
    __tablename__ = "sessions"


class SessionCreate(SessionBase):
    id: uuid.UUID | None = None


class SessionPublic(SessionBase, SyncPublic):
    pass


class AttendanceBase(SQLModel):
    """One member at one session: present or absent, late, joined by phone, hand raised."""

    session_id: uuid.UUID = _ref()
    member_id: uuid.UUID = _ref()
    present: bool = True
    arrived_at: datetime | None = _moment()
    """Set for a latecomer: when they arrived."""
    joined_at: datetime | None = _moment()
    """When the member joined from a phone."""
    hand_raised_at: datetime | None = _moment()


class Attendance(AttendanceBase, SyncFields, table=True):
    __tablename__ = "attendances"


class AttendanceCreate(AttendanceBase):
    id: uuid.UUID | None = None


class AttendancePublic(AttendanceBase, SyncPublic):
    pass


class TurnBase(SQLModel):
    """One planned slot of the agenda, and how it went.

    The clock's state is stored as wall-clock UTC: `used_seconds` banked before the
    last resume, plus the time since `resumed_at` while running. A restarted
    process recomputes the time left from these two.
    """

    session_id: uuid.UUID = _ref()
    position: int = Field(ge=0, le=100_000)
    """Order within the session's agenda."""
    phase_index: int = Field(ge=0, le=1000)
    phase_key: str = Field(max_length=64)
    phase_title: str = Field(max_length=NAME_MAX)
    step: str | None = Field(default=None, max_length=NAME_MAX)
    """A hot seat's step (present, clarifying questions, …); None for plain turns."""
    member_id: uuid.UUID | None = _ref(required=False)
    """The speaker; None for an open block."""
    planned_seconds: float = Field(ge=0, le=86_400)
    status: TurnStatus = Field(default=TurnStatus.PLANNED, sa_type=_enum_type(TurnStatus))
    started_at: datetime | None = _moment()
    resumed_at: datetime | None = _moment()
    """When the turn last started or resumed; None while paused or not running."""
    paused_at: datetime | None = _moment()
    ended_at: datetime | None = _moment()
    used_seconds: float = Field(default=0.0, ge=0, le=864_000)
    overtime_seconds: float = Field(default=0.0, ge=0, le=864_000)


class Turn(TurnBase, SyncFields, table=True):
    __tablename__ = "turns"


class TurnCreate(TurnBase):
    id: uuid.UUID | None = None


class TurnPublic(TurnBase, SyncPublic):
    pass


# --- items, matches, follow-ups, thanks, notes -------------------------------------


class ItemBase(SQLModel):
    """An ask, an offer or a commitment."""

    circle_id: uuid.UUID = _ref()
    session_id: uuid.UUID | None = _ref(required=False)
    turn_id: uuid.UUID | None = None
    member_id: uuid.UUID = _ref()
    kind: ItemKind = Field(sa_type=_enum_type(ItemKind))
    help: HelpKind | None = Field(default=None, sa_type=_enum_type(HelpKind))
    """The kind of help; None until given or inferred."""
    text: str = Field(min_length=1, max_length=ITEM_TEXT_MAX)
    source: Source = Field(default=Source.FACILITATOR, sa_type=_enum_type(Source))
    status: ItemStatus = Field(default=ItemStatus.OPEN, sa_type=_enum_type(ItemStatus))
    private: bool = False
    """Private items appear only in their author's own summary."""
    due: date | None = None
    """For commitments: by when."""
    carried_from_id: uuid.UUID | None = None
    """The item of an earlier session this one carries over."""
    resolved_in_session_id: uuid.UUID | None = None
    """For commitments: the later session in which it was marked done, dropped or carried."""


class Item(ItemBase, SyncFields, table=True):
    __tablename__ = "items"


class ItemCreate(ItemBase):
    id: uuid.UUID | None = None


class ItemPublic(ItemBase, SyncPublic):
    pass


class MatchBase(SQLModel):
    session_id: uuid.UUID = _ref()
    ask_id: uuid.UUID = _ref()
    offer_id: uuid.UUID = _ref()
    score: float = Field(ge=0, le=1)
    reason: str = Field(default="", max_length=REASON_MAX)
    state: MatchState = Field(default=MatchState.SUGGESTED, sa_type=_enum_type(MatchState))
    decided_at: datetime | None = _moment()


class Match(MatchBase, SyncFields, table=True):
    __tablename__ = "matches"


class MatchCreate(MatchBase):
    id: uuid.UUID | None = None


class MatchPublic(MatchBase, SyncPublic):
    pass


class FollowUpBase(SQLModel):
    """Something someone will do after the meeting: from a match or a commitment."""

    circle_id: uuid.UUID = _ref()
    session_id: uuid.UUID = _ref()
    match_id: uuid.UUID | None = None
    item_id: uuid.UUID | None = None
    owner_id: uuid.UUID = _ref()
    action: str = Field(min_length=1, max_length=ITEM_TEXT_MAX)
    due: date | None = None
    status: FollowUpStatus = Field(default=FollowUpStatus.OPEN, sa_type=_enum_type(FollowUpStatus))
    done_at: datetime | None = _moment()
    resolved_in_session_id: uuid.UUID | None = None
    """The later session in which it was marked done, dropped or carried."""
    carried_from_id: uuid.UUID | None = None
    """The follow-up of an earlier session this one carries over."""


class FollowUp(FollowUpBase, SyncFields, table=True):
    __tablename__ = "follow_ups"


class FollowUpCreate(FollowUpBase):
    id: uuid.UUID | None = None


class FollowUpPublic(FollowUpBase, SyncPublic):
    pass


class ThanksBase(SQLModel):
    session_id: uuid.UUID = _ref()
    from_member_id: uuid.UUID = _ref()
    to_member_id: uuid.UUID = _ref()
    match_id: uuid.UUID | None = None
    message: str = Field(default="", max_length=MESSAGE_MAX)


class Thanks(ThanksBase, SyncFields, table=True):
    __tablename__ = "thanks"


class ThanksCreate(ThanksBase):
    id: uuid.UUID | None = None


class ThanksPublic(ThanksBase, SyncPublic):
    pass


class NoteBase(SQLModel):
    session_id: uuid.UUID = _ref()
    turn_id: uuid.UUID | None = _ref(required=False)
    author: str = Field(default="facilitator", max_length=NAME_MAX)
    text: str = Field(default="", max_length=NOTE_TEXT_MAX)
    private: bool = False
    """Private notes never reach participants or their summaries."""
    conflict_of: uuid.UUID | None = None
    """Set on a conflict copy: the note whose concurrent edit lost."""


class Note(NoteBase, SyncFields, table=True):
    __tablename__ = "notes"


class NoteCreate(NoteBase):
    id: uuid.UUID | None = None


class NotePublic(NoteBase, SyncPublic):
    pass


# --- the catalogue -------------------------------------------------------------

SyncRecord = Circle | Member | Session | Attendance | Turn | Item | Match | FollowUp | Thanks | Note

RECORD_TYPES: tuple[type[SyncFields], ...] = (
    Circle,
    Member,
    Session,
    Attendance,
    Turn,
    Item,
    Match,
    FollowUp,
    Thanks,
    Note,
)
"""Every synced record type, in the order a fresh replica should receive them."""

PUBLIC_TYPES: dict[str, type[SQLModel]] = {
    "circles": CirclePublic,
    "members": MemberPublic,
    "sessions": SessionPublic,
    "attendances": AttendancePublic,
    "turns": TurnPublic,
    "items": ItemPublic,
    "matches": MatchPublic,
    "follow_ups": FollowUpPublic,
    "thanks": ThanksPublic,
    "notes": NotePublic,
}
"""Wire type for each record table, keyed by table name."""

TABLES: dict[str, type[SyncFields]] = {str(cls.__tablename__): cls for cls in RECORD_TYPES}
"""Table class for each record table name."""


def table_name(record: SQLModel) -> str:
    """The table a record lives in (also its type's name on the wire)."""
    return str(type(record).__tablename__)


def to_wire(record: SQLModel) -> dict[str, Any]:
    """The record as JSON-ready data, validated by its public type."""
    public = PUBLIC_TYPES[table_name(record)]
    return public.model_validate(record, from_attributes=True).model_dump(mode="json")


def from_wire(table: str, data: dict[str, Any]) -> SyncFields:
    """A table record from wire data; raises KeyError or pydantic's ValidationError."""
    public = PUBLIC_TYPES[table].model_validate(data)
    return TABLES[table](**public.model_dump())


ATTENDANCE_NAMESPACE = uuid.UUID("5d0f5d1e-3c8e-4f61-9a53-2f1e8c0b7a42")


def attendance_id(session_id: uuid.UUID, member_id: uuid.UUID) -> uuid.UUID:
    """The id of a member's attendance at a session, the same on every replica and the store.

    Whoever records it first (the facilitator marking presence, the store when the
    member joins from a phone), it is one record, so two writers never make two.
    """
    return uuid.uuid5(ATTENDANCE_NAMESPACE, f"{session_id}:{member_id}")
