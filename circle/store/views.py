"""What each reader may see of a change: the facilitator everything, participants less.

Participants never see private notes, other members' private items, or
members' contact details. A record they may not see reaches them as a
tombstone, so a record that turns private disappears from their phones too.
"""

import functools
import json
import uuid
from typing import Any

from circle.store.changes import Logged

_FILTERED = frozenset({"members", "items", "notes"})


def record_json(logged: Logged, member_id: uuid.UUID | None) -> str:
    """The record as JSON text for this reader (None: the facilitator)."""
    if member_id is None or logged.table not in _FILTERED:
        return logged.payload
    if logged.table != "members" and '"private":true' not in logged.payload:
        return logged.payload  # nothing to hide: the same text for everyone
    if logged.table == "members":
        return _without_contact(logged.payload)
    record = visible(logged.table, json.loads(logged.payload), member_id)
    return json.dumps(record, separators=(",", ":"))


@functools.lru_cache(maxsize=4096)
def _without_contact(payload: str) -> str:
    """A member's JSON with the contact blanked; the same for every participant, so kept."""
    record = json.loads(payload)
    record["contact"] = ""
    return json.dumps(record, separators=(",", ":"))


def visible(table: str, record: dict[str, Any], member_id: uuid.UUID | None) -> dict[str, Any]:
    """The record (wire data) as this reader may see it; a tombstone when they may not."""
    if member_id is None or table not in _FILTERED:
        return record
    if table == "members":
        return {**record, "contact": ""}
    if record.get("private") and not _own(record, member_id):
        return {"id": record["id"], "version": record["version"], "deleted": True}
    return record


def change_json(logged: Logged, member_id: uuid.UUID | None) -> str:
    """One change as the JSON object the pull, the board and the stream send."""
    record = record_json(logged, member_id)
    return f'{{"seq":{logged.seq},"table":"{logged.table}","record":{record}}}'


def page_json(entries: list[Logged], last_seq: int, more: bool, member_id: uuid.UUID | None) -> str:
    changes = ",".join(change_json(entry, member_id) for entry in entries)
    return f'{{"changes":[{changes}],"last_seq":{last_seq},"more":{"true" if more else "false"}}}'


def _own(record: dict[str, object], member_id: uuid.UUID) -> bool:
    return "member_id" in record and record["member_id"] == str(member_id)
