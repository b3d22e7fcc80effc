"""With `circle demo` running in a real terminal, a phone-sized Chromium opens the link decoded
from the QR code on screen, joins and takes part: its ask reaches the facilitator's board."""

import re
import socket
import sys
from pathlib import Path

from playwright.async_api import Browser, expect

from tests.tui.test_live_terminal import into_a_live_session
from tests.web.browser import PHONE
from tests.web.qrdecode import decode_pixels, decode_text, pixels_from_ansi
from tests.web.terminal import terminal
from tests.web.test_browser import shots

__all__ = ["shots"]

CIRCLE = str(Path(sys.executable).with_name("circle"))
ASK = "A stall at the spring fair"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def test_a_phone_joins_circle_demo_from_the_code_on_screen(
    tmp_path: Path, browser: Browser, shots: Path
) -> None:
    public = f"http://127.0.0.1:{free_port()}"  # a loopback address keeps the store on loopback
    env = {
        "CIRCLE_DATA_DIR": str(tmp_path / "data"),
        "CIRCLE_CONFIG_DIR": str(tmp_path / "config"),
        "TZ": "UTC",
    }
    command = [CIRCLE, "--public-url", public, "demo"]
    with terminal(command, size=(120, 45), env=env) as pane:
        into_a_live_session(pane)
        pane.wait_for(lambda screen: "joined by phone" in screen and "online" in screen)
        pane.send("q")
        pane.wait_for(lambda screen: decode_text(screen.splitlines()) != [])
        (link,) = decode_pixels(pixels_from_ansi(pane.capture(colours=True)))
        assert re.fullmatch(rf"{re.escape(public)}/j/[2-9A-Z]{{6}}", link)
        pane.send("Escape")

        context = await browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        page = await context.new_page()
        await page.goto(link)
        await page.get_by_role("button", name=re.compile("^Ben Okafor")).click()
        await expect(page.locator(".me")).to_contain_text("Ben Okafor")
        form = page.get_by_role("region", name="Add an ask or an offer")
        await form.get_by_label("In a sentence").fill(ASK)
        await form.get_by_role("button", name="Add", exact=True).click()
        await expect(page.locator("#mine")).to_contain_text(ASK)
        await page.screenshot(path=shots / "demo-phone.png", full_page=True)
        board = pane.wait_for(lambda screen: "Ben Okafor (phone): A stall" in screen, timeout=30)
        assert "1 joined by phone" in board
        await context.close()
