"""Readiness, as orchestrators and load balancers ask for it: `GET /api/v1/ready`.

`GET /api/v1/health` (fixed by the contract) says the process is alive and never touches the database:
a liveness probe that fails only when restarting the process would help. `/ready` says whether this
instance can serve requests now: the database answers and its schema is the one this code needs.
While the database is away it answers 503 and the process stays up; it is ready again, by itself, on
the first check after the database is back (the pool replaces dead connections: pool_pre_ping).
"""

from __future__ import annotations

from typing import Literal

import anyio
import anyio.to_thread
from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy.exc import SQLAlchemyError

from .db import Database
from .errors import ApiError, responses
from .schema_setup import current_revision, head_revision

#: a check slower than this counts as the database being away (a probe must answer in time)
CHECK_TIMEOUT_S = 5.0
#: what a 503 suggests as the pause before asking again
RETRY_AFTER_S = 2

router = APIRouter()


class Readiness(BaseModel):
    status: Literal["ready"] = Field(examples=["ready"])
    schema_revision: str = Field(description="The database's schema revision (Alembic), this code's newest")


def problem(db: Database, head: str) -> ApiError | None:
    """What keeps this instance from serving (a 503 to answer), or None when it is ready."""
    try:
        with db.engine.connect() as connection:
            current = current_revision(connection)
    except SQLAlchemyError:
        return _not_ready("database_unavailable", "The database does not answer.")
    if current != head:
        return _not_ready("schema_not_current",
                          f"The database schema is at revision {current or '(none)'}; this server needs {head}.",
                          schema_revision=current, required_revision=head)
    return None


def _not_ready(code: str, detail: str, **extra: object) -> ApiError:
    return ApiError(503, code, detail, headers={"Retry-After": str(RETRY_AFTER_S), "Cache-Control": "no-store"},
                    **extra)


@router.get("/ready", response_model=Readiness, tags=["health"], responses=responses(503),
            summary="Readiness: the database answers and its schema is current")
async def ready(request: Request) -> Readiness:
    """200 when this instance can serve; 503 `database_unavailable` (the database does not answer within
    5 s) or `schema_not_current` (with `schema_revision` and `required_revision`) when it cannot."""
    db: Database = request.app.state.db
    head = head_revision()
    try:
        with anyio.fail_after(CHECK_TIMEOUT_S):
            error = await anyio.to_thread.run_sync(problem, db, head, abandon_on_cancel=True)
    except TimeoutError:
        error = _not_ready("database_unavailable", f"The database did not answer within {CHECK_TIMEOUT_S:.0f} s.")
    if error is not None:
        raise error
    return Readiness(status="ready", schema_revision=head)
