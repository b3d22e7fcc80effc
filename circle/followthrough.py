"""Follow-through: last time's open commitments and follow-ups, and marking each one's outcome.

The next session of a circle opens with what is still open from earlier ones.
The TUI's setup screen lists them all; each member's check-in turn shows theirs:

    promises = open_promises(replica, circle.id, before=session.id)
    promises.all()                     # every open one, by member name then due date
    promises.for_member(member.id)     # one member's, for their check-in turn

and records what became of each, in the session where it was reviewed:

    resolve(replica, promise, Outcome.DONE, session.id)
    resolve(replica, promise, Outcome.DROPPED, session.id)
    copy = resolve(replica, promise, Outcome.CARRIED, session.id)

Every outcome sets the record's status and `resolved_in_session_id` (a done
follow-up also gets `done_at`). Carrying over also creates a fresh open copy in
the new session, linked back by `carried_from_id`, and returns it. A follow-up
that hangs on a commitment is listed once, as the follow-up, and resolving it
resolves the commitment too. Outcomes are saved through `replica.save`, so they
sync like any other change.
"""

import enum
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, TypeVar

from sqlmodel import col

from circle.errors import UserError
from circle.local import Replica
from circle.model import (
    FollowUp,
    FollowUpStatus,
    Item,
    ItemKind,
    ItemStatus,
    Match,
    Member,
    Session,
    utcnow,
)


class Outcome(enum.StrEnum):
    """What became of a commitment or follow-up."""

    DONE = "done"
    DROPPED = "dropped"
    CARRIED = "carried"


@dataclass(frozen=True)
class Promise:
    """An open commitment or follow-up from an earlier session."""

    kind: Literal["commitment", "follow-up"]
    id: uuid.UUID
    owner_id: uuid.UUID
    owner: str
    """The owner's name."""
    text: str
    due: date | None
    session_id: uuid.UUID
    """The session it was made in."""
    private: bool = False
    """A private commitment: show it to its owner only, never on the shared screen."""

    def overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today


@dataclass(frozen=True)
class OpenPromises:
    """A circle's open commitments and follow-ups, grouped by member."""

    by_member: dict[uuid.UUID, list[Promise]] = field(default_factory=dict)
    """Member id to their promises; members in name order, promises by due date."""

    def for_member(self, member_id: uuid.UUID) -> list[Promise]:
        return list(self.by_member.get(member_id, []))

    def all(self) -> list[Promise]:
        return [promise for promises in self.by_member.values() for promise in promises]

    def __len__(self) -> int:
        return sum(len(promises) for promises in self.by_member.values())


def open_promises(
    replica: Replica, circle_id: uuid.UUID, *, before: uuid.UUID | None = None
) -> OpenPromises:
    """Open commitments and follow-ups of the circle, leaving out those made in session `before`."""
    follow_ups = replica.all(
        FollowUp,
        col(FollowUp.circle_id) == circle_id,
        col(FollowUp.status) == FollowUpStatus.OPEN,
    )
    commitments = replica.all(
        Item,
        col(Item.circle_id) == circle_id,
        col(Item.kind) == ItemKind.COMMITMENT,
        col(Item.status) == ItemStatus.OPEN,
    )
    names = {m.id: m.name for m in replica.all(Member, col(Member.circle_id) == circle_id)}
    private = _private_links(replica, circle_id, follow_ups)
    covered = {f.item_id for f in follow_ups}
    promises = [
        _follow_up_promise(f, names, f.id in private) for f in follow_ups if f.session_id != before
    ]
    promises += [
        _commitment_promise(item, names)
        for item in commitments
        if item.session_id not in (before, None) and item.id not in covered
    ]
    return _grouped(promises)


def _private_links(
    replica: Replica, circle_id: uuid.UUID, follow_ups: list[FollowUp]
) -> set[uuid.UUID]:
    """The follow-ups that hang on a private item (directly or through their match)."""
    hidden = {
        item.id
        for item in replica.all(Item, col(Item.circle_id) == circle_id, col(Item.private).is_(True))
    }
    match_ids = {f.match_id for f in follow_ups if f.match_id is not None}
    matches = replica.all(Match, col(Match.id).in_(match_ids)) if match_ids and hidden else []
    secret = {m.id for m in matches if {m.ask_id, m.offer_id} & hidden}
    return {f.id for f in follow_ups if f.item_id in hidden or f.match_id in secret}


def resolve(
    replica: Replica,
    promise: Promise,
    outcome: Outcome | str,
    session_id: uuid.UUID,
    *,
    now: Callable[[], datetime] = utcnow,
) -> Item | FollowUp | None:
    """Record a promise's outcome in session `session_id`; when carried, return the new copy."""
    outcome = _outcome(outcome)
    session = replica.get(Session, session_id)
    if session is None or session.deleted:
        raise UserError(f"no session {session_id} to record the outcome in")
    if promise.kind == "follow-up":
        return _resolve_follow_up(replica, promise.id, outcome, session, now())
    item = _live(replica, Item, promise.id)
    changed = [_resolved_item(item, outcome, session)]
    carried = _carried_item(item, session) if outcome is Outcome.CARRIED else None
    replica.save(*changed, *([carried] if carried else []))
    return carried


def _resolve_follow_up(
    replica: Replica, follow_up_id: uuid.UUID, outcome: Outcome, session: Session, moment: datetime
) -> FollowUp | None:
    follow_up = _live(replica, FollowUp, follow_up_id)
    follow_up.status = FollowUpStatus(outcome.value)
    follow_up.resolved_in_session_id = session.id
    follow_up.done_at = moment if outcome is Outcome.DONE else None
    changed: list[Item | FollowUp] = [follow_up]
    item = replica.get(Item, follow_up.item_id) if follow_up.item_id else None
    new_item = None
    if item is not None and not item.deleted and item.status == ItemStatus.OPEN:
        changed.append(_resolved_item(item, outcome, session))
        new_item = _carried_item(item, session) if outcome is Outcome.CARRIED else None
    copy = None
    if outcome is Outcome.CARRIED:
        copy = FollowUp(
            circle_id=follow_up.circle_id,
            session_id=session.id,
            match_id=follow_up.match_id,
            item_id=new_item.id if new_item else follow_up.item_id,
            owner_id=follow_up.owner_id,
            action=follow_up.action,
            due=follow_up.due,
            carried_from_id=follow_up.id,
        )
    replica.save(*changed, *(r for r in (new_item, copy) if r is not None))
    return copy


def _resolved_item(item: Item, outcome: Outcome, session: Session) -> Item:
    item.status = ItemStatus(outcome.value)
    item.resolved_in_session_id = session.id
    return item


def _carried_item(item: Item, session: Session) -> Item:
    return Item(
        circle_id=item.circle_id,
        session_id=session.id,
        member_id=item.member_id,
        kind=item.kind,
        help=item.help,
        text=item.text,
        private=item.private,
        due=item.due,
        carried_from_id=item.id,
    )


R = TypeVar("R", Item, FollowUp)


def _live(replica: Replica, cls: type[R], record_id: uuid.UUID) -> R:
    record = replica.get(cls, record_id)
    if record is None or record.deleted:
        raise UserError("that commitment or follow-up no longer exists")
    is_open = record.status in (ItemStatus.OPEN, FollowUpStatus.OPEN)
    if not is_open:
        raise UserError(f"that one is already marked {record.status.value}")
    return record


def _outcome(value: Outcome | str) -> Outcome:
    try:
        return Outcome(value)
    except ValueError:
        known = ", ".join(o.value for o in Outcome)
        raise UserError(f"unknown outcome {value!r} (outcomes: {known})") from None


def _follow_up_promise(follow_up: FollowUp, names: dict[uuid.UUID, str], private: bool) -> Promise:
    return Promise(
        kind="follow-up",
        id=follow_up.id,
        owner_id=follow_up.owner_id,
        owner=names.get(follow_up.owner_id, "(unknown member)"),
        text=follow_up.action,
        due=follow_up.due,
        session_id=follow_up.session_id,
        private=private,
    )


def _commitment_promise(item: Item, names: dict[uuid.UUID, str]) -> Promise:
    assert item.session_id is not None
    return Promise(
        kind="commitment",
        id=item.id,
        owner_id=item.member_id,
        owner=names.get(item.member_id, "(unknown member)"),
        text=item.text,
        due=item.due,
        session_id=item.session_id,
        private=item.private,
    )


def _grouped(promises: list[Promise]) -> OpenPromises:
    promises.sort(key=lambda p: (p.owner.casefold(), p.due or date.max, p.text.casefold()))
    grouped: dict[uuid.UUID, list[Promise]] = {}
    for promise in promises:
        grouped.setdefault(promise.owner_id, []).append(promise)
    return OpenPromises(grouped)
