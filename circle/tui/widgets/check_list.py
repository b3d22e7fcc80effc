"""A selection list whose boxes say what is picked by their mark, not by their colour alone."""

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

T = TypeVar("T")

UNPICKED = " "
"""What an unpicked box holds: Textual draws an X in every box and tells them apart by colour,
which reads as "all picked" in a monochrome terminal, under NO_COLOR or to a colour-blind eye."""


class CheckList(SelectionList[T]):
    """`SelectionList` with an empty box for what is not picked."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if selection.value in self.selected or len(segments) < 2:
            return strip
        mark = segments[1]
        if mark.text != Checkbox.BUTTON_INNER:
            return strip
        segments[1] = Segment(UNPICKED * len(mark.text), mark.style, mark.control)
        return Strip(segments, strip.cell_length)
