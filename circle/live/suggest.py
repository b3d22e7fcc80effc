"""Match suggestions for a running session: the matcher's live index, and the decisions taken.

Blocking (scoring and the database): call a `LiveMatcher` from one thread only, the
console's matcher thread. Private items are never matched: the suggestions are shown
on the shared screen.
"""

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import col

from circle.core.matching import MatchIndex, MatchItem, Suggestion
from circle.live.views import BoardItem, Person
from circle.local import Replica
from circle.model import (
    ITEM_TEXT_MAX,
    REASON_MAX,
    FollowUp,
    Item,
    ItemStatus,
    Match,
    MatchState,
)

FOLLOW_UP_DAYS = 7
"""An accepted match's follow-up is due a week after the session."""


@dataclass(frozen=True)
class MatchView:
    """One suggestion as the screen shows it; `rank` of `choices` for its ask."""

    ask_id: uuid.UUID
    offer_id: uuid.UUID
    asker: str
    giver: str
    ask: str
    offer: str
    score: float
    why: str
    rank: int = 1
    choices: int = 1


@dataclass(frozen=True)
class Accepted:
    """What accepting a suggestion made: the follow-up, in words."""

    action: str
    due: date


class LiveMatcher:
    """The session's asks and offers in a match index, with its pairs already decided."""

    def __init__(
        self,
        replica: Replica,
        session_id: uuid.UUID,
        circle_id: uuid.UUID,
        people: Mapping[uuid.UUID, Person],
    ) -> None:
        from circle.match_model import load_embedder

        self.replica, self.session_id, self.circle_id = replica, session_id, circle_id
        self.people = dict(people)
        self.index = MatchIndex(load_embedder())
        self.items: dict[uuid.UUID, BoardItem] = {}
        decided = replica.all(Match, col(Match.session_id) == session_id)
        self.decided = {(m.ask_id, m.offer_id) for m in decided}
        self.settled = {m.ask_id for m in decided if m.state is not MatchState.DISMISSED}

    def take(self, items: Iterable[BoardItem], people: Mapping[uuid.UUID, Person]) -> None:
        """Add new asks and offers (private ones and commitments stay out)."""
        self.people.update(people)
        fresh = [i for i in items if _matchable(i) and i.id not in self.items]
        for item in fresh:
            self.items[item.id] = item
        if len(fresh) > 1:
            self.index.extend(self._match_item(i) for i in fresh)
        elif fresh:
            self.index.add(self._match_item(fresh[0]))

    def suggestions(self) -> list[MatchView]:
        """For each open ask, its suggestions not yet decided, best first."""
        views: list[MatchView] = []
        for ask_id, found in self.index.suggestions().items():
            ask = uuid.UUID(ask_id)
            if ask in self.settled:
                continue
            open_ones = [s for s in found if (ask, uuid.UUID(s.offer)) not in self.decided]
            views.extend(
                self._view(s, rank, len(open_ones)) for rank, s in enumerate(open_ones, start=1)
            )
        return views

    def accept(self, view: MatchView, day: datetime) -> Accepted:
        """Record the match and the giver's follow-up (due in a week), in one save."""
        match = self._match(view, MatchState.ACCEPTED, day)
        due = day.date() + timedelta(days=FOLLOW_UP_DAYS)
        action = f"{view.giver} follows up with {view.asker}: {view.offer}"[:ITEM_TEXT_MAX]
        follow_up = FollowUp(
            circle_id=self.circle_id,
            session_id=self.session_id,
            match_id=match.id,
            owner_id=self.items[view.offer_id].member_id,
            action=action,
            due=due,
        )
        changed = [match, follow_up, *self._mark_matched(view)]
        self.replica.save(*changed)
        self.settled.add(view.ask_id)
        return Accepted(action, due)

    def dismiss(self, view: MatchView, day: datetime) -> None:
        """Record that this pair is not a match, so it is not suggested again."""
        self.replica.save(self._match(view, MatchState.DISMISSED, day))

    def _match(self, view: MatchView, state: MatchState, day: datetime) -> Match:
        self.decided.add((view.ask_id, view.offer_id))
        return Match(
            session_id=self.session_id,
            ask_id=view.ask_id,
            offer_id=view.offer_id,
            score=min(1.0, max(0.0, view.score)),
            reason=view.why[:REASON_MAX],
            state=state,
            decided_at=day,
        )

    def _mark_matched(self, view: MatchView) -> list[Item]:
        found = self.replica.all(Item, col(Item.id).in_([view.ask_id, view.offer_id]))
        for item in found:
            item.status = ItemStatus.MATCHED
        return found

    def _match_item(self, item: BoardItem) -> MatchItem:
        person = self.people.get(item.member_id)
        return MatchItem(
            id=str(item.id),
            member=self._name(item.member_id),  # the matcher's reason names the member
            kind=item.kind,
            category=item.help,
            text=item.text,
            about=person.business if person and person.business else None,
        )

    def _view(self, found: Suggestion, rank: int, choices: int) -> MatchView:
        ask, offer = self.items[uuid.UUID(found.ask)], self.items[uuid.UUID(found.offer)]
        return MatchView(
            ask_id=ask.id,
            offer_id=offer.id,
            asker=self._name(ask.member_id),
            giver=self._name(offer.member_id),
            ask=ask.text,
            offer=offer.text,
            score=found.score,
            why=found.why,
            rank=rank,
            choices=choices,
        )

    def _name(self, member_id: uuid.UUID) -> str:
        person = self.people.get(member_id)
        return person.name if person else "(unknown member)"


def _matchable(item: BoardItem) -> bool:
    return item.kind in ("ask", "offer") and not item.private and item.status in ("open", "matched")
