"""The facilitator's side of a web test: a replica that syncs to the store as the console's does.

Records are saved in a real replica and pushed and pulled with the real sync
client, so what phones do reaches the facilitator exactly as it would in a
meeting.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx

from circle.local import Replica, open_replica
from circle.model import (
    Circle,
    Item,
    ItemKind,
    Match,
    Member,
    Note,
    Session,
    SessionStatus,
    SyncFields,
    Turn,
    TurnStatus,
    utcnow,
)
from circle.sync import SyncClient

NAMES = [
    ("Ana Ruiz", "Bakery on Main", "ana@example.org"),
    ("Bo Lind", "HVAC repair", "555-0101"),
    ("Cy Park", "Print shop", ""),
    ("Dee Okafor", "Bookkeeping", "dee@example.org"),
    ("Eli Novak", "Bike shop", ""),
    ("Fay Moreau", "Florist", ""),
    ("Gus Tran", "Food truck", ""),
    ("Hana Sato", "Yoga studio", ""),
]
SECRET_NOTE = "PRIVATE-NOTE: Bo seemed worried about cash"


@dataclass
class Facilitator:
    """A circle of eight with a planned session, kept in a replica and synced to a store."""

    replica: Replica
    url: str
    transport: httpx.AsyncBaseTransport | None = None
    circle: Circle = field(default_factory=lambda: Circle(name="Rivermill Main Street"))
    members: list[Member] = field(default_factory=list)
    session: Session | None = None
    turns: list[Turn] = field(default_factory=list)
    join_code: str = ""

    @classmethod
    def open(
        cls, folder: Path, url: str, transport: httpx.AsyncBaseTransport | None = None
    ) -> "Facilitator":
        """A fresh replica in `folder` with the circle, its roster, a session and its agenda."""
        facilitator = cls(open_replica(folder / "facilitator.sqlite3"), url, transport)
        facilitator.plan()
        return facilitator

    def plan(self) -> None:
        circle = self.circle
        self.members = [
            Member(circle_id=circle.id, name=name, business=business, contact=contact)
            for name, business, contact in NAMES
        ]
        session = Session(circle_id=circle.id, format="classic", planned_seconds=3600)
        self.session = session
        self.turns = [
            Turn(
                session_id=session.id,
                position=position,
                phase_index=0,
                phase_key="check-in",
                phase_title="Check-in",
                member_id=member.id,
                planned_seconds=90,
            )
            for position, member in enumerate(self.members[:3])
        ]
        self.turns.append(
            Turn(
                session_id=session.id,
                position=3,
                phase_index=1,
                phase_key="open",
                phase_title="Open floor",
                planned_seconds=600,
            )
        )
        note = Note(session_id=session.id, text=SECRET_NOTE, private=True)
        self.replica.save(circle, *self.members, session, *self.turns, note)

    def member(self, name: str) -> Member:
        return next(m for m in self.members if m.name == name)

    async def sync(self) -> None:
        """Register the session (once), push what changed here, pull what phones did."""
        assert self.session is not None
        async with SyncClient(self.replica, self.url, transport=self.transport) as client:
            registration = await client.register(self.session)
            self.join_code = registration.join_code
            client.follow(self.session.id)
            await client.sync()

    def save(self, *records: SyncFields) -> None:
        self.replica.save(*records)

    def start(self) -> None:
        """Start the session on its first turn."""
        assert self.session is not None
        now = utcnow()
        self.session.status = SessionStatus.RUNNING
        self.session.started_at = now
        self._run(self.turns[0], now)

    def advance(self) -> Turn:
        """End the current turn and start the next one; return it."""
        assert self.session is not None
        now = utcnow()
        index = next(i for i, t in enumerate(self.turns) if t.id == self.session.current_turn_id)
        done = self.turns[index]
        done.status = TurnStatus.DONE
        done.ended_at = now
        if done.resumed_at is not None:
            done.used_seconds += (now - done.resumed_at).total_seconds()
        done.resumed_at = None
        self.save(done)
        self._run(self.turns[index + 1], now)
        return self.turns[index + 1]

    def _run(self, turn: Turn, now: datetime) -> None:
        assert self.session is not None
        turn.status = TurnStatus.RUNNING
        turn.started_at = turn.resumed_at = now
        self.session.current_turn_id = turn.id
        self.save(turn, self.session)

    def end(self) -> None:
        assert self.session is not None
        self.session.status = SessionStatus.ENDED
        self.session.ended_at = utcnow()
        self.save(self.session)

    def items(self) -> list[Item]:
        return [i for i in self.replica.all(Item) if not i.deleted]

    def suggest(self, ask: Item, offer: Item, reason: str) -> Match:
        """File a match suggestion the way the console's matcher would."""
        assert self.session is not None
        match = Match(
            session_id=self.session.id, ask_id=ask.id, offer_id=offer.id, score=0.8, reason=reason
        )
        self.save(match)
        return match

    def offer(self, member: Member, text: str) -> Item:
        item = Item(
            circle_id=self.circle.id,
            session_id=self.session.id if self.session else None,
            member_id=member.id,
            kind=ItemKind.OFFER,
            text=text,
        )
        self.save(item)
        return item

    def get(self, cls: type[SyncFields], record_id: uuid.UUID) -> SyncFields | None:
        return self.replica.get(cls, record_id)
