"""Agenda formats as plain text for `circle formats`: a table of all, or one in full."""

from circle.core.formats import Capture, Format, Phase, PhaseKind, Step
from circle.formats import FormatFile


def duration(seconds: float) -> str:
    """A length as a facilitator says it: "45 s", "90 s", "4 min 30 s", "1 h 30 min"."""
    total = round(seconds)
    if total < 120 and total % 60:
        return f"{total} s"
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h" if hours else "", f"{minutes} min" if minutes else ""]
    parts.append(f"{secs} s" if secs or not total else "")
    return " ".join(p for p in parts if p)


def table(formats: list[tuple[FormatFile, Format]], members: int) -> str:
    """One line per format: name, title, planned total for `members`, phases, origin."""
    rows = [("name", "title", _members(members), "phases", "from")]
    rows += [
        (f.name, f.title, duration(f.planned_seconds(members)), str(len(f.phases)), file.origin)
        for file, f in formats
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[4]])
        for row in rows
    )


def describe(fmt: Format, file: FormatFile, members: int) -> str:
    """One format in full: every phase with its prompt, captures and timing for `members`."""
    lines = [f"{fmt.name}: {fmt.title} ({file.origin})"]
    if fmt.description:
        lines.append(fmt.description)
    lines.append(
        f"{duration(fmt.planned_seconds(members))} for {_members(members)} "
        f"(planned as {fmt.minutes} min for {fmt.typical_members})"
    )
    for number, phase in enumerate(fmt.phases, start=1):
        lines += ["", f"{number}. {phase.title} [{phase.key}]: {_timing(phase, members)}"]
        lines += [f"   {phase.prompt}", f"   captures: {_captures(phase.captures)}"]
        lines += [_step(step) for step in phase.steps]
    return "\n".join(lines)


def _timing(phase: Phase, members: int) -> str:
    total = duration(phase.planned_seconds(members))
    each = duration(phase.speaker_seconds)
    if phase.kind is PhaseKind.OPEN:
        return f"open block, {total}"
    if phase.kind is PhaseKind.ROUND:
        return f"round, {each} each × {members} = {total}"
    seats = phase.speakers(members)
    return f"hot seat, {seats} seat{'s' if seats != 1 else ''} × {each} = {total}"


def _step(step: Step) -> str:
    return (
        f"   - {step.title} ({duration(step.seconds)}): {step.prompt}"
        f" [captures: {_captures(step.captures)}]"
    )


def _captures(captures: frozenset[Capture]) -> str:
    names = [c.value for c in Capture if c in captures]
    return ", ".join(names) if names else "nothing"


def _members(count: int) -> str:
    return f"{count} member" if count == 1 else f"{count} members"
