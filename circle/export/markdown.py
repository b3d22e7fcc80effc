"""The summary as Markdown that reads well raw and in GitHub, Obsidian or a Notion import.

Every piece of user text is escaped, so a name like `[red]x[/red]` or an ask with
`<script>` shows as typed and never as markup.
"""

import re
from collections.abc import Iterable, Sequence
from datetime import tzinfo
from functools import lru_cache

from circle.core.summary import NoteLine, Summary
from circle.export import tables, words

_SPECIAL = str.maketrans({char: "\\" + char for char in "\\`*_[]<>#|~$"})
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^([-+=>]|\d{1,9}(?=[.)]))")
_BAR_STEPS = " ▏▎▍▌▋▊▉"
BAR_WIDTH = 20
FAIRNESS_MEANS = "1.00 when everyone spoke for the same share of their planned time"


@lru_cache(maxsize=8192)
def escape(text: str) -> str:
    """One line of user text, safe anywhere inline (table cells included).

    Cached: the same names and notes appear in every member's summary.
    """
    text = " ".join(text.replace("\x00", "").split()).translate(_SPECIAL)
    if "&" in text:
        text = _ENTITY.sub("\\\\&", text)
    if "%%" in text:
        text = text.replace("%%", r"\%\%")
    return _LINE_START.sub(_escape_start, text, count=1)


def block(text: str, indent: str = "  ") -> str:
    """Several lines of user text for a list item: one hard line break per line."""
    lines = [line for line in map(escape, text.splitlines()) if line]
    return f"\\\n{indent}".join(lines)


def bar(share: float, width: int = BAR_WIDTH) -> str:
    """A Unicode bar, `share` (0–1) of `width` characters long, in eighths."""
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + (_BAR_STEPS[rest] if rest else "")


def render(summary: Summary, *, tz: tzinfo | None = None) -> str:
    """The whole summary as one Markdown document."""
    sections = [
        _heading(summary, tz),
        _attendance(summary, tz),
        _section("Agenda: planned and actual", tables.agenda(summary)),
        _talk(summary),
        _notes(summary),
        _section("Asks", tables.items("Ask", summary.asks)),
        _section("Offers", tables.items("Offer", summary.offers)),
        _section("Matches", tables.matches(summary)),
        _section("Commitments", tables.items("Commitment", summary.commitments)),
        _section("Follow-ups", tables.follow_ups(summary.follow_ups)),
        _thanks(summary),
        _open_asks(summary),
        _section("From last time", tables.follow_ups(summary.from_last_time, "Outcome")),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


def _escape_start(match: re.Match[str]) -> str:
    return "\\" + match.group(1) if not match.group(1).isdigit() else match.group(1) + "\\"


def _heading(summary: Summary, tz: tzinfo | None) -> str:
    facts = " · ".join(escape(fact) for fact in words.facts(summary, tz))
    lines = [f"# {escape(words.title(summary, tz))}", "", facts]
    if (next_time := words.next_session(summary, tz)) is not None:
        lines += ["", f"**Next session:** {next_time}"]
    return "\n".join(lines)


def _attendance(summary: Summary, tz: tzinfo | None) -> str:
    if not summary.present and not summary.absent:
        return ""
    lines = ["## Who came", ""]
    for presence in summary.present:
        line = f"- {escape(presence.person.name)}"
        if presence.business:
            line += f" ({escape(presence.business)})"
        if presence.guest:
            line += " — guest"
        if presence.arrived_at is not None:
            line += f" — arrived {words.clock(presence.arrived_at, tz)}"
        lines.append(line)
    if summary.absent:
        names = ", ".join(escape(p.person.name) for p in summary.absent)
        lines += ["", f"**Missed this one:** {names}"]
    return "\n".join(lines)


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> str:
    """A GFM table of already-escaped cells; `align` holds one of l/r per column."""
    marks = ["---:" if a == "r" else "---" for a in align.ljust(len(headers), "l")]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _section(title: str, table: tables.Table | None) -> str:
    if table is None:
        return ""
    rows = ([_cell(cell) for cell in row] for row in table.rows)
    return f"## {title}\n\n{_table(table.headers, rows, table.kinds)}"


def _cell(cell: tables.Cell) -> str:
    text = escape(cell.text)
    if cell.strong:
        text = f"**{text}**"
    if cell.lead:
        text = f"**{escape(cell.lead)}**: {text}"
    return text + "".join(f" *({escape(tag)})*" for tag in cell.tags)


def _talk(summary: Summary) -> str:
    if not summary.talk:
        return ""
    top = max(line.share for line in summary.talk) or 1.0
    rows = [
        (
            escape(line.person.name),
            f"`{bar(line.share / top) or '·'}`",
            words.duration(line.seconds),
            words.duration(line.planned_seconds) if line.planned_seconds else "",
            f"{line.share:.0%}",
        )
        for line in summary.talk
    ]
    table = _table(("Member", "Talk time", "Time", "Planned", "Share"), rows, "llrrr")
    text = f"## Talk time\n\n{table}"
    if summary.fairness is not None:
        text += f"\n\nFairness: **{summary.fairness:.2f}** ({FAIRNESS_MEANS})"
    return text


def _notes(summary: Summary) -> str:
    return _notes_section(summary.notes)


@lru_cache(maxsize=4)
def _notes_section(notes: tuple[NoteLine, ...]) -> str:
    """The notes, rendered once for all the views of a session that share them."""
    if not notes:
        return ""
    lines = ["## Notes"]
    context = None
    for note in notes:
        if note.context != context:
            context = note.context
            lines += ["", f"### {escape(context)}", ""]
        lines.append(f"- {block(note.text)}")
    return "\n".join(lines)


def _thanks(summary: Summary) -> str:
    if not summary.thanks:
        return ""
    lines = ["## Thanks", ""]
    for thanks in summary.thanks:
        line = f"- **{escape(thanks.giver.name)}** thanked **{escape(thanks.receiver.name)}**"
        lines.append(line + (f": {escape(thanks.message)}" if thanks.message.strip() else ""))
    return "\n".join(lines)


def _open_asks(summary: Summary) -> str:
    if not summary.open_asks:
        return ""
    title = (
        "Open asks in the circle: can you help?" if summary.viewer else "Open asks for next time"
    )
    lines = [f"## {title}", ""]
    asks = sorted(summary.open_asks, key=lambda item: item.member.name.casefold())
    lines += [f"- {escape(ask.member.name)}: {escape(ask.text)}" for ask in asks]
    return "\n".join(lines)
