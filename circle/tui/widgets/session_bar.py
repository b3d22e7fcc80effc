"""The session bar: elapsed against planned, the projected end, and a trim when running late."""

from datetime import datetime

from textual.widgets import Static

from circle.core.clock import Reading
from circle.core.rebalance import Rebalance
from circle.tui.widgets.countdown import mmss

LATE_AFTER = 30.0
"""Seconds of projected lateness before the bar calls the session late."""


def session_line(reading: Reading, proposal: Rebalance | None, trim_key: str = "r") -> str:
    """One line: elapsed of planned, the projected end, lateness and the trim on offer."""
    parts = [
        f"Elapsed {mmss(reading.elapsed)} of {mmss(reading.target)}",
        f"ends {_local(reading.ends_at)}",
    ]
    late = reading.late_by
    if late > LATE_AFTER:
        parts.append(f"LATE by {mmss(late)}")
    elif late < -LATE_AFTER:
        parts.append(f"{mmss(-late)} early")
    else:
        parts.append("on time")
    if proposal is not None:
        turns = len(proposal.trims)
        plural = "s" if turns != 1 else ""
        parts.append(f"{trim_key}: trim {turns} later turn{plural} by {mmss(proposal.saved)}")
    return " · ".join(parts)


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


class SessionBar(Static):
    """A one-line summary of the whole session's time."""

    DEFAULT_CSS = """
    SessionBar {
        height: 1;
        padding: 0 1;
        background: $boost;
        &.-late { background: $warning 30%; text-style: bold; }
    }
    """

    shown = ""

    def show(self, line: str, *, late: bool) -> None:
        if line != self.shown:
            self.shown = line
            self.update(line, layout=False)  # one line, fixed height: no layout pass
        self.set_class(late, "-late")
