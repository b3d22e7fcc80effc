"""`GET /api/v1/sessions/{id}/board`: the session as its reader may see it, in one answer."""

import asyncio
import json
import uuid

from fastapi import APIRouter, Response

from circle.store.auth import Reader
from circle.store.changes import Logged
from circle.store.guard import GuardedRoute
from circle.store.queries import read_changes
from circle.store.routes.sessions import ERRORS
from circle.store.schemas import Board
from circle.store.service import Store, StoreDep
from circle.store.views import JSONText, record_json

router = APIRouter(prefix="/api/v1/sessions", tags=["board"], route_class=GuardedRoute)


@router.get("/{session_id}/board", response_model=Board, responses=ERRORS)
async def board(principal: Reader, store: StoreDep) -> Response:
    """Every live record of the session (roster, agenda, items, matches…) by table.

    Participants get what they may see (see the sync docs); then follow the
    stream from `last_seq`.
    """
    entries, last_seq = await _everything(store, principal.session.id)
    tables: dict[str, list[str]] = {}
    for entry in entries:
        text = record_json(entry, principal.member_id)
        if '"deleted":true' not in text:
            tables.setdefault(entry.table, []).append(text)
    records = ",".join(f'"{table}":[{",".join(rows)}]' for table, rows in tables.items())
    body = f'{{"last_seq":{last_seq},"records":{{{records}}}}}'
    json.loads(body)  # cheap guard that the pieces form valid JSON
    return JSONText(body)


async def _everything(store: Store, session_id: uuid.UUID) -> tuple[list[Logged], int]:
    entries: list[Logged] = []
    cursor = 0
    while True:
        page = await asyncio.to_thread(read_changes, store.engine, session_id, cursor, 1000)
        entries.extend(page.entries)
        cursor = page.last_seq
        if not page.more:
            return entries, cursor
