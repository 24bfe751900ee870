"""FastAPI dependencies: the database session and who is asking."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from .config import Config
from .db import Database
from .errors import ApiError
from .orm import AuthToken, User, utcnow
from .security import token_digest

_bearer = HTTPBearer(auto_error=False, description="Opaque token from /auth/login, /auth/register or checkout")


def get_database(request: Request) -> Database:
    return request.app.state.db


def get_config(request: Request) -> Config:
    return request.app.state.config


def read_session(db: Database = Depends(get_database)) -> Iterator[Session]:
    with db.session() as session:
        yield session


def write_session(db: Database = Depends(get_database)) -> Iterator[Session]:
    """A session whose transaction the handler commits; anything raised rolls it back whole."""
    with db.session(write=True) as session:
        yield session


ReadDB = Annotated[Session, Depends(read_session)]
WriteDB = Annotated[Session, Depends(write_session)]
Settings = Annotated[Config, Depends(get_config)]


@dataclass
class Principal:
    """Who is asking: a signed-in user, or a guest holding one order group's token."""

    token_id: int
    user: User | None = None
    guest_group_id: int | None = None

    @property
    def user_id(self) -> int | None:
        return self.user.id if self.user else None

    @property
    def role(self) -> str:
        return self.user.role if self.user else "guest"

    @property
    def seller_id(self) -> int | None:
        return self.user.seller.id if self.user and self.user.seller else None


def _unauthenticated(detail: str) -> ApiError:
    return ApiError(401, "unauthenticated", detail, headers={"WWW-Authenticate": "Bearer"})


def optional_principal(
    db: Database = Depends(get_database),
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
) -> Principal | None:
    if credentials is None:
        return None
    with db.session() as session:
        found = session.execute(  # the token and its account (company, seller) in one query
            select(AuthToken, User)
            .outerjoin(User, User.id == AuthToken.user_id)
            .where(AuthToken.token_hash == token_digest(credentials.credentials))
        ).first()
        row, user = found if found is not None else (None, None)
        if row is None or row.revoked:
            raise _unauthenticated("This token is not valid; sign in again.")
        if row.expires_at <= utcnow():
            raise ApiError(401, "token_expired", "Your session has expired; sign in again.",
                           headers={"WWW-Authenticate": "Bearer"})
        return Principal(token_id=row.id, user=user, guest_group_id=row.guest_group_id)


def principal(p: Principal | None = Depends(optional_principal)) -> Principal:
    if p is None:
        raise _unauthenticated("Sign in to do this.")
    return p


def account(p: Principal = Depends(principal)) -> Principal:
    """A signed-in account (not a guest token)."""
    if p.user is None:
        raise ApiError(403, "account_required", "A guest token cannot do this; sign in with an account.")
    return p


def seller(p: Principal = Depends(account)) -> Principal:
    if p.seller_id is None:
        raise ApiError(403, "seller_account_required", "Only a seller account can do this.")
    return p


def admin(p: Principal = Depends(account)) -> Principal:
    if p.role != "admin":
        raise ApiError(403, "admin_required", "Only an administrator can do this.")
    return p


Caller = Annotated[Principal, Depends(principal)]
OptionalCaller = Annotated[Principal | None, Depends(optional_principal)]
Account = Annotated[Principal, Depends(account)]
SellerAccount = Annotated[Principal, Depends(seller)]
Admin = Annotated[Principal, Depends(admin)]
