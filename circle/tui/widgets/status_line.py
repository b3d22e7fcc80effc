"""The status line: where the data stands (sync), who is here, and the time."""

from dataclasses import dataclass

from textual.widgets import Static


@dataclass(frozen=True)
class Status:
    """What the status line says."""

    sync: str
    """"local only", "online", "offline · 3 changes queued"…"""
    present: int
    joined: int
    """Members who joined from a phone."""
    time: str
    hands: tuple[str, ...] = ()
    """Who has a hand raised."""


def status_text(status: Status) -> str:
    hands = f" · hand up: {', '.join(status.hands)}" if status.hands else ""
    return (
        f"{status.sync} · {status.present} present · "
        f"{status.joined} joined by phone{hands} · {status.time}"
    )


class StatusLine(Static):
    """One line at the bottom of the live screen."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    """

    shown: Status | None = None

    def show(self, status: Status) -> None:
        if status != self.shown:
            self.shown = status
            self.update(status_text(status), layout=False)
