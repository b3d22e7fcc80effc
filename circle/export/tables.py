"""The summary's tables as plain-text cells, so Markdown and HTML show the same columns.

Each renderer escapes the text its own way and marks up `strong`, `lead` and
`tags`; nothing here is escaped.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from circle.core.summary import FollowUpLine, ItemLine, Summary
from circle.export import words

PRIVATE_TAG = "private: only in your summary"
CARRIED_TAG = "carried over"


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    strong: bool = False
    lead: str = ""
    """A name shown in bold before the text: "Ana Ruiz: …"."""
    tags: tuple[str, ...] = ()
    """Short asides shown after the text, e.g. "carried over"."""


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    kinds: str
    """One letter per column: "l" text, "r" numbers (right-aligned), "n" never wrapped."""
    rows: tuple[tuple[Cell, ...], ...]


def _row(*texts: str) -> tuple[Cell, ...]:
    return tuple(Cell(text) for text in texts)


def agenda(summary: Summary) -> Table | None:
    """Planned against actual time, per phase and in total."""
    if not summary.agenda:
        return None
    rows = [
        _row(
            phase.title,
            words.duration(phase.planned_seconds),
            words.duration(phase.actual_seconds),
            words.difference(phase.actual_seconds, phase.planned_seconds),
        )
        for phase in summary.agenda
    ]
    planned, actual = summary.planned_seconds, summary.actual_seconds
    total = _row(words.duration(planned), words.duration(actual), words.difference(actual, planned))
    rows.append((Cell("Total", strong=True), *total))
    return Table(("Phase", "Planned", "Actual", "Over or under"), "lrrr", tuple(rows))


def items(title: str, lines: Sequence[ItemLine]) -> Table | None:
    """Asks, offers or commitments; the kind-of-help and due columns only when used."""
    if not lines:
        return None
    helps, dues = any(item.help for item in lines), any(item.due for item in lines)
    headers = ["Who", title, *(["Kind of help"] if helps else []), "Status"]
    headers += ["Due"] if dues else []
    rows = []
    for item in lines:
        tags = (PRIVATE_TAG,) * item.private + (CARRIED_TAG,) * item.carried
        row = [Cell(item.member.name), Cell(item.text, tags=tags)]
        row += [Cell(words.help_label(item.help))] if helps else []
        row.append(Cell(words.status_label(item.status)))
        rows.append((*row, *([Cell(words.due(item.due))] if dues else [])))
    return Table(tuple(headers), "l" * (len(headers) - 1) + ("n" if dues else "l"), tuple(rows))


def matches(summary: Summary) -> Table | None:
    """Each match: the ask, the offer, why, and how far it got."""
    if not summary.matches:
        return None
    rows = tuple(
        (
            Cell(m.ask.text, lead=m.ask.member.name),
            Cell(m.offer.text, lead=m.offer.member.name),
            Cell(m.reason),
            Cell(words.status_label(m.state)),
        )
        for m in summary.matches
    )
    return Table(("Ask", "Offer", "Why", "State"), "llll", rows)


def follow_ups(lines: Sequence[FollowUpLine], last: str = "Status") -> Table | None:
    """Who does what by when; `last` names the status column ("Outcome" for last time's)."""
    if not lines:
        return None
    rows = tuple(
        _row(f.owner.name, f.action, words.due(f.due), words.status_label(f.status)) for f in lines
    )
    return Table(("Who", "What", "By", last), "llnl", rows)
