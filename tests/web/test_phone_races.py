"""A phone on a slow or busy connection: replies that arrive late or out of order never wipe
what the person is typing, never file the next item as the last one again, and never roll
the page back to an older state."""

import asyncio
import re

from playwright.async_api import Browser, Page, Route, expect

from circle.store.embedded import EmbeddedStore
from tests.web.facilitator import Facilitator
from tests.web.test_browser import link, meeting, phone, store

__all__ = ["meeting", "store"]


class Held:
    """Requests to one address held back until released, as a slow network holds them."""

    def __init__(self) -> None:
        self.arrived = asyncio.Event()
        self.release = asyncio.Event()
        self.delivered = asyncio.Event()
        self.count = 0

    async def hold_first(self, route: Route) -> None:
        """Hold the first request's reply (drawn now, delivered later); pass the rest through."""
        self.count += 1
        if self.count > 1:
            await route.continue_()
            return
        reply = await route.fetch()
        self.arrived.set()
        await self.release.wait()
        await route.fulfill(response=reply)
        self.delivered.set()

    async def hold_first_request(self, route: Route) -> None:
        """Hold the first request before it reaches the store; pass the rest through."""
        self.count += 1
        if self.count == 1:
            self.arrived.set()
            await self.release.wait()
        await route.continue_()


async def settle(page: Page) -> None:
    """Let the page's script handle what it has received."""
    await page.evaluate("() => new Promise(done => setTimeout(done, 300))")


async def test_typing_the_next_item_while_the_last_is_on_its_way_keeps_it_and_files_it_anew(
    browser: Browser, store: EmbeddedStore, meeting: Facilitator
) -> None:
    page = await phone(browser, link(store, meeting), "Ana Ruiz")
    held = Held()
    await page.route(re.compile(r"/s/[^/]+/items$"), held.hold_first_request)
    form = page.get_by_role("region", name="Add an ask or an offer")
    await form.get_by_label("In a sentence").fill("An intro to a commercial landlord")
    await form.get_by_role("button", name="Add", exact=True).click()
    await held.arrived.wait()

    await form.get_by_role("radio", name=re.compile("^an offer")).check()
    await form.get_by_label("In a sentence").fill("Two hours of packaging design")
    held.release.set()
    await expect(page.locator("#mine")).to_contain_text("An intro to a commercial landlord")
    await settle(page)
    await expect(form.get_by_label("In a sentence")).to_have_value("Two hours of packaging design")
    await expect(form.get_by_role("radio", name=re.compile("^an offer"))).to_be_checked()

    await form.get_by_role("button", name="Add", exact=True).click()
    await expect(page.locator("#mine")).to_contain_text("Two hours of packaging design")
    await meeting.sync()
    assert sorted(item.text for item in meeting.items()) == [
        "An intro to a commercial landlord",
        "Two hours of packaging design",
    ]
    await page.context.close()


async def test_a_live_update_drawn_before_the_phones_own_item_never_hides_it(
    browser: Browser, store: EmbeddedStore, meeting: Facilitator
) -> None:
    page = await phone(browser, link(store, meeting), "Bo Lind")
    held = Held()
    await page.route(re.compile(r"/live\?"), held.hold_first)
    meeting.start()
    await meeting.sync()
    await held.arrived.wait()

    form = page.get_by_role("region", name="Add an ask or an offer")
    await form.get_by_label("In a sentence").fill("Someone to check my pricing page")
    await form.get_by_role("button", name="Add", exact=True).click()
    await expect(page.locator("#mine")).to_contain_text("Someone to check my pricing page")
    held.release.set()
    await held.delivered.wait()
    await settle(page)
    assert "Someone to check my pricing page" in await page.locator("#mine").inner_text()
    await expect(page.locator("#speaker")).to_have_text("Ana Ruiz")
    await page.context.close()
