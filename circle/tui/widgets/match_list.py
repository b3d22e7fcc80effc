"""Match suggestions with the matcher's reason: accept, dismiss, or look at the alternatives.

One line per open ask, showing its current choice; `v` steps through the other offers
that fit. The widget only posts what the facilitator decided; the screen records it.
"""

import uuid
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from circle.live.suggest import MatchView


def match_prompt(view: MatchView) -> Content:
    """A suggestion in three lines; names and texts are plain content, never markup."""
    choice = f" · {view.rank} of {view.choices}" if view.choices > 1 else ""
    return Content.assemble(
        (f"{view.giver} → {view.asker}", "bold"),
        f"  {round(view.score * 100)}% fit{choice}\n",
        ("ask  ", "dim"),
        Content(view.ask),
        "\n",
        ("offer ", "dim"),
        Content(view.offer),
        "\n",
        (f"why: {view.why}", "italic"),
    )


class MatchList(OptionList):
    """The suggestions for the session's open asks, best first."""

    DEFAULT_CSS = """
    MatchList {
        height: 1fr;
        border: round $surface-lighten-2;
        border-title-color: $text-muted;
        &:focus { border: round $accent; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "accept", "Accept", id="accept_match"),
        Binding("d", "dismiss", "Dismiss", id="dismiss_match"),
        Binding("v", "alternative", "Alternatives", id="next_alternative"),
    ]

    @dataclass
    class Decided(Message):
        """The facilitator accepted or dismissed a suggestion."""

        view: MatchView
        accepted: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.views: dict[uuid.UUID, list[MatchView]] = {}
        """Each open ask's suggestions, best first."""
        self.shown: dict[uuid.UUID, int] = {}
        """Which of an ask's suggestions is on show."""

    def on_mount(self) -> None:
        self.border_title = "Matches"
        self.show([])

    def show(self, views: list[MatchView]) -> None:
        """Replace the suggestions, keeping the choice on show where it still exists."""
        grouped: dict[uuid.UUID, list[MatchView]] = {}
        for view in views:
            grouped.setdefault(view.ask_id, []).append(view)
        self.views = grouped
        self.shown = {a: min(self.shown.get(a, 0), len(v) - 1) for a, v in grouped.items()}
        highlighted = self.highlighted
        self.clear_options()
        if not grouped:
            self.add_option(Option(Content.styled("No suggestions yet", "dim"), disabled=True))
            return
        self.add_options(
            Option(match_prompt(found[self.shown[ask]]), id=str(ask))
            for ask, found in grouped.items()
        )
        self.highlighted = min(highlighted or 0, self.option_count - 1)
        self.border_title = f"Matches ({len(grouped)})"

    def current(self) -> MatchView | None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        ask = uuid.UUID(option.id)
        return self.views[ask][self.shown[ask]]

    def action_accept(self) -> None:
        if (view := self.current()) is not None:
            self.post_message(self.Decided(view, accepted=True))

    def action_dismiss(self) -> None:
        if (view := self.current()) is not None:
            self.post_message(self.Decided(view, accepted=False))

    def action_alternative(self) -> None:
        """Show the next offer that fits this ask (round to the first after the last)."""
        view = self.current()
        if view is None:
            return
        choices = self.views[view.ask_id]
        self.shown[view.ask_id] = (self.shown[view.ask_id] + 1) % len(choices)
        index = self.get_option_index(str(view.ask_id))
        self.replace_option_prompt_at_index(index, match_prompt(choices[self.shown[view.ask_id]]))
