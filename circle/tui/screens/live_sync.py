"""The live screen's sync desk: the sync client on its own thread and event loop.

Network work never runs on the UI thread: the client pushes, pulls and follows the
live stream in a thread with its own asyncio loop, and reports through messages
(`post_message` is thread-safe). Until the store answers the session is simply
saved locally; nothing waits for the network.
"""

import asyncio
import threading
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from circle.live.link import StoreLink
    from circle.local import Replica
    from circle.sync import SyncClient, SyncStatus
    from circle.tui.backend import Backend

POLL_SECONDS = 10.0
"""How often the client looks for changes to push unasked; every save nudges it at once."""
RETRY_SECONDS = (1.0, 30.0)
"""The first and the longest wait between attempts to register the session."""


@dataclass
class SyncChanged(Message, bubble=False):
    """What the status line should say about sync now."""

    text: str


@dataclass
class JoinReady(Message, bubble=False):
    """The session is registered: phones can join with this code and link."""

    code: str
    url: str
    warning: str | None


@dataclass
class RemoteChanges(Message, bubble=False):
    """Records the store sent (items from phones, members joining, hands raised)."""

    records: list[Any]


class SyncDesk:
    """Keeps one running session in sync with the store, off the UI thread."""

    def __init__(self, target: MessagePump, backend: "Backend", session_id: uuid.UUID) -> None:
        self.target, self.backend, self.session_id = target, backend, session_id
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._client: SyncClient | None = None
        self._thread = threading.Thread(target=self._run, name="sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def nudge(self) -> None:
        """Push now (call from any thread after a save)."""
        loop, client = self._loop, self._client
        if loop is not None and client is not None and not loop.is_closed():
            loop.call_soon_threadsafe(client.nudge)

    def stop(self, timeout: float = 5.0) -> None:
        """Cancel the client and wait (briefly) for its thread to end."""
        loop, task = self._loop, self._task
        if loop is not None and task is not None and not loop.is_closed():
            loop.call_soon_threadsafe(task.cancel)
        if self._thread.is_alive():
            self._thread.join(timeout)

    # --- on the sync thread ---------------------------------------------------------

    def _run(self) -> None:
        from circle.live.link import StoreLinkError

        try:
            link = self.backend.store_link()
        except StoreLinkError as exc:
            self.target.post_message(SyncChanged(f"local only · no store: {exc}"))
            return
        self.target.post_message(SyncChanged("connecting…"))
        asyncio.run(self._follow(link))

    async def _follow(self, link: "StoreLink") -> None:
        from circle.sync import SyncClient

        self._task = asyncio.current_task()
        client = SyncClient(
            self.backend.replica,
            link.url,
            on_status=self._status,
            on_change=self._changed,
            poll_seconds=POLL_SECONDS,
        )
        self._client, self._loop = client, asyncio.get_running_loop()
        try:
            async with client:
                code = await self._register(client, self.backend.replica)
                self._tell_join(link, code)
                client.follow(self.session_id)
                await client.run()
        except asyncio.CancelledError:
            pass

    async def _register(self, client: "SyncClient", replica: "Replica") -> str:
        """Register the session, trying again while the store is away."""
        from circle.model import Session
        from circle.sync import StoreRefusedError, StoreUnavailableError

        wait, longest = RETRY_SECONDS
        while True:
            session = await asyncio.to_thread(replica.get, Session, self.session_id)
            assert session is not None
            try:
                return (await client.register(session)).join_code
            except (StoreUnavailableError, StoreRefusedError) as exc:
                self.target.post_message(SyncChanged(f"offline · {exc}"[:120]))
            await asyncio.sleep(wait)
            wait = min(longest, wait * 2)

    def _tell_join(self, link: "StoreLink", code: str) -> None:
        from circle.joinlink import join_url

        if link.join_base is not None:
            url = join_url(link.join_base, code)
            self.target.post_message(JoinReady(code, url, link.warning))

    def _status(self, status: "SyncStatus") -> None:
        self.target.post_message(SyncChanged(str(status)))

    def _changed(self, records: list[Any]) -> None:
        self.target.post_message(RemoteChanges(records))
