"""The sync client drains the outbox in batches, pulls what others changed, follows the live
stream, and tells the facilitator when it is offline (with the queue) or met a conflict."""

import asyncio
import contextlib
import itertools
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from circle.config import Settings, load_settings
from circle.local import Replica, open_replica
from circle.model import NAME_MAX, NOTE_TEXT_BYTES, Item, ItemKind, Member, Note, Session
from circle.store.app import create_app
from circle.store.embedded import EmbeddedStore, start_embedded_store
from circle.sync import StoreUnavailableError, SyncClient, SyncState, SyncStatus
from tests.store.conftest import GENEROUS, Circle3


@pytest.fixture
def store_settings(tmp_path: Path) -> Settings:
    """The client's behaviour does not depend on the database: SQLite only here."""
    return load_settings(data_dir=tmp_path / "store-data")


class Counting(httpx.AsyncBaseTransport):
    """The app's ASGI transport, counting requests by method."""

    def __init__(self, app: FastAPI) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.counts: dict[str, int] = {}
        self.refused = 0
        """Answers 429 (too many requests)."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.counts[request.method] = self.counts.get(request.method, 0) + 1
        response = await self.inner.handle_async_request(request)
        self.refused += response.status_code == 429
        return response


@pytest.fixture
async def transport(app: FastAPI) -> Counting:
    return Counting(app)


@pytest.fixture
async def sync(replica: Replica, transport: Counting) -> AsyncIterator[SyncClient]:
    async with SyncClient(replica, "http://store", transport=transport) as client:
        yield client


async def _store_items(client: httpx.AsyncClient, token_headers: dict[str, str], sid: uuid.UUID):
    page = await client.get(f"/api/v1/sessions/{sid}/changes?limit=1000", headers=token_headers)
    return [c["record"] for c in page.json()["changes"] if c["table"] == "items"]


async def test_the_client_drains_the_outbox_in_batches(
    sync: SyncClient, replica: Replica, circle3: Circle3, transport: Counting, app: FastAPI
) -> None:
    await sync.register(circle3.session)
    replica.save(*circle3.items(0, 250, kind=ItemKind.OFFER, label="offer"))
    sent = await sync.push()
    assert sent == 255  # the circle, three members, the session and 250 offers
    assert replica.pending_count() == 0
    assert transport.counts["POST"] == 1 + 3  # registration, then three batches of 100
    token = replica.get_meta(f"store_token:{circle3.session.id}")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://s") as c:
        stored = await _store_items(c, {"Authorization": f"Bearer {token}"}, circle3.session.id)
    assert sorted(r["text"] for r in stored) == sorted(f"offer {n}" for n in range(250))
    assert sync.status.state is SyncState.ONLINE


async def test_the_longest_note_the_console_takes_goes_in_one_push(
    sync: SyncClient, replica: Replica, circle3: Circle3, transport: Counting
) -> None:
    await sync.register(circle3.session)
    emoji = "\U0001f389" * (NOTE_TEXT_BYTES // 4)  # the most 4-byte characters a note holds
    author = "\U0001f389" * NAME_MAX
    note = Note(session_id=circle3.session.id, author=author, text=emoji)
    replica.save(note)
    posts = transport.counts["POST"]
    await sync.push()
    assert replica.pending_count() == 0
    assert transport.counts["POST"] == posts + 2  # the roster and session, then the note alone
    assert sync.status.state is SyncState.ONLINE


async def test_registering_keeps_the_join_code_on_the_session(
    sync: SyncClient, replica: Replica, circle3: Circle3
) -> None:
    registration = await sync.register(circle3.session)
    stored = replica.get(type(circle3.session), circle3.session.id)
    assert stored is not None
    assert stored.join_code == registration.join_code


async def test_changes_wait_in_the_outbox_until_their_session_is_registered(
    sync: SyncClient, replica: Replica, circle3: Circle3
) -> None:
    assert await sync.push() == 0
    assert replica.pending_count() == 5
    await sync.register(circle3.session)
    assert await sync.push() == 5


async def test_records_of_a_session_run_before_the_store_are_not_counted_as_waiting(
    sync: SyncClient, replica: Replica, circle3: Circle3
) -> None:
    earlier = Session(circle_id=circle3.circle.id, format="classic")
    old_asks = circle3.items(0, 4, kind=ItemKind.ASK, label="old ask")
    for item in old_asks:
        item.session_id = earlier.id
    replica.save(earlier, *old_asks)
    await sync.register(circle3.session)
    assert await sync.push() == 5
    assert str(sync.status) == "online"
    assert replica.pending_count() == 5  # kept locally, nothing lost


async def test_a_pull_brings_changes_made_on_a_phone_into_the_replica(
    sync: SyncClient, replica: Replica, circle3: Circle3, transport: Counting
) -> None:
    registration = await sync.register(circle3.session)
    await sync.push()
    phone = httpx.AsyncClient(transport=transport.inner, base_url="http://store")
    async with phone:
        joined = await phone.post(
            "/api/v1/join",
            json={"code": registration.join_code, "member_id": str(circle3.members[1].id)},
        )
        assert joined.status_code == 200
        filed = await phone.post(
            f"/api/v1/sessions/{circle3.session.id}/items",
            json={"kind": "offer", "text": "I can review your lease"},
        )
        assert filed.status_code == 201
    sync.follow(circle3.session.id)
    assert await sync.pull() >= 1
    (item,) = replica.all(Item)
    assert item.text == "I can review your lease"
    assert item.member_id == circle3.members[1].id
    assert replica.pending_count() == 0


async def test_the_records_a_pull_changed_are_handed_to_on_change(
    replica: Replica, circle3: Circle3, transport: Counting
) -> None:
    changed: list[list[object]] = []
    async with SyncClient(
        replica, "http://store", transport=transport, on_change=changed.append
    ) as sync:
        registration = await sync.register(circle3.session)
        await sync.push()
        phone = httpx.AsyncClient(transport=transport.inner, base_url="http://store")
        async with phone:
            await phone.post(
                "/api/v1/join",
                json={"code": registration.join_code, "member_id": str(circle3.members[1].id)},
            )
            await phone.post(
                f"/api/v1/sessions/{circle3.session.id}/items",
                json={"kind": "ask", "text": "a van for Saturday"},
            )
        sync.follow(circle3.session.id)
        await sync.pull()
    seen = [r for batch in changed for r in batch]
    assert any(isinstance(r, Item) and r.text == "a van for Saturday" for r in seen)


async def test_a_conflict_is_reported_until_the_facilitator_acknowledges_it(
    sync: SyncClient, replica: Replica, circle3: Circle3, tmp_path: Path, transport: Counting
) -> None:
    await sync.register(circle3.session)
    note = Note(session_id=circle3.session.id, text="first draft")
    replica.save(note)
    await sync.push()
    tablet = open_replica(tmp_path / "tablet.sqlite3")
    token_key = f"store_token:{circle3.session.id}"
    tablet.set_meta(token_key, replica.get_meta(token_key) or "")
    async with SyncClient(tablet, "http://store", transport=transport) as other:
        other.follow(circle3.session.id)
        await other.pull()
        theirs = tablet.get(Note, note.id)
        assert theirs is not None
        theirs.text = "the tablet's version"
        tablet.save(theirs)
        await other.push()
    note.text = "the laptop's version"
    replica.save(note)
    seen: list[SyncStatus] = []
    sync._on_status = seen.append  # the TUI passes its callback to the constructor
    await sync.push()
    assert sync.status.state is SyncState.CONFLICT
    assert str(sync.status) == "conflict · 1 note edits kept as copies"
    assert seen[-1] == sync.status
    sync.follow(circle3.session.id)
    await sync.pull()
    texts = sorted(n.text for n in replica.all(Note))
    assert texts == ["the laptop's version", "the tablet's version"]
    sync.acknowledge_conflicts()
    assert sync.status.state is SyncState.ONLINE


async def test_offline_the_client_counts_what_is_queued_and_catches_up_later(
    replica: Replica, circle3: Circle3, store_settings: Settings
) -> None:
    store = start_embedded_store(store_settings, limits=GENEROUS)
    port = store.port
    seen: list[SyncStatus] = []
    async with SyncClient(replica, store.url, on_status=seen.append) as sync:
        await sync.register(circle3.session)
        await sync.push()
        store.stop()
        replica.save(*circle3.items(0, 7, kind=ItemKind.OFFER, label="offer"))
        with pytest.raises(StoreUnavailableError):
            await sync.push()
        assert sync.status.state is SyncState.OFFLINE
        assert str(sync.status) == "offline · 7 changes queued"
        back = start_embedded_store(store_settings, port=port, limits=GENEROUS)
        try:
            assert await sync.push() == 7
        finally:
            back.stop()
    assert replica.pending_count() == 0
    assert [s.state for s in seen][-2:] == [SyncState.OFFLINE, SyncState.ONLINE]


async def test_a_store_that_lost_the_session_gets_it_registered_again(
    replica: Replica, circle3: Circle3, tmp_path: Path
) -> None:
    first = start_embedded_store(load_settings(data_dir=tmp_path / "a"), limits=GENEROUS)
    try:
        async with SyncClient(replica, first.url) as sync:
            await sync.register(circle3.session)
            await sync.push()
    finally:
        first.stop()
    replica.save(Member(circle_id=circle3.circle.id, name="Di Vu"))
    fresh = start_embedded_store(load_settings(data_dir=tmp_path / "b"), limits=GENEROUS)
    try:
        async with SyncClient(replica, fresh.url) as sync:
            assert await sync.push() == 2  # the new member, and the session's new join code
            sync.follow(circle3.session.id)
            await sync.pull()
            token = replica.get_meta(f"store_token:{circle3.session.id}")
            async with httpx.AsyncClient(base_url=fresh.url) as http:
                info = await http.get(
                    f"/api/v1/sessions/{circle3.session.id}",
                    headers={"Authorization": f"Bearer {token}"},
                )
    finally:
        fresh.stop()
    assert replica.pending_count() == 0
    session = replica.get(type(circle3.session), circle3.session.id)
    assert session is not None
    assert session.join_code == info.json()["join_code"]


async def test_the_running_client_follows_the_live_stream(
    replica: Replica, circle3: Circle3, embedded: EmbeddedStore
) -> None:
    async with SyncClient(replica, embedded.url, retry_min=0.05, poll_seconds=0.2) as sync:
        registration = await sync.register(circle3.session)
        sync.follow(circle3.session.id)
        running = asyncio.create_task(sync.run())
        try:
            async with httpx.AsyncClient(base_url=embedded.url) as phone:
                await phone.post(
                    "/api/v1/join", json={"code": registration.join_code, "name": "Guest Gil"}
                )
                await phone.put(
                    f"/api/v1/sessions/{circle3.session.id}/hand", json={"raised": True}
                )
            for _ in range(200):
                guests = [m for m in replica.all(Member) if m.is_guest]
                if guests:
                    break
                await asyncio.sleep(0.02)
            assert [m.name for m in guests] == ["Guest Gil"]
            assert replica.pending_count() == 0
        finally:
            running.cancel()
            with pytest.raises(asyncio.CancelledError):
                await running


class Recording(httpx.AsyncBaseTransport):
    """Real HTTP, noting when each push was attempted."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.pushes: list[float] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/changes"):
            self.pushes.append(time.monotonic())
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


async def _until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Wait for what a facilitator would see, however slow the machine is today."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_while_the_store_is_away_the_running_client_waits_longer_each_time_then_catches_up(
    replica: Replica, circle3: Circle3, store_settings: Settings
) -> None:
    store = start_embedded_store(store_settings, limits=GENEROUS)
    transport = Recording()
    backoff = {"retry_min": 0.05, "retry_max": 1.0, "poll_seconds": 0.1}
    async with SyncClient(replica, store.url, transport=transport, **backoff) as sync:
        await sync.register(circle3.session)
        await sync.push()
        running = asyncio.create_task(sync.run())
        back: EmbeddedStore | None = None
        try:
            store.stop()
            transport.pushes.clear()
            replica.save(*circle3.items(0, 5))
            await _until(lambda: len(transport.pushes) >= 7)
            assert str(sync.status) == "offline · 5 changes queued"
            gaps = [later - earlier for earlier, later in itertools.pairwise(transport.pushes)]
            least = [0.5 * min(1.0, 0.05 * 2 ** (n - 1)) for n in range(1, len(gaps) + 1)]
            assert all(gap >= floor * 0.95 for gap, floor in zip(gaps, least, strict=True))
            back = start_embedded_store(store_settings, port=store.port, limits=GENEROUS)
            await _until(lambda: replica.pending_count() == 0)
            await _until(lambda: sync.status.state is SyncState.ONLINE)
        finally:
            running.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await running
            if back is not None:
                back.stop()


async def test_with_nothing_to_send_the_client_still_says_the_store_is_away(
    replica: Replica, circle3: Circle3, store_settings: Settings
) -> None:
    store = start_embedded_store(store_settings, limits=GENEROUS)
    seen: list[SyncStatus] = []
    backoff = {"retry_min": 0.05, "retry_max": 0.2, "poll_seconds": 0.05}
    async with SyncClient(replica, store.url, on_status=seen.append, **backoff) as sync:
        await sync.register(circle3.session)
        await sync.push()
        sync.follow(circle3.session.id)
        running = asyncio.create_task(sync.run())
        try:
            await _until(lambda: sync.status.state is SyncState.ONLINE)
            store.stop()
            await _until(lambda: sync.status.state is SyncState.OFFLINE)
            seen.clear()
            await asyncio.sleep(1.0)  # a second of polls and retries, none of which may say online
        finally:
            running.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await running
    assert [status.state for status in seen if status.state is not SyncState.OFFLINE] == []
    assert str(sync.status) == "offline · 0 changes queued"


async def test_told_to_slow_down_the_client_waits_as_the_store_says_and_loses_nothing(
    replica: Replica, circle3: Circle3, store_settings: Settings
) -> None:
    slow = replace(GENEROUS, write_rate=1.0, write_burst=1.0)
    app = create_app(store_settings, limits=slow)
    async with app.router.lifespan_context(app):
        transport = Counting(app)
        async with SyncClient(replica, "http://store", transport=transport) as sync:
            await sync.register(circle3.session)
            replica.save(*circle3.items(0, 201))
            started = time.monotonic()
            assert await sync.push() == 206
            waited = time.monotonic() - started
    assert replica.pending_count() == 0
    assert transport.refused >= 1
    assert waited >= transport.refused * 1.0
