"""`circle serve`: the store on uvicorn, in the foreground, until Ctrl-C."""

import uvicorn
from sqlalchemy.exc import SQLAlchemyError

from circle.config import Settings
from circle.errors import UserError
from circle.store.app import create_app, database_url
from circle.store.db import DatabaseUrlError
from circle.store.migrate import StoreSchemaTooNewError
from circle.store.service import Limits


def serve_store(settings: Settings, host: str, port: int, limits: Limits | None = None) -> None:
    """Open the database (creating or upgrading its tables), then serve until interrupted."""
    try:
        app = create_app(settings, limits=limits)
    except (DatabaseUrlError, StoreSchemaTooNewError) as exc:
        raise UserError(str(exc)) from exc
    except (SQLAlchemyError, OSError) as exc:
        where = database_url(settings).split("@")[-1]
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise UserError(f"cannot open the store's database ({where}): {reason}") from exc
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        timeout_graceful_shutdown=2,
        server_header=False,
    )
