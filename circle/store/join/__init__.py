"""The participants' pages: join by code from a phone, then take part, all server-rendered.

Templates (`templates/`), the stylesheet and a small optional script
(`static/`) ship inside the package; nothing is loaded from elsewhere. Every
form works as a plain post; the script only makes the page update live.
"""

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from circle.store.join import actions, pages
from circle.store.join.board import Boards
from circle.store.service import Store

STATIC = Path(__file__).parent / "static"


def install(app: FastAPI, store: Store) -> None:
    """Serve the pages and their static files from `app`."""
    app.state.boards = Boards(store)
    app.include_router(pages.router)
    app.include_router(actions.router)
    app.mount("/static/join", StaticFiles(directory=STATIC), name="join-static")
