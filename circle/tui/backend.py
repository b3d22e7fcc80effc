"""Everything the console reads and writes, opened in a worker after the first frame.

Methods here block (database, network): call them from thread workers and post
the results back as messages. This module may import the database layer; the
app and its screens import it only inside workers.
"""

import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from circle.config import Settings
from circle.errors import UserError
from circle.local import Replica, ReplicaError, open_replica

if TYPE_CHECKING:
    from circle.live.link import StoreLink


class BackendError(RuntimeError):
    """The console's data cannot be opened; the message says why in one line."""


@dataclass
class Backend:
    """The facilitator's data: the local replica (and, as they land, store, sync and matcher)."""

    settings: Settings
    replica: Replica
    demo_circle_id: uuid.UUID | None = None
    """The demo circle, when the console was opened with `circle demo`."""
    _link: "StoreLink | None" = field(default=None, init=False, repr=False)
    _link_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @classmethod
    def open(
        cls, settings: Settings, *, seed_demo: bool = False, now: datetime | None = None
    ) -> "Backend":
        """Open the replica, seeding the demo circle first when asked (its dates relative to
        `now`)."""
        try:
            replica = open_replica(settings.replica_path)
        except ReplicaError as exc:
            raise BackendError(str(exc)) from exc
        if seed_demo:
            from circle.demo import seed_demo as seed

            try:
                seeded = seed(replica, settings.user_formats_dir, now=now)
            except UserError as exc:
                replica.close()
                raise BackendError(str(exc)) from exc
            return cls(settings, replica, demo_circle_id=seeded.circle.id)
        return cls(settings, replica)

    def store_link(self) -> "StoreLink":
        """The store to sync with: started (embedded) or looked up (remote) once per console."""
        from circle.live.link import open_store

        with self._link_lock:
            if self._link is None:
                self._link = open_store(self.settings)
            return self._link

    def close(self) -> None:
        with self._link_lock:
            if self._link is not None:
                self._link.close()
        self.replica.close()
