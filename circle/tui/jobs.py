"""A thread that runs blocking jobs one at a time, in the order given, off the UI thread.

The live screen keeps two: one writes the session to the replica, one runs the
matcher. A Textual worker per save could run two saves at once or out of order; a
clock transition saved after the one that followed it would resume the wrong turn.
A `JobThread` runs every job on one thread, in order, and posts the outcome back to
the screen as a message (`post_message` is thread-safe). `close()` waits for the
jobs already queued, so leaving the screen or quitting loses nothing.
"""

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump


@dataclass
class JobDone(Message, bubble=False):
    """A job finished; `then` (if any) runs on the UI thread with its result."""

    label: str
    result: Any
    then: Callable[[Any], None] | None = field(default=None, repr=False)


@dataclass
class JobFailed(Message, bubble=False):
    """A job raised; the screen tells the facilitator (what was typed is still on screen)."""

    label: str
    error: BaseException


_STOP = object()


class JobThread:
    """Runs blocking jobs one at a time, in submission order, on its own thread."""

    def __init__(self, target: MessagePump, name: str) -> None:
        self._target = target
        self._jobs: queue.Queue[Any] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()
        self._closed = False

    def submit(
        self, label: str, job: Callable[[], Any], then: Callable[[Any], None] | None = None
    ) -> None:
        """Queue a job; `then(result)` runs on the UI thread once it is done."""
        if self._closed:
            raise RuntimeError(f"{self._thread.name} is closed")
        self._jobs.put((label, job, then))

    def close(self, timeout: float = 10.0) -> None:
        """Finish the queued jobs, then stop the thread."""
        if not self._closed:
            self._closed = True
            self._jobs.put(_STOP)
        self._thread.join(timeout)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every job queued so far is done (tests and shutdown); False on timeout."""
        done = threading.Event()
        self._jobs.put(("flush", done.set, None))
        return done.wait(timeout)

    def _run(self) -> None:
        while (entry := self._jobs.get()) is not _STOP:
            label, job, then = entry
            try:
                result = job()
            except Exception as exc:  # reported to the facilitator, never swallowed
                self._target.post_message(JobFailed(label, exc))
            else:
                if then is not None:
                    self._target.post_message(JobDone(label, result, then))
