"""The phone pages are safe to open on a room's network: names render as text, forms need their
own page's token, wrong codes are rate-limited, a cookie opens only its own session, an ended
session is read-only, and no page shows private notes or contact details."""

from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from circle.config import load_settings
from circle.model import Item, Member
from circle.store.app import create_app
from tests.store.conftest import GENEROUS
from tests.web.conftest import PhoneMaker, csrf, words
from tests.web.facilitator import SECRET_NOTE, Facilitator
from tests.web.test_phone_forms import joined, page_of, send

SCRIPT_NAME = "<script>alert(1)</script>"
IMG_TEXT = '<img src=x onerror="alert(2)"> & [b]bold[/b]'


async def test_names_and_texts_that_look_like_html_render_as_text(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    mallory = Member(circle_id=facilitator.circle.id, name=SCRIPT_NAME, business="<b>x</b>")
    facilitator.save(mallory)
    facilitator.members.append(mallory)
    offer = facilitator.offer(mallory, IMG_TEXT)
    await facilitator.sync()
    async with joined(phones, facilitator, "Ana Ruiz") as phone:
        await send(phone, facilitator, "/items", kind="ask", text=IMG_TEXT)
        await facilitator.sync()
        ask = next(i for i in facilitator.items() if i.member_id != mallory.id)
        facilitator.suggest(ask, offer, f"{SCRIPT_NAME} offers {IMG_TEXT}")
        await facilitator.sync()
        join_page = (await phone.get(f"/j/{facilitator.join_code}?switch=1")).text
        page = await page_of(phone, facilitator)
    for shown in (join_page, page):
        assert "<script>alert" not in shown
        assert "<img src=x" not in shown
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert f"{SCRIPT_NAME} could help with your ask" in words(page)
    assert f"they offer “{IMG_TEXT}”" in words(page)


async def test_pages_allow_only_their_own_scripts_and_styles(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    async with phones() as phone:
        response = await phone.get(f"/j/{facilitator.join_code}")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "http" not in response.text.split("<body>")[0], "nothing is loaded from elsewhere"


async def test_a_form_without_its_token_does_nothing(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    action = f"/s/{facilitator.session.id}/items"
    async with joined(phones, facilitator, "Ana Ruiz") as phone, phones() as attacker:
        page = await page_of(phone, facilitator)
        missing = await phone.post(action, data={"kind": "ask", "text": "forged"})
        wrong = await phone.post(action, data={"csrf": "0" * 32, "kind": "ask", "text": "forged"})
        other_page = (await attacker.get(f"/j/{facilitator.join_code}")).text
        borrowed = await phone.post(
            action, data={"csrf": csrf(other_page), "kind": "ask", "text": "forged"}
        )
        elsewhere = await phone.post(
            action,
            data={"csrf": csrf(page), "kind": "ask", "text": "forged"},
            headers={"Origin": "http://evil.example"},
        )
        for response in (missing, wrong, borrowed, elsewhere):
            assert response.status_code == 403
        assert "expired" in words(missing.text)
        assert "this site's own pages" in words(elsewhere.text)
        join = await attacker.post(
            f"/j/{facilitator.join_code}", data={"member": str(facilitator.members[0].id)}
        )
        assert join.status_code == 403
        assert "circle_participant" not in join.headers.get("set-cookie", "")
    await facilitator.sync()
    assert facilitator.items() == []


async def test_forms_refuse_what_is_not_a_form(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    action = f"/s/{facilitator.session.id}/items"
    async with joined(phones, facilitator, "Ana Ruiz") as phone:
        token = csrf(await page_of(phone, facilitator))
        as_json = await phone.post(action, json={"csrf": token, "kind": "ask", "text": "x"})
        assert as_json.status_code == 415
        huge = await phone.post(action, data={"csrf": token, "kind": "ask", "text": "x" * 70_000})
        assert huge.status_code == 413
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        latin1 = await phone.post(
            action, content=b"csrf=" + token.encode() + b"&text=\xff", headers=form
        )
        assert latin1.status_code == 400
        nul = await phone.post(action, data={"csrf": token, "kind": "ask", "text": "a\x00b"})
        assert nul.status_code == 400
        many = "&".join(f"f{i}=x" for i in range(100))
        crowded = await phone.post(action, content=f"csrf={token}&{many}".encode(), headers=form)
        assert crowded.status_code == 400
    await facilitator.sync()
    assert facilitator.items() == []


async def test_wrong_codes_are_rate_limited_per_address(tmp_path: Path) -> None:
    limits = replace(GENEROUS, join_failure_rate=0.01, join_failure_burst=3)
    app = create_app(load_settings(data_dir=tmp_path / "store"), limits=limits)
    async with app.router.lifespan_context(app):
        guesser = httpx.ASGITransport(app=app, client=("192.0.2.50", 4000))
        neighbour = httpx.ASGITransport(app=app, client=("192.0.2.51", 4000))
        facilitator = Facilitator.open(tmp_path, "http://store", guesser)
        await facilitator.sync()
        async with httpx.AsyncClient(transport=guesser, base_url="http://store") as phone:
            statuses = [(await phone.get(f"/j/WRONG{n}")).status_code for n in range(3)]
            assert statuses == [404, 404, 404]
            refused = await phone.get(f"/j/{facilitator.join_code}")
            assert refused.status_code == 429
            assert int(refused.headers["retry-after"]) >= 1
            assert "Too many wrong codes" in words(refused.text)
            posted = await phone.post("/j/WRONGX", data={"name": "Eve"})
            assert posted.status_code == 429
        async with httpx.AsyncClient(transport=neighbour, base_url="http://store") as phone:
            assert (await phone.get(f"/j/{facilitator.join_code}")).status_code == 200


@pytest.fixture
async def other_session(tmp_path: Path, transport: httpx.ASGITransport) -> Facilitator:
    """A second circle's session on the same store."""
    folder = tmp_path / "other"
    folder.mkdir()
    other = Facilitator.open(folder, "http://store", transport)
    other.circle.name = "Harbour Traders"
    other.save(other.circle)
    await other.sync()
    return other


async def test_a_cookie_from_one_session_opens_nothing_in_another(
    facilitator: Facilitator, other_session: Facilitator, phones: PhoneMaker
) -> None:
    async with joined(phones, facilitator, "Ana Ruiz") as phone:
        token = csrf(await page_of(phone, facilitator))
        page = await phone.get(f"/s/{other_session.session.id}")
        assert page.status_code == 403
        assert "joined another session" in words(page.text)
        assert "Harbour" not in page.text
        filed = await phone.post(
            f"/s/{other_session.session.id}/items",
            data={"csrf": token, "kind": "ask", "text": "sneaked in"},
        )
        assert filed.status_code == 403
        live = await phone.get(f"/s/{other_session.session.id}/live")
        assert live.status_code == 403
        stream = await phone.get(f"/api/v1/sessions/{other_session.session.id}/board")
        assert stream.status_code == 403
    await other_session.sync()
    assert other_session.items() == []


async def test_no_page_shows_private_notes_or_contact_details(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    facilitator.start()
    private = Item(
        circle_id=facilitator.circle.id,
        session_id=facilitator.session.id,
        member_id=facilitator.member("Bo Lind").id,
        kind="ask",
        text="PRIVATE-ASK: a bridge loan",
        private=True,
    )
    facilitator.save(private)
    await facilitator.sync()
    async with joined(phones, facilitator, "Ana Ruiz") as phone:
        pages = [
            await page_of(phone, facilitator),
            (await phone.get(f"/s/{facilitator.session.id}/live")).text,
            (await phone.get(f"/j/{facilitator.join_code}?switch=1")).text,
        ]
        facilitator.end()
        await facilitator.sync()
        pages.append(await page_of(phone, facilitator))
    for page in pages:
        for secret in (SECRET_NOTE, "ana@example.org", "555-0101", "PRIVATE-ASK"):
            assert secret not in page


async def test_after_the_end_the_page_is_read_only_with_the_members_summary(
    facilitator: Facilitator, phones: PhoneMaker
) -> None:
    facilitator.start()
    await facilitator.sync()
    async with joined(phones, facilitator, "Bo Lind") as bo_phone:
        await send(bo_phone, facilitator, "/items", kind="ask", text="A second van driver")
    async with joined(phones, facilitator, "Ana Ruiz") as phone:
        await send(phone, facilitator, "/items", kind="ask", text="A landlord intro")
        await send(phone, facilitator, "/items", kind="offer", text="Day-old bread for events")
        token = csrf(await page_of(phone, facilitator))
        facilitator.end()
        await facilitator.sync()
        ended = await page_of(phone, facilitator)
        said = words(ended)
        assert "The session has ended" in said
        assert "Your asks A landlord intro" in said
        assert "Your offers Day-old bread for events" in said
        assert "Asks still open in the circle" in said
        assert "A second van driver Bo Lind" in said
        assert "A landlord intro Ana Ruiz" not in said, "one's own asks are listed above"
        assert "<form" not in ended
        late = await phone.post(
            f"/s/{facilitator.session.id}/items",
            data={"csrf": token, "kind": "ask", "text": "too late"},
        )
        assert late.status_code == 409
        assert "read-only" in words(late.text)
        assert (await phone.get(f"/j/{facilitator.join_code}")).status_code == 404
        live = await phone.get(f"/s/{facilitator.session.id}/live")
        assert 'data-status="ended"' in live.text
    await facilitator.sync()
    assert sorted(i.text for i in facilitator.items()) == [
        "A landlord intro",
        "A second van driver",
        "Day-old bread for events",
    ]
