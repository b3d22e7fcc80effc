"""Shared steps of the console tests: seeding circles, waiting for workers, reading screens."""

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

    The last, timed pause lets widgets that lay out when idle (a DataTable's column widths)
    catch up even on a loaded machine.
    """
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause(0.1)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


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
