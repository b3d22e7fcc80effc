"""The speaker panel: who is on, their business, the phase's prompt and what they promised."""

from dataclasses import dataclass

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


def speaker_content(view: SpeakerView) -> Content:
    """The panel's lines; user text is plain content, never markup."""
    lines = [
        Content.styled(view.name, "bold"),
        Content.styled(view.business, "dim"),
        Content.styled(view.phase, "$accent"),
        Content(view.prompt),
    ]
    if view.promises:
        lines.append(Content.styled(f"Last time: {' · '.join(view.promises)}", "$text-warning"))
    if view.next_up:
        lines.append(Content.styled(f"Next: {view.next_up}", "dim"))
    return Content("\n").join(line for line in lines if line.plain)


class SpeakerPanel(Static):
    """The current speaker and what the circle is asking of them.

    Its height is fixed (long lines are cut, not wrapped onto more lines), so moving to
    the next speaker redraws this panel alone instead of laying out the whole screen.
    """

    DEFAULT_CSS = """
    SpeakerPanel {
        height: 9;
        padding: 0 1;
        border: round $surface-lighten-2;
    }
    """

    view: SpeakerView | None = None

    def show(self, view: SpeakerView) -> None:
        if view != self.view:
            self.view = view
            self.update(speaker_content(view), layout=False)
