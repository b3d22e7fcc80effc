"""The text of a running Textual app's screen, cell by cell, as a terminal would show it."""

from textual.app import App


def screen_lines(app: App[object]) -> list[str]:
    """Every line of the current screen (dialogs over their background included)."""
    strips = app.screen._compositor.render_strips()
    return [strip.text for strip in strips]
