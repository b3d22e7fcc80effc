"""Debian's Chromium, driven by Playwright's async API: never a browser Playwright downloads.

The async API shares the test's event loop, so a browser test can drive phones
and the facilitator's sync client side by side.
"""

import shutil
from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, async_playwright, expect

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 640}
EXPECT_SECONDS = 30
"""How long an `expect` waits for what a phone should show: generous, because the whole
suite shares two cores with other people's (eight phones once missed the default 5 s)."""

expect.set_options(timeout=15_000)
"""Wait up to 15 s for what a person would see: a loaded machine runs eight phones on two cores."""


def chromium_path() -> str:
    path = shutil.which("chromium")
    assert path is not None, "the browser tests need Debian's chromium (apt-get install chromium)"
    return path


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """A headless Chromium for one test; each phone gets its own context."""
    expect.set_options(timeout=EXPECT_SECONDS * 1000)
    async with async_playwright() as driver:
        launched = await driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            await launched.close()
