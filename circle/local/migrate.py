"""Schema migrations for the local replica: a small ordered list, applied on open.

Why not Alembic: the replica is one SQLite file per facilitator with a handful of
tables; an ordered list of SQL scripts in `migrations/`, numbered from 1, with
the applied count kept in SQLite's `PRAGMA user_version`, does the job with no
extra dependency and opens in microseconds. Each script runs in one
transaction, so a crash mid-migration leaves the previous schema intact.

To change the schema: add `NNNN_what.sql` with the next number (never edit a
shipped one) and change the records in `circle/model.py` to match;
`tests/local/test_migrations.py` checks the two agree.
"""

import re
import sqlite3
from importlib import resources
from pathlib import Path

_SCRIPT_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer circle than this one."""


def migration_scripts() -> list[str]:
    """The migration scripts' SQL, in order; script N moves the schema from N-1 to N."""
    folder = resources.files("circle.local") / "migrations"
    named = sorted(
        (int(match.group(1)), entry.name)
        for entry in folder.iterdir()
        if (match := _SCRIPT_NAME.match(entry.name))
    )
    numbers = [number for number, _ in named]
    if numbers != list(range(1, len(named) + 1)):
        raise RuntimeError(f"migration scripts are not numbered 1..n: {numbers}")
    return [(folder / name).read_text(encoding="utf-8") for _, name in named]


def latest_version() -> int:
    """The schema version this circle writes."""
    return len(migration_scripts())


def current_version(connection: sqlite3.Connection) -> int:
    """The schema version stored in a database (0 for a new, empty one)."""
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection, path: Path) -> int:
    """Bring the database up to the latest schema; return the version it is at."""
    scripts = migration_scripts()
    version = current_version(connection)
    if version > len(scripts):
        raise SchemaTooNewError(
            f"{path} was written by a newer circle (schema {version}; this circle knows up to "
            f"{len(scripts)}). Upgrade circle to open it, or use another --data-dir."
        )
    for number, script in enumerate(scripts[version:], start=version + 1):
        connection.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
    return len(scripts)
