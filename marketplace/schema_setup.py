"""Bring the database to the current schema (Alembic), plus the dialect's full-text index.

Set-up steps that many processes may start at once (the schema upgrade, the demo seed) run one at a time
across every process and machine on the database: each holds a set-up lock for its whole transaction
(`serialise`) and looks at the database again once it has it, so the second finds the work done."""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from .db import Database

HERE = Path(__file__).parent

#: the first key of Bulkdesk's PostgreSQL advisory locks ("BDK"); the second names the step
LOCK_CLASS = 0x42444B
SCHEMA_LOCK = 1
SEED_LOCK = 2


class SchemaNotCurrent(RuntimeError):
    """The database's schema is not the one this server's code needs (`--schema check`)."""


def alembic_config(url: str) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(HERE / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def serialise(connection: Connection, step: int) -> None:
    """Hold set-up lock `step` until `connection`'s transaction ends. PostgreSQL: a transaction-level
    advisory lock, which every other process waits for (released at commit or rollback, or when a holder
    dies and its connection closes). SQLite: nothing more to do, as long as the transaction is one of
    `Database.write_engine`'s: those BEGIN IMMEDIATE, so it already holds the file's write lock (others
    wait up to db.WRITE_WAIT_S for it)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:lock_class, :step)"),
                           {"lock_class": LOCK_CLASS, "step": step})


def ensure_schema(db: Database) -> None:
    """Upgrade to the newest revision, under the schema lock; a no-op when the schema is current. Alembic
    reads the revision after the lock is held, so of N processes starting on an empty database one
    creates the schema and the others find it made (PostgreSQL runs the whole upgrade in one
    transaction: nobody ever sees half a schema)."""
    cfg = alembic_config(db.url)
    with db.write_engine.begin() as connection:
        serialise(connection, SCHEMA_LOCK)
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


@functools.cache
def head_revision() -> str:
    """The revision this code's schema is at (the newest migration)."""
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The database's revision (None: no schema yet)."""
    return MigrationContext.configure(connection).get_current_revision()


def require_current(db: Database) -> None:
    """Raise SchemaNotCurrent unless the database is at `head_revision()` (it changes nothing)."""
    with db.engine.connect() as connection:
        current = current_revision(connection)
    head = head_revision()
    if current != head:
        raise SchemaNotCurrent(
            f"The database schema is at revision {current or '(none)'}; this server needs {head}. "
            "Run `bulkdesk-server migrate` first (or start without --schema check)."
        )
