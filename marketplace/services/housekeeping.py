"""Periodic upkeep: promotions that ended stop discounting, and the feed says so."""

from __future__ import annotations

from sqlalchemy import select

from ..db import Database
from ..orm import Offer, utcnow
from .offers import touch


def expire_promotions(db: Database) -> int:
    with db.session(write=True) as session:
        ended = session.scalars(
            select(Offer).where(Offer.promotion.is_(True), Offer.promo_ends_at <= utcnow(), Offer.deleted_at.is_(None))
            .limit(2000)
        ).all()
        for offer in ended:
            offer.promotion = False
            offer.unit_price = offer.list_price
            offer.promo_discount_percent = None
            offer.promo_ends_at = None
        touch(session, ended)
        session.commit()
        return len(ended)
