"""The footer, rebuilt once per burst of binding changes instead of once per change."""

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class CircleFooter(Footer):
    """Textual's footer, but a burst of binding changes (a screen opening, focus moving, data
    arriving) rebuilds its keys once: each rebuild restyles every key, which showed up as most
    of the console's time to first paint."""

    _pending = False

    def __init__(self) -> None:
        super().__init__()
        # The screen's own keys are known when the footer is composed: show them in the
        # first frame rather than a frame later, when Textual's footer first hears of them.
        self.set_reactive(Footer._bindings_ready, True)

    def compose(self) -> ComposeResult:
        """Textual's keys, with help first: on a screen with many keys it never falls off."""
        keys = list(super().compose())
        first = [key for key in keys if getattr(key, "action", None) == "help"]
        yield from first + [key for key in keys if key not in first]

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._pending:
            return
        if self.is_attached and screen is self.screen:
            self._pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._pending = False
        await self.recompose()
