"""A program in a pseudo-terminal of a fixed size: send it keys, wait for text, read its CPU time.

The console benchmarks run the real `circle` command (and a Textual reference app)
the way a terminal would: the program writes to a pty, a thread keeps reading what
it draws, so the moment a text appears on screen is the moment its bytes arrive.
"""

import fcntl
import os
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Sequence
from pathlib import Path

HELLO = """\
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Hello(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello, world")
        yield Footer()


Hello().run()
"""
"""The reference for idle CPU: a hello-world Textual app."""

NAMES = """\
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

NAMES = ["Ana Ruiz", "Ben Okafor"]


class Names(App[None]):
    BINDINGS = [("n", "step(1)", "Next"), ("p", "step(-1)", "Previous")]
    shown = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(NAMES[0], id="name")
        yield Footer()

    def action_step(self, by: int) -> None:
        self.shown = (self.shown + by) % len(NAMES)
        self.query_one("#name", Static).update(NAMES[self.shown])


Names().run()
"""
"""The reference for a key press: a Textual app whose `n` shows the next name."""


class Program:
    """One program running in its own pty; close it with `close()`."""

    def __init__(
        self, command: Sequence[str], *, size: tuple[int, int], env: dict[str, str]
    ) -> None:
        main, side = os.openpty()
        width, height = size
        fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        environment |= {"TERM": "xterm-256color", **env}
        self.process = subprocess.Popen(
            list(command),
            stdin=side,
            stdout=side,
            stderr=side,
            env=environment,
            start_new_session=True,
        )
        os.close(side)
        self._fd = main
        self._output = bytearray()
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._fd, 65536)
            except OSError:
                chunk = b""
            with self._arrived:
                if not chunk:
                    self._arrived.notify_all()
                    return
                self._output += chunk
                self._arrived.notify_all()

    def mark(self) -> int:
        """Where the output stands now: `wait_for(…, after=mark)` looks only at what follows."""
        with self._arrived:
            return len(self._output)

    def send(self, keys: bytes) -> None:
        os.write(self._fd, keys)

    def wait_for(self, text: str, *, after: int = 0, timeout: float = 60.0) -> float:
        """`time.perf_counter()` when `text` had arrived after position `after`."""
        wanted = text.encode()
        deadline = time.monotonic() + timeout
        with self._arrived:
            while self._output.find(wanted, after) < 0:
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    tail = self._output[-2000:].decode(errors="replace")
                    raise SystemExit(f"{text!r} never appeared; the program drew:\n{tail}")
                self._arrived.wait(min(left, 0.5))
            return time.perf_counter()

    def cpu_seconds(self) -> float:
        """User and system CPU time the process has used so far (all its threads)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        os.close(self._fd)


def circle_command() -> list[str]:
    return [sys.executable, "-m", "circle"]


def start_live_session(program: Program) -> None:
    """From `circle demo`'s home: set up the demo circle's session and start its clock."""
    program.wait_for("Riverside Makers")
    time.sleep(1.0)  # the demo circle's data loads after the first paint
    at = program.mark()
    program.send(b"s")
    program.wait_for("here", after=at)
    time.sleep(1.0)
    at = program.mark()
    program.send(b"s")
    program.wait_for("Start/pause", after=at)
    time.sleep(1.0)
    at = program.mark()
    program.send(b" ")
    program.wait_for(" left", after=at)
