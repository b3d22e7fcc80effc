"""`q`: the join QR code as large as the screen allows, for a room to scan from afar."""

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Static

from circle import qr
from circle.tui.widgets.qr import QRCode, link_content

_CHROME_LINES = 6
"""Lines the dialog needs around the code: the link, the hint, the border."""


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

    @on(Resize)
    def fit_code(self, event: Resize) -> None:
        """Enlarge the code when the doubled size fits the screen."""
        width, height = qr.text_size(self.url, enlarged=True)
        fits = width + 4 <= event.size.width and height + _CHROME_LINES <= event.size.height
        self.query_one(QRCode).enlarged = fits

    def action_close(self) -> None:
        self.dismiss(None)
