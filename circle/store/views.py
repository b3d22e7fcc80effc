"""What each reader may see of a change: the facilitator everything, participants less.

Participants never see private notes, other members' private items, or
members' contact details. A record they may not see reaches them as a
tombstone, so a record that turns private disappears from their phones too.

Each change has two views at most — the whole record (the facilitator, a
private record's author) and what other participants see — and each is worked
out once per change and kept with it, so fanning a change out to hundreds of
phones costs no JSON work per phone.
"""

import json
import uuid
from collections.abc import Mapping
from typing import Any

from starlette.responses import Response

from circle.store.changes import Logged, Outcome

_FILTERED = frozenset({"members", "items", "notes"})


def record_json(logged: Logged, member_id: uuid.UUID | None) -> str:
    """The record as JSON text for this reader (None: the facilitator)."""
    if _sees_all(logged, member_id):
        return logged.payload
    return _shared(logged)[1]


def visible(table: str, record: dict[str, Any], member_id: uuid.UUID | None) -> dict[str, Any]:
    """The record (wire data) as this reader may see it; a tombstone when they may not."""
    if member_id is None or table not in _FILTERED:
        return record
    if table == "members":
        return {**record, "contact": ""}
    if record.get("private") and record.get("member_id") != str(member_id):
        return _tombstone(record)
    return record


def change_json(logged: Logged, member_id: uuid.UUID | None) -> str:
    """One change as the JSON object the pull, the board and the stream send."""
    record = record_json(logged, member_id)
    return f'{{"seq":{logged.seq},"table":"{logged.table}","record":{record}}}'


def event_frame(logged: Logged, member_id: uuid.UUID | None) -> bytes:
    """One change as a Server-Sent Event (`id` is its sequence number), ready to send."""
    key = "frame" if _sees_all(logged, member_id) else "shared frame"
    frame: bytes | None = logged.views.get(key)
    if frame is None:
        data = change_json(logged, member_id)
        frame = logged.views[key] = f"id: {logged.seq}\nevent: change\ndata: {data}\n\n".encode()
    return frame


def page_json(entries: list[Logged], last_seq: int, more: bool, member_id: uuid.UUID | None) -> str:
    changes = ",".join(change_json(entry, member_id) for entry in entries)
    return f'{{"changes":[{changes}],"last_seq":{last_seq},"more":{"true" if more else "false"}}}'


def push_result_json(outcome: Outcome) -> str:
    """A push's answer (`PushResult`) as JSON text: ids, table names and a number need no
    escaping, and are the store's own values, so no model has to check them again."""
    applied = ",".join(f'"{record_id}"' for record_id in outcome.applied)
    unchanged = ",".join(f'"{record_id}"' for record_id in outcome.unchanged)
    conflicts = ",".join(
        f'{{"table":"{c.table}","record_id":"{c.record_id}","copy_id":"{c.copy_id}"}}'
        for c in outcome.conflicts
    )
    return (
        f'{{"applied":[{applied}],"unchanged":[{unchanged}],'
        f'"conflicts":[{conflicts}],"last_seq":{outcome.last_seq}}}'
    )


class JSONText(Response):
    """JSON text the store wrote itself, answered as it is.

    Starlette's `Response` works the headers out for any media type, charset and
    status; this one's are always the same two.
    """

    media_type = "application/json"

    def init_headers(self, headers: Mapping[str, str] | None = None) -> None:
        if headers is not None or self.status_code != 200:
            super().init_headers(headers)
            return
        length = str(len(self.body)).encode()
        self.raw_headers = [(b"content-length", length), (b"content-type", b"application/json")]


def _sees_all(logged: Logged, member_id: uuid.UUID | None) -> bool:
    """True for the facilitator, for unfiltered tables and for a private record's author."""
    if member_id is None or logged.table not in _FILTERED:
        return True
    owner = _shared(logged)[0]
    return owner is not None and owner == str(member_id)


def _shared(logged: Logged) -> tuple[str | None, str]:
    """(the author of a private record, or None; the record as other participants see it)."""
    shared: tuple[str | None, str] | None = logged.views.get("shared")
    if shared is None:
        shared = logged.views["shared"] = _participants_view(logged)
    return shared


def _participants_view(logged: Logged) -> tuple[str | None, str]:
    if logged.table != "members" and '"private":true' not in logged.payload:
        return None, logged.payload  # nothing to hide, and no need to parse it to know
    record = json.loads(logged.payload)
    if logged.table == "members":
        record["contact"] = ""
        return None, json.dumps(record, separators=(",", ":"), ensure_ascii=False)
    if not record.get("private"):
        return None, logged.payload
    owner = record.get("member_id")
    return (str(owner) if owner else None), json.dumps(_tombstone(record), separators=(",", ":"))


def _tombstone(record: dict[str, Any]) -> dict[str, Any]:
    return {"id": record["id"], "version": record["version"], "deleted": True}
