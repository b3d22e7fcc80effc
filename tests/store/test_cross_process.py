"""Several store processes on one PostgreSQL: a change pushed to one reaches stream
subscribers of another within a second, through LISTEN/NOTIFY."""

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from circle.model import Item, ItemKind
from tests.store.conftest import Circle3, Registered, change, register, stamp, version
from tests.store.processes import StoreProcess
from tests.store.sse import read_events


@pytest.fixture
def two_stores(tmp_path: Path, postgres_url: str) -> Iterator[tuple[StoreProcess, StoreProcess]]:
    stores = (
        StoreProcess(tmp_path / "one", db_url=postgres_url),
        StoreProcess(tmp_path / "two", db_url=postgres_url),
    )
    try:
        for store in stores:
            store.start()
        yield stores
    finally:
        for store in stores:
            store.stop()


def _ask(circle3: Circle3, text: str, n: int) -> dict:
    item = Item(
        circle_id=circle3.circle.id,
        session_id=circle3.session.id,
        member_id=circle3.members[0].id,
        kind=ItemKind.ASK,
        text=text,
    )
    return change(stamp(item, version(20_000 + n, "laptop")))


async def test_a_change_pushed_to_one_process_streams_from_the_other_within_a_second(
    two_stores: tuple[StoreProcess, StoreProcess], circle3: Circle3
) -> None:
    one, two = two_stores
    async with (
        httpx.AsyncClient(base_url=one.url, timeout=10) as first,
        httpx.AsyncClient(base_url=two.url, timeout=10) as second,
    ):
        session: Registered = await register(first, circle3.session)
        await first.post(session.changes, json={"changes": circle3.wire()}, headers=session.headers)
        stream = f"/api/v1/sessions/{session.session_id}/stream"
        delays: list[float] = []

        async def push_to_the_first() -> None:
            await asyncio.sleep(0.2)
            for n in range(3):
                sent = time.monotonic()
                pushed = await first.post(
                    session.changes,
                    json={"changes": [_ask(circle3, f"ask {n}", n)]},
                    headers=session.headers,
                )
                assert pushed.status_code == 200
                delays.append(sent)
                await asyncio.sleep(0.1)

        pusher = asyncio.ensure_future(push_to_the_first())
        headers = {**session.headers, "Last-Event-ID": "5"}
        started = time.monotonic()
        events = await read_events(second, stream, 3, headers=headers, timeout=15)
        await pusher
    assert [e.change["record"]["text"] for e in events] == ["ask 0", "ask 1", "ask 2"]
    assert [e.id for e in events] == [6, 7, 8]
    assert time.monotonic() - delays[-1] < 1.0
    assert started < delays[0]


async def test_a_phone_on_one_process_is_seen_by_the_facilitator_on_the_other(
    two_stores: tuple[StoreProcess, StoreProcess], circle3: Circle3
) -> None:
    one, two = two_stores
    async with (
        httpx.AsyncClient(base_url=one.url, timeout=10) as facilitator,
        httpx.AsyncClient(base_url=two.url, timeout=10) as phone,
    ):
        session = await register(facilitator, circle3.session)
        await facilitator.post(
            session.changes, json={"changes": circle3.wire()}, headers=session.headers
        )

        async def join_and_ask() -> None:
            await asyncio.sleep(0.2)
            joined = await phone.post(
                "/api/v1/join",
                json={"code": session.join_code, "member_id": str(circle3.members[2].id)},
            )
            assert joined.status_code == 200
            filed = await phone.post(
                f"/api/v1/sessions/{session.session_id}/items",
                json={"kind": "offer", "text": "Print run at cost"},
            )
            assert filed.status_code == 201

        helper = asyncio.ensure_future(join_and_ask())
        events = await read_events(
            facilitator,
            f"/api/v1/sessions/{session.session_id}/stream?after=5",
            2,
            headers=session.headers,
            timeout=15,
        )
        await helper
    assert [e.change["table"] for e in events] == ["attendances", "items"]
    assert events[1].change["record"]["text"] == "Print run at cost"
