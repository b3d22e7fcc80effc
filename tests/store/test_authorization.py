"""Every route, tried with no credential, another session's token, a participant of another
session and this session's participant or facilitator: each gets only what it may."""

import uuid

import httpx
from fastapi import FastAPI

from tests.store.api import FACILITATOR, PARTICIPANT, READER, Route, World, session_routes


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
    for route in session_routes(world):
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
        for r in session_routes(world)
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
    for route in session_routes(world):
        path = route.path.replace(str(world.session.session_id), str(uuid.uuid4()))
        response = await client.request(
            route.method, path, json=route.body, headers=world.session.headers
        )
        assert response.status_code == 404, (route, response.text)
        assert response.json()["detail"] == "no such session on this store"
