"""Which picture of a live offer is asked for (marketplace/media.py finds it)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..media import PictureRef
from ..orm import Category, Offer


def picture_ref(db: Session, offer_id: int, n: int) -> PictureRef | None:
    """The live offer's n-th picture (n from 0), with its category; None when it has no such picture."""
    row = db.execute(
        select(Offer.image_count, Offer.category_id, Category.name)
        .join(Category, Offer.category_id == Category.id)
        .where(Offer.id == offer_id, Offer.deleted_at.is_(None))
    ).first()
    if row is None or n >= row[0]:
        return None
    _count, category_id, name = row
    return PictureRef(offer_id, n, category_id, name)
