"""What home, setup, summary, help and the join QR code look like on the demo circle, at
120×40 and at 80×24 (the live screen has its own file).

Clocks are frozen and times shown in UTC, so a snapshot changes only when the screen does.
Update them with `pytest tests/tui/test_snapshots.py --snapshot-update` after checking the
report.
"""

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from circle.tui.app import CircleApp
from circle.tui.dialogs.qr import QRDialog
from circle.tui.opening import Opening, Start
from tests.tui.helpers import settle

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


def after(*keys: str) -> Callable[[Pilot[None]], object]:
    """Let the data load, press the keys, let their work finish."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
def test_home_on_the_demo(
    snap_compare: Callable[..., bool], make_app: Callable[..., CircleApp], size: tuple[int, int]
) -> None:
    app = make_app(Opening(Start.DEMO))
    assert snap_compare(app, terminal_size=size, run_before=after())


@pytest.mark.parametrize("size", SIZES)
def test_setup_of_the_demo_circle(
    snap_compare: Callable[..., bool], make_app: Callable[..., CircleApp], size: tuple[int, int]
) -> None:
    app = make_app(Opening(Start.DEMO))
    assert snap_compare(app, terminal_size=size, run_before=after("s"))


@pytest.mark.parametrize("size", SIZES)
def test_summary_of_the_demo_session(
    snap_compare: Callable[..., bool], make_app: Callable[..., CircleApp], size: tuple[int, int]
) -> None:
    app = make_app(Opening(Start.DEMO))
    assert snap_compare(app, terminal_size=size, run_before=after("tab", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_help_on_setup(
    snap_compare: Callable[..., bool], make_app: Callable[..., CircleApp], size: tuple[int, int]
) -> None:
    app = make_app(Opening(Start.DEMO))
    assert snap_compare(app, terminal_size=size, run_before=after("s", "question_mark"))


@pytest.mark.parametrize("size", SIZES)
def test_the_join_qr_code(
    snap_compare: Callable[..., bool], make_app: Callable[..., CircleApp], size: tuple[int, int]
) -> None:
    """Enlarged where it fits (120×40), normal size where it does not (80×24)."""
    app = make_app(Opening(Start.DEMO))

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await app.push_screen(QRDialog("K7P2QX", "http://192.168.1.20:8765/j/K7P2QX"))
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
