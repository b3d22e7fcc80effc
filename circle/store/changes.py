"""Apply a batch of record changes to the store, inside the caller's transaction.

The rules (docs/sync.md): a change whose version the store already holds is a
replay and changes nothing; an older version never overwrites a newer one; a
newer one replaces the record. Two writers editing one note concurrently (the
store's version is not the one the writer started from, and another node wrote
it) keep both texts: the newer version wins, the other text becomes a conflict
copy, a new note whose id is derived from the losing version so a replay makes
no second copy. Every change taken in gets the session's next sequence number in
the change log, which keeps only the latest change of each record.

A push costs three statements, each compiled once (`circle.store.prepared`):
read the versions held, upsert the records, upsert the change log. A table's only
change in a push skips the read: its upsert's version guard decides alone.
"""

import functools
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from circle.core.hlc import Version
from circle.model import PUBLIC_TYPES, TABLES, SessionStatus
from circle.store.db import store_changes, store_note_versions, store_sessions
from circle.store.prepared import Prepared

_COPY_NAMESPACE = uuid.UUID("0b6c4f7e-51b9-4a43-9d59-0f4c3f1f7a10")


@dataclass(frozen=True)
class Incoming:
    """One record change as the store takes it in."""

    table: str
    base_version: str
    row: dict[str, Any]
    """Column values (Python types) for the record table."""
    payload: str | None = None
    """The record's public JSON, when the caller has it already."""

    @property
    def record_id(self) -> uuid.UUID:
        value: uuid.UUID = self.row["id"]
        return value

    @property
    def version(self) -> str:
        return str(self.row["version"])


@dataclass(frozen=True)
class Batch:
    """Changes for one session, applied all or nothing."""

    session_id: uuid.UUID
    changes: list[Incoming]


@dataclass(frozen=True)
class Conflict:
    """A concurrent note edit: `copy_id` holds the text that lost."""

    table: str
    record_id: uuid.UUID
    copy_id: uuid.UUID


@dataclass(frozen=True)
class Logged:
    """A change as written to the change log."""

    seq: int
    table: str
    record_id: uuid.UUID
    version: str
    payload: str
    views: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """What readers see of it, worked out once and shared by every subscriber (views.py)."""


@dataclass
class Outcome:
    """What a batch did: which records changed, which were already there, and the log entries."""

    session_id: uuid.UUID
    first_seq: int
    last_seq: int
    applied: list[uuid.UUID] = field(default_factory=list)
    unchanged: list[uuid.UUID] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    logged: list[Logged] = field(default_factory=list)
    closed: bool = False


def apply_batch(connection: Connection, batch: Batch, last_seq: int, now: datetime) -> Outcome:
    """Apply one batch after `last_seq`; the caller holds the session's lock and commits."""
    outcome = Outcome(batch.session_id, first_seq=last_seq, last_seq=last_seq)
    ends = False
    for table, changes in _by_table(batch.changes).items():
        if len(changes) == 1 and table != "notes":
            written = _write_one(connection, table, changes[0], outcome)
        else:
            rows = _decide(connection, table, changes, outcome)
            _upsert(connection, table, [change.row for change in rows.values()])
            written = list(rows.values())
        for change in written:
            append_log(outcome, table, change.row, change.payload)
        ends = ends or (table == "sessions" and _ends_session(written, batch.session_id))
    write_log(connection, outcome)
    if ends:
        close_session(connection, batch.session_id, now)
        outcome.closed = True
    return outcome


def close_session(connection: Connection, session_id: uuid.UUID, now: datetime) -> None:
    """Close a session: its join code stops working and may be given to another session."""
    _CLOSE.execute(connection, {"session_id": session_id, "now": now})


_CLOSE = Prepared(
    sa.update(store_sessions)
    .where(store_sessions.c.id == sa.bindparam("session_id"), store_sessions.c.closed_at.is_(None))
    .values(join_code=sa.null(), closed_at=sa.bindparam("now"))
)


def _by_table(changes: Iterable[Incoming]) -> dict[str, list[Incoming]]:
    grouped: dict[str, list[Incoming]] = {}
    for change in changes:
        grouped.setdefault(change.table, []).append(change)
    return grouped


def _decide(
    connection: Connection, table: str, changes: list[Incoming], outcome: Outcome
) -> dict[uuid.UUID, Incoming]:
    """The rows to write for one table's changes, recording each decision in `outcome`."""
    ids = list({change.record_id for change in changes})
    stored = _stored(connection, table, ids)
    seen = _seen_note_versions(connection, ids) if table == "notes" else set()
    rows: dict[uuid.UUID, Incoming] = {}
    for change in changes:
        current = stored.get(change.record_id)
        if table == "notes" and _is_concurrent(change, current, seen):
            assert current is not None
            rows.update(_conflict_rows(change, current, outcome))
        elif current is not None and current["version"] >= change.version:
            outcome.unchanged.append(change.record_id)
            continue
        else:
            rows[change.record_id] = change
            outcome.applied.append(change.record_id)
        written = rows.get(change.record_id)
        stored[change.record_id] = written.row if written else (current or change.row)
        seen.add((change.record_id, change.version))
    if table == "notes":
        _remember_note_versions(connection, changes)
    return rows


def _is_concurrent(
    change: Incoming, current: dict[str, Any] | None, seen: set[tuple[uuid.UUID, str]]
) -> bool:
    """True when a note edit was made without knowing the version the store holds."""
    if current is None or (change.record_id, change.version) in seen:
        return False
    held = str(current["version"])
    if held == change.version or held == change.base_version:
        return False
    return Version.parse(held).node != Version.parse(change.version).node


def _conflict_rows(
    change: Incoming, current: dict[str, Any], outcome: Outcome
) -> dict[uuid.UUID, Incoming]:
    """The winner (newer version) stays the note; the loser's text becomes a conflict copy."""
    incoming_wins = change.version > str(current["version"])
    loser = current if incoming_wins else change.row
    copy_id = uuid.uuid5(_COPY_NAMESPACE, f"{change.record_id}:{loser['version']}")
    copy = dict(loser, id=copy_id, conflict_of=change.record_id)
    outcome.conflicts.append(Conflict("notes", change.record_id, copy_id))
    rows = {copy_id: Incoming("notes", "", copy)}
    if incoming_wins:
        rows[change.record_id] = change
        outcome.applied.append(change.record_id)
    else:
        outcome.unchanged.append(change.record_id)
    return rows


def _stored(
    connection: Connection, table: str, ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, Any]]:
    """The records held among `ids` (for notes whole, else their versions), by id."""
    if table == "notes":
        rows = connection.execute(_notes_statement(), {"ids": ids})
        return {row.id: dict(row._mapping) for row in rows}
    held: dict[uuid.UUID, dict[str, Any]] = {}
    for start in range(0, len(ids), _IN_MAX):
        part = ids[start : start + _IN_MAX]
        size = 1 << (len(part) - 1).bit_length()
        padded = part + part[-1:] * (size - len(part))
        params = {f"id{n}": record_id for n, record_id in enumerate(padded)}
        for record_id, version in _versions_statement(table, size).fetch(connection, params):
            held[record_id] = {"version": version}
    return held


_IN_MAX = 512
"""Ids read in one statement; lists are padded to a power of two, so few statements exist."""


@functools.cache
def _notes_statement() -> sa.Select[Any]:
    """Notes are read whole: a conflict copies the losing text."""
    notes = _table("notes")
    return sa.select(notes).where(notes.c.id.in_(sa.bindparam("ids", expanding=True)))


@functools.cache
def _versions_statement(table: str, size: int) -> Prepared:
    """The ids and versions held among `size` ids."""
    record_table = _table(table)
    ids = [sa.bindparam(f"id{n}", type_=record_table.c.id.type) for n in range(size)]
    return Prepared(
        sa.select(record_table.c.id, record_table.c.version).where(record_table.c.id.in_(ids))
    )


_SEEN_NOTE_VERSIONS = sa.select(store_note_versions.c.note_id, store_note_versions.c.version).where(
    store_note_versions.c.note_id.in_(sa.bindparam("ids", expanding=True))
)


def _seen_note_versions(connection: Connection, ids: list[uuid.UUID]) -> set[tuple[uuid.UUID, str]]:
    rows = connection.execute(_SEEN_NOTE_VERSIONS, {"ids": ids})
    return {(row.note_id, row.version) for row in rows}


def _remember_note_versions(connection: Connection, changes: list[Incoming]) -> None:
    rows = [{"note_id": change.record_id, "version": change.version} for change in changes]
    _remember_statement(connection.dialect.name).executemany(connection, rows)


@functools.cache
def _remember_statement(dialect: str) -> Prepared:
    return Prepared(_insert(dialect, store_note_versions).on_conflict_do_nothing())


def _write_one(
    connection: Connection, table: str, change: Incoming, outcome: Outcome
) -> list[Incoming]:
    """Write a table's only change unless the store holds its version or a newer one.

    The upsert's version guard decides by itself, so no read comes first: the record
    was written when the statement changed a row. (Notes are read first, always:
    a concurrent edit keeps the losing text.)
    """
    cursor = _upsert_statement(connection.dialect.name, table).execute(connection, change.row)
    if cursor.rowcount == 0:
        outcome.unchanged.append(change.record_id)
        return []
    outcome.applied.append(change.record_id)
    return [change]


def _upsert(connection: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert or replace records; the version guard keeps a newer row against any race."""
    _upsert_statement(connection.dialect.name, table).executemany(connection, rows)


@functools.cache
def _upsert_statement(dialect: str, table: str) -> Prepared:
    """INSERT … ON CONFLICT DO UPDATE … WHERE stored version < new version."""
    record_table = _table(table)
    statement = _insert(dialect, record_table)
    excluded = statement.excluded
    return Prepared(
        statement.on_conflict_do_update(
            index_elements=[record_table.c.id],
            set_={column.name: excluded[column.name] for column in record_table.columns},
            where=record_table.c.version < excluded.version,
        )
    )


def append_log(
    outcome: Outcome, table: str, row: dict[str, Any], payload: str | None = None
) -> None:
    """Give a written record the session's next sequence number (logged by `write_log`)."""
    outcome.last_seq += 1
    if payload is None:
        wire = PUBLIC_TYPES[table].model_validate(row).model_dump(mode="json")
        payload = json.dumps(wire, separators=(",", ":"), ensure_ascii=False)
    outcome.logged.append(Logged(outcome.last_seq, table, row["id"], row["version"], payload))


def write_log(connection: Connection, outcome: Outcome) -> None:
    """Write the outcome's changes to the log, each replacing its record's older entry."""
    if not outcome.logged:
        return
    entries = [
        {
            "session_id": outcome.session_id,
            "seq": logged.seq,
            "table_name": logged.table,
            "record_id": logged.record_id,
            "version": logged.version,
            "payload": logged.payload,
        }
        for logged in outcome.logged
    ]
    _log_statement(connection.dialect.name).executemany(connection, entries)


@functools.cache
def _log_statement(dialect: str) -> Prepared:
    """INSERT a log entry, or move the record's entry to its new sequence number."""
    statement = _insert(dialect, store_changes)
    excluded = statement.excluded
    return Prepared(
        statement.on_conflict_do_update(
            index_elements=[store_changes.c.session_id, store_changes.c.record_id],
            set_={name: excluded[name] for name in ("seq", "table_name", "version", "payload")},
        )
    )


def _ends_session(sessions: list[Incoming], session_id: uuid.UUID) -> bool:
    """True when the session's own record, as written, says it ended."""
    return any(
        change.record_id == session_id and change.row["status"] == SessionStatus.ENDED
        for change in sessions
    )


def _table(table: str) -> sa.Table:
    record_table: sa.Table = TABLES[table].__table__  # type: ignore[attr-defined]
    return record_table


def _insert(dialect: str, table: sa.Table) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT (SQLite and PostgreSQL spell it alike)."""
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
