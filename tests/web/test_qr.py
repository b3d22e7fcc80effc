"""The join QR code reads back as exactly the join link: as terminal text, PNG and SVG."""

import pytest
from textual.app import App, ComposeResult

from circle import qr
from circle.tui.dialogs.qr import QRDialog
from circle.tui.widgets.qr import DARK_ON_LIGHT, JoinCard, QRCode
from tests.web.qrdecode import decode_grid, decode_png, decode_text, grid_from_text
from tests.web.screen import screen_lines

URL = "http://192.168.1.20:8765/j/K7M2QX"
LONG_URL = "https://circle.example.org/mastermind/rivermill/j/K7M2QX"


@pytest.mark.parametrize("url", [URL, LONG_URL, "http://127.0.0.1:8765/j/ABC234"])
def test_the_half_block_text_decodes_to_the_join_link(url: str) -> None:
    assert decode_text(qr.half_blocks(url)) == [url]


def test_the_enlarged_text_decodes_to_the_join_link() -> None:
    assert decode_text(qr.full_blocks(URL)) == [URL]


def test_every_picture_has_a_quiet_zone_of_four_light_modules() -> None:
    grid = grid_from_text(qr.half_blocks(URL))
    side = len(qr.modules(URL)) + 8
    assert len(grid[0]) == side
    for edge in (grid[:4], grid[side - 4 : side], [row[:4] for row in grid]):
        assert not any(any(row) for row in edge)
    assert not any(any(row[-4:]) for row in grid)
    assert any(grid[4]), "the code starts right after the quiet zone"


def test_the_text_size_is_known_without_drawing() -> None:
    lines = qr.half_blocks(URL)
    assert qr.text_size(URL, enlarged=False) == (len(lines[0]), len(lines))
    big = qr.full_blocks(URL)
    assert qr.text_size(URL, enlarged=True) == (len(big[0]), len(big))


def test_the_png_decodes_to_the_join_link() -> None:
    assert decode_png(qr.png_bytes(URL)) == [URL]


def test_markup_in_a_link_is_drawn_as_a_code_not_read_as_markup() -> None:
    tricky = "http://h/j/[b]X[/b]"
    assert decode_text(qr.half_blocks(tricky)) == [tricky]


class CardApp(App[None]):
    def __init__(self, theme: str) -> None:
        super().__init__()
        self.theme = theme

    def compose(self) -> ComposeResult:
        yield JoinCard(id="card")

    def on_mount(self) -> None:
        self.query_one(JoinCard).show_link("K7M2QX", URL, "phones [b]cannot[/b] reach this")


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_card_paints_the_code_black_on_white_whatever_the_theme(theme: str) -> None:
    app = CardApp(theme)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        code = app.query_one(QRCode)
        strips = code.render_lines(code.region.reset_offset)
        styles = {segment.style for strip in strips for segment in strip if segment.text}
        assert {(s.color.triplet, s.bgcolor.triplet) for s in styles if s is not None} == {
            (DARK_ON_LIGHT.rich_style.color.triplet, DARK_ON_LIGHT.rich_style.bgcolor.triplet)
        }


async def test_the_code_the_console_shows_decodes_to_the_join_link() -> None:
    app = CardApp("textual-dark")
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
    assert decode_text(lines) == [URL]
    assert any("K7M2QX" in line and URL in line for line in lines)
    assert any("phones [b]cannot[/b] reach this" in line for line in lines), "shown as typed"


async def test_q_shows_the_code_enlarged_when_it_fits_and_it_still_decodes() -> None:
    app = CardApp("textual-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(QRDialog("K7M2QX", URL))
        await pilot.pause()
        assert app.screen.query_one(QRCode).enlarged
        lines = screen_lines(app)
        assert decode_text(lines) == [URL]
        await pilot.press("q")
        assert not isinstance(app.screen, QRDialog)


async def test_on_a_small_screen_q_keeps_the_code_at_its_readable_size() -> None:
    app = CardApp("textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(QRDialog("K7M2QX", URL))
        await pilot.pause()
        assert not app.screen.query_one(QRCode).enlarged
        assert decode_text(screen_lines(app)) == [URL]
        await pilot.press("escape")
        assert not isinstance(app.screen, QRDialog)


def test_a_grid_without_a_code_decodes_to_nothing() -> None:
    assert decode_grid([[False] * 30 for _ in range(30)]) == []
