"""The pages' in-memory board of a session reads the database only when something may have
changed: a commit of this store, a sequence number a phone saw on the stream, or time."""

import asyncio
import uuid
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from fastapi import FastAPI

from circle.model import Item, ItemKind
from circle.store.join.board import FRESH_SECONDS, Boards
from tests.web.facilitator import Facilitator


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Counted:
    """Boards on a clock the test moves, counting their trips to the database."""

    boards: Boards
    clock: Clock
    trips: list[int]


@pytest.fixture
def counted(app: FastAPI) -> Counted:
    clock = Clock()
    boards = Boards(app.state.store, clock)
    trips: list[int] = []
    read = boards._read

    def counting(session_id: uuid.UUID, after: int) -> object:
        trips.append(after)
        return read(session_id, after)

    boards._read = counting  # type: ignore[method-assign]
    return Counted(boards, clock, trips)


async def test_a_board_is_read_once_until_a_commit_touches_its_session(
    counted: Counted, facilitator: Facilitator
) -> None:
    boards, trips = counted.boards, counted.trips
    session_id = facilitator.session.id
    first = await boards.current(session_id)
    again = await boards.current(session_id)
    assert first is again
    assert len(trips) == 1
    assert first.row is not None
    assert first.row.join_code == facilitator.join_code
    facilitator.offer(facilitator.members[0], "Fresh bread on Fridays")
    await facilitator.sync()
    board = await boards.current(session_id)
    assert len(trips) == 2
    texts = [record["text"] for table, record in board.records.values() if table == "items"]
    assert texts == ["Fresh bread on Fridays"]


async def test_a_phone_that_saw_a_later_change_gets_it_and_time_refreshes_the_rest(
    counted: Counted, facilitator: Facilitator
) -> None:
    boards, trips, clock = counted.boards, counted.trips, counted.clock
    session_id = facilitator.session.id
    board = await boards.current(session_id)
    await boards.current(session_id, at_least=board.last_seq)
    assert len(trips) == 1
    await boards.current(session_id, at_least=board.last_seq + 1)
    assert len(trips) == 2
    clock.now += FRESH_SECONDS + 0.1
    await boards.current(session_id)
    assert len(trips) == 3


async def test_a_room_of_phones_shares_one_read_and_each_sees_the_latest_commit(
    counted: Counted, facilitator: Facilitator
) -> None:
    boards, trips = counted.boards, counted.trips
    session_id = facilitator.session.id
    await boards.current(session_id)
    facilitator.offer(facilitator.members[0], "Fresh bread on Fridays")
    await facilitator.sync()
    read = boards._read

    def read_while_someone_joins(session_id: uuid.UUID, after: int) -> object:
        boards._committed([SimpleNamespace(session_id=session_id)])  # type: ignore[list-item]
        return read(session_id, after)

    boards._read = read_while_someone_joins  # type: ignore[method-assign]

    async def phone_page() -> list[str]:
        board = await boards.current(session_id)
        return [record["text"] for table, record in board.records.values() if table == "items"]

    pages = await asyncio.gather(*(phone_page() for _ in range(20)))
    assert pages == [["Fresh bread on Fridays"]] * 20
    assert len(trips) == 2
    await boards.current(session_id)
    assert len(trips) == 3  # a phone arriving after that join reads it


async def test_an_unknown_session_has_no_row(app: FastAPI) -> None:
    board = await Boards(app.state.store).current(uuid.uuid4())
    assert board.row is None
    assert board.records == {}


async def test_participants_see_the_board_without_contacts_or_others_private_items(
    app: FastAPI, facilitator: Facilitator
) -> None:
    ana, bo = facilitator.members[0], facilitator.members[1]
    secret = Item(
        circle_id=facilitator.circle.id,
        session_id=facilitator.session.id,
        member_id=bo.id,
        kind=ItemKind.ASK,
        text="PRIVATE",
        private=True,
    )
    facilitator.save(secret)
    await facilitator.sync()
    board = await Boards(app.state.store).current(facilitator.session.id)
    as_ana = board.seen_by(ana.id)
    assert {m["contact"] for m in as_ana["members"]} == {""}
    assert "items" not in as_ana
    assert [i["text"] for i in board.seen_by(bo.id)["items"]] == ["PRIVATE"]
    assert "ana@example.org" in {m["contact"] for m in board.seen_by(None)["members"]}
