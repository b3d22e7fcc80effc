"""Talk time per member as Unicode bars, with the numbers beside them (colour is never needed)."""

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from circle.core.summary import TalkLine
from circle.tui import words

EIGHTHS = " ▏▎▍▌▋▊▉"
NAME_WIDTH = 22


def bar(fraction: float, width: int) -> str:
    """A horizontal bar `fraction` of `width` cells long, to an eighth of a cell."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


def figures(line: TalkLine) -> str:
    """The numbers of one bar: "12:34  18%  of 10:00  +2:34"."""
    over = line.seconds - line.planned_seconds
    planned = f"of {words.clock(line.planned_seconds)}" if line.planned_seconds else ""
    extra = f"+{words.clock(over)}" if line.planned_seconds and over >= 1 else ""
    return f"{words.clock(line.seconds):>8} {line.share:>4.0%}  {planned:<9} {extra}".rstrip()


class TalkChart(Widget):
    """One bar per member, longest talker first; the bar's length is talk time."""

    DEFAULT_CSS = """
    TalkChart { height: auto; }
    TalkChart > .talk-chart--bar { color: $primary; }
    TalkChart > .talk-chart--over { color: $warning; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"talk-chart--bar", "talk-chart--over"}

    talk: reactive[tuple[TalkLine, ...]] = reactive((), layout=True)
    """The lines to draw, in the order given."""

    def render(self) -> Text:
        if not self.talk:
            return Text("Nobody has spoken yet.")
        width = max(self.content_size.width, 40)
        names = min(NAME_WIDTH, max(cell_len(line.person.name) for line in self.talk))
        numbers = [figures(line) for line in self.talk]
        room = max(4, width - names - max(len(n) for n in numbers) - 3)
        longest = max(max(line.seconds, line.planned_seconds) for line in self.talk) or 1.0
        text = Text(no_wrap=True, overflow="ellipsis")
        for line, number in zip(self.talk, numbers, strict=True):
            text.append_text(self._row(line, number, names, room, longest))
        text.rstrip()
        return text

    def _row(self, line: TalkLine, number: str, names: int, room: int, longest: float) -> Text:
        row = Text(line.person.name)
        row.truncate(names, overflow="ellipsis", pad=True)
        row.append(" ")
        whole = bar(line.seconds / longest, room)
        planned = line.planned_seconds or line.seconds
        within = len(whole) if line.seconds <= planned else int(planned / longest * room)
        row.append(whole[:within], self.get_component_rich_style("talk-chart--bar"))
        row.append(whole[within:], self.get_component_rich_style("talk-chart--over"))
        row.append(" " * (room - len(whole)) + f"  {number}\n")
        return row
