"""Sign-in throttling as the OWASP authentication cheat sheet describes it: failures are counted per
account AND source address, per account across addresses, and per address across accounts
(credential stuffing); past a threshold each scope backs off exponentially from its last failure
instead of a hard lock. An address the account signed in from before is not held back by the
account-wide or address-wide counts (a known device keeps access while the account is attacked from
elsewhere); every refusal is logged. State lives in the database, so all worker processes share it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..orm import KnownLoginSource, LoginFailure, utcnow

log = logging.getLogger("marketplace.auth")


@dataclass(frozen=True)
class Rule:
    scope: str
    threshold: int  # failures in the window before backing off
    base_s: int  # the first back-off; doubles with each further failure


#: the scopes, checked in this order; the numbers are the config's defaults
RULES = (
    Rule("account+source", 5, 15),
    Rule("account", 20, 15),
    Rule("source", 20, 15),
)


def _backoff_s(rule: Rule, failures: int, cap_s: int) -> int:
    if failures < rule.threshold:
        return 0
    return min(cap_s, rule.base_s * 2 ** min(failures - rule.threshold, 20))


def retry_after(session: Session, email: str, source: str, *, window_s: int, now: datetime | None = None
                ) -> int:
    """Seconds this sign-in must wait (0: go ahead). Logs the scope that holds it back."""
    now = now or utcnow()
    since = now - timedelta(seconds=window_s)
    known = session.scalar(
        select(KnownLoginSource.id).where(KnownLoginSource.email == email, KnownLoginSource.source == source)
    ) is not None
    scopes = {
        "account+source": (LoginFailure.email == email, LoginFailure.source == source),
        "account": (LoginFailure.email == email,),
        "source": (LoginFailure.source == source,),
    }
    for rule in RULES:
        if known and rule.scope != "account+source":
            continue
        count, last = session.execute(
            select(func.count(), func.max(LoginFailure.at)).where(LoginFailure.at > since, *scopes[rule.scope])
        ).one()
        wait = _backoff_s(rule, count, window_s)
        if wait and last is not None:
            remaining = int((last + timedelta(seconds=wait) - now).total_seconds()) + 1
            if remaining > 0:
                log.warning("sign-in held back %ds: %d failures per %s (source %s)",
                            remaining, count, rule.scope, source)
                return remaining
    return 0


def failed(session: Session, email: str, source: str) -> None:
    session.add(LoginFailure(email=email, source=source))


def succeeded(session: Session, email: str, source: str) -> None:
    """Forget this address's failures for the account and remember the address as known."""
    session.execute(delete(LoginFailure).where(LoginFailure.email == email, LoginFailure.source == source))
    row = session.scalar(
        select(KnownLoginSource).where(KnownLoginSource.email == email, KnownLoginSource.source == source)
    )
    if row is None:
        session.add(KnownLoginSource(email=email, source=source))
    else:
        row.last_login_at = utcnow()
