"""`circle history`: a circle's giving ledger as a terminal table, JSON or CSV."""

import csv
import io
import json
from datetime import tzinfo
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from circle.core.ledger import Ledger, SessionLedger
from circle.errors import UserError
from circle.export import csvout, markdown, words

HISTORY_FORMATS = ("table", "json", "csv")

MEMBER_HEADERS = (
    "Member",
    "Sessions attended",
    "Asks made",
    "Asks answered",
    "Offers made",
    "Offers given",
    "Thanks given",
    "Thanks received",
    "Commitments made",
    "Commitments kept",
    "Talk time (minutes)",
    "Talk share (%)",
)
SESSION_HEADERS = (
    "Session date",
    "Promises made",
    "Done",
    "Dropped",
    "Carried over",
    "Still open",
    "Follow-through (%)",
)


def render(ledger: Ledger, format: str, *, tz: tzinfo | None = None, width: int = 100) -> str:
    """The ledger in one of `HISTORY_FORMATS`."""
    if format == "table":
        return table(ledger, tz=tz, width=width)
    if format == "json":
        return json.dumps(to_data(ledger, tz), ensure_ascii=False, indent=2) + "\n"
    if format == "csv":
        return _csv(ledger, tz)
    raise UserError(f"unknown format {format!r} (formats: {', '.join(HISTORY_FORMATS)})")


def table(ledger: Ledger, *, tz: tzinfo | None = None, width: int = 100) -> str:
    """Two plain-text tables: per member, then follow-through per session."""
    console = Console(
        file=io.StringIO(), width=max(width, 60), no_color=True, markup=False, emoji=False
    )
    count = len(ledger.sessions)
    plural = "session" if count == 1 else "sessions"
    console.print(Text(f"{ledger.circle}: giving ledger over {count} {plural}"))
    console.print(_member_table(ledger))
    console.print(_session_table(ledger, tz))
    if ledger.follow_through is not None:
        console.print(Text(f"Follow-through overall: {ledger.follow_through:.0%} of promises kept"))
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def _member_table(ledger: Ledger) -> Table:
    grid = Table(box=box.SIMPLE_HEAD, title="Per member", title_justify="left", pad_edge=False)
    grid.add_column("Member", overflow="fold")
    for header in ("Came", "Asks\nanswered", "Offers\ngiven", "Thanks\ngiven", "Thanks\ngot"):
        grid.add_column(header, justify="right")
    grid.add_column("Commitments\nkept", justify="right")
    grid.add_column("Talk\nshare", justify="right")
    for m in ledger.members:
        grid.add_row(
            Text(m.name),
            str(m.sessions),
            f"{m.asks_answered} of {m.asks_made}",
            f"{m.offers_given} of {m.offers_made}",
            str(m.thanks_given),
            str(m.thanks_received),
            f"{m.commitments_kept} of {m.commitments_made}",
            f"{m.talk_share:.0%}",
        )
    return grid


def _session_table(ledger: Ledger, tz: tzinfo | None) -> Table:
    grid = Table(
        box=box.SIMPLE_HEAD,
        title="Follow-through per session",
        title_justify="left",
        pad_edge=False,
    )
    grid.add_column("Session")
    for header in ("Promises", "Done", "Dropped", "Carried", "Open", "Kept"):
        grid.add_column(header, justify="right")
    grid.add_column("")
    for s in ledger.sessions:
        rate = s.rate
        grid.add_row(
            _date(s, tz),
            str(s.promises),
            str(s.done),
            str(s.dropped),
            str(s.carried),
            str(s.open),
            "–" if rate is None else f"{rate:.0%}",
            "" if rate is None else markdown.bar(rate, width=10),
        )
    return grid


def to_data(ledger: Ledger, tz: tzinfo | None = None) -> dict[str, Any]:
    """The ledger as plain JSON-ready data."""
    return {
        "circle": ledger.circle,
        "follow_through_rate": ledger.follow_through,
        "members": [
            {
                "id": str(m.member_id),
                "name": m.name,
                "sessions": m.sessions,
                "asks_made": m.asks_made,
                "asks_answered": m.asks_answered,
                "offers_made": m.offers_made,
                "offers_given": m.offers_given,
                "thanks_given": m.thanks_given,
                "thanks_received": m.thanks_received,
                "commitments_made": m.commitments_made,
                "commitments_kept": m.commitments_kept,
                "talk_seconds": m.talk_seconds,
                "talk_share": m.talk_share,
            }
            for m in ledger.members
        ],
        "sessions": [
            {
                "id": str(s.session_id),
                "date": None if s.when is None else _date(s, tz),
                "promises": s.promises,
                "done": s.done,
                "dropped": s.dropped,
                "carried": s.carried,
                "open": s.open,
                "rate": s.rate,
            }
            for s in ledger.sessions
        ],
    }


def _csv(ledger: Ledger, tz: tzinfo | None) -> str:
    """Two tables in one CSV, a blank row between: per member, then per session."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(MEMBER_HEADERS)
    for m in ledger.members:
        writer.writerow(
            (
                csvout.cell(m.name),
                m.sessions,
                m.asks_made,
                m.asks_answered,
                m.offers_made,
                m.offers_given,
                m.thanks_given,
                m.thanks_received,
                m.commitments_made,
                m.commitments_kept,
                round(m.talk_seconds / 60),
                round(m.talk_share * 100),
            )
        )
    writer.writerow(())
    writer.writerow(SESSION_HEADERS)
    for s in ledger.sessions:
        rate = "" if s.rate is None else round(s.rate * 100)
        writer.writerow((_date(s, tz), s.promises, s.done, s.dropped, s.carried, s.open, rate))
    return buffer.getvalue()


def _date(session: SessionLedger, tz: tzinfo | None) -> str:
    return "undated" if session.when is None else f"{words.local(session.when, tz):%Y-%m-%d}"
