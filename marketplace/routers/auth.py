"""Accounts: register, sign in (throttled), sign out, who am I."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Response
from sqlalchemy import delete, func, select

from ..deps import Account, Settings, WriteDB
from ..errors import ApiError, responses
from ..orm import AuthToken, Company, LoginFailure, Seller, User, utcnow
from ..schemas.accounts import LoginIn, RegisterIn, SessionOut, UserOut
from ..security import expiry, hash_password, new_token, token_digest, verify_password

router = APIRouter(tags=["accounts"])


def user_out(user: User) -> UserOut:
    return UserOut(
        id=user.id,
        email=user.email,
        role=user.role,
        company={"id": user.company.id, "name": user.company.name, "country": user.company.country,
                 "vat_number": user.company.vat_number},
        seller_id=user.seller.id if user.seller else None,
        created_at=user.created_at,
    )


def issue_session(db, user: User, config) -> SessionOut:
    token = new_token()
    row = AuthToken(token_hash=token_digest(token), user_id=user.id, expires_at=expiry(config.token_ttl_hours))
    db.add(row)
    db.flush()
    return SessionOut(token=token, expires_at=row.expires_at, user=user_out(user))


@router.post("/auth/register", status_code=201, response_model=SessionOut, responses=responses(409, 422))
def register(body: RegisterIn, db: WriteDB, config: Settings) -> SessionOut:
    email = body.email.lower()
    if db.scalar(select(User.id).where(User.email == email)) is not None:
        raise ApiError(409, "email_taken", "An account with this email already exists.",
                       errors=[{"field": "email", "code": "email_taken", "message": "This email is taken."}])
    company = Company(name=body.company.name, country=body.company.country, vat_number=body.company.vat_number)
    user = User(email=email, password_hash=hash_password(body.password), role=body.role, company=company)
    db.add(user)
    db.flush()
    if body.role == "seller":
        db.add(Seller(name=company.name, country=company.country, email=email, user_id=user.id))
        db.flush()
        db.refresh(user)
    out = issue_session(db, user, config)
    db.commit()
    return out


@router.post("/auth/login", response_model=SessionOut, responses=responses(401, 422, 429))
def login(body: LoginIn, db: WriteDB, config: Settings) -> SessionOut:
    email = body.email.strip().lower()
    window_start = utcnow() - timedelta(seconds=config.login_window_s)
    failures = db.scalar(
        select(func.count()).select_from(LoginFailure)
        .where(LoginFailure.email == email, LoginFailure.at > window_start)
    )
    if failures >= config.login_max_failures:
        raise ApiError(429, "too_many_attempts", "Too many failed sign-ins; wait a few minutes and try again.",
                       headers={"Retry-After": str(config.login_window_s // 3)})
    user = db.scalar(select(User).where(User.email == email))
    if not verify_password(user.password_hash if user else None, body.password):
        db.add(LoginFailure(email=email))
        db.commit()
        raise ApiError(401, "invalid_credentials", "The email or the password is wrong.")
    db.execute(delete(LoginFailure).where(LoginFailure.email == email))
    out = issue_session(db, user, config)
    db.commit()
    return out


@router.post("/auth/logout", status_code=204, response_class=Response, responses=responses(401))
def logout(caller: Account, db: WriteDB) -> Response:
    token = db.get(AuthToken, caller.token_id)
    if token is not None:
        token.revoked = True
    db.commit()
    return Response(status_code=204)


@router.get("/me", response_model=UserOut, responses=responses(401, 403))
def me(caller: Account) -> UserOut:
    return user_out(caller.user)
