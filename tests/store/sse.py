"""A small Server-Sent Events reader for tests: collect events from a live stream."""

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True)
class Event:
    id: int
    change: dict[str, Any]


async def read_events(
    http: httpx.AsyncClient,
    path: str,
    count: int,
    *,
    headers: dict[str, str] | None = None,
    timeout: float = 10.0,
    after_open: Any = None,
) -> list[Event]:
    """Open the stream, run `after_open()` once it answers, and return the first `count` events."""
    events: list[Event] = []

    async def collect() -> None:
        async with http.stream("GET", path, headers=headers or {}) as response:
            assert response.status_code == 200, await response.aread()
            if after_open is not None:
                await after_open()
            event_id, data = "", ""
            async for line in response.aiter_lines():
                if line.startswith("id: "):
                    event_id = line[4:]
                elif line.startswith("data: "):
                    data = line[6:]
                elif not line and data:
                    events.append(Event(int(event_id), json.loads(data)))
                    event_id, data = "", ""
                    if len(events) >= count:
                        return

    await asyncio.wait_for(collect(), timeout)
    return events
