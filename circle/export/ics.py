"""The summary's follow-ups as an iCalendar file: one to-do each, and the next session if set.

Written by hand to RFC 5545 (text escaped, lines folded at 75 octets) so the
export needs no calendar library; tests read it back with `icalendar`.
"""

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from circle.core.summary import FollowUpLine, ItemLine, Summary

PRODUCT = "-//circle//session summary//EN"
NEXT_SESSION_LENGTH = timedelta(minutes=90)
"""How long the next-session event lasts when the agenda says nothing."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_STATUS = {"open": "NEEDS-ACTION", "done": "COMPLETED", "dropped": "CANCELLED"}


def render(summary: Summary, *, stamp: datetime) -> str:
    """The calendar as text with CRLF line ends; `stamp` is when it was made (DTSTAMP)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(summary.circle + ' follow-ups')}",
    ]
    stamp_text = _moment(stamp)
    for follow_up in summary.follow_ups:
        lines += _follow_up(follow_up, summary, stamp_text)
    linked = {f.item_id for f in summary.follow_ups}
    for item in summary.commitments:
        if item.id not in linked and item.status == "open":
            lines += _commitment(item, summary, stamp_text)
    lines += _next_session(summary, stamp_text)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _follow_up(follow_up: FollowUpLine, summary: Summary, stamp: str) -> list[str]:
    origin = f"From {summary.circle}"
    if follow_up.source != "other":
        origin += f" ({follow_up.source})"
    return _todo(
        uid=f"follow-up-{follow_up.id}@circle",
        stamp=stamp,
        title=f"{follow_up.owner.name}: {follow_up.action}",
        description=origin,
        due=follow_up.due,
        status=_STATUS.get(follow_up.status, "NEEDS-ACTION"),
    )


def _commitment(item: ItemLine, summary: Summary, stamp: str) -> list[str]:
    return _todo(
        uid=f"commitment-{item.id}@circle",
        stamp=stamp,
        title=f"{item.member.name}: {item.text}",
        description=f"A commitment made at {summary.circle}",
        due=item.due,
        status="NEEDS-ACTION",
    )


def _todo(
    *, uid: str, stamp: str, title: str, description: str, due: date | None, status: str
) -> list[str]:
    lines = ["BEGIN:VTODO", f"UID:{uid}", f"DTSTAMP:{stamp}", f"SUMMARY:{_text(title)}"]
    lines.append(f"DESCRIPTION:{_text(description)}")
    if due is not None:
        lines.append(f"DUE;VALUE=DATE:{due:%Y%m%d}")
    return [*lines, f"STATUS:{status}", "END:VTODO"]


def _next_session(summary: Summary, stamp: str) -> Iterator[str]:
    start = summary.next_session_at
    if start is None:
        return
    length = timedelta(seconds=summary.planned_seconds) if summary.agenda else NEXT_SESSION_LENGTH
    yield from (
        "BEGIN:VEVENT",
        f"UID:next-session-{summary.circle_id}-{start:%Y%m%d}@circle",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_moment(start)}",
        f"DTEND:{_moment(start + length)}",
        f"SUMMARY:{_text(summary.circle + ' circle')}",
        f"DESCRIPTION:{_text('The next session of ' + summary.circle)}",
        "END:VEVENT",
    )


def _moment(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def _text(value: str) -> str:
    """A TEXT value escaped per RFC 5545 §3.3.11."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return _CONTROL.sub("", value)


def _fold(line: str, limit: int = 75) -> str:
    """Fold a content line at `limit` octets, never inside a UTF-8 character."""
    if len(line.encode()) <= limit:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)
