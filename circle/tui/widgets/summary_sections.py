"""A session summary's sections as Rich tables; every piece of user text goes in as plain Text."""

from collections.abc import Iterable, Sequence

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from circle.core.summary import FollowUpLine, ItemLine, MatchLine, PhaseLine, Summary, ThanksLine
from circle.tui import words


def table(*headers: str, wide: tuple[str, ...] = ()) -> Table:
    """A quiet table that folds long text; the `wide` columns take the spare width."""
    grid = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    for header in headers:
        if header in wide:
            grid.add_column(header, overflow="fold", ratio=1)
        else:
            grid.add_column(header, overflow="fold", no_wrap=header not in ("Who", "From", "To"))
    return grid


def or_empty(grid: Table, rows: int, empty: str) -> RenderableType:
    return grid if rows else Text(empty, style="italic")


def heading(summary: Summary) -> Text:
    """The circle, when, the format and how long it ran against the plan."""
    line = Text.assemble(
        (summary.circle, "bold"), f" · {words.moment(summary.started_at)} · {summary.format}"
    )
    if summary.actual_seconds:
        line.append(
            f" · ran {words.length(summary.actual_seconds)}"
            f" of {words.length(summary.planned_seconds)} planned"
        )
    return line


def attendance(summary: Summary) -> Text:
    came = ", ".join(p.person.name + (" (guest)" if p.guest else "") for p in summary.present)
    text = Text(f"Present ({len(summary.present)}): {came or 'nobody marked'}")
    if summary.absent:
        away = ", ".join(p.person.name for p in summary.absent)
        text.append(f"\nAbsent ({len(summary.absent)}): {away}")
    return text


def fairness(summary: Summary) -> Text:
    if summary.fairness is None:
        return Text("")
    return Text(
        f"Fairness {summary.fairness:.2f}"
        " (1.00: everyone used the same share of their planned time)"
    )


def on_time(phases: Sequence[PhaseLine]) -> RenderableType:
    """Planned against actual time, phase by phase, with the difference in words."""
    grid = table("Phase", "Turns", "Planned", "Actual", "Difference", wide=("Phase",))
    for phase in phases:
        grid.add_row(
            Text(phase.title),
            f"{phase.turns}" + (f" ({phase.skipped} skipped)" if phase.skipped else ""),
            words.clock(phase.planned_seconds),
            words.clock(phase.actual_seconds),
            _difference(phase.actual_seconds - phase.planned_seconds),
        )
    return or_empty(grid, len(phases), "No agenda was planned.")


def _difference(seconds: float) -> str:
    if abs(seconds) < 1:
        return "on time"
    return f"{words.clock(abs(seconds))} {'over' if seconds > 0 else 'under'}"


def items(lines: Iterable[ItemLine], *, due: bool = False) -> RenderableType:
    """Asks, offers or commitments: who, what, the kind of help and where it stands."""
    grid = table("Who", "What", "Due" if due else "Help", "Status", wide=("What",))
    count = 0
    for line in lines:
        count += 1
        grid.add_row(
            Text(line.member.name),
            Text(line.text + (" (carried over)" if line.carried else "")),
            words.day(line.due) if due else (line.help or "—"),
            line.status,
        )
    return or_empty(grid, count, "None.")


def matches(lines: Sequence[MatchLine]) -> RenderableType:
    grid = table("Ask", "Offer", "Why", "State", wide=("Ask", "Offer", "Why"))
    for line in lines:
        grid.add_row(_said(line.ask), _said(line.offer), Text(line.reason), line.state)
    return or_empty(grid, len(lines), "No matches.")


def _said(line: ItemLine) -> Text:
    return Text.assemble((line.member.name, "bold"), ": ", line.text)


def follow_ups(lines: Sequence[FollowUpLine], empty: str = "No follow-ups.") -> RenderableType:
    grid = table("Who", "Does what", "By", "Status", wide=("Does what",))
    for line in lines:
        grid.add_row(Text(line.owner.name), Text(line.action), words.day(line.due), line.status)
    return or_empty(grid, len(lines), empty)


def thanks(lines: Sequence[ThanksLine]) -> RenderableType:
    grid = table("From", "To", "For", wide=("For",))
    for line in lines:
        grid.add_row(Text(line.giver.name), Text(line.receiver.name), Text(line.message or "—"))
    return or_empty(grid, len(lines), "No thanks recorded.")


def notes(summary: Summary) -> RenderableType:
    grid = table("Where", "Note", wide=("Where", "Note"))
    for line in summary.notes:
        grid.add_row(Text(line.context), Text(line.text))
    return or_empty(grid, len(summary.notes), "No shared notes.")
