"""The live stream sends every change once, in sequence order, as Server-Sent Events, and
resumes after `Last-Event-ID` with no gap and no repeat. Runs on SQLite and PostgreSQL."""

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from circle.model import Note
from circle.store import live
from circle.store.embedded import EmbeddedStore
from tests.store.conftest import Circle3, Registered, change, register, stamp, version
from tests.store.sse import read_events

ROSTER = 5  # the circle, three members and the session


@pytest.fixture
async def http(embedded: EmbeddedStore) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=embedded.url, timeout=10) as client:
        yield client


@pytest.fixture
async def session(http: httpx.AsyncClient, circle3: Circle3) -> Registered:
    registered = await register(http, circle3.session)
    pushed = await http.post(
        registered.changes, json={"changes": circle3.wire()}, headers=registered.headers
    )
    assert pushed.status_code == 200
    return registered


def _items(circle3: Circle3, start: int, count: int) -> list[dict]:
    """Push entries for asks `ask start` …, versioned in order."""
    asks = circle3.items(start, count, label="ask")
    return [change(stamp(ask, version(10_000 + start + i, "laptop"))) for i, ask in enumerate(asks)]


def _stream(session: Registered) -> str:
    return f"/api/v1/sessions/{session.session_id}/stream"


async def _push(http: httpx.AsyncClient, session: Registered, changes: list[dict]) -> None:
    response = await http.post(session.changes, json={"changes": changes}, headers=session.headers)
    assert response.status_code == 200, response.text


async def test_the_stream_sends_the_log_then_live_changes_in_order(
    http: httpx.AsyncClient, session: Registered, circle3: Circle3
) -> None:
    async def push_three() -> None:
        await _push(http, session, _items(circle3, 0, 3))

    events = await read_events(
        http, _stream(session), ROSTER + 3, headers=session.headers, after_open=push_three
    )
    assert [e.id for e in events] == list(range(1, ROSTER + 4))
    assert [e.change["record"]["text"] for e in events[ROSTER:]] == ["ask 0", "ask 1", "ask 2"]
    assert all(e.change["seq"] == e.id for e in events)


async def test_a_resumed_stream_has_no_gap_and_no_repeat(
    http: httpx.AsyncClient, session: Registered, circle3: Circle3
) -> None:
    await _push(http, session, _items(circle3, 0, 10))
    first = await read_events(http, _stream(session), 8, headers=session.headers)
    await _push(http, session, _items(circle3, 10, 10))
    resumed_headers = {**session.headers, "Last-Event-ID": str(first[-1].id)}
    rest = await read_events(http, _stream(session), ROSTER + 20 - 8, headers=resumed_headers)
    ids = [e.id for e in first + rest]
    assert ids == list(range(1, ROSTER + 21))
    texts = [e.change["record"]["text"] for e in first + rest if e.change["table"] == "items"]
    assert texts == [f"ask {n}" for n in range(20)]


async def test_a_subscriber_far_behind_catches_up_from_the_database(
    http: httpx.AsyncClient,
    session: Registered,
    circle3: Circle3,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(live, "WINDOW", 3)
    monkeypatch.setattr(live, "PAGE", 4)
    await _push(http, session, _items(circle3, 0, 10))
    live_one = read_events(http, _stream(session), ROSTER + 40, headers=session.headers)
    reader = asyncio.ensure_future(live_one)
    for start in range(10, 40, 5):
        await _push(http, session, _items(circle3, start, 5))
    events = await reader
    assert [e.id for e in events] == list(range(1, ROSTER + 41))


async def test_concurrent_pushes_reach_every_subscriber_once_in_order(
    http: httpx.AsyncClient, session: Registered, circle3: Circle3
) -> None:
    async def push_in_parallel() -> None:
        await asyncio.gather(
            *(_push(http, session, _items(circle3, start, 4)) for start in range(0, 40, 4))
        )

    readers = [
        asyncio.ensure_future(
            read_events(http, _stream(session), ROSTER + 40, headers=session.headers)
        )
        for _ in range(3)
    ]
    await asyncio.sleep(0.3)
    await push_in_parallel()
    for events in await asyncio.gather(*readers):
        assert [e.id for e in events] == list(range(1, ROSTER + 41))
        texts = {e.change["record"].get("text") for e in events[ROSTER:]}
        assert texts == {f"ask {n}" for n in range(40)}


async def test_participants_never_receive_private_notes_or_contact_details(
    http: httpx.AsyncClient, session: Registered, circle3: Circle3
) -> None:
    joined = await http.post(
        "/api/v1/join",
        json={"code": session.join_code, "member_id": str(circle3.members[1].id)},
    )
    assert joined.status_code == 200
    private = stamp(
        Note(session_id=circle3.session.id, text="Bo seems tired", private=True),
        version(1, "laptop"),
    )
    shared = stamp(Note(session_id=circle3.session.id, text="Next time: 7pm"), version(2, "laptop"))
    await _push(http, session, [change(private), change(shared)])
    cookie = {"Cookie": f"circle_participant={joined.cookies['circle_participant']}"}
    events = await read_events(http, _stream(session), ROSTER + 3, headers=cookie)
    text = " ".join(str(e.change) for e in events)
    assert "Bo seems tired" not in text
    assert "ana@example.org" not in text
    assert "Next time: 7pm" in text
    hidden = [e.change["record"] for e in events if e.change["record"]["id"] == str(private.id)]
    assert hidden == [{"id": str(private.id), "version": private.version, "deleted": True}]
