"""The live screen's match desk: the matcher on its own thread, the list kept up to date.

Scoring never runs on the UI thread: every call here queues a job on the matcher's
`JobThread` and the list is redrawn when the result comes back as a message.
"""

import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from textual.message_pump import MessagePump

from circle.tui.jobs import JobThread
from circle.tui.widgets.match_list import MatchList

if TYPE_CHECKING:
    from circle.live.load import LiveLoad
    from circle.live.suggest import Accepted, LiveMatcher, MatchView
    from circle.live.views import BoardItem, Person
    from circle.local import Replica


class MatchDesk:
    """Feeds the session's asks and offers to the matcher and shows its suggestions."""

    def __init__(
        self,
        target: MessagePump,
        match_list: MatchList,
        live: "LiveLoad",
        wall: Callable[[], datetime],
        told: Callable[["Accepted"], None],
    ) -> None:
        self.list, self.wall, self.told = match_list, wall, told
        self.jobs = JobThread(target, name=f"matcher-{live.session_id.hex[:8]}")
        self._matcher: LiveMatcher | None = None
        """Touched only on the matcher's thread."""
        replica, people = live.writer.replica, dict(live.people)
        items = list(live.items)
        self.jobs.submit(
            "starting the matcher",
            lambda: self._start(replica, live.session_id, live.circle_id, people, items),
            self.list.show,
        )

    def take(self, items: Iterable["BoardItem"], people: Mapping[uuid.UUID, "Person"]) -> None:
        """New asks or offers arrived: score them and redraw the suggestions."""
        fresh, who = list(items), dict(people)
        self.jobs.submit("matching", lambda: self._take(fresh, who), self.list.show)

    def decide(self, view: "MatchView", accepted: bool) -> None:
        """Record an accept (with its follow-up) or a dismiss, then redraw."""
        moment = self.wall()
        self.jobs.submit(
            "recording the match",
            lambda: self._decide(view, accepted, moment),
            self._decided,
        )

    def close(self) -> None:
        self.jobs.close()

    # --- on the matcher thread -----------------------------------------------------

    def _start(
        self,
        replica: "Replica",
        session_id: uuid.UUID,
        circle_id: uuid.UUID,
        people: dict[uuid.UUID, "Person"],
        items: list["BoardItem"],
    ) -> list["MatchView"]:
        from circle.live.suggest import LiveMatcher

        self._matcher = LiveMatcher(replica, session_id, circle_id, people)
        return self._take(items, people)

    def _take(
        self, items: list["BoardItem"], people: dict[uuid.UUID, "Person"]
    ) -> list["MatchView"]:
        assert self._matcher is not None
        self._matcher.take(items, people)
        return self._matcher.suggestions()

    def _decide(
        self, view: "MatchView", accepted: bool, moment: datetime
    ) -> tuple["Accepted | None", list["MatchView"]]:
        assert self._matcher is not None
        if accepted:
            outcome: Accepted | None = self._matcher.accept(view, moment)
        else:
            self._matcher.dismiss(view, moment)
            outcome = None
        return outcome, self._matcher.suggestions()

    # --- back on the UI thread -----------------------------------------------------

    def _decided(self, result: tuple["Accepted | None", list["MatchView"]]) -> None:
        outcome, views = result
        self.list.show(views)
        if outcome is not None:
            self.told(outcome)
