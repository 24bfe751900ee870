"""Values the server generates once and keeps in its database (table server_secrets): its secrets (the
payment-link signing key) and its identity (the marketplace id clients key their local files by)."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from sqlalchemy.exc import IntegrityError

from ..db import Database
from ..orm import ServerSecret


def kept_secret(database: Database, name: str) -> str:
    """The secret called ``name``, made on first use. Worker processes starting together agree: the
    first insert wins and the others read it back."""
    return kept_value(database, name, lambda: secrets.token_hex(32))


def kept_value(database: Database, name: str, make: Callable[[], str]) -> str:
    """The value called ``name``, made by ``make()`` on first use and kept (see :func:`kept_secret`)."""
    with database.session(write=True) as session:
        row = session.get(ServerSecret, name)
        if row is not None:
            return row.value
        value = make()
        session.add(ServerSecret(name=name, value=value))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            return session.get(ServerSecret, name).value
        return value
