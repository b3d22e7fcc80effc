"""What the store's API takes and gives, as documented in /openapi.json.

Records arrive in their public wire shape with unknown fields refused; a change
names its table, which picks the record's shape (a discriminated union).
"""

import uuid
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator
from sqlmodel import SQLModel

from circle.core.hlc import is_version
from circle.model import (
    BUSINESS_MAX,
    ITEM_TEXT_MAX,
    MESSAGE_MAX,
    NAME_MAX,
    AttendancePublic,
    CirclePublic,
    FollowUpPublic,
    HelpKind,
    ItemKind,
    ItemPublic,
    MatchPublic,
    MemberPublic,
    NotePublic,
    SessionPublic,
    ThanksPublic,
    TurnPublic,
)

STRICT = ConfigDict(extra="forbid", allow_inf_nan=False)
"""Unknown fields and non-finite numbers are refused, whichever parser read the JSON."""
MAX_BATCH = 500
TOKEN_PATTERN = r"^[A-Za-z0-9_-]+$"


def _wire_in(public: type[SQLModel]) -> Any:
    """The record's public shape as a plain pydantic model that refuses unknown fields.

    Same fields, limits and schema as `public`, but validated and dumped without
    SQLModel's per-instance work, which made up most of a large push's cost.
    """
    name = public.__name__.removesuffix("Public") + "In"
    fields: dict[str, Any] = {
        field: (info.annotation, info) for field, info in public.model_fields.items()
    }
    return create_model(name, __config__=STRICT, **fields)


if TYPE_CHECKING:  # the same fields as the public records, which is what mypy needs to know
    CircleIn = CirclePublic
    MemberIn = MemberPublic
    SessionIn = SessionPublic
    AttendanceIn = AttendancePublic
    TurnIn = TurnPublic
    ItemIn = ItemPublic
    MatchIn = MatchPublic
    FollowUpIn = FollowUpPublic
    ThanksIn = ThanksPublic
    NoteIn = NotePublic
else:
    CircleIn = _wire_in(CirclePublic)
    MemberIn = _wire_in(MemberPublic)
    SessionIn = _wire_in(SessionPublic)
    AttendanceIn = _wire_in(AttendancePublic)
    TurnIn = _wire_in(TurnPublic)
    ItemIn = _wire_in(ItemPublic)
    MatchIn = _wire_in(MatchPublic)
    FollowUpIn = _wire_in(FollowUpPublic)
    ThanksIn = _wire_in(ThanksPublic)
    NoteIn = _wire_in(NotePublic)


class _Change(BaseModel):
    """One changed record from a replica's outbox."""

    model_config = STRICT
    base_version: str = Field(default="", max_length=64)
    """The version the writer changed ("" for a new record)."""

    @model_validator(mode="after")
    def _versions_are_clock_readings(self) -> "_Change":
        record: Any = getattr(self, "record")  # noqa: B009 (each subclass declares it)
        _clock_reading("record.version", record.version)
        if self.base_version:
            _clock_reading("base_version", self.base_version)
        return self


def _clock_reading(field: str, text: str) -> None:
    if not is_version(text):
        raise ValueError(
            f"{field} must be a clock reading like 000001764028800000.00000.node, not {text[:70]!r}"
        )


class CircleChange(_Change):
    table: Literal["circles"]
    record: CircleIn


class MemberChange(_Change):
    table: Literal["members"]
    record: MemberIn


class SessionChange(_Change):
    table: Literal["sessions"]
    record: SessionIn


class AttendanceChange(_Change):
    table: Literal["attendances"]
    record: AttendanceIn


class TurnChange(_Change):
    table: Literal["turns"]
    record: TurnIn


class ItemChange(_Change):
    table: Literal["items"]
    record: ItemIn


class MatchChange(_Change):
    table: Literal["matches"]
    record: MatchIn


class FollowUpChange(_Change):
    table: Literal["follow_ups"]
    record: FollowUpIn


class ThanksChange(_Change):
    table: Literal["thanks"]
    record: ThanksIn


class NoteChange(_Change):
    table: Literal["notes"]
    record: NoteIn


Change = Annotated[
    CircleChange
    | MemberChange
    | SessionChange
    | AttendanceChange
    | TurnChange
    | ItemChange
    | MatchChange
    | FollowUpChange
    | ThanksChange
    | NoteChange,
    Field(discriminator="table"),
]


class PushRequest(BaseModel):
    model_config = STRICT
    changes: list[Change] = Field(min_length=1, max_length=MAX_BATCH)


class ConflictOut(BaseModel):
    table: str
    record_id: uuid.UUID
    copy_id: uuid.UUID
    """The conflict copy holding the text that lost."""


class PushResult(BaseModel):
    applied: list[uuid.UUID]
    unchanged: list[uuid.UUID]
    """Already held at this version or a newer one (a replay, or a stale edit)."""
    conflicts: list[ConflictOut]
    last_seq: int


class ChangeOut(BaseModel):
    seq: int
    table: str
    record: dict[str, Any]


class ChangesPage(BaseModel):
    changes: list[ChangeOut]
    last_seq: int
    """Pass it as `after` for the next page."""
    more: bool


class RegisterSession(BaseModel):
    model_config = STRICT
    session_id: uuid.UUID
    circle_id: uuid.UUID
    token: str | None = Field(default=None, min_length=32, max_length=128, pattern=TOKEN_PATTERN)
    """A facilitator token the client made itself, so that a retried registration is safe."""


class Registration(BaseModel):
    session_id: uuid.UUID
    circle_id: uuid.UUID
    token: str
    """The facilitator token: shown once, kept by the store only as a hash."""
    join_code: str


class SessionInfo(BaseModel):
    session_id: uuid.UUID
    circle_id: uuid.UUID
    join_code: str | None
    closed: bool
    last_seq: int


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    database: str


class ErrorOut(BaseModel):
    detail: str


class JoinRequest(BaseModel):
    """Join with the session's code, as a member of the roster or as a guest."""

    model_config = STRICT
    code: str = Field(min_length=1, max_length=16)
    member_id: uuid.UUID | None = None
    name: str | None = Field(default=None, min_length=1, max_length=NAME_MAX)
    business: str = Field(default="", max_length=BUSINESS_MAX)


class Joined(BaseModel):
    session_id: uuid.UUID
    member_id: uuid.UUID
    name: str


class ItemDraft(BaseModel):
    model_config = STRICT
    id: uuid.UUID | None = None
    """Chosen by the phone so that a resubmitted form files the item once."""
    kind: ItemKind
    help: HelpKind | None = None
    text: str = Field(min_length=1, max_length=ITEM_TEXT_MAX)


class ItemEdit(BaseModel):
    model_config = STRICT
    help: HelpKind | None = None
    text: str | None = Field(default=None, min_length=1, max_length=ITEM_TEXT_MAX)
    withdrawn: bool | None = None

    @model_validator(mode="after")
    def _changes_something(self) -> "ItemEdit":
        """An edit that changes nothing would still send a new version to every phone."""
        if self.help is None and self.text is None and self.withdrawn is None:
            raise ValueError("nothing to change: give text, help or withdrawn")
        return self


class Decision(BaseModel):
    model_config = STRICT
    accept: bool


class ThanksDraft(BaseModel):
    model_config = STRICT
    id: uuid.UUID | None = None
    to_member_id: uuid.UUID
    match_id: uuid.UUID | None = None
    message: str = Field(default="", max_length=MESSAGE_MAX)


class Hand(BaseModel):
    model_config = STRICT
    raised: bool


class Board(BaseModel):
    """The session as the reader may see it: current records by table."""

    last_seq: int
    records: dict[str, list[dict[str, Any]]]
