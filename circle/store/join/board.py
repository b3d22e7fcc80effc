"""The current records of sessions that phones are looking at, kept in memory and caught up.

The change log keeps only the latest change of each record, so the records as
of sequence N are the log's entries up to N by record id; a board catches up by
reading only the changes after its last sequence number, parsing each once.
A board is read again when a commit of this process touched its session, when
a phone asks for a sequence number it saw on the stream, or after
`FRESH_SECONDS` (commits of other store processes on the same PostgreSQL). What
a participant may see of the records is `circle.store.views.visible`'s
decision, the same as for the API's board and stream.
"""

import asyncio
import json
import time
import uuid
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from circle.store.changes import Logged, Outcome
from circle.store.queries import SessionRow, read_changes, session_by_id
from circle.store.service import Store
from circle.store.views import visible

Records = dict[str, list[dict[str, Any]]]
"""Live records by table name, as wire dictionaries."""

FRESH_SECONDS = 1.0
_PAGE = 1000
_KEEP = 256
"""Sessions whose boards stay in memory; the least recently read is dropped beyond this."""


@dataclass
class Board:
    """One session's records as of `last_seq`, by id, in the order they first arrived."""

    row: SessionRow | None = None
    """The session as the store registered it (None: no such session)."""
    last_seq: int = 0
    records: dict[uuid.UUID, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    commits: int = 0
    """Commits of this process that touched the session (counted on the writer's side)."""
    read_commits: int = -1
    """`commits` as it was when the last read began: that read saw every one of them."""
    read_at: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _shared: tuple[int, Records, list[tuple[str, dict[str, Any]]]] | None = None

    def seen_by(self, member_id: uuid.UUID | None) -> Records:
        """The live records this reader may see (None: the facilitator), by table."""
        if member_id is None:
            return _live(self.records.values(), None)
        shared, private = self._for_participants()
        own = [(table, record) for table, record in private if _own(record, member_id)]
        if not own:
            return shared
        tables: Records = defaultdict(list, {name: list(rows) for name, rows in shared.items()})
        for table, record in own:
            tables[table].append(record)
        return tables

    def _for_participants(self) -> tuple[Records, list[tuple[str, dict[str, Any]]]]:
        """What every participant sees, and the private records (each seen by its author only),
        worked out once per change of the board rather than once per page."""
        if self._shared is None or self._shared[0] != self.last_seq:
            private = [(t, r) for t, r in self.records.values() if r.get("private")]
            public = (entry for entry in self.records.values() if not entry[1].get("private"))
            self._shared = (self.last_seq, _live(public, uuid.UUID(int=0)), private)
        return self._shared[1], self._shared[2]


def _live(entries: Iterable[tuple[str, dict[str, Any]]], member_id: uuid.UUID | None) -> Records:
    tables: Records = defaultdict(list)
    for table, record in entries:
        shown = visible(table, record, member_id)
        if not shown.get("deleted"):
            tables[table].append(shown)
    return tables


def _own(record: dict[str, Any], member_id: uuid.UUID) -> bool:
    return record.get("member_id") == str(member_id) and not record.get("deleted")


class Boards:
    """The boards of one store process, read again only when they may have changed."""

    def __init__(self, store: Store, clock: Callable[[], float] = time.monotonic) -> None:
        self._store = store
        self._clock = clock
        self._boards: OrderedDict[uuid.UUID, Board] = OrderedDict()
        store.on_commit(self._committed)

    async def current(self, session_id: uuid.UUID, at_least: int = 0) -> Board:
        """The session's board, with every change committed (up to `at_least` at least)."""
        board = self._boards.get(session_id)
        if board is None:
            board = self._boards[session_id] = Board()
            while len(self._boards) > _KEEP:
                self._boards.popitem(last=False)
        else:
            # One C call: the writer's side, counting commits, always finds this one.
            self._boards.move_to_end(session_id)
        wanted = board.commits
        if not self._fresh(board, at_least, wanted):
            async with board.lock:
                # A read that began while this request waited serves it too: a room of
                # phones arriving at once waits for one read, not one read each.
                if not self._fresh(board, at_least, wanted):
                    await self._catch_up(session_id, board)
        return board

    def _fresh(self, board: Board, at_least: int, wanted: int) -> bool:
        """Whether the board has every commit up to the `wanted`-th and change `at_least`."""
        recent = self._clock() - board.read_at < FRESH_SECONDS
        return board.read_commits >= wanted and recent and board.last_seq >= at_least

    def _committed(self, outcomes: list[Outcome]) -> None:
        """After each commit: count it on the boards of the sessions it touched."""
        for outcome in outcomes:
            board = self._boards.get(outcome.session_id)
            if board is not None:
                board.commits += 1

    async def _catch_up(self, session_id: uuid.UUID, board: Board) -> None:
        commits, read_at = board.commits, self._clock()  # before reading: it sees these
        row, entries, last_seq = await asyncio.to_thread(self._read, session_id, board.last_seq)
        for entry, record in entries:
            board.records[entry.record_id] = (entry.table, record)
        board.row, board.last_seq, board.read_at = row, last_seq, read_at
        board.read_commits = commits

    def _read(
        self, session_id: uuid.UUID, after: int
    ) -> tuple[SessionRow | None, list[tuple[Logged, dict[str, Any]]], int]:
        """On a worker thread: the session's row and its changes after `after`, parsed."""
        engine = self._store.engine
        row = session_by_id(engine, session_id)
        entries: list[tuple[Logged, dict[str, Any]]] = []
        while row is not None:
            page = read_changes(engine, session_id, after, _PAGE)
            entries += [(entry, json.loads(entry.payload)) for entry in page.entries]
            after = page.last_seq
            if not page.more:
                break
        return row, entries, after


def boards(request: Request) -> Boards:
    """The boards of the app serving `request`."""
    found: Boards = request.app.state.boards
    return found
