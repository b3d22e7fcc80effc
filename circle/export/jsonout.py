"""The summary as JSON, described by the schema shipped in `circle/schemas/summary.schema.json`.

Timestamps are ISO 8601 in UTC, dates are `YYYY-MM-DD`, durations are seconds.
"""

import json
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

from circle.core.summary import FollowUpLine, ItemLine, Person, Presence, Summary

SCHEMA_VERSION = 1
SCHEMA_ID = "summary.schema.json"


def schema() -> dict[str, Any]:
    """The JSON Schema every summary file validates against."""
    text = (resources.files("circle.schemas") / SCHEMA_ID).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def render(summary: Summary) -> str:
    """The summary as a JSON document (UTF-8 text, non-ASCII kept as is).

    Not indented: `indent` switches `json` to its pure-Python encoder, ten times
    slower on a big session. `python -m json.tool` pretty-prints it.
    """
    return json.dumps(to_data(summary), ensure_ascii=False) + "\n"


def to_data(summary: Summary) -> dict[str, Any]:
    """The summary as plain JSON-ready data."""
    return {
        "schema_version": SCHEMA_VERSION,
        "view": "group" if summary.viewer is None else "member",
        "member": None if summary.viewer is None else _person(summary.viewer),
        "circle": {"id": str(summary.circle_id), "name": summary.circle},
        "session": {
            "id": str(summary.session_id),
            "format": summary.format,
            "status": summary.status,
            "scheduled_at": _moment(summary.scheduled_at),
            "started_at": _moment(summary.started_at),
            "ended_at": _moment(summary.ended_at),
            "planned_seconds": summary.planned_seconds,
            "actual_seconds": summary.actual_seconds,
        },
        "next_session_at": _moment(summary.next_session_at),
        "attendance": {
            "present": [_presence(p) for p in summary.present],
            "absent": [_presence(p) for p in summary.absent],
        },
        "agenda": [
            {
                "phase": phase.title,
                "planned_seconds": phase.planned_seconds,
                "actual_seconds": phase.actual_seconds,
                "overtime_seconds": phase.overtime_seconds,
                "turns": phase.turns,
                "skipped": phase.skipped,
            }
            for phase in summary.agenda
        ],
        "talk_time": {
            "fairness": summary.fairness,
            "members": [
                {
                    "member": _person(line.person),
                    "seconds": line.seconds,
                    "planned_seconds": line.planned_seconds,
                    "share": line.share,
                }
                for line in summary.talk
            ],
        },
        "notes": [
            {"context": n.context, "hot_seat": n.hot_seat, "author": n.author, "text": n.text}
            for n in summary.notes
        ],
        "asks": [_item(item) for item in summary.asks],
        "offers": [_item(item) for item in summary.offers],
        "commitments": [_item(item) for item in summary.commitments],
        "matches": [
            {
                "id": str(m.id),
                "ask": _item(m.ask),
                "offer": _item(m.offer),
                "score": m.score,
                "reason": m.reason,
                "state": m.state,
            }
            for m in summary.matches
        ],
        "follow_ups": [_follow_up(f) for f in summary.follow_ups],
        "thanks": [
            {"from": _person(t.giver), "to": _person(t.receiver), "message": t.message}
            for t in summary.thanks
        ],
        "open_asks": [_item(item) for item in summary.open_asks],
        "from_last_time": [_follow_up(f) for f in summary.from_last_time],
    }


def _person(person: Person) -> dict[str, str]:
    return {"id": str(person.id), "name": person.name}


def _presence(presence: Presence) -> dict[str, Any]:
    return {
        "member": _person(presence.person),
        "business": presence.business,
        "guest": presence.guest,
        "arrived_at": _moment(presence.arrived_at),
    }


def _item(item: ItemLine) -> dict[str, Any]:
    return {
        "id": str(item.id),
        "kind": item.kind,
        "help": item.help,
        "text": item.text,
        "member": _person(item.member),
        "status": item.status,
        "private": item.private,
        "due": _day(item.due),
        "carried": item.carried,
    }


def _follow_up(follow_up: FollowUpLine) -> dict[str, Any]:
    return {
        "id": str(follow_up.id),
        "owner": _person(follow_up.owner),
        "action": follow_up.action,
        "due": _day(follow_up.due),
        "status": follow_up.status,
        "source": follow_up.source,
        "match_id": None if follow_up.match_id is None else str(follow_up.match_id),
        "item_id": None if follow_up.item_id is None else str(follow_up.item_id),
    }


def _moment(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
