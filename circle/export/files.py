"""Which files an export writes, what they are called, and writing them with progress."""

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path

from circle.core.facts import MemberFact, SessionRecords
from circle.core.summary import Summaries, Summary, member_named, member_summary
from circle.errors import UserError
from circle.export import csvout, email, html, ics, jsonout, markdown, words

FORMATS = ("md", "html", "json", "csv", "ics", "eml")
"""Format names `--format` accepts, besides `all`."""

MEMBER_FORMATS = ("md", "html", "json", "csv", "ics")
"""What a member's own export can hold: introduction drafts are the facilitator's."""

MEMBER_FORMATS_IN_ALL = ("md", "html")
"""With `--format all`, each member also gets their own summary in these formats."""

Progress = Callable[[int, int, Path], None]
"""Called after each file is written: (files written, files in all, the file's path)."""


@dataclass(frozen=True)
class Document:
    """One file to write: its path relative to the output folder and its content."""

    name: str
    content: str
    encoding: str = "utf-8"


@dataclass(frozen=True)
class View:
    """One summary with what renderers need beside it."""

    summary: Summary
    base: str
    """The file name stem, e.g. "2026-11-25-rivermill" or "2026-11-25-rivermill-ana-ruiz"."""
    tz: tzinfo | None
    now: datetime
    contacts: Mapping[uuid.UUID, str] = field(default_factory=dict)
    """Members' contacts, for the facilitator's introduction drafts only."""


def parse_formats(spec: str | Iterable[str]) -> tuple[str, ...]:
    """The formats asked for ("md", "md,html" or a list; "all" for every one), checked."""
    names = [spec] if isinstance(spec, str) else list(spec)
    wanted = [part.strip().lower() for name in names for part in name.split(",") if part.strip()]
    if not wanted:
        raise UserError(f"give a format: {', '.join((*FORMATS, 'all'))}")
    for name in wanted:
        if name != "all" and name not in FORMATS:
            raise UserError(f"unknown format {name!r} (formats: {', '.join((*FORMATS, 'all'))})")
    return ("all",) if "all" in wanted else tuple(dict.fromkeys(wanted))


def plan(
    records: SessionRecords,
    formats: tuple[str, ...],
    *,
    member: str | None = None,
    contacts: Mapping[uuid.UUID, str] | None = None,
    tz: tzinfo | None = None,
    now: datetime,
) -> list[Document]:
    """Every file an export writes, rendered, in the order they are written."""
    stem = f"{_date(records, tz)}-{words.slug(records.circle.name) or 'circle'}"
    every = formats == ("all",)
    if member is not None:
        return _member_plan(records, member, MEMBER_FORMATS if every else formats, stem, tz, now)
    views = Summaries(records)
    group = views.group()
    view = View(group, stem, tz, now, contacts or {})
    documents = _render(view, FORMATS if every else formats)
    if every:
        slugs = _slugs(records)
        for person in _attendees(records, group):
            view = View(views.member(person.id), f"{stem}-{slugs[person.id]}", tz, now)
            documents += _render(view, MEMBER_FORMATS_IN_ALL, folder="members/")
    return documents


def _member_plan(
    records: SessionRecords,
    name: str,
    formats: Iterable[str],
    stem: str,
    tz: tzinfo | None,
    now: datetime,
) -> list[Document]:
    person = _member(records, name)
    if "eml" in formats:
        raise UserError("introduction drafts are the facilitator's: export them without --member")
    view = View(member_summary(records, person.id), f"{stem}-{_slugs(records)[person.id]}", tz, now)
    return _render(view, formats)


def write(documents: list[Document], out_dir: Path, progress: Progress | None = None) -> list[Path]:
    """Write each document under `out_dir`; return their paths."""
    written: list[Path] = []
    for document in documents:
        path = out_dir / document.name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # A plain write, not temp-file-and-rename: renaming over an existing file makes
            # ext4 flush each one (~2 ms a file); a cut-short export is simply run again.
            path.write_bytes(document.content.encode(document.encoding))
        except OSError as exc:
            raise UserError(f"cannot write {path}: {exc.strerror or exc}") from exc
        written.append(path)
        if progress is not None:
            progress(len(written), len(documents), path)
    return written


def _render(view: View, formats: Iterable[str], folder: str = "") -> list[Document]:
    documents: list[Document] = []
    for name in formats:
        documents += [
            Document(folder + document.name, document.content, document.encoding)
            for document in RENDERERS[name](view)
        ]
    return documents


def _markdown(view: View) -> list[Document]:
    return [Document(f"{_named(view, 'summary')}.md", markdown.render(view.summary, tz=view.tz))]


def _html(view: View) -> list[Document]:
    return [Document(f"{_named(view, 'summary')}.html", html.render(view.summary, tz=view.tz))]


def _json(view: View) -> list[Document]:
    return [Document(f"{_named(view, 'summary')}.json", jsonout.render(view.summary))]


def _csv(view: View) -> list[Document]:
    return [
        Document(f"{view.base}-{what}.csv", text, csvout.ENCODING)
        for what, text in csvout.tables(view.summary).items()
    ]


def _ics(view: View) -> list[Document]:
    return [Document(f"{view.base}-follow-ups.ics", ics.render(view.summary, stamp=view.now))]


def _eml(view: View) -> list[Document]:
    made = email.drafts(view.summary, view.contacts, tz=view.tz)
    return [Document(f"introductions/{view.base}-{d.stem}.eml", d.text) for d in made]


RENDERERS: dict[str, Callable[[View], list[Document]]] = {
    "md": _markdown,
    "html": _html,
    "json": _json,
    "csv": _csv,
    "ics": _ics,
    "eml": _eml,
}


def _named(view: View, what: str) -> str:
    """A group file is "<stem>-summary"; a member's own file is just "<stem>" (their name)."""
    return view.base if view.summary.viewer is not None else f"{view.base}-{what}"


def _date(records: SessionRecords, tz: tzinfo | None) -> str:
    moment = records.session.when
    return "undated" if moment is None else f"{moment.astimezone(tz):%Y-%m-%d}"


def _member(records: SessionRecords, name: str) -> MemberFact:
    found = member_named(records.members, name)
    if found is None:
        known = ", ".join(sorted(m.name for m in records.members)) or "none"
        raise UserError(f"no member called {name!r} in {records.circle.name} (members: {known})")
    return found


def _attendees(records: SessionRecords, group: Summary) -> list[MemberFact]:
    """The members who get their own summary: those who came, plus anyone who has items."""
    came = {presence.person.id for presence in group.present}
    came |= {item.member_id for item in records.items if item.session_id == records.session.id}
    return [member for member in records.members if member.id in came]


def _slugs(records: SessionRecords) -> dict[uuid.UUID, str]:
    """A distinct file-name part for every member."""
    slugs = {m.id: words.slug(m.name) or m.id.hex[:8] for m in records.members}
    counts: dict[str, int] = {}
    for slug in slugs.values():
        counts[slug] = counts.get(slug, 0) + 1
    return {key: s if counts[s] == 1 else f"{s}-{key.hex[:6]}" for key, s in slugs.items()}
