"""Phones in a real Chromium: eight join one session at once, add asks and offers, follow the
speaker live, accept a match and send thanks while the facilitator sees it all; a phone
without JavaScript joins and adds an ask; a phone with a wrong clock shows the right time."""

import asyncio
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from circle.config import load_settings
from circle.model import ItemKind, Match, MatchState, Thanks, utcnow
from circle.store.embedded import EmbeddedStore, start_embedded_store
from tests.store.conftest import GENEROUS
from tests.web.browser import PHONE
from tests.web.facilitator import Facilitator

EVIL = "<script>alert(1)</script>"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """The store on a loopback port, as the console starts it."""
    running = start_embedded_store(load_settings(data_dir=tmp_path / "store"), limits=GENEROUS)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
async def meeting(tmp_path: Path, store: EmbeddedStore) -> Facilitator:
    facilitator = Facilitator.open(tmp_path, store.url)
    await facilitator.sync()
    return facilitator


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Path:
    """Where this test saves its screenshots: test-output/web/<test> in the checkout."""
    root = Path(request.config.rootpath) / "test-output" / "web" / request.node.name
    root.mkdir(parents=True, exist_ok=True)
    return root


def link(store: EmbeddedStore, meeting: Facilitator) -> str:
    return f"{store.url}/j/{meeting.join_code}"


async def phone(browser: Browser, url: str, name: str, *, script: bool = True) -> Page:
    """A phone-sized browser of its own that opened the join link and picked `name`."""
    context = await browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=script
    )
    page = await context.new_page()
    await page.goto(url)
    await page.get_by_role("button", name=re.compile(f"^{re.escape(name)}")).click()
    await expect(page.locator(".me")).to_contain_text(name)
    return page


async def add(page: Page, kind: str, text: str) -> None:
    """Fill and send the add form, as a person taps through it."""
    form = page.get_by_role("region", name="Add an ask or an offer")
    await form.get_by_role("radio", name=re.compile(f"^an {kind}")).check()
    await form.get_by_label("In a sentence").fill(text)
    await form.get_by_label("Kind of help").select_option("advice")
    await form.get_by_role("button", name="Add", exact=True).click()
    await expect(page.locator("#mine")).to_contain_text(text)


async def test_eight_phones_take_part_and_the_facilitator_sees_it_all(
    browser: Browser, store: EmbeddedStore, meeting: Facilitator, shots: Path
) -> None:
    url = link(store, meeting)
    names = [member.name for member in meeting.members]
    phones = await asyncio.gather(*(phone(browser, url, name) for name in names))
    await phones[0].screenshot(path=shots / "joined.png", full_page=True)

    await asyncio.gather(
        *(
            add(page, "ask", f"{name}'s ask: help with pricing")
            for page, name in zip(phones, names, strict=True)
        )
    )
    await asyncio.gather(
        *(
            add(page, "offer", f"{name}'s offer: an hour of advice")
            for page, name in zip(phones, names, strict=True)
        )
    )
    await meeting.sync()
    items = meeting.items()
    assert len(items) == 16
    assert {i.member_id for i in items} == {m.id for m in meeting.members}

    meeting.start()
    await meeting.sync()
    for page, name in zip(phones, names, strict=True):
        await expect(page.locator("#speaker")).to_have_text(
            "You" if name == "Ana Ruiz" else "Ana Ruiz"
        )
    await expect(phones[3].locator("#clock")).to_contain_text(re.compile(r"1:[0-3]\d left"))
    meeting.advance()
    await meeting.sync()
    for page, name in zip(phones, names, strict=True):
        await expect(page.locator("#speaker")).to_have_text(
            "You" if name == "Bo Lind" else "Bo Lind"
        )
    await phones[2].screenshot(path=shots / "speaker.png", full_page=True)

    ana, bo = meeting.member("Ana Ruiz"), meeting.member("Bo Lind")
    ask = next(i for i in items if i.member_id == ana.id and i.kind == ItemKind.ASK)
    offer = next(i for i in items if i.member_id == bo.id and i.kind == ItemKind.OFFER)
    match = meeting.suggest(ask, offer, "Bo gives pricing advice; Ana needs pricing help")
    await meeting.sync()
    ana_page, bo_page = phones[0], phones[1]
    await expect(ana_page.locator("#matches")).to_contain_text("Bo Lind could help")
    await expect(bo_page.locator("#matches")).to_contain_text("could help Ana Ruiz")
    await ana_page.screenshot(path=shots / "match.png", full_page=True)
    await ana_page.get_by_role("button", name="Yes, introduce us").click()
    await expect(ana_page.locator("#matches")).to_contain_text("You said yes")

    cy_page = phones[2]
    await cy_page.get_by_label("Whom").select_option(label="Dee Okafor")
    await cy_page.get_by_label("Message").fill("Thanks for the bookkeeping tip!")
    await cy_page.get_by_role("button", name="Send thanks").click()
    await expect(cy_page.locator("#notice")).to_have_text("Thanks sent.")
    await expect(phones[3].locator("#thanks")).to_contain_text(
        "Cy Park thanked you: “Thanks for the bookkeeping tip!”"
    )
    await phones[3].screenshot(path=shots / "thanked.png", full_page=True)

    await meeting.sync()
    decided = meeting.get(Match, match.id)
    assert isinstance(decided, Match)
    assert decided.state == MatchState.ACCEPTED
    (thanks,) = meeting.replica.all(Thanks)
    assert thanks.message == "Thanks for the bookkeeping tip!"
    assert thanks.from_member_id == meeting.member("Cy Park").id
    for page in phones:
        await page.context.close()


async def test_without_javascript_a_phone_joins_and_adds_an_ask(
    browser: Browser, store: EmbeddedStore, meeting: Facilitator, shots: Path
) -> None:
    page = await phone(browser, link(store, meeting), "Gus Tran", script=False)
    form = page.get_by_role("region", name="Add an ask or an offer")
    await form.get_by_label("In a sentence").fill("A commissary kitchen two days a week")
    await form.get_by_label("Kind of help").select_option("resource")
    await form.get_by_role("button", name="Add", exact=True).click()
    await expect(page.locator("#notice")).to_contain_text("Added")
    await expect(page.locator("#mine")).to_contain_text("A commissary kitchen two days a week")
    await page.reload()
    await page.screenshot(path=shots / "no-script.png", full_page=True)
    await meeting.sync()
    (item,) = meeting.items()
    assert (item.text, item.member_id) == (
        "A commissary kitchen two days a week",
        meeting.member("Gus Tran").id,
    )
    await page.context.close()


async def test_a_phone_with_a_wrong_clock_counts_down_the_right_time(
    browser: Browser, store: EmbeddedStore, meeting: Facilitator
) -> None:
    meeting.start()
    await meeting.sync()
    context = await browser.new_context(viewport=PHONE)
    page = await context.new_page()
    await page.clock.install(time=utcnow() + timedelta(hours=2, minutes=7))
    await page.goto(link(store, meeting))
    await page.get_by_role("button", name=re.compile("^Hana Sato")).click()
    await expect(page.locator("#speaker")).to_have_text("Ana Ruiz")
    await page.wait_for_timeout(1200)
    await expect(page.locator("#clock")).to_have_text(re.compile(r"^1:[2-3]\d left$"))
    await context.close()


async def test_a_hostile_name_never_runs_in_the_browser(
    browser: Browser, store: EmbeddedStore, meeting: Facilitator
) -> None:
    evil = meeting.members[7]
    evil.name = EVIL
    meeting.save(evil)
    await meeting.sync()
    context = await browser.new_context(viewport=PHONE)
    page = await context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    await page.goto(link(store, meeting))
    await expect(page.get_by_role("button", name=EVIL)).to_be_visible()
    await page.get_by_role("button", name=re.compile("^Ana Ruiz")).click()
    await expect(page.get_by_label("Whom")).to_contain_text(EVIL)
    await page.get_by_label("In a sentence").fill(EVIL)
    await page.get_by_role("button", name="Add", exact=True).click()
    await expect(page.locator("#mine")).to_contain_text(EVIL)
    assert dialogs == []
    await context.close()
