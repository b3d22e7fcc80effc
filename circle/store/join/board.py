"""The current records of sessions that phones are looking at, kept in memory and caught up.

The change log keeps only the latest change of each record, so the records as
of sequence N are the log's entries up to N by record id; a board already held
catches up by reading only the changes after its last sequence number. What a
participant may see of them is `circle.store.views.record_json`'s decision, the
same as for the API's board and stream.
"""

import asyncio
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from circle.store.changes import Logged
from circle.store.queries import read_changes
from circle.store.service import Store
from circle.store.views import record_json

Records = dict[str, list[dict[str, Any]]]
"""Live records by table name, as wire dictionaries."""

_PAGE = 1000
_KEEP = 256
"""Sessions whose boards stay in memory; the least recently read is dropped beyond this."""


@dataclass
class Board:
    """One session's change log as of `last_seq`: the latest entry of each record."""

    last_seq: int = 0
    entries: dict[uuid.UUID, Logged] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def seen_by(self, member_id: uuid.UUID | None) -> Records:
        """The live records this reader may see (None: the facilitator), by table."""
        tables: Records = defaultdict(list)
        for entry in sorted(self.entries.values(), key=lambda logged: logged.seq):
            record = json.loads(record_json(entry, member_id))
            if not record.get("deleted"):
                tables[entry.table].append(record)
        return tables


class Boards:
    """The boards of one store process, caught up with the database on each read."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._boards: dict[uuid.UUID, Board] = {}

    async def current(self, session_id: uuid.UUID) -> Board:
        """The session's board with every change committed so far."""
        board = self._boards.pop(session_id, None) or Board()
        self._boards[session_id] = board
        while len(self._boards) > _KEEP:
            del self._boards[next(iter(self._boards))]
        async with board.lock:
            await self._catch_up(session_id, board)
        return board

    async def _catch_up(self, session_id: uuid.UUID, board: Board) -> None:
        engine = self._store.engine
        while True:
            page = await asyncio.to_thread(read_changes, engine, session_id, board.last_seq, _PAGE)
            for entry in page.entries:
                board.entries[entry.record_id] = entry
            board.last_seq = page.last_seq
            if not page.more:
                return
