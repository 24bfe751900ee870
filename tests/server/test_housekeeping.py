"""The server's upkeep (marketplace/services/housekeeping.py), which every worker runs every 30 s:
promotions whose time is up stop discounting, and a run with nothing to do neither reads every offer
nor takes SQLite's write lock (it had done both: 85 ms at 100,000 offers, and a checkout or an import
batch waited behind it)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from marketplace.db import Database
from marketplace.orm import Offer, utcnow
from marketplace.services.housekeeping import _ended, expire_promotions
from tests.support.server import demo_sqlite


@pytest.fixture
def db(tmp_path):
    database = demo_sqlite(tmp_path / "market.sqlite3", offers=300)
    expire_promotions(database)  # whatever the seed left ended
    yield database
    database.dispose()


def _promote(db: Database, ends_in: timedelta) -> int:
    with db.session(write=True) as s:
        offer = s.scalars(select(Offer).where(Offer.promotion.is_(False), Offer.deleted_at.is_(None))
                          .order_by(Offer.id).limit(1)).one()
        offer.promotion, offer.promo_discount_percent = True, 20
        offer.promo_ends_at = utcnow() + ends_in
        offer.unit_price = (offer.list_price * Decimal("0.8")).quantize(Decimal("0.01"))
        s.commit()
        return offer.id


def test_an_ended_promotion_stops_and_a_running_one_goes_on(db):
    ended, running = _promote(db, timedelta(minutes=-1)), _promote(db, timedelta(days=2))
    with db.session() as s:
        offers = s.scalars(select(Offer).where(Offer.id.in_([ended, running])))
        before = {o.id: (o.version, o.change_seq) for o in offers}

    assert expire_promotions(db) == 1

    with db.session() as s:
        gone, on = s.get(Offer, ended), s.get(Offer, running)
        assert (gone.promotion, gone.promo_discount_percent, gone.promo_ends_at) == (False, None, None)
        assert gone.unit_price == gone.list_price
        assert gone.change_seq > before[ended][1]  # the change feed tells the desktop apps
        assert on.promotion and on.unit_price < on.list_price
        assert (on.version, on.change_seq) == before[running]
    assert expire_promotions(db) == 0


def test_with_nothing_to_end_it_takes_no_write_lock(db):
    """Another writer holds the lock (a checkout, an import batch): a run with nothing to end returns at
    once instead of queueing behind it for up to 30 s."""
    _promote(db, timedelta(days=2))
    writer = sqlite3.connect(db.url.removeprefix("sqlite:///"), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    result: list[int] = []
    run = threading.Thread(target=lambda: result.append(expire_promotions(db)), daemon=True)
    try:
        run.start()
        run.join(timeout=5)
        assert not run.is_alive(), "housekeeping waited for the write lock with nothing to write"
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        run.join(timeout=40)
    assert result == [0]


def test_ended_promotions_are_found_through_their_index(db):
    with db.session() as s:
        connection = s.connection()
        query = select(Offer.id).where(*_ended(utcnow())).limit(1)
        compiled = query.compile(dialect=connection.dialect)
        params = compiled.construct_params()
        plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}",
                                          tuple(params[name] for name in compiled.positiontup)).all()
    assert any("ix_offers_promo_ends" in row[3] for row in plan), plan
