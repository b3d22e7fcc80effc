"""Hot routes answered ahead of FastAPI's per-request machinery, with the same answers.

A one-record push spends less on its own work than FastAPI spends on its middleware,
routing, request objects and dependency resolution. A shortcut answers a declared
route's requests itself, at the ASGI level: the app matches the route's path, reads
the body within the limit every guarded route keeps (`circle.store.guard`), and hands
a `Call` (scope, path parameters, body) to the shortcut's resolver, which calls the
route's own endpoint with the same checks. A request the resolver does not take (a
malformed id, a body that does not validate, a credential it does not read) goes on to
FastAPI with its body, and FastAPI words the refusal; errors raised on the way are
answered by the app's own exception handlers. The route stays declared as usual, so
/openapi.json documents it. Middleware would not see a shortcut's requests, so an app
given middleware takes no shortcut.
"""

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.routing import APIRoute
from starlette.types import Message, Receive, Scope, Send

from circle.store.guard import read_body, too_large


@dataclass(frozen=True)
class Call:
    """A request for a shortcut's route, its body read."""

    app: FastAPI
    scope: Scope
    params: dict[str, Any]
    """The route's path parameters, converted as the route declares them."""
    body: bytes

    def header(self, name: bytes) -> str | None:
        """The first value of header `name` (lower case), as Starlette reads it; or None."""
        return _header(self.scope, name)


Resolver = Callable[[Call], Awaitable[Response | None]]
"""Answers a well-formed request through the route's endpoint, or returns None."""


@dataclass(frozen=True)
class Shortcut:
    route: APIRoute
    resolve: Resolver


class StoreApp(FastAPI):
    """The store's app: FastAPI, with shortcuts for its hottest routes."""

    shortcuts: tuple[Shortcut, ...] = ()

    def add_shortcut(
        self, router: APIRouter, endpoint: Callable[..., object], resolve: Resolver
    ) -> None:
        """Answer requests for the route of `endpoint` (declared on `router`) through `resolve`."""
        routes = [r for r in router.routes if isinstance(r, APIRoute) and r.endpoint is endpoint]
        if not routes:
            raise LookupError(f"{endpoint.__name__} is not an endpoint of this router")
        self.shortcuts = (*self.shortcuts, *(Shortcut(route, resolve) for route in routes))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope.get("root_path") and not self.user_middleware:
            for shortcut in self.shortcuts:
                route = shortcut.route
                found = route.path_regex.match(scope["path"])
                if found is not None and scope["method"] in (route.methods or ()):
                    params = {
                        name: route.param_convertors[name].convert(value)
                        for name, value in found.groupdict().items()
                    }
                    scope["app"] = self
                    await self._answer(shortcut, scope, params, receive, send)
                    return
        await super().__call__(scope, receive, send)

    async def _answer(
        self,
        shortcut: Shortcut,
        scope: Scope,
        params: dict[str, Any],
        receive: Receive,
        send: Send,
    ) -> None:
        try:
            body = await read_body(receive, _header(scope, b"content-length"))
            if body is None:
                await too_large()(scope, receive, send)
                return
            response = await shortcut.resolve(Call(self, scope, params, body))
        except Exception as exc:
            await self._refuse(Request(scope, receive), exc, send)
            return
        if response is None:
            await super().__call__(scope, _replay(body, receive), send)
        else:
            await response(scope, receive, send)

    async def _refuse(self, request: Request, exc: Exception, send: Send) -> None:
        """Answer `exc` through the handler the app registered for it (500 if none)."""
        handler = next(
            (self.exception_handlers[c] for c in type(exc).__mro__ if c in self.exception_handlers),
            self.exception_handlers[Exception],
        )
        response = handler(request, exc)
        if inspect.isawaitable(response):
            response = await response
        await response(request.scope, request.receive, send)
        if handler is self.exception_handlers[Exception]:
            raise exc  # as Starlette's ServerErrorMiddleware does, so the server logs it too


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the body read already, then listens to the client again."""
    messages: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]

    async def replay() -> Message:
        return messages.pop() if messages else await receive()

    return replay
