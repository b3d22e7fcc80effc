"""200 phones join one session at once, then follow a turn change: page times and delivery.

Each simulated phone is its own httpx client (its own cookies): it opens the
join page, joins as a guest, opens its participant page and subscribes to the
live stream; the 200 arrive evenly within 3 s, a room scanning the code
together, on loopback. Then the facilitator
advances the turn five times and every phone notes when the change arrives.
The reference, measured the same way in the same run, is a bare Starlette
endpoint serving a page of the same size and broadcasting through one queue
per subscriber. Targets: all 200 joined and subscribed within 5 s, page p95 ≤
300 ms, a turn change reaching all 200 within 500 ms at p99. Run with
`python -m benchmarks.join_load`.
"""

import asyncio
import os
import re
import shutil
import ssl
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from benchmarks._store_bench import BenchSession, Server, register_session

PHONES = 200
ARRIVALS = 3.0
"""Seconds over which the phones arrive, evenly: a room scanning the code at once."""
TURN_CHANGES = 5
TIMEOUT = 30.0
"""No phone waits longer than this for anything; the run stops by itself."""


@dataclass
class Phone:
    """One simulated phone: its client, its page times and when each change arrived."""

    http: httpx.AsyncClient
    pages: list[float] = field(default_factory=list)
    arrivals: list[float] = field(default_factory=list)
    subscribed: asyncio.Event = field(default_factory=asyncio.Event)

    async def page(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        start = time.perf_counter()
        response = await self.http.request(method, path, **kwargs)  # type: ignore[arg-type]
        self.pages.append((time.perf_counter() - start) * 1000)
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {path} answered {response.status_code}")
        return response

    async def follow(self, path: str) -> None:
        """Read the stream, noting the arrival of each change after the first `retry:`."""
        async with self.http.stream("GET", path, timeout=None) as response:
            async for line in response.aiter_lines():
                if line.startswith("retry:"):
                    self.subscribed.set()
                elif line.startswith("data:"):
                    self.arrivals.append(time.perf_counter())


async def join_store(phone: Phone, code: str) -> str:
    """Open the join page, join as a guest, open the page; return the stream path."""
    page = (await phone.page("GET", f"/j/{code}")).text
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert token is not None
    name = f"Phone {id(phone)}"
    joined = await phone.page("POST", f"/j/{code}", data={"csrf": token.group(1), "name": name})
    location = joined.headers["location"]
    mine = (await phone.page("GET", location)).text
    seq = re.search(r'data-seq="(\d+)"', mine)
    assert seq is not None
    session = location.split("/")[2].split("?")[0]
    return f"/api/v1/sessions/{session}/stream?after={seq.group(1)}"


async def join_bare(phone: Phone, _code: str) -> str:
    for _ in range(3):
        await phone.page("GET", "/page")
    return "/stream"


@dataclass
class Run:
    """What one crowd measured."""

    joined_seconds: float
    pages: list[float]
    delays: list[float]


async def crowd(
    url: str,
    code: str,
    join: Callable[[Phone, str], Awaitable[str]],
    change: Callable[[int], Awaitable[None]],
) -> Run:
    """Start PHONES phones together, wait until all follow the stream, then send changes."""
    context = ssl.create_default_context()  # made once: httpx would make one per client
    clients = [
        httpx.AsyncClient(base_url=url, verify=context, timeout=TIMEOUT) for _ in range(PHONES)
    ]
    phones = [Phone(client) for client in clients]
    streams: list[asyncio.Task[None]] = []
    try:
        start = time.perf_counter()

        async def arrive(phone: Phone, n: int) -> None:
            await asyncio.sleep(n * ARRIVALS / PHONES)
            path = await join(phone, code)
            streams.append(asyncio.create_task(phone.follow(path)))
            await phone.subscribed.wait()

        await asyncio.wait_for(
            asyncio.gather(*(arrive(p, n) for n, p in enumerate(phones))), TIMEOUT
        )
        joined = time.perf_counter() - start
        delays = await _deliveries(phones, change)
    finally:
        for task in streams:
            task.cancel()
        await asyncio.gather(*streams, return_exceptions=True)
        await asyncio.gather(*(client.aclose() for client in clients))
    return Run(joined, [t for p in phones for t in p.pages], delays)


async def _deliveries(phones: list[Phone], change: Callable[[int], Awaitable[None]]) -> list[float]:
    """Send each change and wait until every phone has it; return each phone's delay in ms."""
    delays: list[float] = []
    for n in range(TURN_CHANGES):
        before = [len(p.arrivals) for p in phones]
        start = time.perf_counter()
        await change(n)
        deadline = start + TIMEOUT
        while any(len(p.arrivals) <= b for p, b in zip(phones, before, strict=True)):
            if time.perf_counter() > deadline:
                raise RuntimeError(f"turn change {n} did not reach every phone")
            await asyncio.sleep(0.002)
        delays += [(p.arrivals[b] - start) * 1000 for p, b in zip(phones, before, strict=True)]
        await asyncio.sleep(0.3)
    return delays


def _turn(session: BenchSession, n: int, status: str) -> dict[str, object]:
    """The n-th turn of the agenda, as the facilitator's replica would push it."""
    return {
        "table": "turns",
        "base_version": "",
        "record": {
            "id": f"00000000-0000-4000-9000-{n:012d}",
            "version": f"{1764028900000 + 2 * n + (status == 'done'):018d}.00000.bench",
            "deleted": False,
            "created_at": "2026-11-25T18:00:00Z",
            "updated_at": "2026-11-25T18:00:00Z",
            "session_id": str(session.session_id),
            "position": n,
            "phase_index": 0,
            "phase_key": "check-in",
            "phase_title": "Check-in",
            "member_id": str(session.member_id),
            "planned_seconds": 90.0,
            "status": status,
            "started_at": "2026-11-25T18:00:00Z",
            "resumed_at": "2026-11-25T18:00:00Z" if status == "running" else None,
        },
    }


async def measure_store(store: Server) -> Run:
    session = register_session(store.url)
    with httpx.Client(base_url=store.url) as http:
        code = http.get(f"/api/v1/sessions/{session.session_id}", headers=session.headers).json()
    async with httpx.AsyncClient(base_url=store.url) as facilitator:

        async def advance(n: int) -> None:
            changes = [_turn(session, n, "running")]
            if n:
                changes.append(_turn(session, n - 1, "done"))
            pushed = await facilitator.post(
                f"/api/v1/sessions/{session.session_id}/changes",
                json={"changes": changes},
                headers=session.headers,
            )
            pushed.raise_for_status()

        return await crowd(store.url, code["join_code"], join_store, advance)


async def measure_bare(bare: Server) -> Run:
    async with httpx.AsyncClient(base_url=bare.url) as http:

        async def publish(n: int) -> None:
            (await http.post("/publish", content=f'{{"turn":{n}}}')).raise_for_status()

        return await crowd(bare.url, "", join_bare, publish)


def quantile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="circle-join-load-"))
    store = Server.start("store", folder / "store")
    bare = Server.start("bare", folder / "bare.sqlite3")
    try:
        ours = asyncio.run(measure_store(store))
        ref = asyncio.run(measure_bare(bare))
        memory = store.peak_memory_mib()
    finally:
        store.stop()
        bare.stop()
        shutil.rmtree(folder, ignore_errors=True)
    load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
    print(f"join_load: {PHONES} phones at once, then {TURN_CHANGES} turn changes")
    print(f"machine load average (1, 5, 15 min): {load}; other work here slows both runs")
    heads = ("joined (s)", "page p50", "page p95", "turn p50", "turn p99")
    print(f"{'':<30} " + " ".join(f"{head:>10}" for head in heads))
    for name, run in (("store: join page + stream", ours), ("reference: bare page + queue", ref)):
        print(
            f"{name:<30} {run.joined_seconds:>10.2f} {quantile(run.pages, 50):>10.1f} "
            f"{quantile(run.pages, 95):>10.1f} {quantile(run.delays, 50):>10.1f} "
            f"{quantile(run.delays, 99):>10.1f}"
        )
    print(
        f"all {PHONES} joined and subscribed in {ours.joined_seconds:.2f} s (target ≤ 5 s); "
        f"page p95 {quantile(ours.pages, 95):.0f} ms (target ≤ 300 ms, "
        f"{quantile(ours.pages, 95) / quantile(ref.pages, 95):.1f} × the reference); "
        f"turn change p99 {quantile(ours.delays, 99):.0f} ms (target ≤ 500 ms)"
    )
    print(f"store peak memory: {memory:.0f} MiB")


if __name__ == "__main__":
    main()
