"""Accounts: register, sign in (throttled), sign out, who am I (services/accounts.py does the work)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from ..db import Database
from ..deps import Account, Caller, Settings, WriteDB, get_database
from ..errors import responses
from ..schemas.accounts import LoginIn, RegisterIn, SessionOut, UserOut
from ..services import accounts

router = APIRouter(tags=["accounts"])

DB = Annotated[Database, Depends(get_database)]


@router.post("/auth/register", status_code=201, response_model=SessionOut, responses=responses(409, 422))
def register(body: RegisterIn, db: WriteDB, config: Settings) -> SessionOut:
    return accounts.register(db, body, config)


@router.post("/auth/login", response_model=SessionOut, responses=responses(401, 422, 429))
def login(body: LoginIn, database: DB, config: Settings, request: Request) -> SessionOut:
    """Throttled per account and address, per account and per address (services/login_throttle.py):
    429 `too_many_attempts` with Retry-After, a short back-off that doubles with each failure."""
    return accounts.sign_in(database, body, request.client.host if request.client else "", config)


@router.post("/auth/logout", status_code=204, response_class=Response, responses=responses(401))
def logout(caller: Caller, db: WriteDB) -> Response:
    """Revokes the token sent: an account's session, or a guest's order-group token."""
    accounts.sign_out(db, caller.token_id)
    return Response(status_code=204)


@router.get("/me", response_model=UserOut, responses=responses(401, 403))
def me(caller: Account) -> UserOut:
    return accounts.user_out(caller.user)
