"""Statements compiled once per dialect and run on the connection's own DB-API cursor.

SQLAlchemy caches compiled statements, but each execution still spends tens of
microseconds on bookkeeping: more than SQLite itself needs for a one-record push.
The writer's few hot statements are therefore compiled here once per dialect and
executed on the DB-API cursor beneath the SQLAlchemy connection (so they share
its transaction), each value converted as its column type's bind processor would:
the database receives exactly what SQLAlchemy would have sent. For the types a
record is made of (UUIDs, UTC timestamps, enums, dates, booleans) the conversion
is done by one small function instead of SQLAlchemy's chain of them, which was
the largest part of a big push's cost (`tests/store/test_prepared.py` checks
that they agree). A driver error is raised as SQLAlchemy's matching exception
(`OperationalError`, …), as usual.
"""

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.types import TypeEngine

from circle.model import UTCDateTime

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]
    processed: tuple[tuple[int, Callable[[Any], Any]], ...]
    """Where among `names` a value needs converting, and what converts it."""
    positional: bool
    readers: tuple[Processor, ...]
    """For each column a statement returns: what turns the driver's value into Python's."""

    def bind(self, params: Mapping[str, Any]) -> list[Any] | dict[str, Any]:
        values = list(map(params.__getitem__, self.names))
        for at, process in self.processed:
            values[at] = process(values[at])
        return values if self.positional else dict(zip(self.names, values, strict=True))


class Prepared:
    """A statement compiled once for each dialect it meets.

    Every parameter comes from the caller (write constants into the statement, such
    as `sa.null()`); expanding parameters (`IN` lists) are not supported: write one
    bound parameter per element instead.
    """

    def __init__(self, statement: sa.ClauseElement) -> None:
        self._statement = statement
        self._compiled: dict[str, _Compiled] = {}

    def execute(self, connection: Connection, params: Mapping[str, Any]) -> Any:
        """Run the statement once; return the DB-API cursor (for RETURNING rows)."""
        compiled = self._for(connection.dialect)
        values = compiled.bind(params)
        cursor = connection.connection.cursor()
        try:
            cursor.execute(compiled.sql, values)
        except connection.dialect.loaded_dbapi.Error as exc:
            raise _translated(exc, compiled, connection) from exc
        return cursor

    def fetch(self, connection: Connection, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Run a statement that returns rows; each value read as its column's type reads it."""
        compiled = self._for(connection.dialect)
        rows = self.execute(connection, params).fetchall()
        readers = compiled.readers
        return [
            tuple(v if read is None else read(v) for v, read in zip(row, readers, strict=True))
            for row in rows
        ]

    def executemany(self, connection: Connection, rows: Iterable[Mapping[str, Any]]) -> None:
        """Run the statement for each row."""
        compiled = self._for(connection.dialect)
        bound: list[Any] = [compiled.bind(row) for row in rows]
        if not bound:
            return
        try:
            connection.connection.cursor().executemany(compiled.sql, bound)
        except connection.dialect.loaded_dbapi.Error as exc:
            raise _translated(exc, compiled, connection) from exc

    def _for(self, dialect: Dialect) -> _Compiled:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            compiled = self._compiled[dialect.name] = _compile(self._statement, dialect)
        return compiled


def _compile(statement: sa.ClauseElement, dialect: Dialect) -> _Compiled:
    compiled = statement.compile(dialect=dialect)
    assert isinstance(compiled, SQLCompiler)
    positional = bool(compiled.positional)
    names = tuple(compiled.positiontup or ()) if positional else tuple(compiled.binds)
    processors = (bind_processor(compiled.binds[name].type, dialect) for name in names)
    processed = tuple((at, process) for at, process in enumerate(processors) if process)
    columns = getattr(statement, "exported_columns", ())
    readers = tuple(
        column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns
    )
    return _Compiled(compiled.string, names, processed, positional, readers)


def bind_processor(type_: TypeEngine[Any], dialect: Dialect) -> Processor:
    """What turns a Python value into the value the driver gets, for a column of `type_`."""
    sqlite = dialect.name == "sqlite"
    if isinstance(type_, UTCDateTime):
        return _utc_text if sqlite else _utc
    if isinstance(type_, sa.Enum) and type_.enum_class is not None and not type_.native_enum:
        return _enum_values(type_.enum_class)
    if isinstance(type_, sa.Boolean):
        return None  # both drivers take Python's bool (SQLite keeps it as 1 or 0)
    if sqlite and isinstance(type_, sa.Uuid) and type_.as_uuid:
        return _hex
    if sqlite and isinstance(type_, sa.Date) and not isinstance(type_, sa.DateTime):
        return _iso_date
    return type_.dialect_impl(dialect).bind_processor(dialect)


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.utcoffset() is None:
        raise ValueError(f"timestamps must be timezone-aware, got {value!r}")
    return value.astimezone(UTC)


def _utc_text(value: datetime | None) -> str | None:
    """SQLAlchemy's SQLite text for a timestamp, in UTC ("2026-11-25 18:00:00.000000")."""
    if value is None:
        return None
    offset = value.utcoffset()
    if offset is None:
        raise ValueError(f"timestamps must be timezone-aware, got {value!r}")
    if offset:
        value -= offset  # the same moment's wall time in UTC
    return value.isoformat(" ", "microseconds")[:26]  # without the offset, which is now +00:00


def _hex(value: Any) -> str | None:
    return None if value is None else str(value.hex)


def _iso_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _enum_values(enum_class: type[enum.Enum]) -> Callable[[Any], Any]:
    """Members and values to the stored value; anything else is refused, as SQLAlchemy does."""
    values = {member.value: member.value for member in enum_class}
    values.update({member: member.value for member in enum_class})

    def process(value: Any) -> Any:
        if value is None:
            return None
        try:
            return values[value]
        except (KeyError, TypeError):
            known = enum_class.__name__
            raise LookupError(f"{value!r} is not among the values of {known}") from None

    return process


def _translated(
    exc: Exception, compiled: _Compiled, connection: Connection
) -> sa.exc.StatementError:
    """The driver's error as SQLAlchemy's matching exception (`OperationalError`, …)."""
    error = connection.dialect.loaded_dbapi.Error
    return sa.exc.DBAPIError.instance(compiled.sql, None, exc, error, dialect=connection.dialect)
