"""`circle qr SESSION` shows the join code in a terminal, or writes it as PNG or SVG for slides."""

import sys
from pathlib import Path

import pytest
from playwright.async_api import Browser

from circle.local import open_replica
from circle.model import Circle, Session
from tests.cli.test_cli_basics import circle
from tests.web.qrdecode import decode_pixels, decode_png, decode_text, pixels_from_ansi
from tests.web.terminal import terminal

BASE = "http://192.168.1.20:8765"
LINK = f"{BASE}/j/K7M2QX"


def seed(data_dir: Path, *, code: str | None = "K7M2QX", base: str | None = BASE) -> Session:
    """A circle with one session that the store has given a join code (or not yet)."""
    replica = open_replica(data_dir / "circle.sqlite3")
    group = Circle(name="Rivermill")
    session = Session(circle_id=group.id, format="classic", join_code=code, public_url=base)
    replica.save(group, session)
    replica.close()
    return session


def test_qr_prints_a_code_that_decodes_to_the_join_link(tmp_path: Path) -> None:
    seed(tmp_path)
    result = circle("qr", "latest", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == LINK
    assert "\x1b[" not in result.stdout, "no colour codes when the output is not a terminal"
    assert decode_text(lines) == [LINK]


def test_in_a_dark_terminal_the_code_is_still_dark_on_light(tmp_path: Path) -> None:
    seed(tmp_path)
    command = [sys.executable, "-m", "circle", "--data-dir", str(tmp_path), "qr", "latest"]
    with terminal(command, size=(80, 40)) as pane:
        pane.wait_for(lambda text: LINK in text)
        painted = pane.capture(colours=True)
    assert decode_pixels(pixels_from_ansi(painted)) == [LINK]


def test_a_code_drawn_without_colours_would_not_read_on_a_dark_terminal(tmp_path: Path) -> None:
    """The check above can fail: plain glyphs on a dark theme come out inverted."""
    seed(tmp_path)
    plain = circle("qr", "latest", data_dir=tmp_path).stdout
    assert decode_pixels(pixels_from_ansi(plain)) == []


def test_png_writes_a_picture_that_decodes_to_the_join_link(tmp_path: Path) -> None:
    seed(tmp_path)
    out = tmp_path / "slides" / "join.png"
    out.parent.mkdir()
    result = circle("qr", "latest", "--png", str(out), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {out} ({LINK})"
    assert decode_png(out) == [LINK]


async def test_svg_drawn_by_a_browser_decodes_to_the_join_link(
    tmp_path: Path, browser: Browser
) -> None:
    seed(tmp_path)
    out = tmp_path / "join.svg"
    png = tmp_path / "join.png"
    result = circle("qr", "latest", "--svg", str(out), "--png", str(png), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    page = await browser.new_page(viewport={"width": 600, "height": 600})
    try:
        await page.goto(out.as_uri())
        picture = await page.locator("svg").screenshot()
    finally:
        await page.close()
    assert decode_png(picture) == [LINK]
    assert decode_png(png) == [LINK]


def test_the_public_url_option_overrides_the_saved_address(tmp_path: Path) -> None:
    seed(tmp_path)
    public = "https://circle.example.org/rivermill"
    result = circle("--public-url", public, "qr", "latest", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert decode_text(result.stdout.splitlines()) == [f"{public}/j/K7M2QX"]


def test_a_session_is_found_by_the_start_of_its_id(tmp_path: Path) -> None:
    session = seed(tmp_path)
    result = circle("qr", session.id.hex[:6], data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == LINK


@pytest.mark.parametrize(
    ("args", "seeded", "words"),
    [
        (["qr", "latest"], {"code": None}, "no join code yet"),
        (["qr", "latest"], {"base": None}, "--public-url"),
        (["qr", "nonsense"], {}, "not a session id"),
        (["--public-url", "ftp://x", "qr", "latest"], {}, "not an http(s) URL"),
        (["--public-url", "http://h:99999", "qr", "latest"], {}, "not a URL"),
        (["--public-url", "http://h/?x=1", "qr", "latest"], {}, "only scheme, host"),
    ],
)
def test_mistakes_are_one_line_errors(
    tmp_path: Path, args: list[str], seeded: dict[str, None], words: str
) -> None:
    seed(tmp_path, **seeded)
    result = circle(*args, data_dir=tmp_path)
    assert result.returncode == 2
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_a_file_that_cannot_be_written_is_a_one_line_error(tmp_path: Path) -> None:
    seed(tmp_path)
    result = circle("qr", "latest", "--png", str(tmp_path / "missing" / "x.png"), data_dir=tmp_path)
    assert result.returncode == 2
    assert "cannot write" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_without_any_session_qr_says_so(tmp_path: Path) -> None:
    result = circle("qr", "latest", data_dir=tmp_path)
    assert result.returncode == 2
    assert "no session yet" in result.stderr
