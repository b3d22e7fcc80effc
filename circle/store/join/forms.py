"""The phone pages' forms: bounded URL-encoded bodies, CSRF tokens and same-origin posts.

Every page with a form carries a token derived from the `circle_csrf` cookie
(HttpOnly, SameSite=Lax); a post must send both, and a post whose Origin names
another site is refused, so no other page can make a phone act.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from fastapi import Request, Response

from circle.store.guard import bounded_body, check_text

CSRF_COOKIE = "circle_csrf"
CSRF_FIELD = "csrf"
_MAX_FIELDS = 40
_FORM_TYPE = "application/x-www-form-urlencoded"


class FormError(Exception):
    """A post the pages cannot take; `status` and the message say why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Form:
    """A posted form's fields (the last value of a repeated name wins)."""

    fields: dict[str, str]

    def text(self, name: str) -> str:
        return self.fields.get(name, "").strip()


def csrf_secret(request: Request) -> str | None:
    value = request.cookies.get(CSRF_COOKIE, "")
    return value if 20 <= len(value) <= 100 else None


def csrf_token(secret: str) -> str:
    """The token forms carry for the phone holding `secret` in its cookie."""
    return hashlib.sha256(f"circle-form:{secret}".encode()).hexdigest()[:32]


def ensure_csrf(request: Request, response: Response) -> str:
    """The page's form token, setting the cookie it comes from when the phone has none."""
    secret = csrf_secret(request)
    if secret is None:
        secret = secrets.token_urlsafe(24)
        response.set_cookie(
            CSRF_COOKIE, secret, max_age=7 * 24 * 3600, httponly=True, samesite="lax", path="/"
        )
    return csrf_token(secret)


async def read_form(request: Request) -> Form:
    """The posted form, checked for size, encoding, origin and its CSRF token."""
    _same_origin(request)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != _FORM_TYPE:
        raise FormError(415, "send the form as the page does (URL-encoded)")
    body = await bounded_body(request)
    if body is None:
        raise FormError(413, "that is more text than a form takes")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=_MAX_FIELDS)
        for name, value in pairs:
            check_text(name)
            check_text(value)
    except (UnicodeDecodeError, ValueError) as exc:
        raise FormError(400, "the form could not be read; please send it again") from exc
    form = Form(dict(pairs))
    secret = csrf_secret(request)
    token = form.fields.get(CSRF_FIELD, "")
    if secret is None or not hmac.compare_digest(token.encode(), csrf_token(secret).encode()):
        raise FormError(403, "this form has expired; it was loaded again, please send it again")
    return form


def _same_origin(request: Request) -> None:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return
    if urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower():
        raise FormError(403, "forms can only be sent from this site's own pages")
