"""The phone pages can be used by everyone, on a 360×640 phone and on a desktop: every control
has a label, focus is visible, text passes WCAG AA contrast, landmarks name the regions, and
nothing spills sideways."""

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, expect

from circle.store.embedded import EmbeddedStore
from tests.web.facilitator import Facilitator
from tests.web.test_browser import add, link, meeting, shots, store

__all__ = ["meeting", "shots", "store"]

SIZES = {"phone": {"width": 360, "height": 640}, "desktop": {"width": 1280, "height": 800}}

AUDIT = (Path(__file__).parent / "audit.js").read_text(encoding="utf-8")


async def audit(page: Page) -> dict[str, Any]:
    result: dict[str, Any] = await page.evaluate(AUDIT)
    return result


async def check_page(page: Page) -> None:
    """Labels, contrast, landmarks and width of the page as it stands."""
    found = await audit(page)
    assert found["contrast"] == []
    assert found["unlabelled"] == []
    assert found["unnamed"] == []
    assert found["overflow"] <= 0
    for landmark in ("banner", "main", "contentinfo"):
        await expect(page.get_by_role(landmark)).to_have_count(1)


async def check_focus_is_visible(page: Page) -> None:
    """Tab to the first few controls: each shows a clear outline."""
    await page.locator("body").click(position={"x": 1, "y": 1})
    for _ in range(4):
        await page.keyboard.press("Tab")
        outline = await page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert outline[0] != "none"
        assert outline[1] >= 2


@pytest.mark.parametrize("size", ["phone", "desktop"])
async def test_every_page_passes_the_checks(
    browser: Browser,
    store: EmbeddedStore,
    meeting: Facilitator,
    shots: Path,
    size: str,
) -> None:
    meeting.start()
    await meeting.sync()
    context = await browser.new_context(viewport=SIZES[size])
    page = await context.new_page()
    await page.goto(link(store, meeting))
    await check_page(page)
    await check_focus_is_visible(page)
    await page.get_by_role("button", name=re.compile("^Fay Moreau")).click()
    await add(page, "ask", "Wedding planners who refer florists")
    await add(page, "offer", "Table flowers for any member's event")
    await page.locator("#mine details").first.locator("summary").click()
    await check_page(page)
    await check_focus_is_visible(page)
    await page.screenshot(path=shots / f"session-{size}.png", full_page=True)
    meeting.end()
    await meeting.sync()
    await expect(page.get_by_role("heading", name="The session has ended")).to_be_visible()
    await check_page(page)
    await page.screenshot(path=shots / f"ended-{size}.png", full_page=True)
    await context.close()
