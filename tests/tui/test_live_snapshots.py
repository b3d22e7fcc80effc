"""What the live screen looks like running, at the warning mark and in overtime, in two sizes.

Clocks are frozen and times shown in UTC (tests/tui/conftest.py), so a snapshot changes
only when the screen does. Update them with
`pytest tests/tui/test_live_snapshots.py --snapshot-update` after checking the report.
"""

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from circle.config import Settings
from circle.tui.timesource import FrozenTime
from tests.tui.livekit import advance, open_app, open_live, plan_quick, settle

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]
STATES = [
    pytest.param(12, id="running"),
    pytest.param(26, id="warning"),
    pytest.param(65, id="overtime"),
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("seconds", STATES)
def test_the_live_screen(
    snap_compare: Callable[..., bool],
    settings: Settings,
    frozen_time: FrozenTime,
    size: tuple[int, int],
    seconds: float,
) -> None:
    planned = plan_quick(settings)
    app = open_app(settings, frozen_time)

    async def run_before(pilot: Pilot[None]) -> None:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space")
        await advance(screen, frozen_time, pilot, 40)
        await pilot.press("n", "a")
        screen.query_one("#live-capture", Input).value = "a: a wholesale buyer for [b]bread[/b]"
        await pilot.press("enter", "escape", "t", *"Ben: new payroll client", "escape")
        await settle(screen, pilot)
        await advance(screen, frozen_time, pilot, seconds)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
