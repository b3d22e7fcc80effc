"""The store's API routes under a session, and a world to call them in: a registered session
with an ask, an offer and a match, another session of the same circle, and Ana's phone joined
to both. The authorization and bad-input tests walk every route with it."""

import uuid
from dataclasses import dataclass
from typing import Any

import httpx

from circle.model import Session
from tests.store.conftest import (
    Circle3,
    Registered,
    matched_pair,
    register,
    version,
)

FACILITATOR, READER, PARTICIPANT = "facilitator", "reader", "participant"


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    who: str
    body: Any = None


def session_routes(world: "World") -> list[Route]:
    """Every route under a session, with a body its rightful caller may send."""
    s = f"/api/v1/sessions/{world.session.session_id}"
    return [
        Route("GET", s, FACILITATOR),
        Route("POST", f"{s}/close", FACILITATOR),
        Route("POST", f"{s}/changes", FACILITATOR, {"changes": [world.note_change]}),
        Route("GET", f"{s}/changes", READER),
        Route("GET", f"{s}/stream", READER),
        Route("GET", f"{s}/board", READER),
        Route("POST", f"{s}/items", PARTICIPANT, {"kind": "offer", "text": "Spare shelving"}),
        Route("PATCH", f"{s}/items/{world.ask_id}", PARTICIPANT, {"text": "Flour, organic"}),
        Route("POST", f"{s}/matches/{world.match_id}/decision", PARTICIPANT, {"accept": True}),
        Route("POST", f"{s}/thanks", PARTICIPANT, {"to_member_id": str(world.bo_id)}),
        Route("PUT", f"{s}/hand", PARTICIPANT, {"raised": True}),
    ]


@dataclass
class World:
    session: Registered
    other: Registered
    ana_cookie: str
    stranger_cookie: str
    ask_id: uuid.UUID
    match_id: uuid.UUID
    bo_id: uuid.UUID
    note_change: dict[str, Any]


async def make_world(client: httpx.AsyncClient, registered: Registered, circle3: Circle3) -> World:
    ana, bo = circle3.members[:2]
    other = await register(client, Session(circle_id=circle3.circle.id, format="quick"))
    pair = matched_pair(registered, circle3, "Flour", "A mill", 0.5)
    ask, match = pair.ask, pair.match
    push = {"changes": pair.changes}
    await client.post(registered.changes, json=push, headers=registered.headers)
    cookies = []
    for session in (registered, other):
        joined = await client.post(
            "/api/v1/join", json={"code": session.join_code, "member_id": str(ana.id)}
        )
        cookies.append(joined.cookies["circle_participant"])
    client.cookies.clear()
    note = {
        "table": "notes",
        "base_version": "",
        "record": {
            "id": str(uuid.uuid4()),
            "version": version(5, "laptop"),
            "deleted": False,
            "created_at": "2026-11-25T18:00:00Z",
            "updated_at": "2026-11-25T18:00:00Z",
            "session_id": str(registered.session_id),
            "turn_id": None,
            "author": "facilitator",
            "text": "Started on time",
            "private": False,
            "conflict_of": None,
        },
    }
    return World(registered, other, cookies[0], cookies[1], ask.id, match.id, bo.id, note)
