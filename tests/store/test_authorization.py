"""Every route, tried with no credential, another session's token, a participant of another
session and this session's participant or facilitator: each gets only what it may."""

import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from circle.model import Item, ItemKind, Match, Session
from tests.store.conftest import Circle3, Registered, change, register, stamp, version

FACILITATOR, READER, PARTICIPANT = "facilitator", "reader", "participant"


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    who: str
    body: Any = None


def _routes(world: "World") -> list[Route]:
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


@pytest.fixture
async def world(client: httpx.AsyncClient, registered: Registered, circle3: Circle3) -> World:
    ana, bo = circle3.members[:2]
    other = await register(client, Session(circle_id=circle3.circle.id, format="quick"))
    ask = Item(
        circle_id=circle3.circle.id,
        session_id=registered.session_id,
        member_id=ana.id,
        kind=ItemKind.ASK,
        text="Flour",
    )
    offer = Item(
        circle_id=circle3.circle.id,
        session_id=registered.session_id,
        member_id=bo.id,
        kind=ItemKind.OFFER,
        text="A mill",
    )
    match = Match(session_id=registered.session_id, ask_id=ask.id, offer_id=offer.id, score=0.5)
    batch = [change(stamp(r, version(n + 1, "laptop"))) for n, r in enumerate((ask, offer, match))]
    await client.post(registered.changes, json={"changes": batch}, headers=registered.headers)
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


def _callers(world: World) -> dict[str, dict[str, str]]:
    return {
        "nobody": {},
        "another session's facilitator": world.other.headers,
        "a participant of another session": {
            "Cookie": f"circle_participant={world.stranger_cookie}"
        },
        "a made-up token": {"Authorization": "Bearer " + "x" * 43},
        "this session's participant": {"Cookie": f"circle_participant={world.ana_cookie}"},
        "this session's facilitator": world.session.headers,
    }


def _expected(route: Route, caller: str) -> set[int]:
    if caller in ("nobody", "a made-up token"):
        return {401}
    if caller in ("another session's facilitator", "a participant of another session"):
        return {403}
    allowed = {
        FACILITATOR: {"this session's facilitator"},
        READER: {"this session's facilitator", "this session's participant"},
        PARTICIPANT: {"this session's participant"},
    }[route.who]
    return {200, 201} if caller in allowed else {403}


async def test_every_route_admits_exactly_whom_it_should(
    client: httpx.AsyncClient, world: World
) -> None:
    problems = []
    for route in _routes(world):
        for caller, headers in _callers(world).items():
            expected = _expected(route, caller)
            if route.path.endswith("/stream") and 200 in expected:
                continue  # an open stream never ends; tests/store/test_stream.py reads it
            response = await client.request(
                route.method, route.path, json=route.body, headers=headers
            )
            client.cookies.clear()
            if response.status_code not in expected:
                problems.append(f"{route.method} {route.path} by {caller}: {response.status_code}")
    assert problems == []


async def test_the_matrix_covers_every_route_of_the_api(app: FastAPI, world: World) -> None:
    covered = {
        (r.method, r.path.replace(str(world.session.session_id), "{session_id}"))
        for r in _routes(world)
    }
    covered = {
        (m, p.replace(str(world.ask_id), "{item_id}").replace(str(world.match_id), "{match_id}"))
        for m, p in covered
    }
    served = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        if "{session_id}" in path
        for method in operations
    }
    assert served == covered


async def test_an_unknown_session_is_404_whoever_asks(
    client: httpx.AsyncClient, world: World
) -> None:
    for route in _routes(world):
        path = route.path.replace(str(world.session.session_id), str(uuid.uuid4()))
        response = await client.request(
            route.method, path, json=route.body, headers=world.session.headers
        )
        assert response.status_code == 404, (route, response.text)
        assert response.json()["detail"] == "no such session on this store"
