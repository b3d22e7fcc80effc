"""The summary as spreadsheets: items, matches and follow-ups, one CSV file each.

Files are UTF-8 with a byte-order mark so spreadsheet programs show accents and
emoji; a cell that a spreadsheet would run as a formula (starting with = + - @)
is prefixed with an apostrophe, the usual guard, so it shows as typed.
"""

import csv
import io
from collections.abc import Iterable, Sequence

from circle.core.summary import Summary
from circle.export import words

ENCODING = "utf-8-sig"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

ITEM_HEADERS = (
    "Type",
    "Member",
    "Kind of help",
    "Description",
    "Status",
    "Due date",
    "Private",
    "Carried over from an earlier session",
    "Item ID",
)
MATCH_HEADERS = ("Ask", "Asked by", "Offer", "Offered by", "Why it's a match", "Score", "State")
FOLLOW_UP_HEADERS = ("Who", "What", "Due date", "Status", "From", "Follow-up ID")


def tables(summary: Summary) -> dict[str, str]:
    """Each CSV file's text, by what it holds: "items", "matches" and "follow-ups"."""
    return {
        "items": _csv(ITEM_HEADERS, _items(summary)),
        "matches": _csv(MATCH_HEADERS, _matches(summary)),
        "follow-ups": _csv(FOLLOW_UP_HEADERS, _follow_ups(summary)),
    }


def cell(text: str) -> str:
    """A text cell a spreadsheet shows as typed, never runs as a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue()


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _items(summary: Summary) -> Iterable[Sequence[str]]:
    for item in (*summary.asks, *summary.offers, *summary.commitments):
        yield (
            words.kind_label(item.kind),
            cell(item.member.name),
            words.help_label(item.help),
            cell(item.text),
            words.status_label(item.status),
            words.due(item.due),
            _yes(item.private),
            _yes(item.carried),
            str(item.id),
        )


def _matches(summary: Summary) -> Iterable[Sequence[str]]:
    for match in summary.matches:
        yield (
            cell(match.ask.text),
            cell(match.ask.member.name),
            cell(match.offer.text),
            cell(match.offer.member.name),
            cell(match.reason),
            f"{match.score:.2f}",
            words.status_label(match.state),
        )


def _follow_ups(summary: Summary) -> Iterable[Sequence[str]]:
    for follow_up in summary.follow_ups:
        yield (
            cell(follow_up.owner.name),
            cell(follow_up.action),
            words.due(follow_up.due),
            words.status_label(follow_up.status),
            words.SOURCE_LABELS.get(follow_up.source, follow_up.source),
            str(follow_up.id),
        )
