"""Bad input stops at the door: bounded bodies, strict JSON, rate limits, JSON errors.

Bodies over 64 KiB get 413 before they are read in full. JSON is parsed once,
strictly: NaN and infinities, integers past 4,300 digits, nesting too deep, NUL
characters and lone surrogates (which no database column can hold) are 422.
Every error, expected or not, is JSON with a `detail` message.
"""

import json
import logging
import math
import re
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.requests import ClientDisconnect
from starlette.types import Receive

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
_WRITE_METHODS = frozenset({"POST", "PUT", "PATCH"})
_SUSPECT = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")
"""In valid JSON, a NUL or a surrogate can only come as a \\u escape: walk the strings then."""


class GuardedRoute(APIRoute):
    """A route that reads its body within the limit and parses it strictly first."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            return await guard(request) or await handler(request)

        return guarded


async def guard(request: Request) -> Response | None:
    """Read and parse a write's body (`request.json()` then has it), or the 413/422 refusal."""
    if request.method not in _WRITE_METHODS:
        return None
    body = await bounded_body(request)
    if body is None:
        return too_large()
    if body:
        try:
            request._json = strict_json(body)
        except ValueError as exc:
            return error(422, f"the body is not acceptable JSON: {exc}")
    return None


async def bounded_body(request: Request) -> bytes | None:
    """The request's body, or None when it is over `MAX_BODY` (read no further than that)."""
    body = await read_body(request.receive, request.headers.get("content-length"))
    if body is not None:
        request._body = body
    return body


async def read_body(receive: Receive, declared: str | None) -> bytes | None:
    """Receive a body of at most `MAX_BODY` bytes, or None past that (read no further).

    `declared` is the request's Content-Length, if it sent one. Raises `ClientDisconnect`
    when the client goes away before the body is complete.
    """
    if declared is not None and declared.isascii() and declared.isdigit():
        digits = declared.lstrip("0")
        if len(digits) > len(str(MAX_BODY)) or int(digits or "0") > MAX_BODY:
            return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            raise ClientDisconnect()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def strict_json(body: bytes) -> Any:
    """Parse JSON that every database can store; raise ValueError saying what is wrong."""
    try:
        value = json.loads(body, parse_constant=_no_constant, parse_float=_finite)
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc
    except UnicodeDecodeError as exc:
        raise ValueError("not UTF-8") from exc
    if not plain_strings(body):
        _check_strings(value)
    return value


def plain_strings(body: bytes) -> bool:
    """True when no string in the JSON `body` can hold a NUL or a lone surrogate (in valid
    JSON they can only come as \\u escapes, which this looks for)."""
    return _SUSPECT.search(body) is None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:20]} is too large")
    return value


def _check_strings(value: Any) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            check_text(item)
        elif isinstance(item, dict):
            for key, child in item.items():
                check_text(key)
                stack.append(child)
        elif isinstance(item, list):
            stack.extend(item)


def check_text(text: str) -> None:
    """Raise ValueError for text no database column can hold (NUL, lone surrogates)."""
    if "\x00" in text:
        raise ValueError("text may not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("text may not contain lone surrogate characters") from exc


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """Token buckets per client key: `rate` per second, up to `burst` at once."""

    def __init__(self, rate: float, burst: float, clock: Callable[[], float] = time.monotonic):
        self.rate, self.burst, self._clock = rate, burst, clock
        self._buckets: dict[str, _Bucket] = {}

    def wait(self, key: str) -> float | None:
        """The seconds `key` must wait before its next call, or None; spends nothing."""
        bucket = self._buckets.get(key)
        if bucket is None:
            return None
        tokens = min(self.burst, bucket.tokens + (self._clock() - bucket.at) * self.rate)
        return None if tokens >= 1 else (1 - tokens) / self.rate

    def take(self, key: str) -> float | None:
        """Spend one token; None if allowed, else the seconds to wait."""
        now = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) > 100_000:
                self._buckets.clear()
            bucket = self._buckets[key] = _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return None
        return (1 - bucket.tokens) / self.rate

    def check(self, key: str) -> None:
        """Spend one token or raise 429 with Retry-After when `key` is over its rate."""
        refuse_after(self.take(key))


def refuse_after(wait: float | None) -> None:
    """Raise 429 telling the client how long to wait, unless `wait` is None."""
    if wait is not None:
        raise HTTPException(
            429,
            "too many requests; slow down",
            headers={"Retry-After": str(max(1, math.ceil(wait)))},
        )


def too_large() -> JSONResponse:
    return error(413, f"the body is larger than {MAX_BODY // 1024} KiB")


def error(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Make every error a JSON body with a readable `detail`."""

    async def http_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return error(exc.status_code, str(exc.detail), dict(exc.headers or {}))

    async def invalid(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = [_describe(problem) for problem in exc.errors()]
        body = {"detail": "; ".join(problems[:5]) or "invalid request", "errors": problems}
        return JSONResponse(body, status_code=422)

    async def unexpected(_request: Request, exc: Exception) -> Response:
        log.error("unexpected error", exc_info=exc)
        return error(500, "the store failed to handle this request; it has been logged")

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, unexpected)


def _describe(problem: Any) -> str:
    where = ".".join(str(part) for part in problem.get("loc", ()) if part != "body")
    message = str(problem.get("msg", "invalid"))
    return f"{where}: {message}" if where else message
