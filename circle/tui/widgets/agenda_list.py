"""The agenda sidebar: phases and turns, done / now / next, planned against used time."""

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from circle.tui.widgets.countdown import mmss

MARKS = {"done": "✓", "now": "▶", "next": "»", "later": "·", "skipped": "–"}
"""A mark per state, so the state reads without colour."""


@dataclass(frozen=True)
class AgendaEntry:
    """One turn as the sidebar lists it."""

    phase: str
    label: str
    """The speaker (and step); "everyone" for an open block."""
    state: str
    """"done", "now", "next", "later" or "skipped"."""
    planned: float
    used: float


def agenda_content(entries: list[AgendaEntry], width: int) -> tuple[Content, int]:
    """The sidebar's text and the line the current turn is on."""
    lines: list[Content] = []
    current = 0
    phase = None
    for entry in entries:
        if entry.phase != phase:
            phase = entry.phase
            lines.append(Content.styled(phase, "bold"))
        if entry.state == "now":
            current = len(lines)
        lines.append(_line(entry, width))
    return Content("\n").join(lines), current


def _line(entry: AgendaEntry, width: int) -> Content:
    used = "now" if entry.state == "now" else mmss(entry.used) if entry.used else "—"
    times = f"{used}/{mmss(entry.planned)}" if entry.state != "skipped" else "skipped"
    room = max(4, width - len(times) - 4)
    label = entry.label if len(entry.label) <= room else entry.label[: room - 1] + "…"
    style = {"now": "bold reverse", "done": "dim", "skipped": "dim strike"}.get(entry.state, "")
    text = f" {MARKS[entry.state]} {label.ljust(room)} {times}"
    return Content.styled(text, style)


class AgendaList(VerticalScroll, can_focus=False):
    """The session's agenda, scrolled to keep the current turn in view."""

    DEFAULT_CSS = """
    AgendaList {
        width: 34;
        height: 1fr;
        border: round $surface-lighten-2;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;  /* lines are laid out for a width that must not change */
        #agenda-lines { width: 100%; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[AgendaEntry] = []
        self._lines = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="agenda-lines")

    def show(self, entries: list[AgendaEntry]) -> None:
        self.entries = entries
        self._draw()

    def on_resize(self) -> None:
        """Lines are laid out for the width: draw them again when it changes."""
        self._draw()

    def _draw(self) -> None:
        width = self.scrollable_content_region.width
        if not width:
            return  # not laid out yet: on_resize draws once it is
        content, current = agenda_content(self.entries, width)
        lines = len(content.plain.splitlines())
        # As many lines as before: redraw these cells only, no layout of the whole screen.
        self.query_one("#agenda-lines", Static).update(content, layout=lines != self._lines)
        self._lines = lines
        self.call_after_refresh(self.scroll_to, y=max(0, current - 3), animate=False)
