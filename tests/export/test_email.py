"""Introduction drafts: for each accepted match, ask both people first, then introduce them."""

import email
import uuid
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from circle.core.summary import Person
from circle.export.email import address
from circle.model import MatchState
from tests.export.conftest import Meeting


def drafts(meeting: Meeting, tmp_path: Path) -> dict[str, EmailMessage]:
    paths = meeting.export(tmp_path, "eml")
    parsed = {}
    for path in paths:
        assert path.parent.name == "introductions"
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        parsed[path.name] = message
    return parsed


def body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


def test_an_accepted_match_gets_two_opt_in_drafts_and_an_introduction(
    meeting: Meeting, tmp_path: Path
) -> None:
    found = drafts(meeting, tmp_path)
    stem = "2026-11-25-rivermill-intro-ana-ruiz-and-bo-lind"
    assert sorted(found) == [
        f"{stem}-1-ask-ana-ruiz.eml",
        f"{stem}-2-ask-bo-lind.eml",
        f"{stem}-3-introduce.eml",
    ]
    to_ana = found[f"{stem}-1-ask-ana-ruiz.eml"]
    assert to_ana["To"] == "Ana Ruiz <ana@example.com>"
    assert to_ana["Subject"] == "Introduction to Bo Lind? (Rivermill)"
    assert to_ana["X-Unsent"] == "1"
    text = body(to_ana)
    assert "Meet a wholesale flour supplier 🌾" in text
    assert "I know two millers in <Lyon> & Paris" in text
    assert "reply yes or no" in text


def test_nobodys_address_reaches_the_other_before_both_say_yes(
    meeting: Meeting, tmp_path: Path
) -> None:
    meeting.members["Bo Lind"].contact = "bo@example.com"
    meeting.save(meeting.members["Bo Lind"])
    found = drafts(meeting, tmp_path)
    one, two, three = (found[name] for name in sorted(found))
    assert "bo@example.com" not in one.as_string()
    assert "ana@example.com" not in two.as_string()
    assert three["To"] == "Ana Ruiz <ana@example.com>, Bo Lind <bo@example.com>"


def test_a_member_without_an_email_gets_a_draft_with_no_recipient(
    meeting: Meeting, tmp_path: Path
) -> None:
    found = drafts(meeting, tmp_path)
    to_bo = next(m for name, m in found.items() if "-2-ask-bo-lind" in name)
    assert to_bo["To"] is None
    assert to_bo["X-Circle-Missing-Address"] == "Bo Lind"
    assert body(to_bo).startswith("Hi Bo,")
    intro = next(m for name, m in found.items() if name.endswith("-3-introduce.eml"))
    assert intro["To"] == "Ana Ruiz <ana@example.com>"


def test_matches_on_private_items_or_not_accepted_get_no_draft(
    meeting: Meeting, tmp_path: Path
) -> None:
    found = drafts(meeting, tmp_path)
    assert not [name for name in found if "chloe" in name]
    meeting.matches["flour"].state = MatchState.INTRODUCED
    meeting.save(meeting.matches["flour"])
    assert meeting.export(tmp_path / "later", "eml") == []


def test_unicode_names_are_encoded_in_headers(meeting: Meeting, tmp_path: Path) -> None:
    meeting.members["Ana Ruiz"].name = "Ána Ruíz 🌾"
    meeting.save(meeting.members["Ana Ruiz"])
    found = drafts(meeting, tmp_path)
    to_ana = next(m for name, m in found.items() if "-1-ask-" in name)
    assert to_ana["To"] == "Ána Ruíz 🌾 <ana@example.com>"
    raw = next(p for p in (tmp_path / "introductions").iterdir() if "-1-ask-" in p.name)
    raw.read_bytes().decode("ascii")  # the file itself is plain ASCII, as mail requires


@pytest.mark.parametrize(
    "contact",
    ["", "+33 6 12 34 56 78", "not an email", "a@b", "<x@y.z>", "x@y.z\nBcc: all@evil.example"],
)
def test_a_contact_that_is_not_an_email_address_is_not_used(contact: str) -> None:
    assert address(Person(uuid.uuid4(), "Ana"), contact) is None
