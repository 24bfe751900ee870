"""Which marketplace this is: its kept id and its name (public, no auth)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from ..db import Database
from ..deps import Settings, get_database
from ..schemas.common import MarketplaceOut
from ..services.identity import identity

router = APIRouter(tags=["health"])


@router.get("/marketplace", response_model=MarketplaceOut)
def marketplace(config: Settings, database: Annotated[Database, Depends(get_database)]) -> MarketplaceOut:
    """This marketplace's identity. `id` is made once and kept in its database: it stays the same across
    restarts, ports and host names, and clients key what they keep for an account by it."""
    marketplace_id, name = identity(database, config)
    return MarketplaceOut(id=marketplace_id, name=name)
