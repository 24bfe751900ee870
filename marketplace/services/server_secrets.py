"""Secrets the server generates once and keeps in its database (table server_secrets)."""

from __future__ import annotations

import secrets

from sqlalchemy.exc import IntegrityError

from ..db import Database
from ..orm import ServerSecret


def kept_secret(database: Database, name: str) -> str:
    """The secret called ``name``, made on first use. Worker processes starting together agree: the
    first insert wins and the others read it back."""
    with database.session(write=True) as session:
        row = session.get(ServerSecret, name)
        if row is not None:
            return row.value
        value = secrets.token_hex(32)
        session.add(ServerSecret(name=name, value=value))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            return session.get(ServerSecret, name).value
        return value
