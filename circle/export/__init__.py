"""Exports of a session: the group's and each member's summary in Markdown, HTML, JSON, CSV,
iCalendar, and introduction drafts; one entry point for the command line and the TUI.

    paths = export_session(replica, session_id, "all", Path("out"), progress=report)

`formats` is a format name, a comma-separated list or a sequence of names from
`FORMATS` (or "all"); `member` (a name) writes only that member's summary.
Mistakes (an unknown member, a bad format, an unwritable folder) raise
`circle.errors.UserError`.
"""

import uuid
from collections.abc import Iterable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from circle.export.files import FORMATS, Progress, parse_formats

if TYPE_CHECKING:
    from circle.local import Replica

__all__ = ["FORMATS", "Progress", "export_session", "parse_formats"]


def export_session(
    replica: "Replica",
    session_id: uuid.UUID,
    formats: str | Iterable[str],
    out_dir: Path,
    *,
    member: str | None = None,
    progress: Progress | None = None,
    tz: tzinfo | None = None,
    now: datetime | None = None,
) -> list[Path]:
    """Write a session's summaries in the given formats under `out_dir`; return the files written.

    `tz` is the time zone times are shown in (default: this machine's); `now`
    stamps calendar files (default: the current time).
    """
    from circle.export.files import plan, write
    from circle.export.load import load_contacts, load_session
    from circle.model import utcnow

    wanted = parse_formats(formats)
    records = load_session(replica, session_id)
    drafting = member is None and ("eml" in wanted or wanted == ("all",))
    contacts = load_contacts(replica, records.circle.id) if drafting else {}
    documents = plan(records, wanted, member=member, contacts=contacts, tz=tz, now=now or utcnow())
    return write(documents, out_dir, progress)
