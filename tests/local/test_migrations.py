"""Migrations build, from an empty file, exactly the tables the records describe."""

import sqlite3
from pathlib import Path

from sqlalchemy.dialects import sqlite

from circle.local import open_replica
from circle.local.migrate import latest_version
from circle.model import RECORD_TYPES


def _columns(connection: sqlite3.Connection, table: str) -> dict[str, tuple[str, bool]]:
    rows = connection.execute(f"PRAGMA table_info({table})").fetchall()
    return {name: (kind.upper(), bool(notnull)) for _, name, kind, notnull, _, _ in rows}


def test_an_empty_database_is_migrated_to_the_latest_schema(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    open_replica(path).close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert {"outbox", "meta"} <= tables


def test_the_migrated_tables_match_the_record_models(tmp_path: Path) -> None:
    path = tmp_path / "schema.sqlite3"
    open_replica(path).close()
    dialect = sqlite.dialect()
    with sqlite3.connect(path) as connection:
        for record in RECORD_TYPES:
            table = record.__table__  # type: ignore[attr-defined]
            expected = {
                column.name: (column.type.compile(dialect=dialect).upper(), not column.nullable)
                for column in table.columns
            }
            assert _columns(connection, table.name) == expected, table.name
            indexes = {row[1] for row in connection.execute(f"PRAGMA index_list({table.name})")}
            assert {index.name for index in table.indexes} <= indexes


def test_opening_twice_migrates_once(tmp_path: Path) -> None:
    path = tmp_path / "twice.sqlite3"
    open_replica(path).close()
    open_replica(path).close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == latest_version()
