"""Several `bulkdesk-server` processes started at the same moment on one database all come up: the schema
is migrated once and the demo seeded once (an advisory lock on PostgreSQL, the write lock on SQLite;
marketplace/schema_setup.py). Runs on SQLite and, in the suite's second pass, on PostgreSQL."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select, text

from marketplace.db import Database
from marketplace.demo.reference import CATEGORIES, CURRENCIES, SELLERS
from marketplace.orm import Category, Currency, Offer, Seller, User
from marketplace.schema_setup import ensure_schema, head_revision
from tests.support.server import cleanup, fresh_database_url, instances, start_together

OFFERS = 40


def _start_three(tmp_path, *, migrated: bool, demo: bool) -> tuple[list, Database, float]:
    url = fresh_database_url(tmp_path)
    db = Database(url)
    if migrated:
        ensure_schema(db)
    servers = instances(3, database_url=url, demo=demo, offers=OFFERS)
    try:
        seconds = start_together(servers)
    except BaseException:
        logs = "\n---\n".join(s.log_text()[-3000:] for s in servers)
        for server in servers:
            cleanup(server)
        db.dispose()
        raise AssertionError(f"not every instance came up:\n{logs}") from None
    return servers, db, seconds


@pytest.mark.parametrize(("migrated", "demo"), [(False, True), (False, False), (True, True)],
                         ids=["empty-demo", "empty-bare", "migrated-empty-demo"])
def test_three_instances_started_together_all_come_up_and_set_up_once(tmp_path, migrated, demo):
    servers, db, seconds = _start_three(tmp_path, migrated=migrated, demo=demo)
    try:
        for server in servers:
            assert server.process.poll() is None, server.log_text()
            assert httpx.get(server.api + "/health", timeout=30).json() == {"status": "ok"}
            assert httpx.get(server.api + "/ready", timeout=30).status_code == 200
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [
                head_revision()
            ]
        with db.session() as s:
            if demo:  # the seed exists once
                assert s.scalar(select(func.count()).select_from(Currency)) == len(CURRENCIES)
                assert s.scalar(select(func.count()).select_from(Category)) == len(CATEGORIES)
                assert s.scalar(select(func.count()).select_from(Seller)) == len(SELLERS)
                assert s.scalar(select(func.count()).select_from(Offer)) == OFFERS
                assert s.scalar(select(func.count()).select_from(User).where(User.email == "buyer@demo.test")) == 1
                assert s.scalar(select(func.count()).select_from(User)) == 3
            else:
                assert s.scalar(select(func.count()).select_from(User)) == 0
                assert s.scalar(select(func.count()).select_from(Offer)) == 0
        for server in servers:  # not one of them failed and retried its way up
            assert "Traceback" not in server.log_text(), server.log_text()
        print(f"3 instances ({'migrated' if migrated else 'empty'}, demo={demo}) up in {seconds:.1f}s")
    finally:
        for server in servers:
            cleanup(server)
        db.dispose()
