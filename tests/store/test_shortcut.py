"""Pushes are answered by a shortcut past FastAPI's per-request machinery, and every answer
is the one FastAPI gives: the same refusals of garbage, oversized bodies and wrong
credentials, word for word, and the same result for a well-formed push."""

import json
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI, Response

from circle.config import load_settings
from circle.model import to_wire
from circle.store.app import create_app
from circle.store.service import Limits
from circle.store.shortcut import Call, Resolver, Shortcut, StoreApp
from tests.store.api import World
from tests.store.conftest import Circle3, item_push, register


@dataclass(frozen=True)
class Push:
    """A push request as a client might send it (well formed or not)."""

    path: str
    content: bytes | None
    headers: dict[str, str]
    chunked: bool = False
    """Sent in chunks of 100 bytes with no Content-Length, as a streaming client does."""

    def body(self) -> bytes | AsyncIterator[bytes] | None:
        if not self.chunked or self.content is None:
            return self.content
        content = self.content

        async def chunks() -> AsyncIterator[bytes]:
            for start in range(0, len(content), 100):
                yield content[start : start + 100]

        return chunks()


def _push(world: World, circle3: Circle3, **fields: object) -> bytes:
    return json.dumps(item_push(world.session, circle3, **fields)).encode()


def _session_push(world: World, circle3: Circle3, planned_seconds: str) -> bytes:
    """A push of a newer version of the session's record, its planned length written as given."""
    record = dict(
        to_wire(circle3.session),
        id=str(world.session.session_id),
        version="000001900000000000.00000.laptop",
        planned_seconds=0,
    )
    body = json.dumps({"changes": [{"table": "sessions", "record": record}]})
    return body.replace('"planned_seconds": 0', f'"planned_seconds": {planned_seconds}').encode()


JSON = {"Content-Type": "application/json"}

Case = Callable[[World, Circle3], Push]
CASES: dict[str, Case] = {
    "no credential": lambda w, c: Push(w.session.changes, _push(w, c), JSON),
    "an unknown token": lambda w, c: Push(
        w.session.changes, _push(w, c), JSON | {"Authorization": "Bearer nobody-s-token"}
    ),
    "another session's token": lambda w, c: Push(
        w.session.changes, _push(w, c), JSON | w.other.headers
    ),
    "a participant's cookie": lambda w, c: Push(
        w.session.changes, _push(w, c), JSON | {"Cookie": f"circle_participant={w.ana_cookie}"}
    ),
    "an unknown session": lambda w, c: Push(
        f"/api/v1/sessions/{uuid.uuid4()}/changes", _push(w, c), JSON | w.session.headers
    ),
    "a malformed session id": lambda w, c: Push(
        "/api/v1/sessions/not-a-uuid/changes", _push(w, c), JSON | w.session.headers
    ),
    "a body over 64 KiB": lambda w, c: Push(
        w.session.changes, _push(w, c, text="x" * 70_000), JSON | w.session.headers
    ),
    "no body": lambda w, c: Push(w.session.changes, None, JSON | w.session.headers),
    "not JSON": lambda w, c: Push(w.session.changes, b"{changes:", JSON | w.session.headers),
    "NaN": lambda w, c: Push(w.session.changes, b'{"changes": NaN}', JSON | w.session.headers),
    "NaN for a number": lambda w, c: Push(
        w.session.changes, _session_push(w, c, "NaN"), JSON | w.session.headers
    ),
    "a number past what a float holds": lambda w, c: Push(
        w.session.changes, _session_push(w, c, "1e999"), JSON | w.session.headers
    ),
    "a NUL character": lambda w, c: Push(
        w.session.changes,
        _push(w, c, text="a\\u0000b").replace(b"\\\\", b"\\"),
        JSON | w.session.headers,
    ),
    "a lone surrogate": lambda w, c: Push(
        w.session.changes,
        _push(w, c, text="\\ud800").replace(b"\\\\", b"\\"),
        JSON | w.session.headers,
    ),
    "JSON sent as text": lambda w, c: Push(
        w.session.changes, _push(w, c), {"Content-Type": "text/plain"} | w.session.headers
    ),
    "JSON without a content type": lambda w, c: Push(
        w.session.changes, _push(w, c), w.session.headers
    ),
    "an unknown field": lambda w, c: Push(
        w.session.changes, _push(w, c, colour="red"), JSON | w.session.headers
    ),
    "a text past its limit": lambda w, c: Push(
        w.session.changes, _push(w, c, text="x" * 5_000), JSON | w.session.headers
    ),
    "a wrong type": lambda w, c: Push(
        w.session.changes, _push(w, c, deleted=[1]), JSON | w.session.headers
    ),
    "a version that is no clock reading": lambda w, c: Push(
        w.session.changes, _push(w, c, version="yesterday"), JSON | w.session.headers
    ),
    "another session's record": lambda w, c: Push(
        w.session.changes,
        _push(w, c, session_id=str(w.other.session_id)),
        JSON | w.session.headers,
    ),
    "an empty batch": lambda w, c: Push(
        w.session.changes, b'{"changes": []}', JSON | w.session.headers
    ),
    "a password instead of a token": lambda w, c: Push(
        w.session.changes, _push(w, c), JSON | {"Authorization": "Basic YW5hOnNlY3JldA=="}
    ),
    "a bearer scheme with no token": lambda w, c: Push(
        w.session.changes, _push(w, c), JSON | {"Authorization": "Bearer "}
    ),
    "a body over 64 KiB sent in chunks": lambda w, c: Push(
        w.session.changes, _push(w, c, text="x" * 70_000), JSON | w.session.headers, chunked=True
    ),
}


async def _send(app: StoreApp, push: Push, *, shortcut: bool) -> httpx.Response:
    shortcuts = app.shortcuts
    assert shortcuts, "the store app declares no shortcut"
    app.shortcuts = shortcuts if shortcut else ()
    try:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://store") as http:
            return await http.post(push.path, content=push.body(), headers=push.headers)
    finally:
        app.shortcuts = shortcuts


def _answer(response: httpx.Response) -> tuple[int, object, str | None, str | None]:
    headers = response.headers
    return (
        response.status_code,
        response.json(),
        headers.get("www-authenticate"),
        headers.get("content-type"),
    )


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
async def test_the_shortcut_refuses_a_bad_push_exactly_as_fastapi_does(
    app: FastAPI, world: World, circle3: Circle3, case: str
) -> None:
    assert isinstance(app, StoreApp)
    push = CASES[case](world, circle3)
    plain = await _send(app, push, shortcut=False)
    short = await _send(app, push, shortcut=True)
    assert 400 <= short.status_code < 500, short.text
    assert _answer(short) == _answer(plain)


async def test_a_push_through_the_shortcut_is_taken_in_once_and_answered_as_fastapi_would(
    app: FastAPI, world: World, circle3: Circle3
) -> None:
    assert isinstance(app, StoreApp)
    push = Push(world.session.changes, _push(world, circle3), JSON | world.session.headers)
    with _watching(app) as answered:
        first = await _send(app, push, shortcut=True)
    assert answered == [True]
    assert first.status_code == 200, first.text
    assert len(first.json()["applied"]) == 1
    replayed = await _send(app, push, shortcut=True)
    assert replayed.json()["unchanged"] == first.json()["applied"]
    assert _answer(replayed) == _answer(await _send(app, push, shortcut=False))


def _lower_scheme(authorization: str) -> str:
    scheme, _, token = authorization.partition(" ")
    return f"{scheme.lower()} {token}"


WELL_FORMED: dict[str, tuple[Case, bool]] = {
    "a charset in the content type": (
        lambda w, c: Push(
            w.session.changes,
            _push(w, c),
            {"Content-Type": "application/json; charset=utf-8"} | w.session.headers,
        ),
        True,
    ),
    "the scheme in lower case": (
        lambda w, c: Push(
            w.session.changes,
            _push(w, c),
            JSON | {"Authorization": _lower_scheme(w.session.headers["Authorization"])},
        ),
        True,
    ),
    "a body sent in chunks": (
        lambda w, c: Push(w.session.changes, _push(w, c), JSON | w.session.headers, chunked=True),
        True,
    ),
    "a text with escapes, an emoji as a surrogate pair among them": (
        lambda w, c: Push(
            w.session.changes,
            _push(w, c, text="caf\\u00e9 \\ud83c\\udf3e").replace(b"\\\\", b"\\"),
            JSON | w.session.headers,
        ),
        True,
    ),
    "the session's own record, with a number written as an exponent": (
        lambda w, c: Push(
            w.session.changes, _session_push(w, c, "5.4e3"), JSON | w.session.headers
        ),
        True,
    ),
    "a byte-order mark before the JSON (FastAPI reads it)": (
        lambda w, c: Push(
            w.session.changes, b"\xef\xbb\xbf" + _push(w, c), JSON | w.session.headers
        ),
        False,
    ),
    "a participant's cookie beside the token (FastAPI reads cookies)": (
        lambda w, c: Push(
            w.session.changes,
            _push(w, c),
            JSON | w.session.headers | {"Cookie": f"circle_participant={w.ana_cookie}"},
        ),
        False,
    ),
}
"""Well-formed pushes sent in other ways, and whether the shortcut answers them itself."""


@contextmanager
def _watching(app: StoreApp) -> Iterator[list[bool]]:
    """Note, for each request a shortcut is handed, whether it answered it itself."""
    answered: list[bool] = []
    shortcuts = app.shortcuts

    def watch(resolve: Resolver) -> Resolver:
        async def watched(call: Call) -> Response | None:
            try:
                response = await resolve(call)
            except Exception:
                answered.append(True)  # refused by the shortcut, through the app's handlers
                raise
            answered.append(response is not None)
            return response

        return watched

    app.shortcuts = tuple(Shortcut(s.route, watch(s.resolve)) for s in shortcuts)
    try:
        yield answered
    finally:
        app.shortcuts = shortcuts


@pytest.mark.parametrize("case", WELL_FORMED, ids=list(WELL_FORMED))
async def test_a_well_formed_push_however_it_is_sent_is_taken_in_as_fastapi_takes_it(
    app: FastAPI, world: World, circle3: Circle3, case: str
) -> None:
    assert isinstance(app, StoreApp)
    make, by_shortcut = WELL_FORMED[case]
    push = make(world, circle3)
    with _watching(app) as answered:
        short = await _send(app, push, shortcut=True)
    assert short.status_code == 200, short.text
    assert len(short.json()["applied"]) == 1
    assert answered == [by_shortcut]
    assert _answer(await _send(app, push, shortcut=False)) == _answer(
        await _send(app, push, shortcut=True)
    )


async def test_a_store_failure_during_a_push_is_the_same_logged_500(
    app: FastAPI, world: World, circle3: Circle3, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert isinstance(app, StoreApp)

    async def broken(*_args: object) -> None:
        raise RuntimeError("the disk is gone")

    monkeypatch.setattr(app.state.store.writer, "submit", broken)
    push = Push(world.session.changes, _push(world, circle3), JSON | world.session.headers)
    short = await _send(app, push, shortcut=True)
    assert short.status_code == 500
    assert "has been logged" in short.json()["detail"]
    assert _answer(short) == _answer(await _send(app, push, shortcut=False))


async def test_the_push_route_stays_documented_with_its_models(app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://store") as http:
        spec = (await http.get("/openapi.json")).json()
    operation = spec["paths"]["/api/v1/sessions/{session_id}/changes"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/PushRequest"}
    assert answer == {"$ref": "#/components/schemas/PushResult"}
    assert {"HTTPBearer", "APIKeyCookie"} <= {k for s in operation["security"] for k in s}


async def test_a_push_past_the_write_rate_gets_the_same_429_and_retry_after(
    tmp_path: Path, circle3: Circle3
) -> None:
    settings = load_settings(data_dir=tmp_path / "strict")
    app = create_app(settings, limits=Limits(write_rate=0.01, write_burst=1))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://store") as http:
            session = await register(http, circle3.session)
        push = Push(
            session.changes,
            json.dumps({"changes": circle3.wire()}).encode(),
            JSON | session.headers,
        )
        assert (await _send(app, push, shortcut=True)).status_code == 200
        short = await _send(app, push, shortcut=True)
        plain = await _send(app, push, shortcut=False)
    assert short.status_code == 429
    assert _answer(short) == _answer(plain)
    assert short.headers["retry-after"] == plain.headers["retry-after"]
