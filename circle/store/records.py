"""Records the store reads and writes for participants, through the same path as a push."""

import asyncio
import uuid
from typing import Any, TypeVar

from fastapi import HTTPException
from sqlmodel import Session as DbSession

from circle.model import SyncFields, table_name, to_wire, utcnow
from circle.store.auth import Principal
from circle.store.changes import Batch, Incoming
from circle.store.service import Store
from circle.store.writer import applying

R = TypeVar("R", bound=SyncFields)


async def load(store: Store, cls: type[R], record_id: uuid.UUID) -> R | None:
    """One record by id (tombstones included), or None."""

    def read() -> R | None:
        with DbSession(store.engine, expire_on_commit=False) as session:
            return session.get(cls, record_id)

    return await asyncio.to_thread(read)


async def load_in_session(
    store: Store, principal: Principal, cls: type[R], record_id: uuid.UUID
) -> R:
    """A live record of the caller's session, or 404."""
    record = await load(store, cls, record_id)
    if (
        record is None
        or record.deleted
        or getattr(record, "session_id", None) != (principal.session.id)
    ):
        raise HTTPException(404, f"no such {cls.__name__.lower()} in this session")
    return record


async def write(store: Store, session_id: uuid.UUID, *records: SyncFields) -> list[dict[str, Any]]:
    """Version and write records made or changed by the store; 409 if a newer edit got there first.

    Each record's current version is its base; it gets a new version from the
    store's clock, newer than the one it replaces.
    """
    changes = []
    for record in records:
        base = record.version
        record.version = store.next_version(after=base)
        record.updated_at = utcnow()
        changes.append(Incoming(table_name(record), base, record.model_dump()))
    outcome = await store.writer.submit(applying(Batch(session_id, changes)), session_id)
    if outcome.unchanged:
        raise HTTPException(409, "someone changed this at the same moment; try again")
    return [to_wire(record) for record in records]
