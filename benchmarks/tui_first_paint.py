"""Time to first paint: `circle` opening on home against a hello-world Textual app.

Each program starts in a detached 120×40 tmux pane (on a private tmux socket);
the clock runs from just before the pane is created until `tmux capture-pane`
shows the program's marker text, polled every few milliseconds. The two programs
alternate, several runs each, on a replica seeded with the demo circle; the
figure is the ratio of the medians. Target: circle ≤ 1.5 × hello-world.
Run with `python -m benchmarks.tui_first_paint [--runs N]`; needs `tmux`.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOCKET = "circle-first-paint"
WIDTH, HEIGHT = 120, 40
TIMEOUT = 30.0
POLL = 0.004
TARGET = 1.5

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


def tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)


def first_paint(command: list[str], marker: str) -> float:
    """Milliseconds from starting `command` in a fresh window until `marker` is on screen."""
    shell = " ".join(f"'{part}'" for part in command)
    start = time.perf_counter()
    made = tmux("new-window", "-d", "-t", "keeper", "-n", "bench", shell)
    if made.returncode != 0:
        raise SystemExit(f"tmux cannot start the program: {made.stderr.strip()}")
    try:
        while time.perf_counter() - start < TIMEOUT:
            if marker in tmux("capture-pane", "-p", "-t", "keeper:bench").stdout:
                return (time.perf_counter() - start) * 1000
            time.sleep(POLL)
        raise SystemExit(f"{marker!r} never appeared on screen running {shell}")
    finally:
        tmux("kill-window", "-t", "keeper:bench")


def start_server() -> None:
    """One tmux server for the whole run, kept alive by an idle session sized 120×40."""
    size = ("-x", str(WIDTH), "-y", str(HEIGHT))
    made = tmux("new-session", "-d", "-s", "keeper", *size, "sleep 3600")
    if made.returncode != 0:
        raise SystemExit(f"tmux cannot start: {made.stderr.strip()}")
    tmux("set-option", "-t", "keeper", "window-size", "manual")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each program (default 9)")
    runs = parser.parse_args().runs
    if shutil.which("tmux") is None:
        raise SystemExit("this benchmark needs tmux")
    with tempfile.TemporaryDirectory(prefix="circle-first-paint-") as folder:
        root = Path(folder)
        hello = root / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        data = str(root / "data")
        circle = [sys.executable, "-m", "circle", "--data-dir", data]
        subprocess.run([*circle, "demo", "--seed"], check=True, capture_output=True)
        programs = {
            "hello-world Textual app": ([sys.executable, str(hello)], "Hello, world"),
            "circle (home)": (circle, "Start session"),
        }
        start_server()
        try:
            first_paint(*programs["circle (home)"])  # warm the disk cache for both
            first_paint(*programs["hello-world Textual app"])
            times: dict[str, list[float]] = {name: [] for name in programs}
            for _ in range(runs):
                for name, (command, marker) in programs.items():
                    times[name].append(first_paint(command, marker))
        finally:
            tmux("kill-server")
    report(times, runs)


def report(times: dict[str, list[float]], runs: int) -> None:
    print(f"first paint in a {WIDTH}x{HEIGHT} tmux pane, {runs} runs each (ms)")
    print(f"{'program':<26}{'median':>9}{'min':>9}{'max':>9}")
    for name, values in times.items():
        print(f"{name:<26}{statistics.median(values):>9.0f}{min(values):>9.0f}{max(values):>9.0f}")
    hello, circle = (statistics.median(values) for values in times.values())
    ratio = circle / hello
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"ratio circle / hello-world: {ratio:.2f} ({verdict} the target of ≤ {TARGET})")


if __name__ == "__main__":
    main()
