"""Phones join a session with its code as a roster member or a guest, never twice, then file
their own items, decide matches that involve them, thank people and raise their hand."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from circle.model import Item, ItemKind
from tests.store.conftest import Circle3, Registered, change, matched_pair, stamp, version


async def _join(http: httpx.AsyncClient, code: str, **who: str) -> httpx.Response:
    return await http.post("/api/v1/join", json={"code": code, **who})


async def _board(http: httpx.AsyncClient, session: Registered) -> dict:
    response = await http.get(
        f"/api/v1/sessions/{session.session_id}/board", headers=session.headers
    )
    assert response.status_code == 200, response.text
    return response.json()["records"]


async def test_a_member_joins_with_the_code_and_gets_a_private_cookie(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    ana = circle3.members[0]
    response = await _join(client, registered.join_code.lower(), member_id=str(ana.id))
    assert response.status_code == 200
    assert response.json() == {
        "session_id": str(registered.session_id),
        "member_id": str(ana.id),
        "name": "Ana Ruiz",
    }
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    attendances = (await _board(client, registered))["attendances"]
    assert [a["member_id"] for a in attendances] == [str(ana.id)]
    assert attendances[0]["joined_at"] is not None


async def test_joining_again_never_makes_a_second_member(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    first = await _join(client, registered.join_code, name="Gil Moss", business="Signs")
    again = await _join(client, registered.join_code, name="gil  moss")
    other_phone = httpx.AsyncClient(transport=client._transport, base_url="http://store")
    async with other_phone:
        third = await _join(other_phone, registered.join_code, name="Gil Moss")
    assert first.json()["member_id"] == again.json()["member_id"] == third.json()["member_id"]
    ana = circle3.members[0]
    await _join(client, registered.join_code, member_id=str(ana.id))
    await _join(client, registered.join_code, member_id=str(ana.id))
    members = (await _board(client, registered))["members"]
    assert sorted(m["name"] for m in members) == ["Ana Ruiz", "Bo Lind", "Cy Park", "Gil Moss"]
    assert len((await _board(client, registered))["attendances"]) == 2


async def test_a_wrong_code_or_a_stranger_is_turned_away(
    client: httpx.AsyncClient, registered: Registered
) -> None:
    assert (await _join(client, "ZZZZZZ", name="Eve")).status_code == 404
    stranger = await _join(client, registered.join_code, member_id=str(uuid.uuid4()))
    assert stranger.status_code == 404
    assert "roster" in stranger.json()["detail"]
    nobody = await _join(client, registered.join_code)
    assert nobody.status_code == 422


@asynccontextmanager
async def _participant(
    http: httpx.AsyncClient, session: Registered, member_id: uuid.UUID
) -> AsyncIterator[httpx.AsyncClient]:
    """A phone that joined the session as this member."""
    async with httpx.AsyncClient(transport=http._transport, base_url="http://store") as phone:
        response = await _join(phone, session.join_code, member_id=str(member_id))
        assert response.status_code == 200
        yield phone


async def test_a_participant_files_and_edits_only_their_own_items(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    ana, bo = circle3.members[:2]
    items = f"/api/v1/sessions/{registered.session_id}/items"
    async with (
        _participant(client, registered, ana.id) as ana_phone,
        _participant(client, registered, bo.id) as bo_phone,
    ):
        item_id = str(uuid.uuid4())
        body = {"id": item_id, "kind": "ask", "help": "intro", "text": "A wholesale flour supplier"}
        filed = await ana_phone.post(items, json=body)
        again = await ana_phone.post(items, json=body)
        assert filed.status_code == again.status_code == 201
        assert filed.json()["member_id"] == str(ana.id)
        assert filed.json()["source"] == "phone"
        edit = {"text": "A wholesale organic flour supplier"}
        assert (await bo_phone.patch(f"{items}/{item_id}", json=edit)).status_code == 403
        assert (await ana_phone.patch(f"{items}/{item_id}", json=edit)).status_code == 200
        withdrawn = await ana_phone.patch(f"{items}/{item_id}", json={"withdrawn": True})
        assert withdrawn.json()["status"] == "withdrawn"
        taken = await bo_phone.post(items, json=body)
        assert taken.status_code == 403
    (stored,) = (await _board(client, registered))["items"]
    assert stored["text"] == "A wholesale organic flour supplier"


async def test_only_the_two_people_in_a_match_may_decide_it(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    _, bo, cy = circle3.members
    pair = matched_pair(registered, circle3, "Flour supplier", "I know a mill", 0.8)
    match = pair.match
    pushed = await client.post(
        registered.changes, json={"changes": pair.changes}, headers=registered.headers
    )
    assert pushed.status_code == 200
    decision = f"/api/v1/sessions/{registered.session_id}/matches/{match.id}/decision"
    async with _participant(client, registered, cy.id) as cy_phone:
        assert (await cy_phone.post(decision, json={"accept": True})).status_code == 403
    async with _participant(client, registered, bo.id) as bo_phone:
        accepted = await bo_phone.post(decision, json={"accept": True})
    assert accepted.status_code == 200
    assert accepted.json()["state"] == "accepted"
    (stored,) = (await _board(client, registered))["matches"]
    assert stored["state"] == "accepted"
    assert stored["version"] > match.version


async def test_a_participant_thanks_someone_else_once(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    ana, bo = circle3.members[:2]
    thanks = f"/api/v1/sessions/{registered.session_id}/thanks"
    async with _participant(client, registered, ana.id) as phone:
        body = {"id": str(uuid.uuid4()), "to_member_id": str(bo.id), "message": "Thank you! 🙏"}
        assert (await phone.post(thanks, json=body)).status_code == 201
        assert (await phone.post(thanks, json=body)).status_code == 201
        myself = await phone.post(thanks, json={"to_member_id": str(ana.id)})
        assert myself.status_code == 422
        nobody = await phone.post(thanks, json={"to_member_id": str(uuid.uuid4())})
        assert nobody.status_code == 422
    (stored,) = (await _board(client, registered))["thanks"]
    assert stored["from_member_id"] == str(ana.id)
    assert stored["message"] == "Thank you! 🙏"


async def test_a_raised_hand_reaches_the_facilitator_and_can_be_lowered(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    hand = f"/api/v1/sessions/{registered.session_id}/hand"
    async with _participant(client, registered, circle3.members[2].id) as phone:
        raised = await phone.put(hand, json={"raised": True})
        assert raised.json()["hand_raised_at"] is not None
        (attendance,) = (await _board(client, registered))["attendances"]
        assert attendance["hand_raised_at"] == raised.json()["hand_raised_at"]
        lowered = await phone.put(hand, json={"raised": False})
        assert lowered.json()["hand_raised_at"] is None


async def test_the_board_a_participant_sees_leaves_out_private_things(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    ana, bo = circle3.members[:2]
    secret = Item(
        circle_id=circle3.circle.id,
        session_id=registered.session_id,
        member_id=bo.id,
        kind=ItemKind.ASK,
        text="A loan, quietly",
        private=True,
    )
    mine = Item(
        circle_id=circle3.circle.id,
        session_id=registered.session_id,
        member_id=ana.id,
        kind=ItemKind.ASK,
        text="My own private ask",
        private=True,
    )
    batch = [change(stamp(secret, version(1, "laptop"))), change(stamp(mine, version(2, "laptop")))]
    await client.post(registered.changes, json={"changes": batch}, headers=registered.headers)
    async with _participant(client, registered, ana.id) as phone:
        board = (await phone.get(f"/api/v1/sessions/{registered.session_id}/board")).json()
    assert [i["text"] for i in board["records"]["items"]] == ["My own private ask"]
    assert {m["contact"] for m in board["records"]["members"]} == {""}
