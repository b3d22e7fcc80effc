"""The facilitator's console (Textual). `run_console` is the only entry point the CLI needs."""

from typing import TYPE_CHECKING

from circle.tui.opening import Opening, Start

if TYPE_CHECKING:
    from circle.config import Settings


def run_console(settings: "Settings", opening: Opening) -> None:
    """Open the console and block until the facilitator quits."""
    from circle.tui.app import CircleApp

    CircleApp(settings, opening=opening).run()


__all__ = ["Opening", "Start", "run_console"]
