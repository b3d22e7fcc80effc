"""What a participant's phone shows, built from the session's records as they may see them.

Pure functions over wire dictionaries (see `circle.store.join.board`): who is
speaking and for how long yet, the agenda, the participant's own asks and
offers, matches that involve them, thanks, and whether hands are open.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from circle.model import HelpKind

Records = dict[str, list[dict[str, Any]]]

HELP_LABELS: dict[str, str] = {
    HelpKind.INTRO: "An introduction",
    HelpKind.ADVICE: "Advice",
    HelpKind.INTEL: "Market intelligence",
    HelpKind.REFERRAL: "A referral",
    HelpKind.SPEAKING: "An invitation to speak",
    HelpKind.COLLABORATION: "Someone to collaborate with",
    HelpKind.PODCAST: "A podcast guest spot",
    HelpKind.RESOURCE: "A resource or tool",
    HelpKind.OTHER: "Something else",
}
"""The kinds of help as a phone's picker names them."""

_LIVE_TURN = ("running", "paused")
_HIDDEN_MATCHES = ("dismissed",)


@dataclass(frozen=True)
class Person:
    id: uuid.UUID
    name: str
    business: str = ""


@dataclass(frozen=True)
class Now:
    """The turn under way (or next up), and its clock as the store last heard it."""

    title: str
    speaker: str | None
    mine: bool
    status: str
    planned_seconds: float
    used_seconds: float
    """Seconds used before `resumed_at` (all of them unless running)."""
    resumed_at: datetime | None
    hands_open: bool

    def left(self, now: datetime) -> float:
        """Seconds left at `now` (negative in overtime)."""
        used = self.used_seconds
        if self.status == "running" and self.resumed_at is not None:
            used += max(0.0, (now - self.resumed_at).total_seconds())
        return self.planned_seconds - used


@dataclass(frozen=True)
class AgendaLine:
    title: str
    speaker: str | None
    planned_seconds: float
    state: str
    """done, now, next (the current turn before it starts) or later."""


@dataclass(frozen=True)
class ItemView:
    id: uuid.UUID
    kind: str
    text: str
    help: str | None
    status: str

    @property
    def withdrawn(self) -> bool:
        return self.status == "withdrawn"

    @property
    def help_label(self) -> str:
        return HELP_LABELS.get(self.help or "", "")


@dataclass(frozen=True)
class MatchView:
    """A match seen from one side: the participant's item and the other person's."""

    id: uuid.UUID
    mine: ItemView
    theirs: ItemView
    other: Person
    reason: str
    state: str

    @property
    def open(self) -> bool:
        return self.state == "suggested"


@dataclass(frozen=True)
class ThanksView:
    other: Person
    message: str


@dataclass(frozen=True)
class PhoneView:
    """Everything the participant's page shows."""

    session_id: uuid.UUID
    circle: str
    status: str
    me: Person
    now: Now | None
    agenda: tuple[AgendaLine, ...]
    asks: tuple[ItemView, ...]
    offers: tuple[ItemView, ...]
    for_you: tuple[MatchView, ...]
    """Matches where someone's offer answers one of the participant's asks."""
    could_help: tuple[MatchView, ...]
    """Matches where one of the participant's offers answers someone's ask."""
    thanks_received: tuple[ThanksView, ...]
    thanks_sent: tuple[ThanksView, ...]
    others: tuple[Person, ...]
    """Everyone the participant may thank."""
    hand_raised: bool


def roster(records: Records) -> list[Person]:
    """The circle's current members to pick from when joining (guests type their name)."""
    people = [_person(m) for m in records.get("members", []) if m["active"] and not m["is_guest"]]
    return sorted(people, key=lambda person: person.name.casefold())


def circle_name(records: Records) -> str:
    circles = records.get("circles", [])
    return str(circles[0]["name"]) if circles else "circle"


def phone_view(records: Records, session_id: uuid.UUID, me: uuid.UUID) -> PhoneView:
    """The page of member `me` in the session, from the records they may see."""
    people = _People(records.get("members", []))
    session = next((s for s in records.get("sessions", []) if s["id"] == str(session_id)), {})
    turns = sorted(records.get("turns", []), key=lambda turn: turn["position"])
    current = _current_turn(session, turns)
    items = {i["id"]: i for i in records.get("items", [])}
    mine = [_item(i) for i in items.values() if i["member_id"] == str(me)]
    matches = _matches(records.get("matches", []), items, people, me)
    thanks = records.get("thanks", [])
    return PhoneView(
        session_id=session_id,
        circle=circle_name(records),
        status=str(session.get("status", "planned")),
        me=people.get(str(me)) or Person(me, "you"),
        now=None if current is None else _now(current, people, me),
        agenda=tuple(_agenda(turns, current, people)),
        asks=tuple(i for i in mine if i.kind == "ask"),
        offers=tuple(i for i in mine if i.kind == "offer"),
        for_you=tuple(m for m in matches if m.mine.kind == "ask"),
        could_help=tuple(m for m in matches if m.mine.kind == "offer"),
        thanks_received=tuple(_thanks(thanks, people, me, received=True)),
        thanks_sent=tuple(_thanks(thanks, people, me, received=False)),
        others=tuple(p for p in roster(records) if p.id != me),
        hand_raised=_hand_raised(records.get("attendances", []), me),
    )


def _person(record: dict[str, Any]) -> Person:
    return Person(uuid.UUID(record["id"]), record["name"], record.get("business", ""))


class _People:
    """Members by id (as text), made into `Person`s only when a page names them."""

    def __init__(self, members: list[dict[str, Any]]) -> None:
        self._records = {member["id"]: member for member in members}

    def get(self, member_id: str | None) -> Person | None:
        record = self._records.get(member_id) if member_id else None
        return None if record is None else _person(record)


def _current_turn(session: dict[str, Any], turns: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The session's current turn; else the live one; else the next planned one."""
    wanted = session.get("current_turn_id")
    by_id = {turn["id"]: turn for turn in turns}
    if wanted in by_id:
        return by_id[wanted]
    live = [turn for turn in turns if turn["status"] in _LIVE_TURN]
    planned = [turn for turn in turns if turn["status"] == "planned"]
    return next(iter(live or planned), None)


def _now(turn: dict[str, Any], people: _People, me: uuid.UUID) -> Now:
    speaker_id = turn.get("member_id")
    speaker = people.get(speaker_id)
    title = turn["phase_title"] + (f" · {turn['step']}" if turn.get("step") else "")
    hands = turn["status"] in _LIVE_TURN and (
        speaker_id is None or (turn.get("step") is not None and speaker_id != str(me))
    )
    return Now(
        title=title,
        speaker=None if speaker is None else speaker.name,
        mine=speaker_id == str(me),
        status=turn["status"],
        planned_seconds=float(turn["planned_seconds"]),
        used_seconds=float(turn["used_seconds"]),
        resumed_at=_moment(turn.get("resumed_at")),
        hands_open=hands,
    )


def _agenda(
    turns: list[dict[str, Any]], current: dict[str, Any] | None, people: _People
) -> list[AgendaLine]:
    lines = []
    for turn in turns:
        if turn is current:
            state = "now" if turn["status"] in _LIVE_TURN else "next"
        elif turn["status"] in ("done", "skipped"):
            state = "done"
        else:
            state = "later"
        speaker = people.get(turn.get("member_id"))
        title = turn["phase_title"] + (f" · {turn['step']}" if turn.get("step") else "")
        lines.append(
            AgendaLine(title, speaker.name if speaker else None, turn["planned_seconds"], state)
        )
    return lines


def _item(record: dict[str, Any]) -> ItemView:
    return ItemView(
        uuid.UUID(record["id"]),
        record["kind"],
        record["text"],
        record.get("help"),
        record["status"],
    )


def _matches(
    matches: list[dict[str, Any]],
    items: dict[str, dict[str, Any]],
    people: _People,
    me: uuid.UUID,
) -> list[MatchView]:
    views = []
    for match in sorted(matches, key=lambda m: -float(m["score"])):
        ask, offer = items.get(match["ask_id"]), items.get(match["offer_id"])
        if ask is None or offer is None or match["state"] in _HIDDEN_MATCHES:
            continue
        if ask["member_id"] == str(me):
            mine, theirs = ask, offer
        elif offer["member_id"] == str(me):
            mine, theirs = offer, ask
        else:
            continue
        other = people.get(theirs["member_id"])
        if other is None or theirs["member_id"] == str(me):
            continue
        views.append(
            MatchView(
                uuid.UUID(match["id"]),
                _item(mine),
                _item(theirs),
                other,
                match.get("reason", ""),
                match["state"],
            )
        )
    return views


def _thanks(
    thanks: list[dict[str, Any]],
    people: _People,
    me: uuid.UUID,
    *,
    received: bool,
) -> list[ThanksView]:
    mine_key, other_key = ("to_member_id", "from_member_id")[:: 1 if received else -1]
    views = []
    for record in thanks:
        if record[mine_key] != str(me):
            continue
        other = people.get(record[other_key])
        if other is not None:
            views.append(ThanksView(other, record.get("message", "")))
    return views


def _hand_raised(attendances: list[dict[str, Any]], me: uuid.UUID) -> bool:
    return any(a["member_id"] == str(me) and a.get("hand_raised_at") for a in attendances)


def _moment(text: str | None) -> datetime | None:
    return None if not text else datetime.fromisoformat(text)
