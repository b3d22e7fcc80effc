"""One change fanned out to 500 live-stream subscribers: delivery time, p50/p99/max.

500 subscribers hold a Server-Sent-Events stream open on the store; one change
is pushed at a time and each subscriber notes when it arrives; 20 changes give
10,000 deliveries, after one change that is not counted (the first push of a
record kind makes each server build what it reuses afterwards). The reference
is a bare Starlette endpoint that puts each published message on one asyncio
queue per subscriber, measured the same way in the same run. Subscribers are
raw asyncio connections, so the measuring side costs little. Target: p99 ≤ 100
ms. Run with `python -m benchmarks.store_stream`.
"""

import asyncio
import shutil
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from benchmarks._store_bench import BenchSession, Server, register_session

SUBSCRIBERS = 500
CHANGES = 20


class Subscriber:
    """A raw HTTP/1.1 connection reading one event stream; notes when each event lands."""

    def __init__(self) -> None:
        self.arrivals: list[float] = []
        self.ready = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def open(self, url: str, path: str, headers: dict[str, str]) -> None:
        parts = urlsplit(url)
        reader, self._writer = await asyncio.open_connection(parts.hostname, parts.port)
        lines = [f"GET {path} HTTP/1.1", f"Host: {parts.netloc}", "Accept: text/event-stream"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self._writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        self._task = asyncio.create_task(self._read(reader))

    async def _read(self, reader: asyncio.StreamReader) -> None:
        while chunk := await reader.read(65536):
            now = time.perf_counter()
            if b"retry:" in chunk:
                self.ready.set()
            self.arrivals.extend([now] * chunk.count(b"\ndata:"))

    def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
        if self._writer is not None:
            self._writer.close()


async def fan_out(
    url: str, path: str, headers: dict[str, str], publish: Callable[[int], Awaitable[None]]
) -> list[float]:
    """Open the subscribers, publish CHANGES changes one at a time; return delays in ms."""
    subscribers = [Subscriber() for _ in range(SUBSCRIBERS)]
    for subscriber in subscribers:
        await subscriber.open(url, path, headers)
    await asyncio.wait_for(asyncio.gather(*(s.ready.wait() for s in subscribers)), 60)
    delays: list[float] = []
    try:
        for n in range(CHANGES + 1):
            start = time.perf_counter()
            await publish(n)
            deadline = start + 10
            while any(len(s.arrivals) <= n for s in subscribers):
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"change {n} did not reach every subscriber in 10 s")
                await asyncio.sleep(0.001)
            if n > 0:  # the first one warms up
                delays += [(s.arrivals[n] - start) * 1000 for s in subscribers]
            await asyncio.sleep(0.05)
    finally:
        for subscriber in subscribers:
            subscriber.close()
    return delays


def _item(session: BenchSession, n: int) -> dict[str, object]:
    return {
        "table": "items",
        "base_version": "",
        "record": {
            "id": f"00000000-0000-4000-8000-{n:012d}",
            "version": f"{1764028800000 + n:018d}.00000.bench",
            "deleted": False,
            "created_at": "2026-11-25T18:00:00Z",
            "updated_at": "2026-11-25T18:00:00Z",
            "circle_id": str(session.circle_id),
            "session_id": str(session.session_id),
            "member_id": str(session.member_id),
            "kind": "offer",
            "text": f"Offer number {n}",
        },
    }


async def measure_store(store: Server) -> list[float]:
    session = register_session(store.url)
    path = f"/api/v1/sessions/{session.session_id}/stream"
    headers = {**session.headers, "Last-Event-ID": "3"}  # after the roster
    async with httpx.AsyncClient(base_url=store.url) as http:

        async def push(n: int) -> None:
            response = await http.post(
                f"/api/v1/sessions/{session.session_id}/changes",
                json={"changes": [_item(session, n)]},
                headers=session.headers,
            )
            response.raise_for_status()

        return await fan_out(store.url, path, headers, push)


async def measure_bare(bare: Server) -> list[float]:
    async with httpx.AsyncClient(base_url=bare.url) as http:

        async def publish(n: int) -> None:
            (await http.post("/publish", content=f'{{"n":{n}}}')).raise_for_status()

        return await fan_out(bare.url, "/stream", {}, publish)


def summary(delays: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(delays, n=100)
    return cuts[49], cuts[98], max(delays)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="circle-store-stream-"))
    store = Server.start("store", folder / "store")
    bare = Server.start("bare", folder / "bare.sqlite3")
    try:
        ours = summary(asyncio.run(measure_store(store)))
        ref = summary(asyncio.run(measure_bare(bare)))
        store_mib = store.peak_memory_mib()
    finally:
        store.stop()
        bare.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"store_stream: {SUBSCRIBERS} subscribers, {CHANGES} changes, one at a time")
    print(f"{'delivery (ms)':<28} {'p50':>8} {'p99':>8} {'max':>8}")
    print(f"{'store: push → every phone':<28} {ours[0]:>8.1f} {ours[1]:>8.1f} {ours[2]:>8.1f}")
    print(f"{'reference: bare broadcast':<28} {ref[0]:>8.1f} {ref[1]:>8.1f} {ref[2]:>8.1f}")
    print(f"p99: {ours[1]:.1f} ms (target ≤ 100 ms), {ours[1] / ref[1]:.1f} × the reference")
    print(f"store peak memory with {SUBSCRIBERS} streams: {store_mib:.0f} MiB")


if __name__ == "__main__":
    main()
