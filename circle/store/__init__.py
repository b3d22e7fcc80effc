"""The shared store: sessions, sync and live updates over HTTP (FastAPI on uvicorn).

`create_app(settings)` builds the app on SQLite (WAL, in the data directory) or
on PostgreSQL (`settings.store_db_url`). `start_embedded_store(settings)` runs it
inside the calling process on a free port, for the TUI when no remote store is
configured. The protocol is described in docs/sync.md.
"""
