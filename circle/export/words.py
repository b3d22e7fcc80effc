"""Words, times and file names the exports share, so every format says things the same way."""

import re
import unicodedata
from datetime import date, datetime, tzinfo

from circle.core.summary import Summary

KIND_LABELS = {"ask": "Ask", "offer": "Offer", "commitment": "Commitment"}

HELP_LABELS = {
    "intro": "Introduction",
    "advice": "Advice",
    "intel": "Market intel",
    "referral": "Referral",
    "speaking": "Speaking invitation",
    "collaboration": "Collaboration",
    "podcast": "Podcast guest spot",
    "resource": "Resource",
    "other": "Other",
}

STATUS_LABELS = {
    "open": "open",
    "matched": "matched",
    "fulfilled": "fulfilled",
    "withdrawn": "withdrawn",
    "done": "done",
    "dropped": "dropped",
    "carried": "carried over",
    "suggested": "suggested",
    "accepted": "accepted",
    "introduced": "introduced",
    "thanked": "thanked",
    "dismissed": "dismissed",
}

SOURCE_LABELS = {"introduction": "introduction", "commitment": "commitment", "other": ""}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def help_label(help_kind: str | None) -> str:
    return "" if help_kind is None else HELP_LABELS.get(help_kind, help_kind)


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def duration(seconds: float) -> str:
    """A span a person reads at a glance: "45 s", "12 min", "1 h 05 min"."""
    seconds = max(0.0, seconds)
    if seconds < 60:
        return f"{round(seconds)} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def difference(actual: float, planned: float) -> str:
    """Actual against planned: "+3 min", "−2 min" or "on time", matching `duration`'s figures."""
    if max(actual, planned) < 60:
        steps, unit = round(actual) - round(planned), 1
    else:
        steps, unit = round(actual / 60) - round(planned / 60), 60
    if steps == 0:
        return "on time"
    return ("+" if steps > 0 else "−") + duration(abs(steps) * unit)


def local(moment: datetime, tz: tzinfo | None) -> datetime:
    return moment.astimezone(tz)


def day(moment: date) -> str:
    """A date in words, e.g. "Tuesday 25 November 2026"."""
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def clock(moment: datetime, tz: tzinfo | None) -> str:
    return f"{local(moment, tz):%H:%M}"


def zone(moment: datetime, tz: tzinfo | None) -> str:
    return local(moment, tz).strftime("%Z") or "local time"


def due(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def slug(text: str) -> str:
    """A file-name-safe form of a name: "Ana Ruiz" → "ana-ruiz", keeping non-Latin letters."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if ascii_slug:
        return ascii_slug[:60].strip("-")
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-_")[:60].strip("-_")


def title(summary: Summary, tz: tzinfo | None) -> str:
    """The summary's title, e.g. "Rivermill — Wednesday 25 November 2026" (raw text)."""
    moment = summary.started_at or summary.scheduled_at
    when = "date not set" if moment is None else day(local(moment, tz))
    text = f"{summary.circle} — {when}"
    return text if summary.viewer is None else f"{summary.viewer.name}’s summary · {text}"


def facts(summary: Summary, tz: tzinfo | None) -> list[str]:
    """The line under the title: times, format, time spent against planned (raw text)."""
    lines = [f"Format: {summary.format}"]
    if summary.started_at is not None:
        span = clock(summary.started_at, tz)
        if summary.ended_at is not None:
            span += f"–{clock(summary.ended_at, tz)}"
        lines.insert(0, f"{span} ({zone(summary.started_at, tz)})")
    else:
        lines.append(f"status: {summary.status}")
    if summary.agenda:
        spent, planned = duration(summary.actual_seconds), duration(summary.planned_seconds)
        lines.append(f"{spent} of {planned} planned")
    return lines


def next_session(summary: Summary, tz: tzinfo | None) -> str | None:
    """When the circle meets next, in words, or None if not scheduled."""
    if summary.next_session_at is None:
        return None
    when = local(summary.next_session_at, tz)
    return f"{day(when)}, {when:%H:%M}"
