"""How the console writes durations, dates and user text on screen."""

from datetime import date, datetime

from textual.content import Content


def plain(text: str) -> Content:
    """User text as content that is never read as markup (`[b]` shows as `[b]`)."""
    return Content(text)


def clock(seconds: float) -> str:
    """A duration as m:ss, or h:mm:ss from an hour: 95 → "1:35"."""
    whole = round(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    sign = "-" if seconds < 0 and whole else ""
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def length(seconds: float) -> str:
    """A longer duration in words: 5400 → "1 h 30 min", 300 → "5 min"."""
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes:02d} min"
    return f"{hours} h" if hours else f"{minutes} min"


def moment(when: datetime | None) -> str:
    """A timestamp in the local time zone: "Wed 25 Nov 2026, 18:00"; "—" when unknown."""
    return when.astimezone().strftime("%a %d %b %Y, %H:%M") if when else "—"


def short_day(when: datetime) -> str:
    """A timestamp's local day, short: "11 Nov"."""
    return when.astimezone().strftime("%d %b").lstrip("0")


def day(when: date | None) -> str:
    """A date: "Wed 25 Nov"; "—" when unknown."""
    return when.strftime("%a %d %b") if when else "—"


def relative(when: datetime | None, now: datetime) -> str:
    """How far a moment is from now, in days: "today", "in 3 days", "12 days ago"."""
    if when is None:
        return ""
    days = (when.astimezone().date() - now.astimezone().date()).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"
