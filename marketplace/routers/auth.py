"""Accounts: register, sign in (throttled), sign out, who am I."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy import select

from ..deps import Account, Caller, Settings, WriteDB
from ..errors import ApiError, responses
from ..orm import AuthToken, Company, Seller, User
from ..schemas.accounts import LoginIn, RegisterIn, SessionOut, UserOut
from ..security import expiry, hash_password, new_token, token_digest, verify_password
from ..services import login_throttle

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
def login(body: LoginIn, db: WriteDB, config: Settings, request: Request) -> SessionOut:
    """Throttled per account and address, per account and per address (services/login_throttle.py):
    429 `too_many_attempts` with Retry-After, a short back-off that doubles with each failure."""
    email = body.email.strip().lower()
    source = (request.client.host if request.client else "")[:64]
    wait = login_throttle.retry_after(db, email, source, window_s=config.login_window_s)
    if wait:
        raise ApiError(429, "too_many_attempts", "Too many failed sign-ins; wait a little and try again.",
                       headers={"Retry-After": str(wait)})
    user = db.scalar(select(User).where(User.email == email))
    if not verify_password(user.password_hash if user else None, body.password):
        login_throttle.failed(db, email, source)
        db.commit()
        raise ApiError(401, "invalid_credentials", "The email or the password is wrong.")
    login_throttle.succeeded(db, email, source)
    out = issue_session(db, user, config)
    db.commit()
    return out


@router.post("/auth/logout", status_code=204, response_class=Response, responses=responses(401))
def logout(caller: Caller, db: WriteDB) -> Response:
    """Revokes the token sent: an account's session, or a guest's order-group token."""
    token = db.get(AuthToken, caller.token_id)
    if token is not None:
        token.revoked = True
    db.commit()
    return Response(status_code=204)


@router.get("/me", response_model=UserOut, responses=responses(401, 403))
def me(caller: Account) -> UserOut:
    return user_out(caller.user)
