"""The running session's link to a store: the embedded one (started here) or a remote one.

Blocking (it may start a server); call from a worker. What arrives from the store
(items from phones, members joining, hands raised) is turned into plain views here,
on the sync thread, so the screen never touches a database object.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from circle.config import Settings
from circle.live.views import BoardItem, Person
from circle.model import Attendance, Item, Member, SyncFields

if TYPE_CHECKING:
    from circle.store.embedded import EmbeddedStore


class StoreLinkError(RuntimeError):
    """No store to sync with; the message says why in one line."""


@dataclass
class StoreLink:
    """Where the sync client talks, and the address phones use to join."""

    url: str
    join_base: str | None
    """The base of the join link; None when it cannot be known (no public URL)."""
    warning: str | None = None
    """Set when phones are unlikely to reach the join link."""
    embedded: "EmbeddedStore | None" = None
    """The embedded store started for this console, to stop at exit."""

    def close(self) -> None:
        if self.embedded is not None:
            self.embedded.stop()


def open_store(settings: Settings) -> StoreLink:
    """The configured remote store, or an embedded one started on the LAN address."""
    from circle.joinlink import PublicUrlError, local_addresses, plan_reach, remote_base

    try:
        if settings.store_url:
            base = remote_base(settings.store_url, settings.public_url)
            return StoreLink(settings.store_url, base)
        reach = plan_reach(settings.public_url, local_addresses())
    except PublicUrlError as exc:
        raise StoreLinkError(str(exc)) from exc
    store = _start(settings, reach.bind_host, reach.port)
    return StoreLink(store.url, reach.base_url(store.port), reach.warning, store)


def describe_store(link: StoreLink) -> str:
    """Where phones will join and whether that store answers now, in a sentence or two."""
    from circle.sync import store_answers

    where = f"on this computer ({link.url})" if link.embedded is not None else link.url
    problem = store_answers(link.url)
    if problem is not None:
        return (
            f"The store {where} does not answer ({problem}). The session runs here all "
            "the same and syncs once the store is back."
        )
    text = f"The store {where} is ready. "
    if link.join_base is None:
        return text + "Phones cannot be given a join link: set public_url in the config file."
    text += "Phones join by scanning the QR code: press q on the live screen once it starts."
    return f"{text} {link.warning}" if link.warning else text


def _start(settings: Settings, host: str, port: int) -> "EmbeddedStore":
    from circle.store.embedded import EmbeddedStoreError, start_embedded_store

    try:
        return start_embedded_store(settings, host=host, port=port)
    except EmbeddedStoreError:
        pass  # the usual port is taken (another console?): any free port will do
    try:
        return start_embedded_store(settings, host=host, port=0)
    except EmbeddedStoreError as exc:
        raise StoreLinkError(str(exc)) from exc


@dataclass(frozen=True)
class Arrived:
    """What the store brought for this session, as the screen shows it."""

    items: tuple[BoardItem, ...] = ()
    people: tuple[Person, ...] = ()
    """Members new to the screen or whose attendance changed (joined, hand raised)."""
    hands: frozenset[uuid.UUID] = field(default_factory=frozenset)
    lowered: frozenset[uuid.UUID] = field(default_factory=frozenset)


def arrived(
    records: Iterable[SyncFields], session_id: uuid.UUID, known: dict[uuid.UUID, Person]
) -> Arrived:
    """The changes to this session among records the store sent."""
    from circle.live.load import board_item

    changed = list(records)
    names = {r.id: r for r in changed if isinstance(r, Member)}
    items = tuple(
        board_item(r) for r in changed if isinstance(r, Item) and r.session_id == session_id
    )
    people: list[Person] = []
    hands: set[uuid.UUID] = set()
    lowered: set[uuid.UUID] = set()
    for row in changed:
        if not isinstance(row, Attendance) or row.session_id != session_id:
            continue
        who: Member | Person | None = names.get(row.member_id) or known.get(row.member_id)
        if who is None:
            continue
        people.append(
            Person(
                row.member_id,
                who.name,
                who.business,
                present=row.present,
                is_guest=who.is_guest,
                joined=row.joined_at is not None,
            )
        )
        (hands if row.hand_raised_at is not None else lowered).add(row.member_id)
    return Arrived(items, tuple(people), frozenset(hands), frozenset(lowered))
