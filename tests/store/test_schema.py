"""The store's database schema: a database written by an older store opens and is brought up
to date with everything in it kept; one written by a newer circle is refused, in one clear
line from `circle serve` and from the embedded store. Runs on SQLite and PostgreSQL."""

import sqlite3
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import psycopg
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from circle.config import Settings
from circle.model import Session, to_wire
from circle.store.app import create_app, database_url
from circle.store.db import create_store_engine, store_schema
from circle.store.embedded import EmbeddedStoreError, start_embedded_store
from circle.store.migrate import (
    SchemaVersions,
    StoreSchemaTooNewError,
    current_versions,
    held_versions,
)
from tests.store.conftest import GENEROUS

DATA = Path(__file__).parent / "data"
# What circle's first store wrote (see the dumps' headers): its ids and facilitator token.
CIRCLE = uuid.UUID("0c1c0000-0000-4000-8000-000000000001")
BO = uuid.UUID("0c1c0000-0000-4000-8000-000000000003")
SESSION = uuid.UUID("0c1c0000-0000-4000-8000-000000000004")
ITEM = uuid.UUID("0c1c0000-0000-4000-8000-000000000005")
NOTE = uuid.UUID("0c1c0000-0000-4000-8000-000000000006")
FACILITATOR = {"Authorization": "Bearer old-store-facilitator-token-0123456789abcdef"}


def _load_dump(settings: Settings) -> None:
    """Fill the store's (empty) database with what the first store wrote."""
    url = make_url(database_url(settings))
    if url.get_backend_name() == "sqlite":
        assert url.database is not None
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(url.database) as connection:
            connection.executescript((DATA / "store_first.sqlite.sql").read_text())
        return
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute((DATA / "store_first.postgresql.sql").read_text().encode())


def _versions(settings: Settings) -> SchemaVersions | None:
    engine = create_store_engine(database_url(settings))
    try:
        with engine.connect() as connection:
            return held_versions(connection)
    finally:
        engine.dispose()


def _make_newer(settings: Settings) -> None:
    """Mark the database as written by a circle one record schema ahead of this one."""
    create_app(settings).state.store.engine.dispose()
    engine = create_store_engine(database_url(settings))
    with engine.begin() as connection:
        connection.execute(
            sa.update(store_schema)
            .where(store_schema.c.name == "records")
            .values(version=current_versions().records + 1)
        )
    engine.dispose()


@pytest.fixture
async def old_store(store_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the store opened on a database the first store wrote."""
    _load_dump(store_settings)
    app = create_app(store_settings, limits=GENEROUS)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://store") as http:
            yield http


async def _records(http: httpx.AsyncClient) -> dict[str, list[dict[str, object]]]:
    page = await http.get(f"/api/v1/sessions/{SESSION}/changes", headers=FACILITATOR)
    assert page.status_code == 200, page.text
    tables: dict[str, list[dict[str, object]]] = {}
    for entry in page.json()["changes"]:
        tables.setdefault(entry["table"], []).append(entry["record"])
    return tables


async def test_a_database_the_first_store_wrote_keeps_its_session_records_and_facilitator(
    old_store: httpx.AsyncClient,
) -> None:
    records = await _records(old_store)
    assert [item["id"] for item in records["items"]] == [str(ITEM)]
    assert [note["id"] for note in records["notes"]] == [str(NOTE)]
    assert sorted(member["name"] for member in records["members"]) == ["Ana Ruiz", "Bo Lind"]
    assert records["attendances"][0]["member_id"] == str(BO)


async def test_after_the_upgrade_a_record_with_fields_the_first_store_lacked_is_taken_in(
    old_store: httpx.AsyncClient,
) -> None:
    session = Session(
        id=SESSION,
        circle_id=CIRCLE,
        format="classic",
        planned_seconds=5400,
        version="000001764028900000.00000.r0000000001",
    )
    pushed = await old_store.post(
        f"/api/v1/sessions/{SESSION}/changes",
        json={"changes": [{"table": "sessions", "record": to_wire(session)}]},
        headers=FACILITATOR,
    )
    assert pushed.status_code == 200, pushed.text
    assert pushed.json()["applied"] == [str(SESSION)]
    (stored,) = (await _records(old_store))["sessions"]
    assert stored["planned_seconds"] == 5400


async def test_after_the_upgrade_the_session_s_changes_are_numbered_on_from_the_first_store_s(
    old_store: httpx.AsyncClient, store_settings: Settings
) -> None:
    info = await old_store.get(f"/api/v1/sessions/{SESSION}", headers=FACILITATOR)
    assert info.json()["last_seq"] == 7  # the first store numbered seven changes
    session = Session(
        id=SESSION, circle_id=CIRCLE, format="classic", version="000001764028900000.00000.r01"
    )
    pushed = await old_store.post(
        f"/api/v1/sessions/{SESSION}/changes",
        json={"changes": [{"table": "sessions", "record": to_wire(session)}]},
        headers=FACILITATOR,
    )
    assert pushed.json()["last_seq"] == 8
    page = await old_store.get(f"/api/v1/sessions/{SESSION}/changes?after=7", headers=FACILITATOR)
    changes = page.json()["changes"]
    assert [(change["seq"], change["record"]["id"]) for change in changes] == [(8, str(SESSION))]
    assert "last_seq" not in _columns(store_settings, "store_sessions")  # the log holds it now


def _columns(settings: Settings, table: str) -> set[str]:
    engine = create_store_engine(database_url(settings))
    try:
        with engine.connect() as connection:
            return {str(column["name"]) for column in sa.inspect(connection).get_columns(table)}
    finally:
        engine.dispose()


async def test_a_phone_that_joined_the_first_store_joins_again_as_the_same_member(
    old_store: httpx.AsyncClient,
) -> None:
    info = await old_store.get(f"/api/v1/sessions/{SESSION}", headers=FACILITATOR)
    code = info.json()["join_code"]
    joined = await old_store.post("/api/v1/join", json={"code": code, "member_id": str(BO)})
    assert joined.status_code == 200, joined.text
    members = (await _records(old_store))["members"]
    assert sorted(member["name"] for member in members) == ["Ana Ruiz", "Bo Lind"]


async def test_the_upgraded_database_records_this_circle_s_schema_and_opens_as_it_is(
    old_store: httpx.AsyncClient, store_settings: Settings
) -> None:
    assert _versions(store_settings) == current_versions()
    create_app(store_settings).state.store.engine.dispose()
    assert _versions(store_settings) == current_versions()


def test_a_new_database_starts_at_this_circle_s_schema(store_settings: Settings) -> None:
    create_app(store_settings).state.store.engine.dispose()
    assert _versions(store_settings) == current_versions()


def _record_indexes(settings: Settings) -> dict[str, set[str]]:
    engine = create_store_engine(database_url(settings))
    try:
        with engine.connect() as connection:
            inspector = sa.inspect(connection)
            return {
                table: {str(index["name"]) for index in inspector.get_indexes(table)}
                for table in ("circles", "members", "items", "notes", "matches", "thanks")
            }
    finally:
        engine.dispose()


STORE_RECORD_INDEXES = {
    "circles": set(),
    "members": {"ix_members_circle_id"},
    "items": set(),
    "notes": set(),
    "matches": set(),
    "thanks": set(),
}
"""A push writes a record and its change-log entry, nothing more: the store finds records by id
(and a circle's members by circle), so it keeps none of the replica's other indexes."""


def test_a_new_database_keeps_only_the_record_indexes_the_store_reads_through(
    store_settings: Settings,
) -> None:
    create_app(store_settings).state.store.engine.dispose()
    assert _record_indexes(store_settings) == STORE_RECORD_INDEXES


async def test_an_upgraded_database_drops_the_record_indexes_the_store_never_reads(
    old_store: httpx.AsyncClient, store_settings: Settings
) -> None:
    assert _record_indexes(store_settings) == STORE_RECORD_INDEXES
    records = await _records(old_store)
    assert sorted(str(member["name"]) for member in records["members"]) == ["Ana Ruiz", "Bo Lind"]


def test_a_database_from_a_newer_circle_is_refused_and_left_alone(
    store_settings: Settings,
) -> None:
    _make_newer(store_settings)
    with pytest.raises(StoreSchemaTooNewError, match="written by a newer circle") as refused:
        create_app(store_settings)
    assert "Upgrade circle" in str(refused.value)
    assert _versions(store_settings) != current_versions()


def test_circle_serve_refuses_a_newer_database_in_one_line(store_settings: Settings) -> None:
    _make_newer(store_settings)
    command = [sys.executable, "-m", "circle", "--data-dir", str(store_settings.data_dir)]
    command += ["serve", "--port", "1"]
    if store_settings.store_db_url:
        command += ["--db", store_settings.store_db_url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "written by a newer circle" in line
    assert "Traceback" not in result.stderr


def test_the_embedded_store_refuses_a_newer_database_with_its_own_error(
    store_settings: Settings,
) -> None:
    _make_newer(store_settings)
    with pytest.raises(EmbeddedStoreError, match="written by a newer circle"):
        start_embedded_store(store_settings)
