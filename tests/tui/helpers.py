"""Shared steps of the console tests: seeding circles, waiting for workers, reading screens."""

import time

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from circle.config import Settings
from circle.local import open_replica
from circle.model import Circle, Member

MARKUP_NAMES = ("[red]x[/red]", "[@click=app.quit]Quit[/]", "[b]Bold")
"""Text that Textual would read as markup if the console let it: it must show literally."""


async def settle(pilot: Pilot[None]) -> None:
    """Let every worker finish and every message land (data loads, writes, screen changes).

    Then wait until the screen holds still, so widgets that lay out when idle (a
    DataTable's column widths) have caught up, however loaded the machine is: a fixed
    pause could be outrun, and a snapshot taken under a dialog pushed next would keep
    the half-laid-out screen.
    """
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await _until_still(pilot)


STILL_POLLS = 2
"""Looks at the screen, 50 ms apart, that must find it unchanged."""


async def _until_still(pilot: Pilot[None], limit: float = 5.0) -> None:
    """Look at the screen every 50 ms until it has not changed for STILL_POLLS looks."""
    deadline = time.monotonic() + limit
    last, unchanged = screen_text(pilot), 0
    while unchanged < STILL_POLLS and time.monotonic() < deadline:
        await pilot.pause(0.05)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        now = screen_text(pilot)
        unchanged = unchanged + 1 if now == last else 0
        last = now


def seed_circle(settings: Settings, name: str, *members: str) -> tuple[Circle, list[Member]]:
    """Create a circle with members ("Name | business") in the test's replica."""
    from circle.workspace import new_circle

    replica = open_replica(settings.replica_path)
    try:
        return new_circle(replica, name, list(members))
    finally:
        replica.close()


def screen_text(pilot: Pilot[None]) -> str:
    """Everything the screen shows, line by line, as plain text (what a person would read)."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def shown(widget: Widget) -> str:
    """The plain text a Static shows (whatever the width it wraps at)."""
    assert isinstance(widget, Static)
    return str(widget.visual)
