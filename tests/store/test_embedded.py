"""The embedded store the console starts when no remote store is configured: in this process,
on a free loopback port, SQLite in the data directory; stopped, it closes its open streams and
its port, and starts again later with everything it held."""

import asyncio
import time
from pathlib import Path

import httpx

from circle.config import load_settings
from circle.store.embedded import start_embedded_store
from tests.store.conftest import GENEROUS, Circle3, register


def test_it_serves_from_the_data_directory_on_a_free_loopback_port(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data")
    store = start_embedded_store(settings, limits=GENEROUS)
    try:
        assert store.url == f"http://127.0.0.1:{store.port}"
        assert httpx.get(f"{store.url}/healthz", timeout=5).json()["database"] == "sqlite"
        assert settings.store_db_path.is_file()
        assert store.running
    finally:
        store.stop()
    assert not store.running


async def test_stopping_it_ends_open_streams_and_frees_its_port(
    tmp_path: Path, circle3: Circle3
) -> None:
    settings = load_settings(data_dir=tmp_path / "data")
    store = start_embedded_store(settings, limits=GENEROUS)
    async with httpx.AsyncClient(base_url=store.url, timeout=10) as http:
        session = await register(http, circle3.session)
        stream = f"/api/v1/sessions/{session.session_id}/stream"
        opened = asyncio.Event()

        async def follow() -> None:
            async with http.stream("GET", stream, headers=session.headers) as response:
                opened.set()
                async for _ in response.aiter_raw():
                    pass

        following = asyncio.create_task(follow())
        await asyncio.wait_for(opened.wait(), 10)
        started = time.monotonic()
        await asyncio.to_thread(store.stop)
        stopped_in = time.monotonic() - started
        await asyncio.wait_for(asyncio.gather(following, return_exceptions=True), 10)
    assert not store.running
    assert stopped_in < 10
    again = start_embedded_store(settings, port=store.port, limits=GENEROUS)  # the same QR code
    again.stop()


async def test_started_again_it_has_everything_it_held(tmp_path: Path, circle3: Circle3) -> None:
    settings = load_settings(data_dir=tmp_path / "data")
    first = start_embedded_store(settings, limits=GENEROUS)
    try:
        async with httpx.AsyncClient(base_url=first.url) as http:
            session = await register(http, circle3.session)
            pushed = await http.post(
                session.changes, json={"changes": circle3.wire()}, headers=session.headers
            )
            assert pushed.status_code == 200
    finally:
        first.stop()
    again = start_embedded_store(settings, limits=GENEROUS)
    try:
        async with httpx.AsyncClient(base_url=again.url) as http:
            page = await http.get(session.changes, headers=session.headers)
    finally:
        again.stop()
    names = [c["record"]["name"] for c in page.json()["changes"] if c["table"] == "members"]
    assert sorted(names) == sorted(member.name for member in circle3.members)
