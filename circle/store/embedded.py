"""The embedded store: the same app, served by uvicorn on a thread of the calling process.

When no remote store is configured the TUI starts one and syncs to it exactly
as to a remote store (one code path):

    store = start_embedded_store(settings)      # SQLite in the data directory
    client = SyncClient(replica, store.url)
    ...
    store.stop()                                # on exit; waits for the server to close

It listens on 127.0.0.1 by default; pass `host="0.0.0.0"` to let phones on the
local network reach it.
"""

import socket
import threading
import time
from dataclasses import dataclass

import uvicorn

from circle.config import Settings
from circle.store.app import create_app
from circle.store.migrate import StoreSchemaTooNewError
from circle.store.service import Limits

_START_TIMEOUT = 15.0


class EmbeddedStoreError(RuntimeError):
    """The embedded store could not start; the message says why."""


@dataclass
class EmbeddedStore:
    """A running embedded store: its base URL, and how to stop it."""

    url: str
    port: int
    _server: uvicorn.Server
    _thread: threading.Thread

    def stop(self) -> None:
        """Stop serving, close open streams and the database; returns when all is closed."""
        self._server.should_exit = True
        self._thread.join(timeout=10)

    @property
    def running(self) -> bool:
        return self._thread.is_alive() and self._server.started


def start_embedded_store(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    limits: Limits | None = None,
) -> EmbeddedStore:
    """Serve the store in this process on `port` (0: a free one); return once it answers."""
    try:
        app = create_app(settings, limits=limits)
    except StoreSchemaTooNewError as exc:
        raise EmbeddedStoreError(str(exc)) from exc
    sock = _listening_socket(host, port)
    config = uvicorn.Config(
        app, log_level="warning", timeout_graceful_shutdown=1, access_log=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="circle-embedded-store", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + _START_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            raise EmbeddedStoreError("the embedded store did not start; see the log")
        time.sleep(0.01)
    bound = sock.getsockname()[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    return EmbeddedStore(f"http://{shown}:{bound}", bound, server, thread)


def _listening_socket(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise EmbeddedStoreError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock
