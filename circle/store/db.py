"""The store's database: an engine for a URL, and the store-only tables.

The record tables are the classes of `circle.model`, shared with the replica and
the wire; `circle.store.migrate` creates and upgrades the schema. The tables
below exist on the store only (never in the replica's migrations): the session
registry, the per-session change log, participants, the note versions the store
has seen (to tell a replayed push from a concurrent edit) and the schema's
versions. SQLite runs in WAL mode with `synchronous = FULL`: a push is acknowledged
only once it is on disk, because the client then drops its own copy.
"""

import sqlite3
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from circle.model import UTCDateTime

metadata = sa.MetaData()

store_sessions = sa.Table(
    "store_sessions",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("circle_id", sa.Uuid, nullable=False, index=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("join_code", sa.String(16), nullable=True, unique=True),
    sa.Column("closed_at", UTCDateTime, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
)
"""One row per registered session; `join_code` is cleared when the session closes."""

store_changes = sa.Table(
    "store_changes",
    metadata,
    sa.Column("session_id", sa.Uuid, primary_key=True),
    sa.Column("seq", sa.BigInteger, primary_key=True),
    sa.Column("table_name", sa.String(32), nullable=False),
    sa.Column("record_id", sa.Uuid, nullable=False),
    sa.Column("version", sa.String(64), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Index("ux_store_changes_record", "session_id", "record_id", unique=True),
)
"""The session's change log, compacted: the latest change of each record, by sequence."""


def last_seq_of(session_id: sa.ColumnElement[Any]) -> sa.ScalarSelect[Any]:
    """A session's last sequence number: the highest in its change log, 0 before any change.

    The highest number given out never leaves the log (an entry only moves to a higher
    number), so the log alone says where a session's numbering stands: a write has no
    counter row to update, which on SQLite is a page fewer to write per push.
    """
    highest = sa.func.coalesce(sa.func.max(store_changes.c.seq), sa.literal_column("0"))
    return sa.select(highest).where(store_changes.c.session_id == session_id).scalar_subquery()


store_participants = sa.Table(
    "store_participants",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("session_id", sa.Uuid, nullable=False),
    sa.Column("member_id", sa.Uuid, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index("ix_store_participants_member", "session_id", "member_id"),
)
"""A phone that joined a session: its cookie (hashed) and the member it speaks for."""

store_note_versions = sa.Table(
    "store_note_versions",
    metadata,
    sa.Column("note_id", sa.Uuid, primary_key=True),
    sa.Column("version", sa.String(64), primary_key=True),
)
"""Every note version the store has taken in, so a replayed push is never a conflict."""

store_schema = sa.Table(
    "store_schema",
    metadata,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
)
"""The schema versions the database was brought to (`circle.store.migrate`)."""


class DatabaseUrlError(ValueError):
    """The database URL is not one the store can use; the message says why."""


def default_url(db_path: Path) -> str:
    """The SQLite URL for a database file."""
    return f"sqlite:///{db_path}"


def normalize_url(url: str) -> str:
    """Accept `sqlite:///…` and `postgresql://…`; PostgreSQL always goes through psycopg 3."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUrlError(f"not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if backend == "sqlite" and parsed.database and parsed.database != ":memory:":
        return url
    raise DatabaseUrlError(
        f"unsupported database URL {url!r}: use sqlite:///path/to/store.sqlite3 "
        "or postgresql+psycopg://user@host/dbname"
    )


def create_store_engine(url: str) -> Engine:
    """An engine for the store's database, configured for durable writes."""
    url = normalize_url(url)
    if make_url(url).get_backend_name() == "postgresql":
        return sa.create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
    database = make_url(url).database
    assert database is not None
    Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"check_same_thread": False}, pool_size=20)
    event.listen(engine, "connect", _configure_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.close()


def database_kind(engine: Engine) -> str:
    """ "sqlite" or "postgresql"."""
    return str(engine.dialect.name)
