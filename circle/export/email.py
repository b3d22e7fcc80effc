"""Double-opt-in introduction drafts (.eml) for each accepted match, for the facilitator to send.

For a match of Ana's ask with Bo's offer there are three drafts: one asking Ana
whether she would like the introduction, one asking Bo, and the introduction
itself to send once both have said yes. Nobody's address reaches the other
before then. A member without an email address gets a draft with no recipient,
for the facilitator to fill in. Drafts carry `X-Unsent: 1`, so mail programs
open them ready to edit and send.
"""

import base64
import quopri
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import tzinfo
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.utils import formataddr

from circle.core.summary import ItemLine, MatchLine, Person, Summary
from circle.export import words

DRAFT_STATES = frozenset({"accepted"})
"""Matches that still need an introduction; later states have had theirs."""

_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+")


@dataclass(frozen=True)
class Draft:
    """One email draft: the file stem it is saved under and the .eml text (ASCII, CRLF)."""

    stem: str
    text: str


def drafts(
    summary: Summary, contacts: Mapping[uuid.UUID, str], *, tz: tzinfo | None = None
) -> list[Draft]:
    """Three drafts for each accepted match the group can see: two opt-in checks, then the intro."""
    context = _Context(summary, contacts, tz)
    made: list[Draft] = []
    for match in summary.matches:
        if match.state in DRAFT_STATES and match.ask.member.id != match.offer.member.id:
            made += context.drafts_for(match)
    return made


def address(person: Person, contact: str | None) -> str | None:
    """The person's address for a To: header, encoded; None if their contact is not an email."""
    contact = (contact or "").strip()
    if not _EMAIL.fullmatch(contact):
        return None
    try:
        spec = Address(addr_spec=contact).addr_spec
    except (HeaderParseError, ValueError, IndexError):
        return None
    name = _one_line(person.name)
    if name.isascii():
        return formataddr((name, spec))
    return f"{encoded_words(name)} <{spec}>"


def eml(recipients: list[str], subject: str, body: str, extra: Mapping[str, str]) -> str:
    """A plain-text draft in .eml form: encoded headers, quoted-printable UTF-8 body, CRLF."""
    lines = [f"To: {', '.join(recipients)}"] if recipients else []
    lines.append(f"Subject: {_header(subject)}")
    lines += [f"{name}: {_header(value)}" for name, value in extra.items()]
    lines += [
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: quoted-printable",
        "",
    ]
    encoded = quopri.encodestring(body.encode("utf-8")).decode("ascii")
    return "\r\n".join(lines) + "\r\n" + encoded.replace("\n", "\r\n")


def _header(value: str) -> str:
    value = _one_line(value)
    return value if value.isascii() and len(value) < 900 else encoded_words(value)


def encoded_words(text: str, chunk: int = 45) -> str:
    """RFC 2047 base64 encoded-words for non-ASCII header text, folded one word a line."""
    words, current = [], b""
    for char in text:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > chunk:
            words.append(current)
            current = b""
        current += encoded
    words.append(current)
    return "\r\n ".join(f"=?utf-8?b?{base64.b64encode(w).decode('ascii')}?=" for w in words)


class _Context:
    def __init__(self, summary: Summary, contacts: Mapping[uuid.UUID, str], tz: tzinfo | None):
        self.summary = summary
        self.contacts = contacts
        self.businesses = {p.person.id: p.business for p in (*summary.present, *summary.absent)}
        moment = summary.started_at or summary.scheduled_at
        self.when = "" if moment is None else f" on {words.day(words.local(moment, tz))}"

    def drafts_for(self, match: MatchLine) -> list[Draft]:
        asker, giver = match.ask.member, match.offer.member
        stem = f"intro-{_slug(asker)}-and-{_slug(giver)}"
        return [
            Draft(f"{stem}-1-ask-{_slug(asker)}", self._check(asker, giver, match, asking=True)),
            Draft(f"{stem}-2-ask-{_slug(giver)}", self._check(giver, asker, match, asking=False)),
            Draft(f"{stem}-3-introduce", self._introduction(match)),
        ]

    def _check(self, to: Person, other: Person, match: MatchLine, *, asking: bool) -> str:
        circle = self.summary.circle
        theirs, mine = (match.offer, match.ask) if asking else (match.ask, match.offer)
        body = [
            f"Hi {_first_name(to)},",
            "",
            f"At {circle}{self.when} you {_said(mine)}:",
            f"    {_quoted(mine.text)}",
            f"{other.name}{self._business(other)} {_said(theirs)}:",
            f"    {_quoted(theirs.text)}",
        ]
        if match.reason.strip():
            body += [f"Why it looks like a fit: {_one_line(match.reason)}"]
        body += [
            "",
            f"Would you like me to introduce you to {_first_name(other)} by email? "
            "Just reply yes or no. I will only share your address once you have both said yes.",
            "",
            "Best wishes,",
        ]
        return self._message([to], f"Introduction to {other.name}? ({circle})", body)

    def _introduction(self, match: MatchLine) -> str:
        asker, giver = match.ask.member, match.offer.member
        body = [
            f"Hi {_first_name(asker)} and {_first_name(giver)},",
            "",
            f"As promised at {self.summary.circle}{self.when}, here is your introduction.",
            "",
            f"{_first_name(asker)}, meet {giver.name}{self._business(giver)}, who offered:",
            f"    {_quoted(match.offer.text)}",
            "",
            f"{_first_name(giver)}, meet {asker.name}{self._business(asker)}, who asked:",
            f"    {_quoted(match.ask.text)}",
            "",
            "You have both said you would like to talk, so I will leave you to it.",
            "Do tell the circle how it went next time.",
            "",
            "Best wishes,",
        ]
        subject = f"Introduction: {asker.name} and {giver.name} ({self.summary.circle})"
        return self._message([asker, giver], subject, body)

    def _message(self, to: list[Person], subject: str, body: list[str]) -> str:
        found = {p.name: address(p, self.contacts.get(p.id)) for p in to}
        extra = {"X-Unsent": "1"}
        if missing := [name for name, addr in found.items() if addr is None]:
            # Shown by mail programs as a header only; the body stays ready to send.
            extra["X-Circle-Missing-Address"] = ", ".join(missing)
        recipients = [addr for addr in found.values() if addr is not None]
        return eml(recipients, subject, "\n".join(body) + "\n", extra)

    def _business(self, person: Person) -> str:
        business = self.businesses.get(person.id, "")
        return f" ({_one_line(business)})" if business.strip() else ""


def _said(item: ItemLine) -> str:
    return {"ask": "asked", "offer": "offered"}.get(item.kind, "said")


def _first_name(person: Person) -> str:
    parts = person.name.split()
    return parts[0] if parts else person.name


def _quoted(text: str) -> str:
    return f"“{_one_line(text)}”"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _slug(person: Person) -> str:
    return words.slug(person.name) or person.id.hex[:8]
