"""Web fixtures: the store in-process with a facilitator's replica synced to it, phones as
HTTP clients with their own cookies, and Debian's Chromium through Playwright."""

import html
import re
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from circle.config import load_settings
from circle.store.app import create_app
from tests.store.conftest import GENEROUS
from tests.web.browser import browser
from tests.web.facilitator import Facilitator

__all__ = ["browser"]

Phone = httpx.AsyncClient
PhoneMaker = Callable[[], AbstractAsyncContextManager[Phone]]


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[FastAPI]:
    """The store on SQLite in this test's folder, with its lifespan running."""
    application = create_app(load_settings(data_dir=tmp_path / "store"), limits=GENEROUS)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
def transport(app: FastAPI) -> httpx.ASGITransport:
    return httpx.ASGITransport(app=app)


@pytest.fixture
async def facilitator(tmp_path: Path, transport: httpx.ASGITransport) -> Facilitator:
    """A circle of eight whose session is registered and synced, not started yet."""
    running = Facilitator.open(tmp_path, "http://store", transport)
    await running.sync()
    return running


@pytest.fixture
def phones(transport: httpx.ASGITransport) -> PhoneMaker:
    """Make phones: each an HTTP client with its own cookie jar, as separate browsers are."""

    def make() -> AbstractAsyncContextManager[Phone]:
        return httpx.AsyncClient(transport=transport, base_url="http://store")

    return make


def csrf(page: str) -> str:
    """The form token in a page."""
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert found, "the page has no form token"
    return found.group(1)


def request_id(page: str, action: str) -> str:
    """The id the form posting to `action` carries, so a resend files once."""
    form = page[page.index(f'action="{action}"') :]
    found = re.search(r'name="request_id" value="([0-9a-f-]+)"', form)
    assert found, f"the form for {action} has no request id"
    return found.group(1)


def words(page: str) -> str:
    """What a page says, as a reader sees it: no tags, entities decoded, spaces collapsed."""
    body = page.split("<body>", 1)[-1]
    body = re.sub(r"</?(strong|em|span|a|b|i|code)\b[^>]*>", "", body)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
