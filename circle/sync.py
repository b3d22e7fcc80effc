"""The store client: the only code on the facilitator's side that speaks HTTP (httpx).

It drains the replica's outbox to the store in batches, pulls and applies the
changes of the session it follows, follows the live stream, and backs off and
retries while the store is away. It never imports textual: the TUI runs
`client.run()` in a worker and relays `on_status` calls as messages.

    client = SyncClient(replica, "http://127.0.0.1:8765", on_status=report)
    await client.register(session)   # token and join code, kept in the replica
    client.follow(session.id)
    await client.run()               # until cancelled; call client.nudge() after saves
    await client.aclose()

`client.status` is a `SyncStatus`: online, offline with N changes queued, or
conflict (a concurrent note edit was kept as a copy) until
`acknowledge_conflicts()`. Tokens live in the replica's metadata and never in
logs or messages.
"""

import asyncio
import contextlib
import enum
import json
import logging
import random
import secrets
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from typing import Any

import httpx

from circle.local import OutboxEntry, Replica
from circle.model import Session, SyncFields

log = logging.getLogger(__name__)

MAX_BATCH_BYTES = 60 * 1024
"""Stay under the store's 64 KiB body limit."""


class SyncState(enum.StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    CONFLICT = "conflict"
    REFUSED = "refused"
    """The store refused a change or a credential; the message says why."""


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows about sync."""

    state: SyncState
    queued: int = 0
    """Changes in the outbox, not yet acknowledged by the store."""
    conflicts: int = 0
    message: str = ""

    def __str__(self) -> str:
        if self.state is SyncState.OFFLINE:
            return f"offline · {self.queued} changes queued"
        if self.state is SyncState.CONFLICT:
            return f"conflict · {self.conflicts} note edits kept as copies"
        if self.state is SyncState.REFUSED:
            return f"sync refused · {self.message}"
        return "online" if not self.queued else f"online · {self.queued} to send"


class StoreUnavailableError(Exception):
    """The store cannot be reached or failed; try again later."""


class StoreRefusedError(Exception):
    """The store answered no (bad token, invalid change); retrying the same will not help."""


@dataclass(frozen=True)
class Registration:
    session_id: uuid.UUID
    join_code: str


class SyncClient:
    """Keeps one replica in sync with one store."""

    def __init__(
        self,
        replica: Replica,
        base_url: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        on_status: Callable[[SyncStatus], None] | None = None,
        on_change: Callable[[list[SyncFields]], None] | None = None,
        batch_size: int = 100,
        retry_min: float = 0.5,
        retry_max: float = 30.0,
        poll_seconds: float = 2.0,
    ) -> None:
        self.replica = replica
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            transport=transport,
            timeout=httpx.Timeout(10.0, read=30.0),
        )
        self._on_status = on_status
        self._on_change = on_change
        self._batch_size = batch_size
        self._retry = (retry_min, retry_max)
        self._poll = poll_seconds
        self._following: uuid.UUID | None = None
        self._nudged = asyncio.Event()
        self._status = SyncStatus(SyncState.OFFLINE)

    @property
    def status(self) -> SyncStatus:
        return self._status

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> "SyncClient":
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    def follow(self, session_id: uuid.UUID) -> None:
        """Pull and stream this session's changes into the replica."""
        self._following = session_id
        self.nudge()

    def nudge(self) -> None:
        """Push now rather than at the next poll (call after saving)."""
        self._nudged.set()

    def acknowledge_conflicts(self) -> None:
        """The facilitator has seen the conflict copies; back to online."""
        self._report(replace(self._status, conflicts=0), settled=True)

    # --- sessions ----------------------------------------------------------------

    async def register(self, session: Session) -> Registration:
        """Register the session on the store (safe to repeat) and keep its token and join code."""
        token = await self._meta(_token_key(session.id))
        if token is None:
            token = secrets.token_urlsafe(32)
            await asyncio.to_thread(self.replica.set_meta, _token_key(session.id), token)
        body = {"session_id": str(session.id), "circle_id": str(session.circle_id), "token": token}
        response = await self._send("POST", "/api/v1/sessions", json=body)
        if response.status_code == 409:
            raise StoreRefusedError("this session is registered on the store under another token")
        data = self._ok(response)
        await asyncio.to_thread(
            self.replica.set_meta, _circle_key(session.circle_id), str(session.id)
        )
        await asyncio.to_thread(self._keep_join_code, session.id, data["join_code"])
        return Registration(session.id, data["join_code"])

    def _keep_join_code(self, session_id: uuid.UUID, code: str) -> None:
        session = self.replica.get(Session, session_id)
        if session is not None and session.join_code != code:
            session.join_code = code
            self.replica.save(session)

    # --- push ------------------------------------------------------------------

    async def push(self) -> int:
        """Send every routable outbox entry; return how many the store acknowledged.

        With nothing to send while offline, it asks the store whether it is back, so
        the status says online only once the store has answered.
        """
        sent = 0
        while batches := await asyncio.to_thread(self._next_batches):
            for session_id, entries in batches.items():
                await self._push_batch(session_id, entries)
                sent += len(entries)
        if not sent and self._status.state is SyncState.OFFLINE:
            await self._send("GET", "/healthz")
        await self._report_ok()
        return sent

    def _next_batches(self) -> dict[uuid.UUID, list[OutboxEntry]]:
        """The oldest outbox entries that have a registered session, grouped by session."""
        batches: dict[uuid.UUID, list[OutboxEntry]] = {}
        size, after, taken = 0, 0, 0
        while taken < self._batch_size and (page := self.replica.pending(200, after)):
            for entry in page:
                after = entry.seq
                session_id = self._route(entry)
                weight = len(json.dumps(entry.payload, ensure_ascii=False).encode()) + 100
                if session_id is None or (taken and size + weight > MAX_BATCH_BYTES):
                    continue
                batches.setdefault(session_id, []).append(entry)
                size, taken = size + weight, taken + 1
                if taken >= self._batch_size:
                    break
        return batches

    def _route(self, entry: OutboxEntry) -> uuid.UUID | None:
        """The registered session whose stream carries this change, if any yet."""
        session = self._session_of(entry)
        if session is None or self.replica.get_meta(_token_key(session)) is None:
            return None
        return uuid.UUID(session)

    def _session_of(self, entry: OutboxEntry) -> str | None:
        """The session a change belongs to (circle-wide records: the circle's registered one)."""
        payload = entry.payload
        if entry.table == "sessions":
            return str(entry.record_id)
        if payload.get("session_id"):
            return str(payload["session_id"])
        circle = str(entry.record_id) if entry.table == "circles" else payload.get("circle_id")
        return self.replica.get_meta(_circle_key(circle)) if circle else None

    def _queued(self) -> int:
        """Changes waiting for the store: those of registered sessions and of the one followed.

        Records of sessions run before there was a store (the demo's past session)
        stay local and are not counted: nothing will send them.
        """
        following = str(self._following) if self._following else None
        waiting: dict[str, bool] = {}
        count, after = 0, 0
        while page := self.replica.pending(500, after):
            for entry in page:
                after = entry.seq
                session = self._session_of(entry)
                if session is None:
                    continue
                if session not in waiting:
                    registered = self.replica.get_meta(_token_key(session)) is not None
                    waiting[session] = registered or session == following
                count += waiting[session]
        return count

    async def _push_batch(self, session_id: uuid.UUID, entries: list[OutboxEntry]) -> None:
        changes = [
            {"table": e.table, "base_version": e.base_version, "record": e.payload} for e in entries
        ]
        path = f"/api/v1/sessions/{session_id}/changes"
        response = await self._authorized("POST", path, session_id, json={"changes": changes})
        result = self._ok(response)
        await asyncio.to_thread(self.replica.acknowledge, [e.seq for e in entries])
        if result["conflicts"]:
            log.info("%d concurrent note edits kept as conflict copies", len(result["conflicts"]))
            conflicts = self._status.conflicts + len(result["conflicts"])
            self._report(replace(self._status, state=SyncState.CONFLICT, conflicts=conflicts))

    # --- pull and stream ---------------------------------------------------------

    async def pull(self) -> int:
        """Apply the followed session's changes since the last pull; return how many."""
        session_id = self._following
        if session_id is None:
            return 0
        applied = 0
        cursor = int(await self._meta(_cursor_key(session_id)) or 0)
        while True:
            path = f"/api/v1/sessions/{session_id}/changes"
            response = await self._authorized("GET", path, session_id, params={"after": cursor})
            page = self._ok(response)
            applied += await asyncio.to_thread(self._apply, page["changes"])
            cursor = page["last_seq"]
            await asyncio.to_thread(self.replica.set_meta, _cursor_key(session_id), str(cursor))
            if not page["more"]:
                return applied

    async def follow_stream(self) -> None:
        """Apply live changes of the followed session until the stream ends or fails."""
        session_id = self._following
        if session_id is None:
            return
        cursor = await self._meta(_cursor_key(session_id)) or "0"
        path = f"/api/v1/sessions/{session_id}/stream"
        headers = {**self._auth(session_id), "Last-Event-ID": cursor}
        try:
            async with self._http.stream("GET", path, headers=headers) as response:
                if response.status_code != 200:
                    await response.aread()
                    self._ok(response)
                await self._report_ok()
                async for events in _sse_batches(response.aiter_text()):
                    await asyncio.to_thread(self._apply_events, session_id, events)
        except httpx.TransportError as exc:
            raise StoreUnavailableError(str(exc)) from exc

    def _apply_events(self, session_id: uuid.UUID, events: list[tuple[str, str]]) -> None:
        self._apply([json.loads(data) for _, data in events])
        self.replica.set_meta(_cursor_key(session_id), events[-1][0])

    def _apply(self, changes: list[dict[str, Any]]) -> int:
        """Apply changes in order, a run of one table at a time; tell `on_change` what changed."""
        applied: list[SyncFields] = []
        start = 0
        for end in range(1, len(changes) + 1):
            if end == len(changes) or changes[end]["table"] != changes[start]["table"]:
                rows = [change["record"] for change in changes[start:end]]
                applied += self.replica.apply_remote(changes[start]["table"], rows)
                start = end
        if applied and self._on_change is not None:
            self._on_change(applied)
        return len(applied)

    # --- running -------------------------------------------------------------------

    async def sync(self) -> None:
        """Push everything, then pull everything (one round, for tests and `circle` commands)."""
        await self.push()
        await self.pull()

    async def run(self) -> None:
        """Push and stream until cancelled, backing off while the store is away."""
        async with asyncio.TaskGroup() as group:
            group.create_task(self._keep_pushing())
            group.create_task(self._keep_streaming())

    async def _keep_pushing(self) -> None:
        failures = 0
        while True:
            self._nudged.clear()
            try:
                await self.push()
                failures = 0
            except StoreUnavailableError:
                failures += 1
            except StoreRefusedError as exc:
                self._report(replace(self._status, state=SyncState.REFUSED, message=str(exc)))
                failures += 1
            wait = self._backoff(failures) if failures else self._poll
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._nudged.wait(), timeout=wait)

    async def _keep_streaming(self) -> None:
        failures = 0
        while True:
            if self._following is None:
                await asyncio.sleep(self._poll)
                continue
            try:
                await self.pull()
                failures = 0
                await self.follow_stream()
            except StoreUnavailableError:
                failures += 1
            except StoreRefusedError as exc:
                self._report(replace(self._status, state=SyncState.REFUSED, message=str(exc)))
                failures += 1
            await asyncio.sleep(self._backoff(failures))

    def _backoff(self, failures: int) -> float:
        low, high = self._retry
        if failures == 0:
            return low
        delay: float = min(high, low * 2 ** min(failures - 1, 16))
        return delay * random.uniform(0.5, 1.0)

    # --- HTTP ------------------------------------------------------------------------

    async def _authorized(
        self, method: str, path: str, session_id: uuid.UUID, **kwargs: Any
    ) -> httpx.Response:
        """Send with the session's token; a store that forgot the session gets it re-registered."""
        response = await self._send(method, path, headers=self._auth(session_id), **kwargs)
        if response.status_code == 404 and await self._reregister(session_id):
            response = await self._send(method, path, headers=self._auth(session_id), **kwargs)
        return response

    async def _reregister(self, session_id: uuid.UUID) -> bool:
        session = await asyncio.to_thread(self.replica.get, Session, session_id)
        if session is None:
            return False
        await self.register(session)
        return True

    def _auth(self, session_id: uuid.UUID) -> dict[str, str]:
        token = self.replica.get_meta(_token_key(session_id))
        if token is None:
            raise StoreRefusedError(f"session {session_id} is not registered on the store")
        return {"Authorization": f"Bearer {token}"}

    async def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        for _ in range(5):
            try:
                response = await self._http.request(method, path, **kwargs)
            except httpx.TransportError as exc:
                await self._report_offline(str(exc) or type(exc).__name__)
                raise StoreUnavailableError(str(exc)) from exc
            if response.status_code != 429:
                break
            await asyncio.sleep(min(30.0, float(response.headers.get("Retry-After", "1"))))
        if response.status_code >= 500:
            await self._report_offline(f"store error {response.status_code}")
            raise StoreUnavailableError(f"the store answered {response.status_code}")
        return response

    @staticmethod
    def _ok(response: httpx.Response) -> dict[str, Any]:
        if response.status_code >= 400:
            try:
                detail = response.json().get("detail", "")
            except (ValueError, AttributeError):
                detail = response.text[:200]
            raise StoreRefusedError(f"{response.status_code}: {detail}")
        data: dict[str, Any] = response.json()
        return data

    # --- status ------------------------------------------------------------------------

    async def _report_ok(self) -> None:
        queued = await asyncio.to_thread(self._queued)
        self._report(replace(self._status, queued=queued, message=""), settled=True)

    async def _report_offline(self, why: str) -> None:
        queued = await asyncio.to_thread(self._queued)
        self._report(replace(self._status, state=SyncState.OFFLINE, queued=queued, message=why))

    def _report(self, status: SyncStatus, *, settled: bool = False) -> None:
        if settled:
            state = SyncState.CONFLICT if status.conflicts else SyncState.ONLINE
            status = replace(status, state=state)
        if status != self._status:
            self._status = status
            if self._on_status is not None:
                self._on_status(status)

    async def _meta(self, key: str) -> str | None:
        return await asyncio.to_thread(self.replica.get_meta, key)


def store_answers(url: str, timeout: float = 3.0) -> str | None:
    """None when the store at `url` answers its health check; otherwise why not, in words."""
    try:
        response = httpx.get(f"{url.rstrip('/')}/healthz", timeout=timeout)
    except httpx.HTTPError as exc:
        return str(exc) or type(exc).__name__
    return None if response.status_code == 200 else f"it answered {response.status_code}"


async def _sse_batches(chunks: AsyncIterator[str]) -> AsyncIterator[list[tuple[str, str]]]:
    """(id, data) of the Server-Sent Events completed by each chunk received, together.

    Applying what arrived together in one go keeps a busy stream cheap; comments
    and retry hints are skipped.
    """
    pending = ""
    async for chunk in chunks:
        pending += chunk.replace("\r\n", "\n")
        *blocks, pending = pending.split("\n\n")
        events = [event for block in blocks if (event := _sse_event(block)) is not None]
        if events:
            yield events


def _sse_event(block: str) -> tuple[str, str] | None:
    event_id, data = "", []
    for line in block.split("\n"):
        if line.startswith("id:"):
            event_id = line[3:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
    return (event_id, "\n".join(data)) if event_id and data else None


def _token_key(session_id: uuid.UUID | str) -> str:
    return f"store_token:{session_id}"


def _circle_key(circle_id: uuid.UUID | str) -> str:
    return f"store_session_of_circle:{circle_id}"


def _cursor_key(session_id: uuid.UUID | str) -> str:
    return f"store_cursor:{session_id}"
