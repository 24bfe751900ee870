"""Periodic upkeep: promotions that ended stop discounting, and the feed says so."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, select, true

from ..db import Database
from ..orm import Offer, utcnow
from .offers import touch

#: promotions ended per run at most (the next run, 30 s later, takes the rest)
BATCH = 2000


def _ended(now: datetime) -> list[ColumnElement[bool]]:
    """Live offers whose promotion has ended, in the terms of the index ix_offers_promo_ends (orm.py)."""
    return [Offer.promotion == true(), Offer.deleted_at.is_(None), Offer.promo_ends_at <= now]


def expire_promotions(db: Database) -> int:
    """End the promotions whose time is up; the number ended. A run with nothing to end (nearly every
    one) is one index look-up and takes no write lock, so it never waits behind a writer or holds one up."""
    now = utcnow()
    with db.session() as session:
        if session.scalar(select(Offer.id).where(*_ended(now)).limit(1)) is None:
            return 0
    with db.session(write=True) as session:
        ended = session.scalars(select(Offer).where(*_ended(now)).limit(BATCH)).all()
        for offer in ended:
            offer.promotion = False
            offer.unit_price = offer.list_price
            offer.promo_discount_percent = None
            offer.promo_ends_at = None
        touch(session, ended)
        session.commit()
        return len(ended)
