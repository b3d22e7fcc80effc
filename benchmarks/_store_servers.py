"""Servers for the store benchmarks, each run in its own process by uvicorn, alike.

    python -m benchmarks._store_servers store PORT DATA_DIR   the circle store, no rate limits
    python -m benchmarks._store_servers bare PORT DB_FILE     the reference: Starlette + sqlite3

The reference does the least a durable write endpoint can: parse the JSON body,
insert it with its id in one SQLite transaction (WAL, synchronous=FULL like the
store), answer. `/page` serves a fixed page as large as a participant's (the join
benchmark's reference). `/stream` broadcasts whatever is posted to `/publish` to every
Server-Sent-Events subscriber through one queue each.
"""

import asyncio
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

UNLIMITED = 1e12


def bare_app(db_file: Path) -> Starlette:
    connection = sqlite3.connect(db_file, check_same_thread=False, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE IF NOT EXISTS records (id TEXT PRIMARY KEY, body TEXT)")
    subscribers: set[asyncio.Queue[str]] = set()

    def insert(rows: list[tuple[str, str]]) -> None:
        connection.execute("BEGIN")
        connection.executemany("INSERT INTO records VALUES (?, ?)", rows)
        connection.execute("COMMIT")

    async def write(request: Request) -> Response:
        body: dict[str, Any] = await request.json()
        insert([(c["record"]["id"], json.dumps(c["record"])) for c in body["changes"]])
        return JSONResponse({"ok": True})

    async def publish(request: Request) -> Response:
        event = f"data: {(await request.body()).decode()}\n\n"
        for queue in subscribers:
            queue.put_nowait(event)
        return JSONResponse({"subscribers": len(subscribers)})

    page = "<!DOCTYPE html><html><body>" + "<p>A line of a participant's page.</p>" * 300

    async def html(_request: Request) -> Response:
        return HTMLResponse(page)

    async def stream(_request: Request) -> Response:
        queue: asyncio.Queue[str] = asyncio.Queue()

        async def events() -> Any:
            subscribers.add(queue)
            try:
                yield "retry: 2000\n\n"
                while True:
                    yield await queue.get()
            finally:
                subscribers.discard(queue)

        return StreamingResponse(events(), media_type="text/event-stream")

    return Starlette(
        routes=[
            Route("/write", write, methods=["POST"]),
            Route("/publish", publish, methods=["POST"]),
            Route("/stream", stream),
            Route("/page", html),
        ]
    )


def store_app(data_dir: Path) -> Any:
    from circle.config import load_settings
    from circle.store.app import create_app
    from circle.store.service import Limits

    limits = Limits(
        write_rate=UNLIMITED,
        write_burst=UNLIMITED,
        join_rate=UNLIMITED,
        join_burst=UNLIMITED,
        register_rate=UNLIMITED,
        register_burst=UNLIMITED,
    )
    return create_app(load_settings(data_dir=data_dir), limits=limits)


def main() -> None:
    kind, port, where = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    app = store_app(where) if kind == "store" else bare_app(where)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
