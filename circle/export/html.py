"""The summary as one self-contained HTML page: inline style and SVG chart, no external assets.

Every piece of user text goes through `html.escape`, so names and notes that
look like tags are shown, never run. The page prints well on A4 or Letter.
"""

from collections.abc import Iterable, Sequence
from datetime import tzinfo
from functools import lru_cache
from html import escape

from circle.core.summary import NoteLine, Summary, TalkLine
from circle.export import tables, words
from circle.export.markdown import FAIRNESS_MEANS

STYLE = """
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --accent: #2f6f5e; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--accent);
  padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; color: var(--muted); }
p.facts, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid var(--line); }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
.tag { font-size: .8rem; color: var(--muted); white-space: nowrap; }
.note { white-space: pre-wrap; margin: .25rem 0; }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg .bar { fill: var(--accent); }
svg .planned { fill: none; stroke: var(--muted); stroke-dasharray: 3 2; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  tr, li, .note, svg, figure { break-inside: avoid; }
}
"""

ROW_HEIGHT = 22
LABEL_WIDTH = 190
CHART_WIDTH = 640


def render(summary: Summary, *, tz: tzinfo | None = None) -> str:
    """The whole summary as one HTML document."""
    sections = [
        _attendance(summary, tz),
        _table_section("Agenda: planned and actual", tables.agenda(summary)),
        _talk(summary),
        _notes(summary),
        _table_section("Asks", tables.items("Ask", summary.asks)),
        _table_section("Offers", tables.items("Offer", summary.offers)),
        _table_section("Matches", tables.matches(summary)),
        _table_section("Commitments", tables.items("Commitment", summary.commitments)),
        _table_section("Follow-ups", tables.follow_ups(summary.follow_ups)),
        _thanks(summary),
        _open_asks(summary),
        _table_section("From last time", tables.follow_ups(summary.from_last_time, "Outcome")),
    ]
    title, facts = _heading(summary, tz)
    body = "\n".join(section for section in sections if section)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{title}</h1>\n{facts}</header>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _heading(summary: Summary, tz: tzinfo | None) -> tuple[str, str]:
    facts = " · ".join(escape(fact) for fact in words.facts(summary, tz))
    lines = f'<p class="facts">{facts}</p>\n'
    if (next_time := words.next_session(summary, tz)) is not None:
        lines += f"<p><strong>Next session:</strong> {next_time}</p>\n"
    return escape(words.title(summary, tz)), lines


def _section(title: str, content: str) -> str:
    return f"<section>\n<h2>{escape(title)}</h2>\n{content}\n</section>"


_CELL_CLASS = {"r": ' class="num"', "n": ' class="nowrap"'}


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], kinds: str = "") -> str:
    """A table of already-escaped cells; `kinds` marks columns "r" (numbers) or "n" (no wrap)."""
    marks = [_CELL_CLASS.get(kind, "") for kind in kinds.ljust(len(headers), "l")]
    head = "".join(f"<th{m}>{h}</th>" for h, m in zip(headers, marks, strict=True))
    body = "\n".join(
        "<tr>" + "".join(f"<td{m}>{c}</td>" for c, m in zip(row, marks, strict=True)) + "</tr>"
        for row in rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _attendance(summary: Summary, tz: tzinfo | None) -> str:
    if not summary.present and not summary.absent:
        return ""
    items = []
    for presence in summary.present:
        line = escape(presence.person.name)
        if presence.business:
            line += f' <span class="muted">({escape(presence.business)})</span>'
        if presence.guest:
            line += ' <span class="tag">guest</span>'
        if presence.arrived_at is not None:
            line += f' <span class="tag">arrived {words.clock(presence.arrived_at, tz)}</span>'
        items.append(f"<li>{line}</li>")
    content = "<ul>\n" + "\n".join(items) + "\n</ul>"
    if summary.absent:
        names = ", ".join(escape(p.person.name) for p in summary.absent)
        content += f"\n<p><strong>Missed this one:</strong> {names}</p>"
    return _section("Who came", content)


def _table_section(title: str, table: tables.Table | None) -> str:
    if table is None:
        return ""
    rows = ([_cell(cell) for cell in row] for row in table.rows)
    return _section(title, _table(table.headers, rows, table.kinds))


def _cell(cell: tables.Cell) -> str:
    text = escape(cell.text)
    if cell.strong:
        text = f"<strong>{text}</strong>"
    if cell.lead:
        text = f"<strong>{escape(cell.lead)}</strong>: {text}"
    return text + "".join(f' <span class="tag">{escape(tag)}</span>' for tag in cell.tags)


def _talk(summary: Summary) -> str:
    if not summary.talk:
        return ""
    content = _chart(summary.talk)
    if summary.fairness is not None:
        content += (
            f"\n<p>Fairness: <strong>{summary.fairness:.2f}</strong> "
            f'<span class="muted">({FAIRNESS_MEANS})</span></p>'
        )
    return _section("Talk time", content)


def _chart(talk: Sequence[TalkLine]) -> str:
    """Horizontal bars of talk time, with each member's planned time as a dashed outline."""
    top = max(max(line.seconds, line.planned_seconds) for line in talk) or 1.0
    scale = (CHART_WIDTH - LABEL_WIDTH - 120) / top
    height = ROW_HEIGHT * len(talk) + 4
    rows = []
    for index, line in enumerate(talk):
        y = index * ROW_HEIGHT + 2
        label = escape(line.person.name)
        rows.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">{label}</text>'
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{y + 3}" width="{line.seconds * scale:.1f}"'
            f' height="{ROW_HEIGHT - 6}" rx="2"/>'
            f'<rect class="planned" x="{LABEL_WIDTH}" y="{y + 3}"'
            f' width="{line.planned_seconds * scale:.1f}" height="{ROW_HEIGHT - 6}" rx="2"/>'
            f'<text x="{LABEL_WIDTH + max(line.seconds, line.planned_seconds) * scale + 6:.1f}"'
            f' y="{y + 15}">{words.duration(line.seconds)} · {line.share:.0%}</text>'
        )
    description = "; ".join(
        f"{escape(line.person.name)} {words.duration(line.seconds)}" for line in talk
    )
    return (
        '<figure style="margin:0">'
        f'<svg role="img" viewBox="0 0 {CHART_WIDTH} {height}" width="100%"'
        f' style="max-width:{CHART_WIDTH}px" aria-label="Talk time per member">'
        f"<title>Talk time: {description}</title>\n" + "\n".join(rows) + "\n</svg>"
        '\n<figcaption class="muted">Bars: time spoken. Dashed outline: time planned.</figcaption>'
        "</figure>"
    )


def _notes(summary: Summary) -> str:
    return _notes_section(summary.notes)


@lru_cache(maxsize=4)
def _notes_section(notes: tuple[NoteLine, ...]) -> str:
    """The notes, rendered once for all the views of a session that share them."""
    if not notes:
        return ""
    parts: list[str] = []
    context = None
    for note in notes:
        if note.context != context:
            context = note.context
            parts.append(f"<h3>{escape(context)}</h3>")
        parts.append(f'<p class="note">{escape(note.text.strip())}</p>')
    return _section("Notes", "\n".join(parts))


def _thanks(summary: Summary) -> str:
    if not summary.thanks:
        return ""
    items = []
    for thanks in summary.thanks:
        line = (
            f"<strong>{escape(thanks.giver.name)}</strong> thanked "
            f"<strong>{escape(thanks.receiver.name)}</strong>"
        )
        if thanks.message.strip():
            line += f": {escape(thanks.message)}"
        items.append(f"<li>{line}</li>")
    return _section("Thanks", "<ul>\n" + "\n".join(items) + "\n</ul>")


def _open_asks(summary: Summary) -> str:
    if not summary.open_asks:
        return ""
    title = (
        "Open asks in the circle: can you help?" if summary.viewer else "Open asks for next time"
    )
    asks = sorted(summary.open_asks, key=lambda item: item.member.name.casefold())
    items = [
        f"<li><strong>{escape(ask.member.name)}</strong>: {escape(ask.text)}</li>" for ask in asks
    ]
    return _section(title, "<ul>\n" + "\n".join(items) + "\n</ul>")
