"""Sessions on the store: a facilitator token shown once and kept hashed, a join code that is
easy to read and unique among open sessions, safe re-registration, and a seeded roster."""

import uuid

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from circle.model import Session
from circle.store.auth import JOIN_ALPHABET, hash_secret
from circle.store.db import store_sessions
from circle.store.routes import sessions
from tests.store.conftest import Circle3, Registered, register


async def test_registering_gives_a_token_and_a_readable_join_code(
    client: httpx.AsyncClient, circle3: Circle3
) -> None:
    session = await register(client, circle3.session)
    assert len(session.join_code) >= 6
    assert set(session.join_code) <= set(JOIN_ALPHABET)
    assert not set(session.join_code) & set("0O1IL")
    info = await client.get(f"/api/v1/sessions/{session.session_id}", headers=session.headers)
    assert info.status_code == 200
    assert info.json()["join_code"] == session.join_code
    assert "token" not in info.json()


async def test_the_store_keeps_only_a_hash_of_the_token(
    app: FastAPI, client: httpx.AsyncClient, circle3: Circle3
) -> None:
    session = await register(client, circle3.session)
    token = session.headers["Authorization"].removeprefix("Bearer ")
    with app.state.store.engine.connect() as connection:
        rows = connection.execute(sa.select(store_sessions)).all()
    stored = [str(value) for row in rows for value in row]
    assert token not in stored
    assert hash_secret(token) in stored


async def test_registering_again_with_the_same_token_gives_the_same_code(
    client: httpx.AsyncClient, circle3: Circle3
) -> None:
    body = {
        "session_id": str(circle3.session.id),
        "circle_id": str(circle3.circle.id),
        "token": "k" * 43,
    }
    first = await client.post("/api/v1/sessions", json=body)
    again = await client.post("/api/v1/sessions", json=body)
    assert first.status_code == again.status_code == 201
    assert again.json()["join_code"] == first.json()["join_code"]


async def test_a_registered_session_cannot_be_taken_with_another_token(
    client: httpx.AsyncClient, circle3: Circle3
) -> None:
    await register(client, circle3.session)
    response = await client.post(
        "/api/v1/sessions",
        json={"session_id": str(circle3.session.id), "circle_id": str(circle3.circle.id)},
    )
    assert response.status_code == 409
    assert "another token" in response.json()["detail"]


async def test_many_circles_share_a_store_with_distinct_join_codes(
    client: httpx.AsyncClient,
) -> None:
    codes = set()
    for _ in range(40):
        session = Session(circle_id=uuid.uuid4(), format="classic")
        codes.add((await register(client, session)).join_code)
    assert len(codes) == 40


async def test_a_code_an_open_session_holds_is_drawn_again_and_a_closed_one_s_is_reused(
    client: httpx.AsyncClient, circle3: Circle3, monkeypatch: pytest.MonkeyPatch
) -> None:
    draws = iter(["ABCDEF", "ABCDEF", "GHJKMN", "ABCDEF"])
    monkeypatch.setattr(sessions, "new_join_code", lambda: next(draws))
    first = await register(client, circle3.session)
    second = await register(client, Session(circle_id=circle3.circle.id, format="quick"))
    assert (first.join_code, second.join_code) == ("ABCDEF", "GHJKMN")
    await client.post(f"/api/v1/sessions/{first.session_id}/close", headers=first.headers)
    third = await register(client, Session(circle_id=circle3.circle.id, format="classic"))
    assert third.join_code == "ABCDEF"
    joined = await client.post("/api/v1/join", json={"code": " abc def ", "name": "Gil"})
    assert joined.status_code == 200, joined.text
    assert joined.json()["session_id"] == str(third.session_id)


async def test_a_new_session_starts_with_the_circles_roster(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    next_week = Session(circle_id=circle3.circle.id, format="classic")
    session = await register(client, next_week)
    page = await client.get(session.changes, headers=session.headers)
    names = sorted(c["record"]["name"] for c in page.json()["changes"] if c["table"] == "members")
    assert names == ["Ana Ruiz", "Bo Lind", "Cy Park"]


async def test_closing_a_session_stops_its_join_code(
    client: httpx.AsyncClient, registered: Registered
) -> None:
    closed = await client.post(
        f"/api/v1/sessions/{registered.session_id}/close", headers=registered.headers
    )
    assert closed.json()["closed"] is True
    joined = await client.post("/api/v1/join", json={"code": registered.join_code, "name": "Al"})
    assert joined.status_code == 404


async def test_healthz_reports_the_version_and_the_database(
    client: httpx.AsyncClient, store_settings: object
) -> None:
    body = (await client.get("/healthz")).json()
    assert body["status"] == "ok"
    assert body["database"] in {"sqlite", "postgresql"}
    assert body["version"]


async def test_a_token_already_used_by_another_session_is_refused(
    client: httpx.AsyncClient, circle3: Circle3
) -> None:
    token = "t" * 43
    first = {"session_id": str(uuid.uuid4()), "circle_id": str(circle3.circle.id), "token": token}
    second = first | {"session_id": str(uuid.uuid4())}
    assert (await client.post("/api/v1/sessions", json=first)).status_code == 201
    response = await client.post("/api/v1/sessions", json=second)
    assert response.status_code == 409
    assert "another session" in response.json()["detail"]
