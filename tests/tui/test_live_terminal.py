"""The console in a real terminal (tmux): `circle demo` runs a session from home, and a console
killed with SIGKILL mid-turn comes back on the same turn with its time and notes.

These start the real `circle` command in a temporary data dir, send keys, and read the
screen with `capture-pane`, as a facilitator would see it.
"""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from tests.web.terminal import Terminal, terminal

CIRCLE = str(Path(sys.executable).with_name("circle"))
SIZE = (120, 40)
LEFT = re.compile(r"(?:WARNING · )?(\d+):(\d\d) left")


def env_for(tmp_path: Path) -> dict[str, str]:
    return {
        "CIRCLE_DATA_DIR": str(tmp_path / "data"),
        "CIRCLE_CONFIG_DIR": str(tmp_path / "config"),
        "CIRCLE_LOCAL_ONLY": "1",  # no store: nothing listens beyond this test
        "TZ": "UTC",
    }


def seconds_left(screen: str) -> int:
    found = LEFT.search(screen)
    assert found, f"no countdown on screen:\n{screen}"
    return int(found.group(1)) * 60 + int(found.group(2))


def typed(pane: Terminal, text: str) -> None:
    """Type text after a key that opened a text box (a person's pause between the two)."""
    time.sleep(0.3)
    pane.send("-l", text)


def leave_text_box(pane: Terminal) -> None:
    """Escape, then a pause so the next key is not read as alt+key."""
    pane.send("Escape")
    time.sleep(0.6)


def into_a_live_session(pane: Terminal) -> str:
    """From the demo's home: set up a session of the demo circle and start it."""
    pane.wait_for(lambda s: "Riverside Makers" in s)
    pane.send("s")
    pane.wait_for(lambda s: "Classic mastermind" in s and "here" in s)
    pane.send("s")
    pane.wait_for(lambda s: "Start/pause" in s and "Ready" in s)
    pane.send("Space")
    return pane.wait_for(lambda s: LEFT.search(s) is not None)


def test_circle_demo_runs_a_session_in_a_real_terminal(tmp_path: Path) -> None:
    with terminal([CIRCLE, "demo"], size=SIZE, env=env_for(tmp_path)) as pane:
        first = into_a_live_session(pane)
        assert "Welcome and last time's commitments" in first
        moved = pane.wait_for(lambda s: seconds_left(s) < seconds_left(first), timeout=10)
        assert seconds_left(moved) < seconds_left(first)
        pane.send("n")
        after = pane.wait_for(lambda s: "▶ Ana Ruiz" in s)
        assert "One win and one challenge" in after
        pane.send("a")
        typed(pane, "a buyer for [b]rye[/b]")
        pane.send("Enter")
        board = pane.wait_for(lambda s: "Ana Ruiz: a buyer for [b]rye[/b]" in s)
        assert re.search(r"ASK +Ana Ruiz: a buyer for \[b\]rye\[/b\]", board)


def wait_for_saved_note(data_dir: Path, text: str, timeout: float = 30.0) -> None:
    """Wait until the console has written a note with `text` to its replica on disk."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            replica = f"file:{data_dir / 'circle.sqlite3'}?mode=ro"
            with closing(sqlite3.connect(replica, uri=True)) as db:
                if db.execute("SELECT 1 FROM notes WHERE text = ?", (text,)).fetchone():
                    return
        except sqlite3.OperationalError:  # not created yet, or busy for a moment
            pass
        time.sleep(0.1)
    raise AssertionError(f"the note {text!r} never reached the disk")


def console_pid(pane: Terminal) -> int:
    """The `circle` process running in the pane (the shell's child)."""
    shell = pane.tmux("list-panes", "-F", "#{pane_pid}").split()[0]
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", shell], capture_output=True, text=True, check=True
    )
    (pid,) = children.stdout.split()
    return int(pid)


def test_a_console_killed_mid_turn_comes_back_on_that_turn_with_its_time_and_notes(
    tmp_path: Path,
) -> None:
    env = env_for(tmp_path)
    with terminal([CIRCLE, "demo"], size=SIZE, env=env) as pane:
        into_a_live_session(pane)
        pane.send("n")
        pane.wait_for(lambda s: "▶ Ana Ruiz" in s)
        pane.send("t")
        typed(pane, "oven due Monday")
        wait_for_saved_note(tmp_path / "data", "oven due Monday")  # saved once typing paused
        before = pane.capture()
        killed_at = time.monotonic()
        os.kill(console_pid(pane), signal.SIGKILL)
    left_before = seconds_left(before)
    with terminal([CIRCLE], size=SIZE, env=env) as pane:
        back = pane.wait_for(
            lambda s: "Back to the running session" in s and LEFT.search(s) and "▶ Ana" in s
        )
        away = time.monotonic() - killed_at
        assert "▶ Ana Ruiz" in back
        assert "oven due Monday" in back
        left_after = seconds_left(back)
        assert left_before - away - 2 <= left_after <= left_before - away + 2
