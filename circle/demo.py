"""The demo circle: six owner-operators and one finished session, seeded from `assets/demo/`.

Seeding is idempotent: a replica that already has the demo circle is left as it is.
The past session is laid out with the real agenda rules (the classic format
expanded for the members who came), so its turns, talk times and notes look like
a session circle itself ran.
"""

import random
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from circle import locations
from circle.core.agenda import expand
from circle.errors import UserError
from circle.formats import load_format
from circle.local import Replica
from circle.model import (
    Circle,
    FollowUp,
    FollowUpStatus,
    HelpKind,
    Item,
    ItemKind,
    ItemStatus,
    Match,
    MatchState,
    Member,
    Note,
    Session,
    SessionStatus,
    Thanks,
    Turn,
    TurnStatus,
    utcnow,
)
from circle.workspace import find_circle, plan_session

DEMO_FILE = "circle.toml"


@dataclass(frozen=True)
class Seeded:
    """What `seed_demo` did."""

    circle: Circle
    created: bool


def seed_demo(replica: Replica, user_formats: Path, *, now: datetime | None = None) -> Seeded:
    """Create the demo circle and its past session unless the replica already has them."""
    data = _read(locations.demo_assets_dir() / DEMO_FILE)
    name = data["circle"]["name"]
    try:
        return Seeded(find_circle(replica, name), created=False)
    except UserError:
        pass
    now = now or utcnow()
    circle, people = _circle(data, now)
    replica.save(circle, *people.values())
    _past_session(replica, circle, people, data["past_session"], user_formats, now)
    return Seeded(circle, created=True)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"cannot read the demo data {path}: {exc}") from exc


def _local(day: date, clock: str) -> datetime:
    """A local wall-clock time on `day`, as an aware datetime."""
    return datetime.combine(day, time.fromisoformat(clock)).astimezone()


def _circle(data: dict[str, Any], now: datetime) -> tuple[Circle, dict[str, Member]]:
    info = data["circle"]
    start = data["past_session"]["start"]
    next_day = now.astimezone().date() + timedelta(days=info.get("next_in_days", 14))
    circle = Circle(
        name=info["name"],
        description=info.get("description", ""),
        default_format=info.get("default_format", "classic"),
        next_session_at=_local(next_day, start),
    )
    people = {
        m["name"]: Member(
            circle_id=circle.id, name=m["name"], business=m["business"], contact=m["contact"]
        )
        for m in data["members"]
    }
    return circle, people


def _past_session(
    replica: Replica,
    circle: Circle,
    people: dict[str, Member],
    plan: dict[str, Any],
    user_formats: Path,
    now: datetime,
) -> None:
    fmt = load_format(plan["format"], user_formats)
    absent = [people[name] for name in plan.get("absent", [])]
    present = [m for m in people.values() if m not in absent]
    hot = [people[name] for name in plan["hot_seats"]]
    agenda = expand(fmt, [m.id for m in present], [m.id for m in hot])
    session, turns = plan_session(replica, circle, agenda, absent=absent, hot_seats=hot)
    started = _local(now.astimezone().date() - timedelta(days=plan["days_ago"]), plan["start"])
    ended = _run_turns(turns, plan.get("pace", {}), people, started)
    session.status = SessionStatus.ENDED
    session.started_at, session.ended_at = started, ended
    items = _items(circle, session, people, turns, plan, now)
    matches, follow_ups = _matches(circle, session, people, items, plan, ended, now)
    replica.save(
        session,
        *turns,
        *items.values(),
        *matches.values(),
        *follow_ups,
        *_notes(session, people, turns, plan),
        *_thanks(session, people, matches, plan),
    )


def _run_turns(
    turns: list[Turn], pace: dict[str, float], people: dict[str, Member], start: datetime
) -> datetime:
    """Give each turn a believable used time, one after another from `start`."""
    by_id = {m.id: name for name, m in people.items()}
    jitter = random.Random(7)
    moment = start
    for turn in turns:
        share = pace.get(by_id.get(turn.member_id, ""), 1.0) if turn.member_id else 1.0
        used = round(turn.planned_seconds * share * jitter.uniform(0.92, 1.08))
        turn.status = TurnStatus.DONE
        turn.started_at = moment
        turn.used_seconds = float(used)
        turn.overtime_seconds = float(max(0.0, used - turn.planned_seconds))
        moment += timedelta(seconds=used)
        turn.ended_at = moment
    return moment


def _speaking_turn(turns: list[Turn], member: Member, *phase_keys: str) -> Turn:
    """The member's first turn in the first of these phases they spoke in."""
    for key in phase_keys:
        for turn in turns:
            if turn.member_id == member.id and turn.phase_key == key:
                return turn
    return turns[0]


def _items(
    circle: Circle,
    session: Session,
    people: dict[str, Member],
    turns: list[Turn],
    plan: dict[str, Any],
    now: datetime,
) -> dict[str, Item]:
    items: dict[str, Item] = {}
    for spec in plan["items"]:
        member = people[spec["member"]]
        kind = ItemKind(spec["kind"])
        phases = ("commitments",) if kind is ItemKind.COMMITMENT else ("hot-seat", "asks-offers")
        turn = _speaking_turn(turns, member, *phases)
        due = spec.get("due_in_days")
        items[spec["key"]] = Item(
            circle_id=circle.id,
            session_id=session.id,
            turn_id=turn.id,
            member_id=member.id,
            kind=kind,
            help=HelpKind(spec["help"]) if "help" in spec else None,
            text=spec["text"],
            status=ItemStatus(spec.get("status", "open")),
            due=None if due is None else now.date() + timedelta(days=due),
            created_at=turn.started_at or now,
        )
    return items


def _matches(
    circle: Circle,
    session: Session,
    people: dict[str, Member],
    items: dict[str, Item],
    plan: dict[str, Any],
    ended: datetime,
    now: datetime,
) -> tuple[dict[str, Match], list[FollowUp]]:
    matches: dict[str, Match] = {}
    follow_ups: list[FollowUp] = []
    for spec in plan.get("matches", []):
        match = Match(
            session_id=session.id,
            ask_id=items[spec["ask"]].id,
            offer_id=items[spec["offer"]].id,
            score=0.82,
            reason=spec["reason"],
            state=MatchState(spec["state"]),
            decided_at=ended,
        )
        matches[spec["ask"]] = match
        status = FollowUpStatus(spec.get("follow_up_status", "open"))
        follow_ups.append(
            FollowUp(
                circle_id=circle.id,
                session_id=session.id,
                match_id=match.id,
                owner_id=people[spec["follow_up_owner"]].id,
                action=spec["follow_up"],
                due=now.date() + timedelta(days=spec["follow_up_due_in_days"]),
                status=status,
                done_at=ended + timedelta(days=3) if status is FollowUpStatus.DONE else None,
            )
        )
    return matches, follow_ups


def _notes(
    session: Session, people: dict[str, Member], turns: list[Turn], plan: dict[str, Any]
) -> list[Note]:
    notes = []
    for spec in plan.get("notes", []):
        member = people.get(spec.get("member", ""))
        turn = _speaking_turn(turns, member, "hot-seat", "check-in") if member else None
        notes.append(
            Note(
                session_id=session.id,
                turn_id=turn.id if turn else None,
                text=spec["text"],
                private=spec.get("private", False),
            )
        )
    return notes


def _thanks(
    session: Session, people: dict[str, Member], matches: dict[str, Match], plan: dict[str, Any]
) -> list[Thanks]:
    return [
        Thanks(
            session_id=session.id,
            from_member_id=people[spec["from"]].id,
            to_member_id=people[spec["to"]].id,
            match_id=matches[spec["about"]].id if "about" in spec else None,
            message=spec.get("message", ""),
        )
        for spec in plan.get("thanks", [])
    ]
