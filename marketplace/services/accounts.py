"""Accounts: create one (with its company, and its seller for a seller account), sign in through the
throttle, sessions issued and revoked. Each function commits what it changed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..config import Config
from ..db import Database
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
    """A new account and its first session; 409 `email_taken` if the email has an account. The password
    is hashed before the first statement: on SQLite that statement takes the write lock (`db` is a
    write session), and argon2's tens of milliseconds would otherwise hold every other writer back."""
    email = body.email.lower()
    password_hash = hash_password(body.password)
    if db.scalar(select(User.id).where(User.email == email)) is not None:
        raise ApiError(409, "email_taken", "An account with this email already exists.",
                       errors=[{"field": "email", "code": "email_taken", "message": "This email is taken."}])
    company = Company(name=body.company.name, country=body.company.country, vat_number=body.company.vat_number)
    user = User(email=email, password_hash=password_hash, role=body.role, company=company)
    db.add(user)
    db.flush()
    if body.role == "seller":
        db.add(Seller(name=company.name, country=company.country, email=email, user_id=user.id))
        db.flush()
        db.refresh(user)
    out = issue_session(db, user, config)
    db.commit()
    return out


def sign_in(database: Database, body: LoginIn, source: str, config: Config) -> SessionOut:
    """A session for the right email and password. Throttled per account and address, per account and
    per address (login_throttle): 429 `too_many_attempts` with Retry-After; a wrong pair is 401.

    The password hash is checked outside any write transaction: argon2 takes tens of milliseconds of
    CPU, and on SQLite a write transaction holds the database's one write lock, so checking inside it
    made every other writer (checkouts, an import's batches, other sign-ins) wait for each sign-in.
    The throttle is read first (a held-back attempt costs no hashing), then decided again inside the
    short write transaction that records the outcome, so parallel guesses are still counted one by one."""
    email = body.email.strip().lower()
    source = source[:64]
    with database.session() as read:
        _raise_if_held_back(read, email, source, config)
        user = read.scalar(select(User).where(User.email == email))
        password_hash = user.password_hash if user else None
        user_id = user.id if user else None
        read.rollback()  # the read transaction ends before the slow check
    right = verify_password(password_hash, body.password)
    with database.session(write=True) as db:
        _raise_if_held_back(db, email, source, config)
        if not right:
            login_throttle.failed(db, email, source)
            db.commit()
            raise ApiError(401, "invalid_credentials", "The email or the password is wrong.")
        login_throttle.succeeded(db, email, source)
        out = issue_session(db, db.get(User, user_id), config)
        db.commit()
        return out


def _raise_if_held_back(db: Session, email: str, source: str, config: Config) -> None:
    wait = login_throttle.retry_after(db, email, source, window_s=config.login_window_s)
    if wait:
        raise ApiError(429, "too_many_attempts", "Too many failed sign-ins; wait a little and try again.",
                       headers={"Retry-After": str(wait)})


def sign_out(db: Session, token_id: int) -> None:
    """Revokes a token: an account's session, or a guest's order-group token."""
    token = db.get(AuthToken, token_id)
    if token is not None:
        token.revoked = True
    db.commit()
