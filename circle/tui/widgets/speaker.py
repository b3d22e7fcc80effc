"""The speaker panel: who is on, their business, the phase's prompt and what they promised."""

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static


@dataclass(frozen=True)
class SpeakerView:
    """What the panel shows for the turn on now."""

    name: str
    business: str
    phase: str
    """The phase (and step) title."""
    prompt: str
    promises: tuple[str, ...] = ()
    """Last time's open commitments of the speaker (during check-in)."""
    next_up: str = ""


class SpeakerPanel(Vertical):
    """The current speaker and what the circle is asking of them."""

    DEFAULT_CSS = """
    SpeakerPanel {
        height: auto;
        min-height: 5;
        padding: 0 1;
        border: round $surface-lighten-2;
        #speaker-name { text-style: bold; color: $text; }
        #speaker-business, #speaker-next { color: $text-muted; }
        #speaker-phase { color: $accent; }
        #speaker-promises { color: $text-warning; }
    }
    """

    def compose(self) -> ComposeResult:
        for part in ("name", "business", "phase", "prompt", "promises", "next"):
            yield Static("", id=f"speaker-{part}", markup=False)

    def show(self, view: SpeakerView) -> None:
        self._set("name", view.name)
        self._set("business", view.business)
        self._set("phase", view.phase)
        self._set("prompt", view.prompt)
        promised = " · ".join(view.promises)
        self._set("promises", f"Last time: {promised}" if promised else "")
        self._set("next", f"Next: {view.next_up}" if view.next_up else "")

    def _set(self, part: str, text: str) -> None:
        widget = self.query_one(f"#speaker-{part}", Static)
        widget.update(Content(text))
        widget.display = bool(text)
