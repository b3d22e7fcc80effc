"""`GET /healthz`: the store is up, its version and its kind of database."""

from fastapi import APIRouter

from circle import __version__
from circle.store.schemas import Health
from circle.store.service import StoreDep

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz(store: StoreDep) -> Health:
    """The store answers; which circle version and database it runs."""
    return Health(status="ok", version=__version__, database=store.kind)
