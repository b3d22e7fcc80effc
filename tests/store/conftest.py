"""Store fixtures: the app on SQLite and on a real PostgreSQL, a client, a registered session."""

import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from fastapi import FastAPI

from circle.config import Settings, load_settings
from circle.local import Replica, open_replica
from circle.model import Circle, Item, ItemKind, Member, Session, to_wire
from circle.store.app import create_app
from circle.store.embedded import EmbeddedStore, start_embedded_store
from circle.store.service import Limits
from tests.store.postgres import PostgresCluster

if TYPE_CHECKING:
    from tests.store.api import World

GENEROUS = Limits(
    write_rate=10_000,
    write_burst=10_000,
    join_rate=10_000,
    join_burst=10_000,
    register_rate=10_000,
    register_burst=10_000,
)
"""Limits no ordinary test reaches; the rate-limit tests set their own."""


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """One PostgreSQL cluster for the whole run, started on first use."""
    cluster = PostgresCluster()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres: PostgresCluster) -> Iterator[str]:
    """A fresh, empty database for one test."""
    name = postgres.create_database()
    try:
        yield postgres.url(name)
    finally:
        postgres.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for a store on SQLite in the data dir, or on a fresh PostgreSQL database."""
    settings = load_settings(data_dir=tmp_path / "store-data")
    if request.param == "postgresql":
        return replace(settings, store_db_url=request.getfixturevalue("postgres_url"))
    return settings


@pytest.fixture
async def app(store_settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(store_settings, limits=GENEROUS)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://store") as http:
        yield http


@pytest.fixture
def replica(tmp_path: Path) -> Replica:
    return open_replica(tmp_path / "facilitator.sqlite3")


@dataclass
class Circle3:
    """A circle of three with a session, saved in a replica."""

    circle: Circle
    members: list[Member]
    session: Session

    def items(
        self, start: int, count: int, *, kind: ItemKind = ItemKind.ASK, label: str = "item"
    ) -> list[Item]:
        """Items `label start` … for the session, their authors taking turns."""
        return [
            Item(
                circle_id=self.circle.id,
                session_id=self.session.id,
                member_id=self.members[n % 3].id,
                kind=kind,
                text=f"{label} {n}",
            )
            for n in range(start, start + count)
        ]

    def wire(self) -> list[dict[str, Any]]:
        return [
            {"table": "circles", "record": to_wire(self.circle)},
            *({"table": "members", "record": to_wire(m)} for m in self.members),
            {"table": "sessions", "record": to_wire(self.session)},
        ]


@pytest.fixture
def circle3(replica: Replica) -> Circle3:
    circle = Circle(name="Rivermill Main Street")
    members = [
        Member(circle_id=circle.id, name="Ana Ruiz", business="Bakery", contact="ana@example.org"),
        Member(circle_id=circle.id, name="Bo Lind", business="HVAC"),
        Member(circle_id=circle.id, name="Cy Park", business="Print shop"),
    ]
    session = Session(circle_id=circle.id, format="classic")
    replica.save(circle, *members, session)
    return Circle3(circle, members, session)


@dataclass
class Registered:
    """A session registered on the store: its facilitator's headers and join code."""

    session_id: uuid.UUID
    circle_id: uuid.UUID
    headers: dict[str, str]
    join_code: str

    @property
    def changes(self) -> str:
        return f"/api/v1/sessions/{self.session_id}/changes"


async def register(http: httpx.AsyncClient, session: Session) -> Registered:
    body = {"session_id": str(session.id), "circle_id": str(session.circle_id)}
    response = await http.post("/api/v1/sessions", json=body)
    assert response.status_code == 201, response.text
    data = response.json()
    headers = {"Authorization": f"Bearer {data['token']}"}
    return Registered(session.id, session.circle_id, headers, data["join_code"])


@pytest.fixture
async def registered(client: httpx.AsyncClient, circle3: Circle3) -> Registered:
    """The circle of three's session, registered and with its circle and roster pushed."""
    session = await register(client, circle3.session)
    response = await client.post(
        session.changes, json={"changes": circle3.wire()}, headers=session.headers
    )
    assert response.status_code == 200, response.text
    return session


def item_push(registered: Registered, circle3: Circle3, **fields: object) -> dict[str, Any]:
    """A push of one new item in its JSON wire shape, with `fields` replacing its own."""
    record = {
        "id": str(uuid.uuid4()),
        "version": "000001764028800000.00000.laptop",
        "deleted": False,
        "created_at": "2026-11-25T18:00:00Z",
        "updated_at": "2026-11-25T18:00:00Z",
        "circle_id": str(circle3.circle.id),
        "session_id": str(registered.session_id),
        "member_id": str(circle3.members[0].id),
        "kind": "ask",
        "text": "An intro to a flour mill",
    }
    return {"changes": [{"table": "items", "record": record | fields}]}


def change(record: Any, base_version: str = "") -> dict[str, Any]:
    """A push entry for a record as the replica's outbox would send it."""
    from circle.model import table_name

    return {"table": table_name(record), "base_version": base_version, "record": to_wire(record)}


def stamp(record: Any, version: str) -> Any:
    """Give a record a version, as a replica would on save."""
    record.version = version
    return record


def version(wall_ms: int, node: str, counter: int = 0) -> str:
    from circle.core.hlc import Version

    return str(Version(wall_ms, counter, node))


@dataclass(frozen=True)
class MatchedPair:
    """Ana's ask, Bo's offer and a match between them, versioned, as a push's changes."""

    ask: Any
    offer: Any
    match: Any
    changes: list[dict[str, Any]]


def matched_pair(
    registered: Registered, circle3: Circle3, ask: str, offer: str, score: float
) -> MatchedPair:
    """An ask by the circle's first member met by an offer from its second, ready to push."""
    from circle.model import Item, ItemKind, Match

    ana, bo = circle3.members[:2]
    where = {"circle_id": circle3.circle.id, "session_id": registered.session_id}
    asked = Item(**where, member_id=ana.id, kind=ItemKind.ASK, text=ask)
    offered = Item(**where, member_id=bo.id, kind=ItemKind.OFFER, text=offer)
    match = Match(session_id=where["session_id"], ask_id=asked.id, offer_id=offered.id, score=score)
    records = (asked, offered, match)
    changes = [change(stamp(r, version(n + 1, "laptop"))) for n, r in enumerate(records)]
    return MatchedPair(asked, offered, match, changes)


@pytest.fixture
def embedded(store_settings: Settings) -> Iterator[EmbeddedStore]:
    """The store served by uvicorn on a free loopback port, in this process."""
    running = start_embedded_store(store_settings, limits=GENEROUS)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
async def world(client: httpx.AsyncClient, registered: Registered, circle3: Circle3) -> "World":
    """Every route's callers and records: see tests/store/api.py."""
    from tests.store.api import make_world

    return await make_world(client, registered, circle3)
