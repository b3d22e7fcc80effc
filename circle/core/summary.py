"""The summary of one session, for the group or for one member: the object every export renders.

`group_summary` leaves out private items and private notes; `member_summary`
keeps only that member's asks, offers, commitments, matches and follow-ups (their
own private items included) plus what the whole group shares. No summary holds
contact details: introductions get those separately (`circle.export.email`).
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from circle.core.facts import (
    AttendanceFact,
    FollowUpFact,
    ItemFact,
    MatchFact,
    MemberFact,
    SessionRecords,
    TurnFact,
)
from circle.core.summary_lines import (
    FollowUpLine,
    ItemLine,
    MatchLine,
    NoteLine,
    Person,
    PhaseLine,
    Presence,
    Summary,
    TalkLine,
    ThanksLine,
)

__all__ = [
    "FollowUpLine",
    "ItemLine",
    "MatchLine",
    "NoteLine",
    "Person",
    "PhaseLine",
    "Presence",
    "Summaries",
    "Summary",
    "TalkLine",
    "ThanksLine",
    "fairness",
    "group_summary",
    "member_named",
    "member_summary",
]

HIDDEN_MATCH_STATES = frozenset({"dismissed"})
"""Match states a summary leaves out: a dismissed suggestion is noise to a reader."""


class Summaries:
    """Every view of one session; the parts all views share are built once."""

    def __init__(self, records: SessionRecords) -> None:
        self._index = _Index(records)
        self._group = _Builder(self._index, None).summary()

    def group(self) -> Summary:
        """The summary the whole circle may read: no private item, no private note."""
        return self._group

    def member(self, member_id: uuid.UUID) -> Summary:
        """One member's summary: their own items, matches and follow-ups, plus the shared parts."""
        if member_id not in self._index.people:
            raise KeyError(member_id)
        return replace(self._group, **_Builder(self._index, member_id).personal())


def group_summary(records: SessionRecords) -> Summary:
    """The summary the whole circle may read: no private item, no private note."""
    return Summaries(records).group()


def member_summary(records: SessionRecords, member_id: uuid.UUID) -> Summary:
    """One member's summary: their own items, matches and follow-ups, plus what the group shares."""
    return Summaries(records).member(member_id)


def fairness(seconds: Iterable[float]) -> float | None:
    """Jain's fairness index: 1.0 when all values are equal, 1/n when one has all; None if all 0."""
    values = list(seconds)
    squares = sum(value * value for value in values)
    if not values or squares == 0:
        return None
    return sum(values) ** 2 / (len(values) * squares)


class _Index:
    """One session's records with the lookups every view of it needs, built once."""

    def __init__(self, records: SessionRecords) -> None:
        self.records = records
        self.people = {member.id: Person(member.id, member.name) for member in records.members}
        self.items = {item.id: item for item in records.items}
        self.matches = {match.id: match for match in records.matches}
        self.turns = {turn.id: turn for turn in records.turns}
        here = records.session.id
        self.listed = [item for item in records.items if item.session_id in (None, here)]
        """This session's items (the records also hold older ones that matches refer to)."""
        self.resolved = (*records.resolved, *_resolved_commitments(records))
        """Earlier follow-ups and commitments marked done, dropped or carried in this session."""


class _Builder:
    """Builds one view of a session; the viewer is a member's id, or None for the group."""

    def __init__(self, index: _Index, viewer: uuid.UUID | None) -> None:
        self.viewer = viewer
        self.records = index.records
        self.people, self.items = index.people, index.items
        self.matches, self.turns = index.matches, index.turns
        self.listed, self.resolved = index.listed, index.resolved

    def summary(self) -> Summary:
        records, session = self.records, self.records.session
        present, absent = self._attendance()
        talk = self._talk(present)
        return Summary(
            circle_id=records.circle.id,
            circle=records.circle.name,
            session_id=session.id,
            format=session.format,
            status=session.status,
            scheduled_at=session.scheduled_at,
            started_at=session.started_at,
            ended_at=session.ended_at,
            next_session_at=records.circle.next_session_at,
            present=present,
            absent=absent,
            agenda=_agenda(records.turns),
            talk=talk,
            fairness=fairness(
                line.seconds / line.planned_seconds for line in talk if line.planned_seconds
            ),
            notes=self._notes(),
            thanks=tuple(self._thanks()),
            **self.personal(),
        )

    def personal(self) -> dict[str, Any]:
        """The parts of a summary that depend on who reads it."""
        items = [self._item(item) for item in self.listed if self._sees(item)]
        mine = [line for line in items if self._mine(line.member.id)]
        return {
            "viewer": None if self.viewer is None else self.people[self.viewer],
            "asks": _of_kind(mine, "ask"),
            "offers": _of_kind(mine, "offer"),
            "commitments": _of_kind(mine, "commitment"),
            "matches": self._matches(),
            "follow_ups": self._follow_ups(self.records.follow_ups),
            "open_asks": tuple(line for line in _of_kind(items, "ask") if line.status == "open"),
            "from_last_time": self._follow_ups(self.resolved),
        }

    # --- who sees what ---------------------------------------------------------

    def _sees(self, item: ItemFact) -> bool:
        return not item.private or item.member_id == self.viewer

    def _mine(self, member_id: uuid.UUID) -> bool:
        return self.viewer is None or member_id == self.viewer

    def _person(self, member_id: uuid.UUID) -> Person:
        return self.people.get(member_id) or Person(member_id, "(unknown member)")

    # --- sections -------------------------------------------------------------

    def _attendance(self) -> tuple[tuple[Presence, ...], tuple[Presence, ...]]:
        marked = {mark.member_id: mark for mark in self.records.attendance}
        spoke = {turn.member_id for turn in self.records.turns if turn.used_seconds > 0}
        present: list[Presence] = []
        absent: list[Presence] = []
        for member in sorted(self.records.members, key=lambda m: m.name.casefold()):
            mark = marked.get(member.id)
            came = mark.present if mark is not None else member.id in spoke
            presence = Presence(
                self.people[member.id], member.business, member.is_guest, _late(mark, came)
            )
            if came:
                present.append(presence)
            elif member.active and not member.is_guest and (marked or spoke):
                absent.append(presence)
        return tuple(present), tuple(absent)

    def _talk(self, present: tuple[Presence, ...]) -> tuple[TalkLine, ...]:
        spoken: dict[uuid.UUID, float] = {p.person.id: 0.0 for p in present}
        planned: dict[uuid.UUID, float] = dict.fromkeys(spoken, 0.0)
        for turn in self.records.turns:
            if turn.member_id is not None:
                spoken[turn.member_id] = spoken.get(turn.member_id, 0.0) + turn.used_seconds
                planned[turn.member_id] = planned.get(turn.member_id, 0.0) + turn.planned_seconds
        total = sum(spoken.values())
        lines = [
            TalkLine(self._person(key), seconds, planned[key], seconds / total if total else 0.0)
            for key, seconds in spoken.items()
        ]
        lines.sort(key=lambda line: (-line.seconds, line.person.name.casefold()))
        return tuple(lines)

    def _notes(self) -> tuple[NoteLine, ...]:
        placed: list[tuple[float, int, NoteLine]] = []
        for order, note in enumerate(self.records.notes):
            if note.private or note.conflict_of is not None or not note.text.strip():
                continue
            turn = self.turns.get(note.turn_id) if note.turn_id else None
            position = float("inf") if turn is None else float(turn.position)
            context, hot = self._context(turn)
            placed.append((position, order, NoteLine(context, note.text, note.author, hot)))
        placed.sort(key=lambda entry: entry[:2])
        return tuple(line for _, _, line in placed)

    def _context(self, turn: TurnFact | None) -> tuple[str, bool]:
        if turn is None:
            return "General", False
        parts = [turn.phase_title]
        if turn.member_id is not None:
            parts.append(self._person(turn.member_id).name)
        if turn.step:
            parts.append(turn.step)
        hot = turn.step is not None or turn.member_id in self.records.session.hot_seat_ids
        return " · ".join(parts), hot and turn.member_id is not None

    def _item(self, item: ItemFact) -> ItemLine:
        return ItemLine(
            id=item.id,
            kind=item.kind,
            text=item.text,
            member=self._person(item.member_id),
            status=item.status,
            help=item.help,
            private=item.private,
            due=item.due,
            carried=item.carried_from_id is not None,
        )

    def _matches(self) -> tuple[MatchLine, ...]:
        lines = []
        for match in self.records.matches:
            if match.session_id not in (None, self.records.session.id):
                continue
            line = self._match(match)
            if line is not None and (
                self._mine(line.ask.member.id) or self._mine(line.offer.member.id)
            ):
                lines.append(line)
        return tuple(lines)

    def _match(self, match: MatchFact) -> MatchLine | None:
        ask, offer = self.items.get(match.ask_id), self.items.get(match.offer_id)
        if ask is None or offer is None or match.state in HIDDEN_MATCH_STATES:
            return None
        if not (self._sees(ask) and self._sees(offer)):
            return None
        return MatchLine(
            match.id, self._item(ask), self._item(offer), match.score, match.reason, match.state
        )

    def _follow_ups(self, follow_ups: Iterable[FollowUpFact]) -> tuple[FollowUpLine, ...]:
        """What this reader may see: the owner always; others if nothing private hangs on it."""
        lines = []
        for follow_up in follow_ups:
            item = self.items.get(follow_up.item_id) if follow_up.item_id else None
            linked = self._linked(follow_up, item)
            owner = self.viewer == follow_up.owner_id
            involved = self.viewer is None or self.viewer in {i.member_id for i in linked}
            if owner or (involved and all(self._sees(i) for i in linked)):
                lines.append(self._follow_up(follow_up, item))
        return tuple(lines)

    def _linked(self, follow_up: FollowUpFact, item: ItemFact | None) -> list[ItemFact]:
        """The items a follow-up hangs on: its commitment, or its match's ask and offer."""
        match = self.matches.get(follow_up.match_id) if follow_up.match_id else None
        ids = [] if match is None else [match.ask_id, match.offer_id]
        found = [self.items.get(key) for key in ids]
        return [i for i in (item, *found) if i is not None]

    def _follow_up(self, follow_up: FollowUpFact, item: ItemFact | None) -> FollowUpLine:
        source = "other"
        if follow_up.match_id is not None:
            source = "introduction"
        elif item is not None and item.kind == "commitment":
            source = "commitment"
        return FollowUpLine(
            id=follow_up.id,
            owner=self._person(follow_up.owner_id),
            action=follow_up.action,
            due=follow_up.due,
            status=follow_up.status,
            source=source,
            match_id=follow_up.match_id,
            item_id=follow_up.item_id,
        )

    def _thanks(self) -> Iterable[ThanksLine]:
        for thanks in self.records.thanks:
            giver, receiver = thanks.from_member_id, thanks.to_member_id
            yield ThanksLine(self._person(giver), self._person(receiver), thanks.message)


def _resolved_commitments(records: SessionRecords) -> Iterable[FollowUpFact]:
    """Earlier commitments resolved in this session without a follow-up, as follow-up lines."""
    here = records.session.id
    covered = {f.item_id for f in records.resolved}
    for item in records.items:
        if item.resolved_in_session_id == here and item.id not in covered:
            yield FollowUpFact(
                id=item.id,
                owner_id=item.member_id,
                action=item.text,
                due=item.due,
                status=item.status,
                item_id=item.id,
                session_id=item.session_id,
                resolved_in_session_id=here,
            )


def _of_kind(lines: list[ItemLine], kind: str) -> tuple[ItemLine, ...]:
    return tuple(line for line in lines if line.kind == kind)


def _late(mark: AttendanceFact | None, came: bool) -> datetime | None:
    return mark.arrived_at if came and mark is not None else None


def _agenda(turns: Iterable[TurnFact]) -> tuple[PhaseLine, ...]:
    phases: dict[int, list[TurnFact]] = defaultdict(list)
    for turn in sorted(turns, key=lambda t: t.position):
        phases[turn.phase_index].append(turn)
    return tuple(_phase(group) for _, group in sorted(phases.items()))


def _phase(turns: list[TurnFact]) -> PhaseLine:
    skipped = sum(turn.status == "skipped" for turn in turns)
    return PhaseLine(
        title=turns[0].phase_title,
        planned_seconds=sum(turn.planned_seconds for turn in turns),
        actual_seconds=sum(turn.used_seconds for turn in turns),
        overtime_seconds=sum(turn.overtime_seconds for turn in turns),
        turns=len(turns) - skipped,
        skipped=skipped,
    )


def member_named(members: Iterable[MemberFact], name: str) -> MemberFact | None:
    """The member with this name (case-insensitive, surrounding spaces ignored), or None."""
    wanted = name.strip().casefold()
    return next((m for m in members if m.name.casefold() == wanted), None)
