"""`circle serve` as the README shows it: SQLite in the data directory by default, PostgreSQL
with `--db` (or `CIRCLE_STORE_DB`), and a database it cannot use named in one line."""

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.store.processes import ROOT, StoreProcess, free_port


def _serve(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `circle serve` to its end (it ends at once when it cannot start)."""
    command = [sys.executable, "-m", "circle", "--data-dir", str(data_dir), "serve"]
    command += ["--port", str(free_port()), *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=60, check=False, cwd=ROOT
    )


def _health(store: StoreProcess) -> dict[str, str]:
    """Start the store, read its /healthz, stop it."""
    try:
        store.start()
        health: dict[str, str] = httpx.get(f"{store.url}/healthz", timeout=5).json()
    finally:
        store.stop()
    return health


def test_by_default_the_store_keeps_a_sqlite_database_in_the_data_directory(
    tmp_path: Path,
) -> None:
    store = StoreProcess(tmp_path / "data")
    health = _health(store)
    assert health["database"] == "sqlite"
    assert (tmp_path / "data" / "store.sqlite3").is_file()


def test_with_a_postgresql_url_the_store_runs_on_postgresql(
    tmp_path: Path, postgres_url: str
) -> None:
    store = StoreProcess(tmp_path / "data", db_url=postgres_url)
    health = _health(store)
    assert health["database"] == "postgresql"
    assert not (tmp_path / "data" / "store.sqlite3").exists()


def test_a_plain_postgresql_url_from_the_environment_works_too(
    tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CIRCLE_STORE_DB", postgres_url.replace("+psycopg", ""))
    store = StoreProcess(tmp_path / "data")
    health = _health(store)
    assert health["database"] == "postgresql"


def test_a_url_of_another_database_kind_is_refused_in_one_line(tmp_path: Path) -> None:
    result = _serve(tmp_path, "--db", "mysql://circle@localhost/circle")
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "unsupported database URL" in line
    assert "postgresql+psycopg://" in line


def test_an_unreachable_postgresql_is_named_in_one_line(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://circle:secret@127.0.0.1:{free_port()}/circle"
    result = _serve(tmp_path, "--db", url)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "cannot open the store's database" in line
    assert "secret" not in line
