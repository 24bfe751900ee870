"""What every writer of offers must do: bump the change feed, the version and the search index."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from ..orm import OFFER_CHANGES, Counter, Offer, utcnow
from .search_facets import FTS_INSERT

FEED = OFFER_CHANGES


def next_change_seq(session: Session, count: int = 1) -> int:
    """Reserve `count` feed positions; returns the last. The counter row stays locked until commit,
    so positions are handed out in commit order and a feed reader never skips a late commit."""
    # a Core UPDATE on the session's connection: no ORM synchronisation of loaded objects (a counter
    # row is never one), which cost as much as the rest of an offer edit
    table = Counter.__table__
    value = session.connection().execute(
        update(table).where(table.c.name == FEED).values(value=table.c.value + count).returning(table.c.value)
    ).scalar()
    if value is None:
        session.add(Counter(name=FEED, value=count))
        session.flush()
        value = count
    return int(value)


def current_change_seq(session: Session) -> int:
    return int(session.scalar(select(Counter.value).where(Counter.name == FEED)) or 0)


def search_text(offer: Offer, seller_name: str | None = None) -> str:
    seller = seller_name if seller_name is not None else (offer.seller.name if offer.seller else "")
    return " ".join((offer.title, offer.description or "", offer.sku, seller)).lower()


def touch(session: Session, offers: Iterable[Offer], *, text_changed: bool = False, new: bool = False) -> None:
    """Mark offers as changed: version + 1 (not for new ones), updated_at, a fresh feed position.
    Call after the attribute changes and before commit; pass text_changed when title, description,
    SKU or seller name changed so full-text search follows."""
    offers = list(offers)
    if not offers:
        return
    last = next_change_seq(session, len(offers))
    now = utcnow()
    for i, offer in enumerate(offers):
        offer.change_seq = last - len(offers) + 1 + i
        offer.updated_at = now
        if not new:
            offer.version = (offer.version or 0) + 1
        if text_changed or new:
            offer.search_text = search_text(offer)
    if text_changed or new:
        session.flush()
        reindex(session, offers)


def reindex(session: Session, offers: Iterable[Offer]) -> None:
    """Keep SQLite's FTS5 table in step (PostgreSQL indexes `search_text` itself)."""
    if session.get_bind().dialect.name != "sqlite":
        return
    rows = [
        {"id": o.id, "title": o.title, "description": o.description or "", "sku": o.sku,
         "seller": o.seller.name if o.seller else ""}
        for o in offers
    ]
    session.execute(text("DELETE FROM offers_fts WHERE rowid = :id"), [{"id": r["id"]} for r in rows])
    live = [r for r, o in zip(rows, offers, strict=True) if o.deleted_at is None]
    if live:
        session.execute(text(FTS_INSERT), live)


def remove(session: Session, offer: Offer) -> None:
    """Soft-delete: the offer leaves the catalog and appears in the feed's `deleted` list."""
    offer.deleted_at = utcnow()
    touch(session, [offer], text_changed=True)
