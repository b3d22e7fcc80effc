"""The facilitator's own database: the records, the writer's clock and the outbox.

Everything the TUI does is written here first, in one transaction with an
outbox entry, so a lost network or a killed process loses nothing. The outbox
holds the latest unacknowledged version of each changed record, once; the sync
client sends it to the store and acknowledges it by sequence number.
"""

import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from circle.core.hlc import HybridClock, Version
from circle.local.migrate import SchemaTooNewError, migrate
from circle.model import SyncFields, from_wire, table_name, to_wire, utcnow

R = TypeVar("R", bound=SyncFields)


class ReplicaError(RuntimeError):
    """The replica database cannot be opened or used; the message says why."""


@dataclass(frozen=True)
class OutboxEntry:
    """One record change waiting for the store to acknowledge it."""

    seq: int
    table: str
    record_id: uuid.UUID
    version: str
    base_version: str
    """The version this change was made on top of ("" for a new record)."""
    payload: dict[str, Any]


class Replica:
    """The local SQLite replica (WAL), migrated on open."""

    def __init__(self, path: Path, *, now: Callable[[], datetime] = utcnow) -> None:
        self.path = path
        self._now = now
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = _sqlite_engine(path)
        try:
            with self.engine.connect() as connection:
                raw = connection.connection.driver_connection
                assert isinstance(raw, sqlite3.Connection)
                migrate(raw, path)
            self.node_id = self._meta("node_id") or self._set_meta("node_id", uuid.uuid4().hex[:12])
        except SchemaTooNewError as exc:
            self.engine.dispose()
            raise ReplicaError(str(exc)) from exc
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            self.engine.dispose()
            raise ReplicaError(f"{path} is not a circle database ({_first_line(exc)})") from exc
        last = self._meta("hlc")
        self._clock = HybridClock(self.node_id, Version.parse(last) if last else None)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[DbSession]:
        """A database session for reading; objects stay usable after it closes."""
        with DbSession(self.engine, expire_on_commit=False) as session:
            yield session

    # --- reading -------------------------------------------------------------

    def get(self, cls: type[R], record_id: uuid.UUID) -> R | None:
        """One record by id, or None (deleted records included, so callers can see tombstones)."""
        with self.session() as session:
            return session.get(cls, record_id)

    def all(
        self,
        cls: type[R],
        *where: ColumnElement[bool] | bool,
        order_by: Any = None,
    ) -> list[R]:
        """Records of one type that are not deleted, filtered and ordered as asked."""
        statement = select(cls).where(col(cls.deleted).is_(False), *where)
        if order_by is not None:
            statement = statement.order_by(order_by)
        with self.session() as session:
            return list(session.exec(statement).all())

    # --- writing -------------------------------------------------------------

    def save(self, *records: SyncFields) -> None:
        """Stamp each record with a new version and write it with its outbox entry, atomically."""
        with self._lock, DbSession(self.engine, expire_on_commit=False) as session:
            now = self._now()
            for record in records:
                stored = session.get(type(record), record.id)
                base = stored.version if stored is not None else ""
                version = str(self._clock.tick(_millis(now)))
                record.sqlmodel_update({"version": version, "updated_at": now})
                merged = session.merge(record)
                session.flush()
                self._queue(session, merged, base)
            self._store_clock(session)
            session.commit()

    def delete(self, *records: SyncFields) -> None:
        """Mark records deleted (a tombstone that syncs like any change)."""
        for record in records:
            record.sqlmodel_update({"deleted": True})
        self.save(*records)

    def apply_remote(self, table: str, rows: Iterable[dict[str, Any]]) -> list[SyncFields]:
        """Apply records from the store; a row older than the local copy is ignored.

        Returns the records that changed locally. Remote changes are not queued in
        the outbox: the store already has them.
        """
        applied: list[SyncFields] = []
        with self._lock, DbSession(self.engine, expire_on_commit=False) as session:
            for data in rows:
                record = from_wire(table, data)
                version: str = record.version
                stored = session.get(type(record), record.id)
                if stored is not None and stored.version >= version:
                    continue
                self._clock.observe(Version.parse(version), _millis(self._now()))
                applied.append(session.merge(record))
            self._store_clock(session)
            session.commit()
        return applied

    # --- the outbox ------------------------------------------------------------

    def pending(self, limit: int = 100, after: int = 0) -> list[OutboxEntry]:
        """The oldest unacknowledged changes after outbox sequence `after`, at most `limit`."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT seq, table_name, record_id, version, base_version, payload "
                    "FROM outbox WHERE seq > :after ORDER BY seq LIMIT :limit"
                ),
                {"limit": limit, "after": after},
            ).all()
        return [
            OutboxEntry(seq, table, uuid.UUID(record_id), version, base, json.loads(payload))
            for seq, table, record_id, version, base, payload in rows
        ]

    def acknowledge(self, seqs: Sequence[int]) -> None:
        """Drop outbox entries the store has confirmed."""
        if not seqs:
            return
        with self._lock, self.engine.begin() as connection:
            connection.execute(
                text("DELETE FROM outbox WHERE seq = :seq"), [{"seq": seq} for seq in seqs]
            )

    def pending_count(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM outbox")).scalar_one())

    # --- metadata --------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        """A small value kept beside the records (sync cursors, the last open session…)."""
        return self._meta(key)

    def set_meta(self, key: str, value: str) -> None:
        self._set_meta(key, value)

    def _queue(self, session: DbSession, record: SyncFields, base_version: str) -> None:
        # Keep the oldest base version: the store compares it with what it holds.
        record_id = record.id.hex
        previous = (
            session.connection()
            .execute(
                text("SELECT base_version FROM outbox WHERE record_id = :id"), {"id": record_id}
            )
            .scalar_one_or_none()
        )
        session.connection().execute(
            text("DELETE FROM outbox WHERE record_id = :id"), {"id": record_id}
        )
        session.connection().execute(
            text(
                "INSERT INTO outbox (table_name, record_id, version, base_version, payload, "
                "queued_at) VALUES (:table, :id, :version, :base, :payload, :at)"
            ),
            {
                "table": table_name(record),
                "id": record_id,
                "version": record.version,
                "base": base_version if previous is None else previous,
                "payload": json.dumps(to_wire(record)),
                "at": self._now().isoformat(),
            },
        )

    def _store_clock(self, session: DbSession) -> None:
        session.connection().execute(
            text("INSERT OR REPLACE INTO meta (key, value) VALUES ('hlc', :value)"),
            {"value": str(self._clock.last)},
        )

    def _meta(self, key: str) -> str | None:
        with self.engine.connect() as connection:
            value = connection.execute(
                text("SELECT value FROM meta WHERE key = :key"), {"key": key}
            ).scalar_one_or_none()
        return None if value is None else str(value)

    def _set_meta(self, key: str, value: str) -> str:
        with self.engine.begin() as connection:
            connection.execute(
                text("INSERT OR REPLACE INTO meta (key, value) VALUES (:key, :value)"),
                {"key": key, "value": value},
            )
        return value


def open_replica(path: Path, *, now: Callable[[], datetime] = utcnow) -> Replica:
    """Open (creating and migrating as needed) the replica at `path`."""
    return Replica(path, now=now)


def _sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        # NORMAL with WAL survives a killed process; only a power cut may lose the last commit.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()

    return engine


def _millis(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _first_line(exc: BaseException) -> str:
    return str(getattr(exc, "orig", exc)).splitlines()[0]
