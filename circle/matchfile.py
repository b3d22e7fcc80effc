"""The `circle match` file: read and check `{"items": [...]}`, write `{"suggestions": [...]}`.

Every mistake in the file becomes a `UserError` with one line that says where it is.
An optional `"members": [{"name", "business"}]` list lends each member's business line
to the matcher.
"""

import json
from pathlib import Path
from typing import Any

from circle.core.match_features import KINDS
from circle.core.matching import MatchItem, Suggestion
from circle.errors import UserError

FIELDS = ("id", "member", "kind", "category", "text")


def read_match_file(path: Path) -> list[MatchItem]:
    """The items of a match file, checked; a UserError names the first problem."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read it ({exc})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise UserError(f'{path}: expected an object with an "items" list')
    about = _businesses(path, data.get("members", []))
    items = [_item(path, n, entry, about) for n, entry in enumerate(data["items"], start=1)]
    seen: dict[str, int] = {}
    for n, item in enumerate(items, start=1):
        if item.id in seen:
            raise UserError(f"{path}: items {seen[item.id]} and {n} have the same id {item.id!r}")
        seen[item.id] = n
    return items


def _text(path: Path, where: str, entry: dict[str, Any], field: str) -> str:
    value = entry[field]
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise UserError(f"{path}: {where}: {field!r} must be text")
    value = str(value).strip()
    if not value:
        raise UserError(f"{path}: {where}: {field!r} is empty")
    return value


def _item(path: Path, n: int, entry: object, about: dict[str, str]) -> MatchItem:
    where = f"item {n}"
    if not isinstance(entry, dict):
        raise UserError(f"{path}: {where} is not an object")
    for field in FIELDS:
        if field not in entry:
            raise UserError(f"{path}: {where} has no {field!r}")
    kind = entry["kind"]
    if kind not in ("ask", "offer"):
        raise UserError(f'{path}: {where}: unknown kind {kind!r} (expected "ask" or "offer")')
    category = entry["category"]
    if category is not None and category not in KINDS:
        raise UserError(
            f"{path}: {where}: unknown category {category!r} (one of {', '.join(KINDS)}, or null)"
        )
    member = _text(path, where, entry, "member")
    return MatchItem(
        id=_text(path, where, entry, "id"),
        member=member,
        kind=kind,
        category=category,
        text=_text(path, where, entry, "text"),
        about=about.get(member),
    )


def _businesses(path: Path, members: object) -> dict[str, str]:
    """Each listed member's business line (the optional "members" list)."""
    if not isinstance(members, list):
        raise UserError(f'{path}: "members" must be a list')
    about: dict[str, str] = {}
    for n, entry in enumerate(members, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise UserError(f'{path}: member {n} needs a "name"')
        business = entry.get("business")
        if business is not None and not isinstance(business, str):
            raise UserError(f'{path}: member {n}: "business" must be text')
        if business:
            about[entry["name"].strip()] = business
    return about


def suggestions_json(suggestions: list[Suggestion]) -> str:
    """The command's output document."""
    rows = [{"ask": s.ask, "offer": s.offer, "score": s.score, "why": s.why} for s in suggestions]
    return json.dumps({"suggestions": rows}, ensure_ascii=False, indent=2)
