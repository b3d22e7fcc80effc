"""`--format all`: every group format, a summary for each member, and nothing private leaks."""

import email
from email import policy
from pathlib import Path

import pytest

from circle.errors import UserError
from tests.export.conftest import (
    CONFLICT_TEXT,
    MARKUP_NAME,
    PRIVATE_ASK,
    PRIVATE_NOTE,
    PRIVATE_OFFER,
    Meeting,
)

CONTACTS = ("ana@example.com", "+33 6 12 34 56 78", "dev@example.org", "eli@example.net")


def readable(path: Path) -> str:
    """What a person reading the file sees (mail bodies decoded)."""
    if path.suffix == ".eml":
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        return message.as_string() + str(message.get_body().get_content())  # type: ignore[union-attr]
    return path.read_text(encoding="utf-8-sig")


def test_all_writes_every_format_and_each_members_summary(meeting: Meeting, tmp_path: Path) -> None:
    paths = meeting.export(tmp_path, "all")
    names = {str(p.relative_to(tmp_path)) for p in paths}
    stem = "2026-11-25-rivermill"
    group = {f"{stem}-summary.{ext}" for ext in ("md", "html", "json")}
    group |= {f"{stem}-{what}.csv" for what in ("items", "matches", "follow-ups")}
    group |= {f"{stem}-follow-ups.ics"}
    assert group <= names
    assert len([n for n in names if n.startswith("introductions/")]) == 3
    members = sorted(n for n in names if n.startswith("members/"))
    assert f"members/{stem}-chloe-dubois.md" in members
    assert f"members/{stem}-chloe-dubois.html" in members
    assert not [n for n in members if "fay-absent" in n], "no summary for who missed it"
    assert len(members) == 10
    assert len(paths) == len(names) == 7 + 3 + 10


def test_progress_is_reported_after_each_file(meeting: Meeting, tmp_path: Path) -> None:
    from circle.export import export_session

    seen: list[tuple[int, int, Path]] = []
    paths = export_session(
        meeting.replica,
        meeting.session.id,
        "md,html,json",
        tmp_path,
        progress=lambda done, total, path: seen.append((done, total, path)),
    )
    assert seen == [(i + 1, 3, path) for i, path in enumerate(paths)]


def test_a_members_all_holds_their_formats_but_no_introductions(
    meeting: Meeting, tmp_path: Path
) -> None:
    paths = meeting.export(tmp_path, "all", member="Ana Ruiz")
    assert sorted(p.name for p in paths) == sorted(
        [
            "2026-11-25-rivermill-ana-ruiz.md",
            "2026-11-25-rivermill-ana-ruiz.html",
            "2026-11-25-rivermill-ana-ruiz.json",
            "2026-11-25-rivermill-ana-ruiz-items.csv",
            "2026-11-25-rivermill-ana-ruiz-matches.csv",
            "2026-11-25-rivermill-ana-ruiz-follow-ups.csv",
            "2026-11-25-rivermill-ana-ruiz-follow-ups.ics",
        ]
    )
    with pytest.raises(UserError, match="facilitator"):
        meeting.export(tmp_path, "eml", member="Ana Ruiz")


def test_no_file_holds_a_private_note_or_a_conflict_copy(meeting: Meeting, tmp_path: Path) -> None:
    for path in meeting.export(tmp_path, "all"):
        text = readable(path)
        assert PRIVATE_NOTE not in text, path
        assert CONFLICT_TEXT not in text, path


def test_group_files_hold_no_private_item_and_no_contact(meeting: Meeting, tmp_path: Path) -> None:
    for path in meeting.export(tmp_path, "all"):
        if path.parent.name != tmp_path.name:
            continue
        text = readable(path)
        for secret in (PRIVATE_ASK, PRIVATE_OFFER, "PRIVATE-FOLLOW-UP", *CONTACTS):
            assert secret not in text, (path.name, secret)


def test_member_files_hold_only_their_own_private_items(meeting: Meeting, tmp_path: Path) -> None:
    owners = {PRIVATE_ASK: "chloe-dubois", PRIVATE_OFFER: "bo-lind"}
    for path in meeting.export(tmp_path, "all"):
        if path.parent.name != "members":
            continue
        text = readable(path)
        for secret, owner in owners.items():
            assert (secret in text) == (owner in path.name), (path.name, secret)
        for contact in CONTACTS:
            assert contact not in text, (path.name, contact)


def test_the_markup_like_member_gets_a_file_with_a_safe_name(
    meeting: Meeting, tmp_path: Path
) -> None:
    [path] = meeting.export(tmp_path, "md", member=MARKUP_NAME)
    assert path.name == "2026-11-25-rivermill-red-dev-red-script-alert-1-script.md"
    assert path.parent == tmp_path
