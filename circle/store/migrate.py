"""The store's schema: made on a new database, brought up to date on an older one.

The store's record tables are the classes of `circle.model`, whose history the
replica's numbered migrations tell (`circle.local.migrate`); the store-only
tables are in `circle.store.db`, versioned by `STORE_TABLES`. A store database
keeps the two versions it was last brought to in `store_schema`, so on start:

- a database written by a newer circle (either version above this circle's) is
  refused with a message that says so, as the replica is;
- an older one, or one from before the versions were kept, is brought up to
  date: missing tables, columns and indexes are added, a new NOT NULL column
  filled with its default on the rows already there, and the record indexes
  the store does not read through and the columns it retired dropped;
- an up-to-date one is left as it is.

The record tables keep only the indexes the store reads through (`READ_INDEXES`):
the replica's other indexes serve the console's queries, and on the store every
push would pay for them (an index is one more page written per record).

Each step adds only what is missing, so an upgrade cut short (SQLite commits
each schema statement on its own) is finished by the next start. Several store
processes starting at once on PostgreSQL take turns under an advisory lock.
Only additive changes happen by themselves: a change that renames, drops or
retypes a column needs a step of its own here when the models change so.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Connection, Engine
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from circle.local.migrate import latest_version
from circle.model import RECORD_TYPES
from circle.store.db import metadata, store_schema

STORE_TABLES = 4
"""The store-only tables' version: 1 before versions were kept, 2 with `store_schema`,
3 with the record tables' indexes the store never reads through dropped, 4 with the
sessions' `last_seq` counter dropped (the change log holds it, `db.last_seq_of`)."""
RETIRED_COLUMNS = {"store_sessions": ("last_seq",)}
"""Columns of the store-only tables that an older store made and this one drops."""
READ_INDEXES = frozenset({"ix_members_circle_id"})
"""The record tables' indexes the store reads through (a circle's members, by circle);
every other record lookup on the store is by primary key."""
_SCHEMA_LOCK = 0x636972636C65  # "circle": serialises schema changes across store processes


class StoreSchemaTooNewError(RuntimeError):
    """The store's database was written by a newer circle than this one; the message says so."""


@dataclass(frozen=True)
class SchemaVersions:
    """The record schema (the replica's migration count) and the store tables' version."""

    records: int
    store: int

    def newer_than(self, other: "SchemaVersions") -> bool:
        return self.records > other.records or self.store > other.store

    def __str__(self) -> str:
        return f"{self.records}.{self.store}"


def current_versions() -> SchemaVersions:
    """The versions this circle writes."""
    return SchemaVersions(latest_version(), STORE_TABLES)


def prepare_schema(engine: Engine) -> None:
    """Create the schema, or bring an older one up to date; refuse one that is newer."""
    wanted = current_versions()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
        held = held_versions(connection)
        if held is not None and held.newer_than(wanted):
            where = engine.url.render_as_string(hide_password=True)
            raise StoreSchemaTooNewError(
                f"the store's database {where} was written by a newer circle (schema {held}; "
                f"this circle knows up to {wanted}). Upgrade circle to open it, "
                "or give the store another database."
            )
        if held == wanted:
            return
        records = [cls.__table__ for cls in RECORD_TYPES]  # type: ignore[attr-defined]
        for table in records:
            connection.execute(sa.schema.CreateTable(table, if_not_exists=True))
        metadata.create_all(connection)
        _add_missing(connection, [*records, *metadata.sorted_tables])
        if held is not None:
            _drop_unread_indexes(connection, records)
            _drop_retired_columns(connection)
        _keep_versions(connection, wanted)


def held_versions(connection: Connection) -> SchemaVersions | None:
    """The versions a database was last brought to: None when it is empty, 0.0 when it was
    written before they were kept."""
    names = set(sa.inspect(connection).get_table_names())
    if store_schema.name not in names:
        return SchemaVersions(0, 0) if names else None
    rows = dict(connection.execute(sa.select(store_schema.c.name, store_schema.c.version)).all())
    return SchemaVersions(int(rows.get("records", 0)), int(rows.get("store", 0)))


def _add_missing(connection: Connection, tables: list[sa.Table]) -> None:
    """Add the columns, then the indexes, that an older database's tables lack."""
    inspector = sa.inspect(connection)
    for table in tables:
        columns = {column["name"] for column in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in columns:
                spec = _spec(connection, column)
                connection.execute(sa.text(f"ALTER TABLE {table.name} ADD COLUMN {spec}"))
        indexes = {index["name"] for index in inspector.get_indexes(table.name)}
        for index in _wanted_indexes(table):
            if index.name not in indexes:
                index.create(connection)


def _wanted_indexes(table: sa.Table) -> list[sa.Index]:
    """A table's indexes on the store: all of a store table's, only the read ones of a record's."""
    if table.metadata is metadata:
        return list(table.indexes)
    return [index for index in table.indexes if index.name in READ_INDEXES]


def _drop_unread_indexes(connection: Connection, records: list[sa.Table]) -> None:
    """Drop the record indexes an older store made that the store never reads through."""
    for table in records:
        for index in table.indexes:
            if index.name not in READ_INDEXES:
                connection.execute(sa.text(f"DROP INDEX IF EXISTS {index.name}"))


def _drop_retired_columns(connection: Connection) -> None:
    """Drop the store-table columns this store no longer keeps (`RETIRED_COLUMNS`)."""
    inspector = sa.inspect(connection)
    for table, retired in RETIRED_COLUMNS.items():
        columns = {column["name"] for column in inspector.get_columns(table)}
        for name in retired:
            if name in columns:
                connection.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN {name}"))


def _spec(connection: Connection, column: sa.Column[object]) -> str:
    """The column as ADD COLUMN declares it, with a default for the rows already there."""
    spec = str(sa.schema.CreateColumn(column).compile(dialect=connection.dialect))
    if column.nullable or column.server_default is not None:
        return spec
    default = column.default
    if not isinstance(default, ScalarElementColumnDefault):
        raise RuntimeError(
            f"{column.table.name}.{column.name} is a new NOT NULL column without a fixed "
            "default: the store needs a migration step for it"
        )
    value = sa.literal(default.arg, column.type).compile(
        dialect=connection.dialect, compile_kwargs={"literal_binds": True}
    )
    return f"{spec} DEFAULT {value}"


def _keep_versions(connection: Connection, versions: SchemaVersions) -> None:
    connection.execute(sa.delete(store_schema))
    connection.execute(
        sa.insert(store_schema),
        [
            {"name": "records", "version": versions.records},
            {"name": "store", "version": versions.store},
        ],
    )
