"""Short reads on SQLite run in the event loop on a connection each thread keeps (marketplace/db.py):
each read sees what was committed before it, leaves no transaction open behind it (an open one would
stop the WAL from being checkpointed), and a failing read leaves the next one unharmed."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from marketplace.db import Database
from marketplace.orm import Counter
from marketplace.schema_setup import ensure_schema
from marketplace.services.statements import fetch_all


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'reads.sqlite3'}")
    ensure_schema(database)
    assert database.inline_reads
    yield database
    database.dispose()


def counter(read) -> int:
    return fetch_all(read, text("SELECT value FROM counters WHERE name = 'offer_changes'"), {})[0][0]


def bump(db: Database, value: int) -> None:
    with db.session(write=True) as s:
        s.get(Counter, "offer_changes").value = value
        s.commit()


def test_each_inline_read_sees_the_last_commit_and_leaves_no_transaction(db):
    async def reads() -> list[int]:
        seen = []
        for value in (5, 6, 7):
            bump(db, value)
            seen.append(await db.run_read(counter, short=True))
            kept = db._inline.kept[0]
            assert not kept.in_transaction() and not kept.connection.dbapi_connection.in_transaction
        return seen

    assert asyncio.run(reads()) == [5, 6, 7]


def test_a_failing_inline_read_leaves_the_next_one_working(db):
    def broken(read):
        fetch_all(read, text("SELECT * FROM no_such_table"), {})

    async def reads() -> int:
        with pytest.raises(Exception, match="no_such_table"):
            await db.run_read(broken, short=True)
        bump(db, 11)
        return await db.run_read(counter, short=True)

    assert asyncio.run(reads()) == 11
