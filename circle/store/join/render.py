"""The phone pages' templates (Jinja, autoescaped everywhere) and their small filters."""

import math
from functools import cache
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from circle import __version__
from circle.store.join.view import HELP_LABELS

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
"""Sent with every page: only this site's own styles, script and form targets."""


def clock(seconds: float) -> str:
    """Seconds as m:ss; overtime as +m:ss."""
    over = seconds < 0
    whole = math.ceil(seconds) if not over else math.floor(seconds)
    minutes, rest = divmod(abs(whole), 60)
    return f"{'+' if over else ''}{minutes}:{rest:02d}"


def sentence(text: str) -> str:
    """A message as a sentence: capital first letter, closing full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else f"{text}."


def minutes(seconds: float) -> str:
    return f"{max(1, round(seconds / 60))} min"


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("circle.store.join", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["clock"] = clock
    env.filters["minutes"] = minutes
    env.filters["sentence"] = sentence
    env.globals.update(version=__version__, help_labels=HELP_LABELS)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def page(
    template: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any
) -> HTMLResponse:
    """A rendered page with the security headers every page carries."""
    return HTMLResponse(
        render(template, **context),
        status_code=status,
        headers={**SECURITY_HEADERS, **(headers or {})},
    )


def message_page(
    status: int,
    title: str,
    message: str,
    *,
    link: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """A page that says one thing: why the phone cannot go on, and where to go instead."""
    return page(
        "message.html",
        status,
        headers,
        title=title,
        message=message,
        link=link,
        notice=None,
        error=None,
    )


def too_many(wait: float) -> HTMLResponse:
    seconds = max(1, math.ceil(wait))
    return message_page(
        429,
        "Too many tries",
        f"Too many wrong codes from this network. Try again in {seconds} seconds.",
        headers={"Retry-After": str(seconds)},
    )
