"""From `n` to the new speaker on screen, next to a Textual app whose `n` shows the next name.

Each program runs in a 120×40 pseudo-terminal. circle runs the demo circle's session
(set up from home, clock started); the facilitator moves from Ana to Ben with `n` and
back with `p`, many times. The clock runs from writing `n` to the pty until the bytes
that draw "Ben Okafor" arrive. The reference is a small Textual app whose `n` and `p`
flip a label between the same two names, timed the same way in the same run.
Run with `python -m benchmarks.tui_keypress [--presses N]`.
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks._terminal import NAMES, Program, circle_command, start_live_session

SIZE = (120, 40)
PAUSE = 0.15
"""Seconds between presses: a facilitator's pace, and time for each frame to finish."""


def press_times(program: Program, presses: int) -> list[float]:
    """Milliseconds from `n` to "Ben Okafor" on screen, `presses` times (`p` goes back)."""
    times = []
    for _ in range(presses):
        at = program.mark()
        sent = time.perf_counter()
        program.send(b"n")
        times.append((program.wait_for("Ben Okafor", after=at) - sent) * 1000)
        time.sleep(PAUSE)
        at = program.mark()
        program.send(b"p")
        program.wait_for("Ana Ruiz", after=at)
        time.sleep(PAUSE)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=50, help="timed presses (default 50)")
    presses = parser.parse_args().presses
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="circle-keypress-") as folder:
        root = Path(folder)
        names = root / "names.py"
        names.write_text(NAMES, encoding="utf-8")
        reference = Program([circle_command()[0], str(names)], size=SIZE, env={})
        try:
            reference.wait_for("Ana Ruiz")
            time.sleep(1.0)
            results["Textual app, `n` flips a label"] = press_times(reference, presses)
        finally:
            reference.close()
        env = {
            "CIRCLE_DATA_DIR": str(root / "data"),
            "CIRCLE_CONFIG_DIR": str(root / "config"),
            "CIRCLE_LOCAL_ONLY": "1",
        }
        console = Program([*circle_command(), "demo"], size=SIZE, env=env)
        try:
            start_live_session(console)
            at = console.mark()
            console.send(b"n")  # from the welcome block to Ana's check-in
            console.wait_for("Ana Ruiz", after=at)
            time.sleep(1.0)
            results["circle live screen, `n`"] = press_times(console, presses)
        finally:
            console.close()
    report(results, presses)


def report(results: dict[str, list[float]], presses: int) -> None:
    print(f"key press to new speaker on screen, {presses} presses each (ms)")
    print(f"{'program':<34}{'median':>8}{'p90':>8}{'max':>8}")
    for name, times in results.items():
        p90 = statistics.quantiles(times, n=10)[-1]
        print(f"{name:<34}{statistics.median(times):>8.1f}{p90:>8.1f}{max(times):>8.1f}")
    reference, circle = (statistics.median(times) for times in results.values())
    print(f"ratio circle / reference (medians): {circle / reference:.2f}")


if __name__ == "__main__":
    main()
