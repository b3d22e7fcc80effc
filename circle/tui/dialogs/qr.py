"""`q`: the join QR code as large as the screen allows, for a room to scan from afar."""

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Static

from circle import qr
from circle.tui.widgets.qr import QRCode, link_content

_CHROME_LINES = 2
"""Lines the enlarged code needs under it: the link and the hint (it drops the border)."""


class QRDialog(ModalScreen[None]):
    """The join code enlarged when it fits, with the short code and link in words."""

    DEFAULT_CSS = """
    QRDialog {
        align: center middle;
    }
    QRDialog > #qr-dialog {
        width: auto;
        height: auto;
        padding: 0 1;
        border: round $primary;
        background: $surface;
    }
    QRDialog > #qr-dialog.-enlarged {
        border: none;
        padding: 0;
    }
    QRDialog #qr-link, QRDialog #qr-hint {
        width: auto;
        max-width: 80;
    }
    QRDialog #qr-hint {
        color: $text-muted;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="close_qr", tooltip="Back to the session"),
    ]

    def __init__(self, code: str, url: str, warning: str | None = None) -> None:
        super().__init__()
        self.code, self.url, self.warning = code, url, warning

    def compose(self) -> ComposeResult:
        with Vertical(id="qr-dialog"):
            yield QRCode(self.url, id="qr-large")
            yield Static(link_content(self.code, self.url, self.warning), id="qr-link")
            yield Static(Content("q or Esc closes"), id="qr-hint")

    def on_mount(self) -> None:
        self.fit_code(self.app.size)

    @on(Resize)
    def follow_the_terminal(self, event: Resize) -> None:
        self.fit_code(event.size)

    def fit_code(self, size: Size) -> None:
        """Enlarge the code when the doubled size fits the screen (its quiet zone is its frame)."""
        width, height = qr.text_size(self.url, enlarged=True)
        chrome = _CHROME_LINES + (1 if self.warning else 0)
        fits = width <= size.width and height + chrome <= size.height
        self.query_one(QRCode).enlarged = fits
        self.query_one("#qr-dialog").set_class(fits, "-enlarged")

    def action_close(self) -> None:
        self.dismiss(None)
