"""The giving ledger: across a circle's sessions, who asked, gave, thanked and followed through.

Built purely from facts (`HistoryRecords`). An item carried over from session to
session is one ask, offer or commitment, counted once: the chain is answered or
kept if any link of it was. A session's follow-through rate is the share of
promises made in it (follow-ups, and commitments without one) that were done.
"""

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from circle.core.facts import (
    AttendanceFact,
    CircleFact,
    FollowUpFact,
    ItemFact,
    MatchFact,
    MemberFact,
    SessionFact,
    ThanksFact,
    TurnFact,
)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ANSWERED_ITEM_STATES = frozenset({"matched", "fulfilled"})
ANSWERED_MATCH_STATES = frozenset({"accepted", "introduced", "thanked"})


@dataclass(frozen=True)
class HistoryRecords:
    """Everything a circle's ledger is built from."""

    circle: CircleFact
    sessions: tuple[SessionFact, ...]
    members: tuple[MemberFact, ...]
    attendance: tuple[AttendanceFact, ...] = ()
    turns: tuple[TurnFact, ...] = ()
    items: tuple[ItemFact, ...] = ()
    matches: tuple[MatchFact, ...] = ()
    thanks: tuple[ThanksFact, ...] = ()
    follow_ups: tuple[FollowUpFact, ...] = ()


@dataclass(frozen=True)
class MemberLedger:
    """One member's giving and taking across the circle's sessions."""

    member_id: uuid.UUID
    name: str
    sessions: int = 0
    asks_made: int = 0
    asks_answered: int = 0
    offers_made: int = 0
    offers_given: int = 0
    thanks_given: int = 0
    thanks_received: int = 0
    commitments_made: int = 0
    commitments_kept: int = 0
    talk_seconds: float = 0.0
    talk_share: float = 0.0
    """Of all members' talk time across the sessions, from 0 to 1."""


@dataclass(frozen=True)
class SessionLedger:
    """One session's follow-through: what was promised there and what became of it."""

    session_id: uuid.UUID
    when: datetime | None
    promises: int
    done: int
    dropped: int
    carried: int
    open: int

    @property
    def rate(self) -> float | None:
        """Share of promises kept, or None when nothing was promised."""
        return self.done / self.promises if self.promises else None


@dataclass(frozen=True)
class Ledger:
    circle: str
    members: tuple[MemberLedger, ...]
    sessions: tuple[SessionLedger, ...]
    """Oldest first."""
    follow_through: float | None = field(default=None)
    """Share of all promises kept, across every session."""


def build_ledger(records: HistoryRecords) -> Ledger:
    """The circle's ledger: per member (by name) and per session (oldest first)."""
    follow_ups: dict[uuid.UUID | None, list[FollowUpFact]] = defaultdict(list)
    for follow_up in records.follow_ups:
        follow_ups[follow_up.session_id].append(follow_up)
    commitments: dict[uuid.UUID | None, list[ItemFact]] = defaultdict(list)
    for item in records.items:
        if item.kind == "commitment":
            commitments[item.session_id].append(item)
    sessions = tuple(
        _session_ledger(s, follow_ups[s.id], commitments[s.id])
        for s in _chronological(records.sessions)
    )
    promised = sum(s.promises for s in sessions)
    kept = sum(s.done for s in sessions)
    return Ledger(
        circle=records.circle.name,
        members=tuple(_member_ledgers(records)),
        sessions=sessions,
        follow_through=kept / promised if promised else None,
    )


def _chronological(sessions: Iterable[SessionFact]) -> list[SessionFact]:
    return sorted(sessions, key=lambda s: (s.when is None, s.when or _EPOCH))


def _member_ledgers(records: HistoryRecords) -> Iterable[MemberLedger]:
    chains = _Chains(records.items, records.matches)
    talk: dict[uuid.UUID, float] = defaultdict(float)
    for turn in records.turns:
        if turn.member_id is not None:
            talk[turn.member_id] += turn.used_seconds
    total_talk = sum(talk.values())
    came = _attended(records)
    given = Counter(t.from_member_id for t in records.thanks)
    received = Counter(t.to_member_id for t in records.thanks)
    for member in sorted(records.members, key=lambda m: m.name.casefold()):
        key = member.id
        yield MemberLedger(
            member_id=key,
            name=member.name,
            sessions=came[key],
            asks_made=chains.count(key, "ask"),
            asks_answered=chains.count(key, "ask", answered=True),
            offers_made=chains.count(key, "offer"),
            offers_given=chains.count(key, "offer", answered=True),
            thanks_given=given[key],
            thanks_received=received[key],
            commitments_made=chains.count(key, "commitment"),
            commitments_kept=chains.count(key, "commitment", answered=True),
            talk_seconds=talk[key],
            talk_share=talk[key] / total_talk if total_talk else 0.0,
        )


def _attended(records: HistoryRecords) -> Counter[uuid.UUID]:
    """Sessions each member came to: marked present, or (unmarked) spoke in a turn."""
    present = {(a.session_id, a.member_id) for a in records.attendance if a.present}
    marked = {(a.session_id, a.member_id) for a in records.attendance}
    spoke = {
        (t.session_id, t.member_id)
        for t in records.turns
        if t.member_id is not None and t.used_seconds > 0
    }
    return Counter(member for _, member in present | (spoke - marked))


class _Chains:
    """Items grouped into carry-over chains, each counted once and answered if any link was."""

    def __init__(self, items: Iterable[ItemFact], matches: Iterable[MatchFact]) -> None:
        self.items = {item.id: item for item in items}
        matched = {
            side
            for m in matches
            if m.state in ANSWERED_MATCH_STATES
            for side in (m.ask_id, m.offer_id)
        }
        self.answered: set[uuid.UUID] = set()
        self.roots: dict[uuid.UUID, ItemFact] = {}
        for item in self.items.values():
            root = self._root(item)
            self.roots[root.id] = root
            if item.id in matched or item.status in ANSWERED_ITEM_STATES | {"done"}:
                self.answered.add(root.id)
        self.tally = Counter(
            (root.member_id, root.kind, root.id in self.answered) for root in self.roots.values()
        )

    def _root(self, item: ItemFact) -> ItemFact:
        seen = {item.id}
        while item.carried_from_id is not None and item.carried_from_id in self.items:
            item = self.items[item.carried_from_id]
            if item.id in seen:
                break
            seen.add(item.id)
        return item

    def count(self, member_id: uuid.UUID, kind: str, *, answered: bool = False) -> int:
        """Chains of this kind the member started (only the answered or kept ones if asked)."""
        hits = self.tally[(member_id, kind, True)]
        return hits if answered else hits + self.tally[(member_id, kind, False)]


def _session_ledger(
    session: SessionFact, follow_ups: list[FollowUpFact], commitments: list[ItemFact]
) -> SessionLedger:
    covered = {f.item_id for f in follow_ups}
    commitments = [item for item in commitments if item.id not in covered]
    states = Counter(f.status for f in follow_ups) + Counter(i.status for i in commitments)
    return SessionLedger(
        session_id=session.id,
        when=session.when,
        promises=len(follow_ups) + len(commitments),
        done=states["done"],
        dropped=states["dropped"],
        carried=states["carried"],
        open=states["open"],
    )
