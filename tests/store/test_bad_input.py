"""Garbage in gets a clear 4xx, never a 500: oversized bodies, texts past their limits,
malformed ids, wrong types, unknown fields, huge numbers, NUL bytes and lone surrogates;
and clients that write or guess join codes too fast are told to wait."""

import json
import uuid
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from circle.config import Settings, load_settings
from circle.model import ITEM_TEXT_MAX
from circle.store.app import create_app
from circle.store.service import Limits
from tests.store.api import World, session_routes
from tests.store.conftest import Circle3, Registered, item_push, register


async def _push_raw(http: httpx.AsyncClient, registered: Registered, body: bytes):
    headers = {**registered.headers, "Content-Type": "application/json"}
    return await http.post(registered.changes, content=body, headers=headers)


async def test_a_body_over_64_kib_is_refused_with_413(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    body = json.dumps(item_push(registered, circle3, text="x" * 70_000)).encode()
    response = await _push_raw(client, registered, body)
    assert response.status_code == 413
    assert "64 KiB" in response.json()["detail"]

    async def chunks():
        for _ in range(20):
            yield b" " * 8192

    streamed = await client.post(
        registered.changes, content=chunks(), headers={**registered.headers}
    )
    assert streamed.status_code == 413


async def test_a_content_length_no_server_would_pass_on_is_never_a_500(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    body = json.dumps(item_push(registered, circle3)).encode()
    headers = {**registered.headers, "Content-Type": "application/json"}
    huge = await client.post(
        registered.changes, content=body, headers=headers | {"Content-Length": "9" * 5_000}
    )
    assert huge.status_code == 413
    assert "64 KiB" in huge.json()["detail"]
    padded = await client.post(
        registered.changes,
        content=body,
        headers=headers | {"Content-Length": str(len(body)).zfill(40)},
    )
    assert padded.status_code == 200, padded.text
    superscript = await client.post(
        registered.changes, content=body, headers={**headers, "Content-Length": b"\xb2"}
    )
    assert superscript.status_code < 500, superscript.text


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"text": "x" * (ITEM_TEXT_MAX + 1)}, "text"),
        ({"text": ""}, "text"),
        ({"member_id": "not-a-uuid"}, "member_id"),
        ({"kind": "demand"}, "kind"),
        ({"deleted": "perhaps"}, "deleted"),
        ({"created_at": "2026-11-25T18:00:00"}, "created_at"),
        ({"version": "yesterday"}, "version"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
    ],
)
async def test_invalid_records_get_422_naming_the_field(
    client: httpx.AsyncClient,
    registered: Registered,
    circle3: Circle3,
    fields: dict,
    where: str,
) -> None:
    response = await client.post(
        registered.changes,
        json=item_push(registered, circle3, **fields),
        headers=registered.headers,
    )
    assert response.status_code == 422, response.text
    assert where in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b'{"changes": [}',
        b'{"changes": NaN}',
        b'{"changes": [1e999]}',
        b'{"changes": ' + b"9" * 5000 + b"}",
        b"[" * 100_00 + b"]" * 100_00,
        b'{"changes": [{"table": "notes\\u0000"}]}',
        b'{"changes": [{"table": "\\ud800"}]}',
        '{"changes": "caf\xe9"}'.encode("latin-1"),
        b'{"changes": []}',
        b'{"changes": [{"table": "secrets", "record": {}}]}',
    ],
)
async def test_malformed_json_is_refused_with_422(
    client: httpx.AsyncClient, registered: Registered, body: bytes
) -> None:
    response = await _push_raw(client, registered, body)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


NOT_JSON = [
    b"not json",
    b'{"text": ',
    b'{"text": NaN}',
    b'{"score": 1e999}',
    b'{"after": ' + b"9" * 5000 + b"}",
    b"[" * 10_000 + b"]" * 10_000,
    b'{"text": "nul \\u0000 inside"}',
    b'{"text": "\\udc00 alone"}',
    '{"text": "caf\xe9"}'.encode("latin-1"),
]
"""Bodies no route may take: broken, non-finite, oversized numbers, too deep, NUL, lone
surrogates, not UTF-8."""
WRONG_SHAPE = [b"[]", b'"text"', b"null", b"{}", b'{"unknown": 1}', b'{"text": 7, "kind": []}']
"""JSON, but not what any route takes (a route without a body ignores these)."""


def _write_routes(world: World) -> list[tuple[str, str, dict[str, str], bool]]:
    """(method, path, credential headers, takes a body) of every route that takes writes."""
    own = {"Cookie": f"circle_participant={world.ana_cookie}"}
    routes = [("POST", "/api/v1/sessions", {}, True), ("POST", "/api/v1/join", {}, True)]
    for route in session_routes(world):
        if route.method != "GET":
            headers = world.session.headers if route.who == "facilitator" else own
            routes.append((route.method, route.path, headers, route.body is not None))
    return routes


async def test_every_route_that_takes_a_body_answers_garbage_with_a_readable_4xx(
    client: httpx.AsyncClient, world: World
) -> None:
    problems = []
    for method, path, headers, takes_body in _write_routes(world):
        for body in NOT_JSON + (WRONG_SHAPE if takes_body else []):
            response = await client.request(
                method, path, content=body, headers={**headers, "Content-Type": "application/json"}
            )
            client.cookies.clear()
            readable = response.headers.get("content-type") == "application/json" and bool(
                response.json().get("detail")
            )
            if not (400 <= response.status_code < 500 and readable):
                problems.append(f"{method} {path} {body[:30]!r}: {response.status_code}")
    assert problems == []


async def test_odd_but_valid_unicode_is_kept_exactly(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    text = "Zoë’s café — ﷽ 👩🏽‍🍳 e\u0301 \u202eRTL\u202c [b]not markup[/b] <script>"
    pushed = await client.post(
        registered.changes,
        json=item_push(registered, circle3, text=text),
        headers=registered.headers,
    )
    assert pushed.status_code == 200
    page = await client.get(registered.changes, headers=registered.headers)
    assert text in [c["record"].get("text") for c in page.json()["changes"]]


@pytest.mark.parametrize(
    "query", ["after=-1", "after=99999999999999999999999", "after=abc", "limit=0", "limit=5000"]
)
async def test_bad_paging_parameters_get_422(
    client: httpx.AsyncClient, registered: Registered, query: str
) -> None:
    response = await client.get(f"{registered.changes}?{query}", headers=registered.headers)
    assert response.status_code == 422


async def test_malformed_ids_in_paths_get_422_and_unknown_ones_404(
    client: httpx.AsyncClient, registered: Registered
) -> None:
    bad = await client.get("/api/v1/sessions/not-a-session/changes", headers=registered.headers)
    assert bad.status_code == 422
    unknown = await client.get(f"/api/v1/sessions/{uuid.uuid4()}/board")
    assert unknown.status_code == 404
    nowhere = await client.get("/api/v1/nowhere")
    assert nowhere.status_code == 404
    assert nowhere.json() == {"detail": "Not Found"}


@pytest.mark.parametrize(
    "last_event_id",
    ["seven", "-1", "1e3", "9" * 20, b"\xb2"],
    ids=["a word", "negative", "an exponent", "past any sequence", "a superscript two"],
)
async def test_a_bad_last_event_id_gets_422(
    client: httpx.AsyncClient, registered: Registered, last_event_id: str | bytes
) -> None:
    response = await client.get(
        f"/api/v1/sessions/{registered.session_id}/stream",
        headers={**registered.headers, "Last-Event-ID": last_event_id},
    )
    assert response.status_code == 422
    assert "Last-Event-ID" in response.json()["detail"]


@pytest.fixture
def strict_app(tmp_path: Path) -> FastAPI:
    settings: Settings = load_settings(data_dir=tmp_path / "strict")
    limits = Limits(write_rate=0.01, write_burst=3, join_failure_rate=0.01, join_failure_burst=3)
    return create_app(settings, limits=limits)


async def test_writing_too_fast_gets_429_with_retry_after(
    strict_app: FastAPI, circle3: Circle3
) -> None:
    async with strict_app.router.lifespan_context(strict_app):
        transport = httpx.ASGITransport(app=strict_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://s") as http:
            session = await register(http, circle3.session)
            statuses = []
            for _ in range(5):
                response = await http.post(
                    session.changes, json={"changes": circle3.wire()}, headers=session.headers
                )
                statuses.append(response.status_code)
    assert statuses == [200, 200, 200, 429, 429]
    assert int(response.headers["Retry-After"]) >= 1


async def test_guessing_join_codes_is_stopped(strict_app: FastAPI, circle3: Circle3) -> None:
    async with strict_app.router.lifespan_context(strict_app):
        transport = httpx.ASGITransport(app=strict_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://s") as http:
            session = await register(http, circle3.session)
            guesses = [
                (await http.post("/api/v1/join", json={"code": f"AAAAA{n}", "name": "Eve"}))
                for n in range(2, 7)
            ]
            right = await http.post("/api/v1/join", json={"code": session.join_code, "name": "Eve"})
    assert [g.status_code for g in guesses] == [404, 404, 404, 429, 429]
    assert right.status_code == 429
    assert "Retry-After" in right.headers
