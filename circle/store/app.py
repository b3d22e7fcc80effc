"""`create_app(settings)`: the store as a FastAPI app, ready for uvicorn or an ASGI transport."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from circle import __version__
from circle.config import Settings
from circle.store import join
from circle.store.db import create_store_engine, default_url
from circle.store.guard import install_error_handlers
from circle.store.migrate import prepare_schema
from circle.store.routes import (
    attendance,
    board,
    health,
    items,
    matches,
    participants,
    sessions,
    sync,
    thanks,
)
from circle.store.service import Limits, Store
from circle.store.shortcut import StoreApp


def database_url(settings: Settings) -> str:
    """The store's database: `settings.store_db_url`, else SQLite in the data directory."""
    return settings.store_db_url or default_url(settings.store_db_path)


def create_app(settings: Settings, *, limits: Limits | None = None) -> FastAPI:
    """Build the store on its database (made or brought up to date); serve it with uvicorn.

    Raises `StoreSchemaTooNewError` for a database written by a newer circle.
    """
    engine = create_store_engine(database_url(settings))
    try:
        prepare_schema(engine)
    except Exception:
        engine.dispose()
        raise
    store = Store(engine, limits or Limits())

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        store.start()
        try:
            yield
        finally:
            store.stop()

    app = StoreApp(
        title="circle store",
        version=__version__,
        summary="Sessions, sync and live updates for circle.",
        lifespan=lifespan,
        # The store reports nothing to OpenTelemetry; asking whether to costs every request.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.store = store
    install_error_handlers(app)
    for module in (health, sessions, sync, participants, board, items, matches, thanks, attendance):
        app.include_router(module.router)
    app.add_shortcut(sync.router, sync.push, sync.push_shortcut)
    join.install(app, store)
    return app
