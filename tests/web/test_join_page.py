"""A phone opens the join link, picks a name from the roster or joins as a guest, and stays
joined: the cookie brings it back to its page and rejoining never makes a second member."""

import html

import httpx

from circle.model import Attendance, Member, attendance_id
from tests.web.conftest import PhoneMaker, csrf, words
from tests.web.facilitator import Facilitator


async def open_join(phone: httpx.AsyncClient, code: str) -> str:
    response = await phone.get(f"/j/{code}")
    assert response.status_code == 200, response.text
    return response.text


async def join_as(phone: httpx.AsyncClient, code: str, **fields: str) -> httpx.Response:
    """Open the join page, then send its form with `fields`; follow on to the next page."""
    page = (await phone.get(f"/j/{code}?switch=1")).text
    form = {"csrf": csrf(page), **fields}
    return await phone.post(f"/j/{code}", data=form, follow_redirects=True)


async def test_the_join_page_lists_the_roster_without_contact_details(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    async with phones() as phone:
        page = await open_join(phone, facilitator.join_code)
    assert "Rivermill Main Street" in page
    for member in facilitator.members:
        assert html.escape(member.name) in page
        assert f'value="{member.id}"' in page
    assert "ana@example.org" not in page
    assert "555-0101" not in page


async def test_a_member_picks_their_name_and_lands_on_their_page(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    ana = facilitator.member("Ana Ruiz")
    async with phones() as phone:
        response = await join_as(phone, facilitator.join_code, member=str(ana.id))
        assert response.status_code == 200
        assert str(response.url).endswith(f"/s/{facilitator.session.id}?done=joined")
        assert "You: Ana Ruiz" in words(response.text)
        assert "You're in." in words(response.text)
        cookie = next(
            h for h in response.history[0].headers.get_list("set-cookie") if "participant" in h
        )
        assert "HttpOnly" in cookie
        assert "SameSite=lax" in cookie
    await facilitator.sync()
    mark = facilitator.get(Attendance, attendance_id(facilitator.session.id, ana.id))
    assert isinstance(mark, Attendance)
    assert mark.joined_at is not None


async def test_the_join_code_is_read_leniently(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    async with phones() as phone:
        response = await phone.get(f"/j/{facilitator.join_code.lower()}")
    assert response.status_code == 200
    assert "Who are you?" in response.text


async def test_a_joined_phone_goes_straight_back_to_its_page(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    bo = facilitator.member("Bo Lind")
    async with phones() as phone:
        await join_as(phone, facilitator.join_code, member=str(bo.id))
        again = await phone.get(f"/j/{facilitator.join_code}")
        assert again.status_code == 303
        assert again.headers["location"] == f"/s/{facilitator.session.id}"
        switch = await phone.get(f"/j/{facilitator.join_code}?switch=1")
        assert switch.status_code == 200
        assert "Who are you?" in switch.text


async def test_a_guest_joins_once_however_often_they_join(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    async with phones() as phone, phones() as other_phone:
        first = await join_as(phone, facilitator.join_code, name="Ivy Quinn", business="Cafe")
        assert "You: Ivy Quinn" in words(first.text)
        await join_as(phone, facilitator.join_code, name="ivy  quinn")
        await join_as(other_phone, facilitator.join_code, name="Ivy Quinn")
        ana = facilitator.member("Ana Ruiz")
        await join_as(other_phone, facilitator.join_code, member=str(ana.id))
        await join_as(other_phone, facilitator.join_code, member=str(ana.id))
    await facilitator.sync()
    guests = [m for m in facilitator.replica.all(Member) if m.is_guest]
    assert [(g.name, g.business) for g in guests] == [("Ivy Quinn", "Cafe")]
    marks = [a for a in facilitator.replica.all(Attendance) if a.joined_at is not None]
    assert len(marks) == 2


async def test_joining_with_nothing_picked_says_what_to_do_and_keeps_the_typing(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    async with phones() as phone:
        response = await join_as(phone, facilitator.join_code, name="", business="Kiosk")
        assert response.status_code == 422
        assert "Pick your name from the roster, or give your name" in words(response.text)
        assert 'value="Kiosk"' in response.text
        too_long = await join_as(phone, facilitator.join_code, name="x" * 121)
        assert too_long.status_code == 422
        stranger = await join_as(
            phone, facilitator.join_code, member="00000000-0000-4000-8000-000000000000"
        )
        assert stranger.status_code == 404
        assert "roster" in stranger.text
        garbage = await join_as(phone, facilitator.join_code, member="not-an-id")
        assert garbage.status_code == 422


async def test_an_unknown_code_says_so_in_words(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    async with phones() as phone:
        for code in ("ZZZZZZ", "x" * 40, "%00", "<script>"):
            response = await phone.get(f"/j/{code}")
            assert response.status_code == 404
            assert "No session with this code" in response.text
            assert "<script>" not in response.text.split("<body>")[1]


async def test_a_page_without_joining_points_to_the_join_link(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    async with phones() as phone:
        response = await phone.get(f"/s/{facilitator.session.id}")
    assert response.status_code == 401
    assert f'href="/j/{facilitator.join_code}"' in response.text
    assert "Ana Ruiz" not in response.text
