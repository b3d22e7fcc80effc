"""Once joined, a phone takes part with plain form posts (no script needed): asks and offers
added, edited and withdrawn, matches accepted, thanks sent, a hand raised; each post answers
with a redirect, and a resent form files nothing twice. The facilitator sees all of it."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from circle.model import (
    Attendance,
    HelpKind,
    ItemKind,
    ItemStatus,
    Match,
    MatchState,
    Source,
    Thanks,
    attendance_id,
)
from tests.web.conftest import PhoneMaker, csrf, request_id, words
from tests.web.facilitator import Facilitator


@asynccontextmanager
async def joined(
    phones: PhoneMaker, facilitator: Facilitator, name: str
) -> AsyncIterator[httpx.AsyncClient]:
    """A phone that joined the session as the member called `name`."""
    member = facilitator.member(name)
    async with phones() as phone:
        page = (await phone.get(f"/j/{facilitator.join_code}")).text
        response = await phone.post(
            f"/j/{facilitator.join_code}", data={"csrf": csrf(page), "member": str(member.id)}
        )
        assert response.status_code == 303
        yield phone


async def page_of(phone: httpx.AsyncClient, facilitator: Facilitator) -> str:
    response = await phone.get(f"/s/{facilitator.session.id}")
    assert response.status_code == 200, response.text
    return response.text


async def send(
    phone: httpx.AsyncClient, facilitator: Facilitator, path: str, **fields: str
) -> httpx.Response:
    """Send the form posting to `path` from the current page, with its token and id."""
    page = await page_of(phone, facilitator)
    action = f"/s/{facilitator.session.id}{path}"
    form = {"csrf": csrf(page), **fields}
    if 'name="request_id"' in page[page.find(f'action="{action}"') :][:600]:
        form.setdefault("request_id", request_id(page, action))
    return await phone.post(action, data=form)


async def test_an_ask_added_by_form_reaches_the_facilitator(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    async with joined(phones, facilitator, "Ana Ruiz") as phone:
        response = await send(
            phone,
            facilitator,
            "/items",
            kind="ask",
            text="An intro to a commercial landlord downtown",
            help="intro",
        )
        assert response.status_code == 303
        assert response.headers["location"].endswith("?done=added#mine")
        page = words((await phone.get(response.headers["location"])).text)
        assert "Added: it is on the facilitator's board now." in page
        assert "An intro to a commercial landlord downtown" in page
    await facilitator.sync()
    (item,) = facilitator.items()
    assert (item.kind, item.help, item.source) == (ItemKind.ASK, HelpKind.INTRO, Source.PHONE)
    assert item.member_id == facilitator.member("Ana Ruiz").id


async def test_a_resent_form_files_its_item_once(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    async with joined(phones, facilitator, "Bo Lind") as phone:
        page = await page_of(phone, facilitator)
        action = f"/s/{facilitator.session.id}/items"
        form = {
            "csrf": csrf(page),
            "request_id": request_id(page, action),
            "kind": "offer",
            "text": "A free furnace check for any member",
        }
        first = await phone.post(action, data=form)
        double_tap = await phone.post(action, data=form)
        after_a_blip = await phone.post(action, data=form)
        assert first.status_code == double_tap.status_code == after_a_blip.status_code == 303
        fresh = await page_of(phone, facilitator)
        assert request_id(fresh, action) != form["request_id"], "a new form gets a new id"
    await facilitator.sync()
    assert [i.text for i in facilitator.items()] == ["A free furnace check for any member"]


async def test_an_item_is_edited_withdrawn_and_put_back(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    async with joined(phones, facilitator, "Cy Park") as phone:
        await send(phone, facilitator, "/items", kind="ask", text="Podcast guests wanted")
        await facilitator.sync()
        (item,) = facilitator.items()
        path = f"/items/{item.id}"
        saved = await send(
            phone, facilitator, path, action="save", text="Podcast guests for May", help="podcast"
        )
        assert saved.headers["location"].endswith(f"?done=saved#item-{item.id}")
        await facilitator.sync()
        edited = facilitator.items()[0]
        assert (edited.text, edited.help) == ("Podcast guests for May", HelpKind.PODCAST)
        await send(phone, facilitator, path, action="withdraw")
        await facilitator.sync()
        assert facilitator.items()[0].status == ItemStatus.WITHDRAWN
        assert "Put it back" in await page_of(phone, facilitator)
        await send(phone, facilitator, path, action="reopen")
        await facilitator.sync()
        assert facilitator.items()[0].status == ItemStatus.OPEN


async def test_a_form_with_a_mistake_comes_back_with_the_reason_and_the_typing(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    async with joined(phones, facilitator, "Ana Ruiz") as phone:
        empty = await send(phone, facilitator, "/items", kind="ask", text="   ")
        assert empty.status_code == 422
        assert "Write it in a sentence" in words(empty.text)
        odd_kind = await send(phone, facilitator, "/items", kind="wish", text="Kept text")
        assert odd_kind.status_code == 422
        assert "ask or an offer" in words(odd_kind.text)
        assert ">Kept text</textarea>" in odd_kind.text
        odd_help = await send(phone, facilitator, "/items", kind="ask", text="x", help="bribe")
        assert odd_help.status_code == 422
        long = await send(phone, facilitator, "/items", kind="ask", text="y" * 1001)
        assert long.status_code == 422
        nobody = await send(phone, facilitator, "/thanks", to="", message="Thanks!")
        assert nobody.status_code == 422
        assert "Pick whom to thank" in words(nobody.text)
        odd_item = await send(
            phone, facilitator, "/items/00000000-0000-4000-8000-000000000000", action="save"
        )
        assert odd_item.status_code in (404, 422)
    await facilitator.sync()
    assert facilitator.items() == []


async def test_a_member_accepts_a_match_and_thanks_the_giver(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    ana, bo = facilitator.member("Ana Ruiz"), facilitator.member("Bo Lind")
    async with joined(phones, facilitator, "Ana Ruiz") as phone:
        await send(phone, facilitator, "/items", kind="ask", text="A reliable HVAC contractor")
        await facilitator.sync()
        (ask,) = facilitator.items()
        offer = facilitator.offer(bo, "Discounted HVAC service for members")
        match = facilitator.suggest(ask, offer, "Bo offers HVAC service; Ana needs HVAC help")
        await facilitator.sync()
        page = words(await page_of(phone, facilitator))
        assert "Bo Lind could help with your ask “A reliable HVAC contractor”" in page
        assert "Why: Bo offers HVAC service; Ana needs HVAC help" in page
        accepted = await send(phone, facilitator, f"/matches/{match.id}", decision="accept")
        assert accepted.headers["location"].endswith("?done=accepted#matches")
        thanked = await send(
            phone, facilitator, "/thanks", to=str(bo.id), match=str(match.id), message="Thank you!"
        )
        assert thanked.status_code == 303
        assert "You thanked Bo Lind: “Thank you!”" in words(await page_of(phone, facilitator))
    await facilitator.sync()
    decided = facilitator.get(Match, match.id)
    assert isinstance(decided, Match)
    assert decided.state == MatchState.ACCEPTED
    (thanks,) = facilitator.replica.all(Thanks)
    assert (thanks.from_member_id, thanks.to_member_id, thanks.match_id) == (
        ana.id,
        bo.id,
        match.id,
    )


async def test_the_giver_sees_that_their_offer_could_help(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    ana, bo = facilitator.member("Ana Ruiz"), facilitator.member("Bo Lind")
    ask = facilitator.offer(ana, "placeholder")
    ask.kind, ask.text = ItemKind.ASK, "Someone to fix my walk-in cooler"
    facilitator.save(ask)
    offer = facilitator.offer(bo, "Refrigeration repairs at cost")
    match = facilitator.suggest(ask, offer, "cooler ↔ refrigeration")
    await facilitator.sync()
    async with joined(phones, facilitator, "Bo Lind") as phone:
        page = words(await page_of(phone, facilitator))
        assert (
            "Your offer “Refrigeration repairs at cost” could help Ana Ruiz, who asks "
            "“Someone to fix my walk-in cooler”" in page
        )
        declined = await send(phone, facilitator, f"/matches/{match.id}", decision="decline")
        assert declined.status_code == 303
    await facilitator.sync()
    decided = facilitator.get(Match, match.id)
    assert isinstance(decided, Match)
    assert decided.state == MatchState.DISMISSED


async def test_hands_go_up_in_an_open_phase_and_the_facilitator_sees_them(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    facilitator.start()
    await facilitator.sync()
    async with joined(phones, facilitator, "Dee Okafor") as phone:
        assert "Raise my hand" not in await page_of(phone, facilitator), "Ana is speaking"
        for _ in range(3):
            facilitator.advance()
        await facilitator.sync()
        page = await page_of(phone, facilitator)
        assert "Open floor" in page
        raised = await send(phone, facilitator, "/hand", raised="yes")
        assert raised.headers["location"].endswith("?done=hand-up#now")
        assert "Lower my hand" in await page_of(phone, facilitator)
    await facilitator.sync()
    dee = facilitator.member("Dee Okafor")
    mark = facilitator.get(Attendance, attendance_id(facilitator.session.id, dee.id))
    assert isinstance(mark, Attendance)
    assert mark.hand_raised_at is not None


async def test_the_page_shows_who_speaks_and_the_agenda(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    async with joined(phones, facilitator, "Eli Novak") as phone:
        before = words(await page_of(phone, facilitator))
        assert "Up next Ana Ruiz Check-in 1:30 planned" in before
        facilitator.start()
        await facilitator.sync()
        now = words(await page_of(phone, facilitator))
        assert "Now Ana Ruiz Check-in" in now
        assert "left" in now
        facilitator.advance()
        await facilitator.sync()
        later = words(await page_of(phone, facilitator))
        assert "Now Bo Lind Check-in" in later
        assert "Check-in · Ana Ruiz 2 min · done" in later
