"""Hot routes answered ahead of FastAPI's per-request machinery, with the same answers.

A one-record push spends less on its own work than FastAPI spends on its middleware,
routing and dependency resolution. A shortcut answers a declared route's requests
itself: it reads the body as every guarded route does (`circle.store.guard.guard`),
then lets the route's resolver call the route's own endpoint with the same checks.
A request the resolver does not take (a malformed id, a body that does not validate)
goes on to FastAPI with its body, and FastAPI words the refusal; errors raised on the
way are answered by the app's own exception handlers. The route stays declared as
usual, so /openapi.json documents it. Middleware would not see a shortcut's requests,
so an app given middleware takes no shortcut.
"""

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.routing import APIRoute
from starlette.routing import Match
from starlette.types import Message, Receive, Scope, Send

from circle.store.guard import guard

Resolver = Callable[[Request], Awaitable[Response | None]]
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
                match, child = shortcut.route.matches(scope)
                if match is Match.FULL:
                    scope.update(child, app=self)
                    await self._answer(shortcut, scope, receive, send)
                    return
        await super().__call__(scope, receive, send)

    async def _answer(self, shortcut: Shortcut, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            response = await guard(request) or await shortcut.resolve(request)
        except Exception as exc:
            await self._refuse(request, exc, send)
            return
        if response is None:
            await super().__call__(scope, _replay(await request.body(), receive), send)
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


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the body read already, then listens to the client again."""
    messages: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]

    async def replay() -> Message:
        return messages.pop() if messages else await receive()

    return replay
