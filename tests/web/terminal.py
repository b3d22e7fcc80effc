"""A real terminal for tests: tmux runs a command in a detached pane, capture-pane reads it."""

import os
import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager


class Terminal:
    """One tmux server with one pane, on its own socket so tests never meet."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        # An explicit environment: a library in the test process may have set COLUMNS and
        # LINES in the C-level environment (80×24), which a console would take as its size.
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
            env=dict(os.environ),
        )
        return result.stdout

    def capture(self, *, colours: bool = False) -> str:
        """The pane's text; with `colours`, the SGR codes tmux keeps for each cell."""
        return self.tmux("capture-pane", "-p", "-J", *(["-e"] if colours else []), "-t", "0")

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "0", *keys)

    def wait_for(self, ready: Callable[[str], bool], timeout: float = 30.0) -> str:
        """Capture until `ready(text)` holds; fail with the last screen after `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.capture()
            if ready(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"the terminal never got ready; it shows:\n{text}")
            time.sleep(0.1)


@contextmanager
def terminal(
    command: Sequence[str], *, size: tuple[int, int] = (100, 40), env: dict[str, str] | None = None
) -> Iterator[Terminal]:
    """Run `command` in a fresh tmux pane of `size`; the server is killed afterwards."""
    assert shutil.which("tmux"), "the terminal tests need tmux (apt-get install tmux)"
    pane = Terminal(f"circle-test-{uuid.uuid4().hex[:12]}")
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
    line = f"env {exports} {shlex.join(command)}; sleep 600"
    width, height = size
    pane.tmux("-f", os.devnull, "new-session", "-d", "-x", str(width), "-y", str(height), line)
    try:
        yield pane
    finally:
        subprocess.run(["tmux", "-L", pane.socket, "kill-server"], capture_output=True, check=False)
