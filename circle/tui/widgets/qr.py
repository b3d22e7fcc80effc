"""The join QR code in the terminal, painted dark on light whatever the theme, and its card."""

from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Static

from circle import qr

DARK_ON_LIGHT = Style(background=Color(255, 255, 255), foreground=Color(0, 0, 0))
"""The code's own colours: readers need dark modules on a light ground, so the theme has no say."""


def qr_content(url: str, *, enlarged: bool = False) -> Content:
    """The code for `url` as styled text (never markup), quiet zone included."""
    if not url:
        return Content("")
    lines = qr.full_blocks(url) if enlarged else qr.half_blocks(url)
    return Content.styled("\n".join(lines), DARK_ON_LIGHT)


def link_content(code: str, url: str, warning: str | None = None) -> Content:
    """The short code and the link in words, for those who type rather than scan."""
    parts = [Content.styled(code, "bold"), Content(f"  {url}")]
    if warning:
        parts += [Content("\n"), Content.styled(f"⚠ {warning}", "bold $warning")]
    return Content.assemble(*parts)


class QRCode(Widget):
    """A QR code: half blocks, or two columns and a line per module when enlarged."""

    DEFAULT_CSS = """
    QRCode {
        width: auto;
        height: auto;
    }
    """

    url: reactive[str] = reactive("", layout=True)
    """What the code says (the join link); empty shows nothing."""
    enlarged: reactive[bool] = reactive(False, layout=True)
    """Draw each module twice as large (the `q` dialog)."""

    def __init__(self, url: str = "", *, enlarged: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(QRCode.url, url)
        self.set_reactive(QRCode.enlarged, enlarged)

    def render(self) -> Content:
        return qr_content(self.url, enlarged=self.enlarged)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return qr.text_size(self.url, enlarged=self.enlarged)[0] if self.url else 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return qr.text_size(self.url, enlarged=self.enlarged)[1] if self.url else 0


class JoinCard(Vertical):
    """The QR code with the join code and link under it, and a warning when phones cannot reach."""

    DEFAULT_CSS = """
    JoinCard {
        width: auto;
        height: auto;
    }
    JoinCard > #join-link {
        width: auto;
        max-width: 60;
        margin-top: 1;
    }
    JoinCard.-waiting > QRCode {
        display: none;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-waiting")

    def compose(self) -> ComposeResult:
        yield QRCode(id="join-qr")
        yield Static(Content("Waiting for the store to give a join code…"), id="join-link")

    def show_link(self, code: str, url: str, warning: str | None = None) -> None:
        """Show the code for `url`, with its short `code` and an optional reachability warning."""
        self.query_one(QRCode).url = url
        self.query_one("#join-link", Static).update(link_content(code, url, warning))
        self.set_class(not url, "-waiting")
