"""Quick capture: one typed line becomes an ask, an offer or a commitment for a member.

    a: an intro to a wholesale buyer #intro      an ask for the current speaker
    o: I can review your pricing page            an offer (kind of help inferred: advice)
    c: call three past clients by Friday         a commitment
    @ana a: a podcast to guest on                for someone else: a name prefix picks them
    @ana_l o: …  /  @lucia o: …                  more of the name, or a later word of it
    o: @ana I can review your pricing page       the name after the key also works (the `o`
    o: @ana o: I can review your pricing page      key types "o: " before the name is typed)
    a: my numbers #private                       only in the author's own summary

`parse_capture(line, roster)` gives a `Captured` or raises `CaptureError` with a line
the facilitator can act on; the text they typed is never changed beyond tidying spaces.
Kinds and kinds of help are plain strings with the values of `circle.model`'s enums.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from circle.core.agenda import MemberId

TEXT_MAX = 1000
"""The longest an item's text may be (`circle.model.ITEM_TEXT_MAX`)."""

HELP_KINDS = (
    "intro",
    "advice",
    "intel",
    "referral",
    "speaking",
    "collaboration",
    "podcast",
    "resource",
    "other",
)
"""The kinds of help, as `circle.model.HelpKind` spells them."""

KINDS = {"a": "ask", "ask": "ask", "o": "offer", "offer": "offer"} | {
    "c": "commitment",
    "commit": "commitment",
    "commitment": "commitment",
}
"""What each prefix before the colon files."""

PRIVATE_TAG = "private"

# Word starts that give away the kind of help, most specific first.
_HINTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(r"\b(?:" + "|".join(stems) + ")"))
    for kind, stems in (
        ("podcast", ("podcast", "episode", "guest on", "interview me")),
        ("speaking", ("speak", "keynote", "panel", "conference", "talk at", "workshop", "webinar")),
        ("intro", ("intro", "connect", r"meet\b", "know anyone", r"who knows\b", "contact")),
        ("referral", ("referr", r"refer\b", "client", "customer", r"leads?\b", "buyer")),
        ("collaboration", ("collab", "partner", "co-", "joint", "together", "team up")),
        ("intel", ("intel", "market research", "competitor", "trend", "research", "benchmark")),
        ("resource", ("template", r"tools?\b", "software", r"books?\b", "resource", "lend")),
        ("advice", ("advice", "advise", "feedback", "review", "how do", "how to", "mentor")),
    )
)

_PREFIX = re.compile(r"(?P<key>[A-Za-z]+)\s*:")
_TAG = re.compile(r"(?<![\w#])#(?P<tag>[^\W\d_]+)(?![\w#])")


class CaptureError(ValueError):
    """A capture line that cannot be filed; the message says what to type instead."""


@dataclass(frozen=True)
class Member:
    """Someone a capture line can be filed for."""

    id: MemberId
    name: str


@dataclass(frozen=True)
class Captured:
    """One parsed capture line."""

    kind: str
    """"ask", "offer" or "commitment"."""
    text: str
    help: str | None
    """The kind of help, given with `#tag` or inferred; None when nothing gives it away."""
    member_id: MemberId | None
    """The member named with `@`; None means the current speaker."""
    private: bool = False


def parse_capture(line: str, roster: Sequence[Member] = ()) -> Captured:
    """Read one capture line; `roster` is who `@name` may pick (those present)."""
    rest = _tidy(line)
    member_id = None
    if rest.startswith("@"):
        token, _, rest = rest[1:].partition(" ")
        member_id = find_member(token, roster).id
        rest = rest.lstrip()
    kind, rest = _kind(rest)
    if member_id is None and rest.startswith("@"):
        member_id, kind, rest = _named_after_key(kind, rest, roster)
    tags, text = _tags(rest)
    private = PRIVATE_TAG in tags
    given = [t for t in tags if t != PRIVATE_TAG]
    if len(given) > 1:
        raise CaptureError(f"two kinds of help given (#{given[0]}, #{given[1]}); keep one")
    if not text:
        raise CaptureError(f"nothing to file: type the {kind} after the colon")
    if len(text) > TEXT_MAX:
        raise CaptureError(f"that {kind} is {len(text)} characters; at most {TEXT_MAX}")
    help_kind = given[0] if given else (None if kind == "commitment" else infer_help(text))
    return Captured(kind, text, help_kind, member_id, private)


def find_member(token: str, roster: Iterable[Member]) -> Member:
    """The one member whose name `token` starts (or a later word of it); `_` or `.` is a space."""
    if not _fold(token.replace("_", " ").replace(".", " ")):
        raise CaptureError("write a name after @, e.g. @ana a: …")
    found = _called(token, roster)
    if len(found) == 1:
        return found[0]
    if found:
        names = ", ".join(sorted(m.name for m in found))
        raise CaptureError(f"@{token} could be {names}: type more of the name")
    raise CaptureError(f"nobody present is called @{token}")


def _called(token: str, roster: Iterable[Member]) -> list[Member]:
    """Who `token` names: the exact name, else names it starts, else names a later word starts."""
    wanted = _fold(token.replace("_", " ").replace(".", " "))
    people = list(roster)
    exact = [m for m in people if _fold(m.name) == wanted]
    starts = [m for m in people if _fold(m.name).startswith(wanted)]
    words = [m for m in people if any(w.startswith(wanted) for w in _word_tails(m.name))]
    return next((found for found in (exact, starts, words) if found), [])


def _named_after_key(
    kind: str, rest: str, roster: Sequence[Member]
) -> tuple[MemberId | None, str, str]:
    """`o: @ana …` or `o: @ana o: …`: for Ana. An @word naming nobody stays in the text."""
    token, _, after = rest[1:].partition(" ")
    after = after.lstrip()
    key = _PREFIX.match(after)
    repeated = key is not None and key.group("key").lower() in KINDS
    if not repeated and (not token or not _called(token, roster)):
        return None, kind, rest  # "a: @riverside_bakes followers": a handle, not a member
    member_id = find_member(token, roster).id
    if repeated:
        kind, after = _kind(after)
    return member_id, kind, after


def infer_help(text: str) -> str | None:
    """The kind of help a text gives away by its words, or None."""
    folded = _fold(text)
    return next((kind for kind, hint in _HINTS if hint.search(folded)), None)


def _kind(rest: str) -> tuple[str, str]:
    found = _PREFIX.match(rest)
    kind = KINDS.get(found.group("key").lower()) if found else None
    if found is None or kind is None:
        raise CaptureError("start with a: (ask), o: (offer) or c: (commitment)")
    return kind, rest[found.end() :].strip()


def _tags(rest: str) -> tuple[list[str], str]:
    """The `#tags` in a text (each resolved to a kind of help or `private`) and the text left."""
    tags: list[str] = []
    for found in _TAG.finditer(rest):
        tag = _resolve_tag(found.group("tag"))
        if tag not in tags:
            tags.append(tag)
    return tags, " ".join(_TAG.sub(" ", rest).split())


def _resolve_tag(tag: str) -> str:
    folded = tag.casefold()
    choices = (*HELP_KINDS, PRIVATE_TAG)
    if folded in choices:
        return folded
    matches = [c for c in choices if len(folded) >= 3 and c.startswith(folded)]
    if len(matches) == 1:
        return matches[0]
    raise CaptureError(f"#{tag} is not a kind of help (one of: {', '.join(HELP_KINDS)})")


def _tidy(line: str) -> str:
    """The line with control characters as spaces and runs of spaces as one."""
    cleaned = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in line)
    return " ".join(cleaned.split())


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _word_tails(name: str) -> list[str]:
    """The name from each of its words on: "ana lucia ruiz" → "lucia ruiz", "ruiz"."""
    words = _fold(name).split(" ")
    return [" ".join(words[i:]) for i in range(1, len(words))]
