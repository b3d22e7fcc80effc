"""The summary as Markdown that reads well raw and in GitHub, Obsidian or a Notion import.

Every piece of user text is escaped, so a name like `[red]x[/red]` or an ask with
`<script>` shows as typed and never as markup.
"""

import re
from collections.abc import Iterable, Sequence
from datetime import tzinfo
from functools import lru_cache

from circle.core.summary import FollowUpLine, ItemLine, NoteLine, Summary
from circle.export import words

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
        _agenda(summary),
        _talk(summary),
        _notes(summary),
        _items("Asks", summary.asks),
        _items("Offers", summary.offers),
        _matches(summary),
        _items("Commitments", summary.commitments),
        _follow_ups("Follow-ups", summary.follow_ups, outcome=False),
        _thanks(summary),
        _open_asks(summary),
        _follow_ups("From last time", summary.from_last_time, outcome=True),
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
    """A GFM table; `align` holds one of l/r per column (default left)."""
    marks = ["---:" if a == "r" else "---" for a in align.ljust(len(headers), "l")]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _agenda(summary: Summary) -> str:
    if not summary.agenda:
        return ""
    rows = [
        (
            escape(phase.title),
            words.duration(phase.planned_seconds),
            words.duration(phase.actual_seconds),
            words.difference(phase.actual_seconds, phase.planned_seconds),
        )
        for phase in summary.agenda
    ]
    planned, actual = summary.planned_seconds, summary.actual_seconds
    rows.append(
        (
            "**Total**",
            words.duration(planned),
            words.duration(actual),
            words.difference(actual, planned),
        )
    )
    table = _table(("Phase", "Planned", "Actual", "Over or under"), rows, "lrrr")
    return f"## Agenda: planned and actual\n\n{table}"


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


def _items(title: str, items: Sequence[ItemLine]) -> str:
    if not items:
        return ""
    helps, dues = any(item.help for item in items), any(item.due for item in items)
    headers = ["Who", title[:-1], *(["Kind of help"] if helps else []), "Status"]
    rows = [_item_row(item, helps, dues) for item in items]
    return f"## {title}\n\n{_table(headers + (['Due'] if dues else []), rows)}"


def _item_row(item: ItemLine, helps: bool, dues: bool) -> list[str]:
    text = escape(item.text)
    if item.private:
        text += " *(private: only in your summary)*"
    if item.carried:
        text += " *(carried over)*"
    row = [escape(item.member.name), text]
    row += [words.help_label(item.help)] if helps else []
    row.append(words.status_label(item.status))
    return row + ([words.due(item.due)] if dues else [])


def _matches(summary: Summary) -> str:
    if not summary.matches:
        return ""
    rows = [
        (
            f"{escape(m.ask.member.name)}: {escape(m.ask.text)}",
            f"{escape(m.offer.member.name)}: {escape(m.offer.text)}",
            escape(m.reason),
            words.status_label(m.state),
        )
        for m in summary.matches
    ]
    return "## Matches\n\n" + _table(("Ask", "Offer", "Why", "State"), rows)


def _follow_ups(title: str, follow_ups: Sequence[FollowUpLine], *, outcome: bool) -> str:
    if not follow_ups:
        return ""
    rows = [
        (
            escape(f.owner.name),
            escape(f.action),
            words.due(f.due),
            words.status_label(f.status),
        )
        for f in follow_ups
    ]
    headers = ("Who", "What", "By", "Outcome" if outcome else "Status")
    return f"## {title}\n\n{_table(headers, rows)}"


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
