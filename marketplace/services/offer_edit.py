"""Changing offers the way the seller API and the CSV import both do: prices with promotions,
packagings kept by identity (so carts keep their packaging ids), SKU reuse after a removal."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..orm import Offer, Packaging, Seller

CENT = Decimal("0.01")


def discounted(list_price: Decimal, percent: int) -> Decimal:
    price = (list_price * (100 - percent) / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return max(price, CENT)


def set_list_price(offer: Offer, list_price_eur: Decimal) -> bool:
    if offer.list_price is not None and Decimal(offer.list_price) == list_price_eur:
        return False
    offer.list_price = list_price_eur
    offer.unit_price = (
        discounted(list_price_eur, offer.promo_discount_percent)
        if offer.promotion and offer.promo_discount_percent
        else list_price_eur
    )
    return True


def set_promotion(offer: Offer, percent: int | None, ends_at: datetime | None) -> bool:
    """Start (or change) a promotion; percent None ends it. Returns whether anything changed."""
    if percent is None:
        if not offer.promotion and offer.promo_discount_percent is None:
            return False
        offer.promotion = False
        offer.promo_discount_percent = None
        offer.promo_ends_at = None
        offer.unit_price = offer.list_price
        return True
    if offer.promotion and offer.promo_discount_percent == percent and offer.promo_ends_at == ends_at:
        return False
    offer.promotion = True
    offer.promo_discount_percent = percent
    offer.promo_ends_at = ends_at
    offer.unit_price = discounted(Decimal(offer.list_price), percent)
    return True


def set_packagings(offer: Offer, specs: list[tuple[str, int]]) -> bool:
    """Make the offer's packagings exactly `specs` (label, units): rows that stay keep their ids."""
    wanted = [(label, units) for label, units in specs]
    current = {(p.label, p.units): p for p in offer.packagings}
    if set(current) == set(wanted) and len(current) == len(offer.packagings):
        return False
    keep = [current[spec] for spec in wanted if spec in current]
    new = [Packaging(label=label, units=units) for label, units in wanted if (label, units) not in current]
    offer.packagings = sorted(keep + new, key=lambda p: p.units)
    return True


def set_attrs(offer: Offer, **values) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(offer, name) != value:
            setattr(offer, name, value)
            changed = True
    return changed


def offer_by_sku(session: Session, seller_id: int, sku: str) -> Offer | None:
    """The seller's offer with this SKU, live or removed (a removed one is revived by a new listing)."""
    return session.scalar(select(Offer).where(Offer.seller_id == seller_id, Offer.sku == sku))


def new_offer(seller: Seller, sku: str, list_price_eur: Decimal) -> Offer:
    """A blank offer; the caller fills it in and calls services.offers.touch(new=True)."""
    return Offer(
        list_price=list_price_eur,
        unit_price=list_price_eur,
        seller=seller,
        seller_id=seller.id,
        sku=sku,
        description="",
        version=1,
        change_seq=0,
        weekly=False,
        surplus=False,
        promotion=False,
        image_count=1,
        packagings=[],
    )


def revive(offer: Offer, list_price_eur: Decimal) -> None:
    """A removed offer listed again under its SKU: a fresh start, same id."""
    offer.deleted_at = None
    offer.list_price = offer.unit_price = list_price_eur
    offer.promotion = False
    offer.promo_discount_percent = None
    offer.promo_ends_at = None
    offer.weekly = offer.surplus = False
    offer.description = ""
    offer.price_tiers = None
