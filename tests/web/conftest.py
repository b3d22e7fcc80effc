"""Web fixtures: Debian's Chromium through Playwright."""

from tests.web.browser import browser, playwright

__all__ = ["browser", "playwright"]
