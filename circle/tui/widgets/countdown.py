"""The large turn countdown: digits that change at the warning mark and count overtime upward.

Its state is always written in words as well ("2:10 left", "WARNING", "OVERTIME +0:35")
so colour is never the only signal (a projector, NO_COLOR, colour blindness).
"""

import math
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Static

from circle.core.clock import Reading, TurnStatus


def mmss(seconds: float) -> str:
    """Whole seconds as m:ss (h:mm:ss from an hour): 130 → "2:10"."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass(frozen=True)
class Face:
    """What the countdown shows at one moment."""

    digits: str
    words: str
    state: str
    """"idle", "running", "paused", "warning", "overtime" or "done" (a CSS class)."""


def face(reading: Reading) -> Face:
    """The countdown for a clock reading; the time left rounds up, overtime rounds down."""
    if reading.status is None:
        return Face("0:00", "All turns done", "done")
    left = mmss(math.ceil(reading.remaining - 1e-9))
    if reading.status is TurnStatus.PLANNED:
        return Face(left, f"Ready · {left} planned", "idle")
    paused = reading.status is TurnStatus.PAUSED
    if reading.remaining <= 0:
        over = "+" + mmss(math.floor(reading.overtime + 1e-9))
        if paused:
            return Face(over, f"PAUSED · OVERTIME {over}", "paused")
        return Face(over, f"OVERTIME {over}", "overtime")
    if paused:
        return Face(left, f"PAUSED · {left} left", "paused")
    if reading.warning:
        return Face(left, f"WARNING · {left} left", "warning")
    return Face(left, f"{left} left", "running")


def next_change(reading: Reading | None) -> float | None:
    """Seconds until the face's digits next change as time passes; None when they hold still.

    Left rounds up and overtime rounds down (see `face`), so a running turn changes face
    at each whole second of its remaining time, then of its overtime.
    """
    if reading is None or reading.status is not TurnStatus.RUNNING:
        return None
    if reading.remaining > 0:
        return reading.remaining - math.ceil(reading.remaining - 1e-9) + 1
    return 1 - (reading.overtime - math.floor(reading.overtime + 1e-9))


class Countdown(Vertical):
    """Big digits and a line of words under them."""

    DEFAULT_CSS = """
    Countdown {
        height: auto;
        width: auto;
        min-width: 30;
        padding: 0 1;
        border: round $primary;
        &.-warning { border: heavy $warning; }
        &.-warning Digits, &.-warning #countdown-words { color: $warning; }
        &.-overtime { border: heavy $error; }
        &.-overtime Digits, &.-overtime #countdown-words { color: $error; text-style: bold; }
        &.-paused Digits { color: $text-muted; }
        &.-idle Digits, &.-done Digits { color: $text-muted; }
        Digits { width: auto; }
        #countdown-words { width: 100%; text-align: center; }
    }
    """

    shown: reactive[Face | None] = reactive(None, init=False, always_update=False)
    """The face on show; set it each tick, it redraws only when it changed."""

    def compose(self) -> ComposeResult:
        yield Digits("", id="countdown-digits")
        yield Static("", id="countdown-words", markup=False)

    def watch_shown(self, old: Face | None, new: Face | None) -> None:
        if new is None:
            return
        if old is None or old.digits != new.digits:
            self.query_one(Digits).update(new.digits)
        if old is None or old.words != new.words:
            # One line of fixed width: no layout pass, so a tick redraws only these cells.
            self.query_one("#countdown-words", Static).update(new.words, layout=False)
        if old is None or old.state != new.state:
            for state in ("idle", "running", "paused", "warning", "overtime", "done"):
                self.set_class(state == new.state, f"-{state}")
