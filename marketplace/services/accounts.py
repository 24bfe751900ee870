"""Accounts: create one (with its company, and its seller for a seller account), sign in through the
throttle, sessions issued and revoked. Each function commits what it changed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..config import Config
from ..errors import ApiError
from ..orm import AuthToken, Company, Seller, User
from ..schemas.accounts import LoginIn, RegisterIn, SessionOut, UserOut
from ..security import expiry, hash_password, new_token, token_digest, verify_password
from . import login_throttle


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


def issue_session(db: Session, user: User, config: Config) -> SessionOut:
    token = new_token()
    row = AuthToken(token_hash=token_digest(token), user_id=user.id, expires_at=expiry(config.token_ttl_hours))
    db.add(row)
    db.flush()
    return SessionOut(token=token, expires_at=row.expires_at, user=user_out(user))


def register(db: Session, body: RegisterIn, config: Config) -> SessionOut:
    """A new account and its first session; 409 `email_taken` if the email has an account."""
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


def sign_in(db: Session, body: LoginIn, source: str, config: Config) -> SessionOut:
    """A session for the right email and password. Throttled per account and address, per account and
    per address (login_throttle): 429 `too_many_attempts` with Retry-After; a wrong pair is 401."""
    email = body.email.strip().lower()
    source = source[:64]
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


def sign_out(db: Session, token_id: int) -> None:
    """Revokes a token: an account's session, or a guest's order-group token."""
    token = db.get(AuthToken, token_id)
    if token is not None:
        token.revoked = True
    db.commit()
