"""A seller's offers through the JSON API: their warehouses, listing an offer (or relisting a removed
SKU), editing one at a known version, removing one. Prices arrive in any of the 12 currencies and are
stored in EUR. The field-level rules shared with the CSV import are in offer_edit.py."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload

from ..errors import ApiError, field_error, not_found
from ..orm import Category, Offer, Seller, Warehouse
from ..schemas.catalog import OfferCreate, OfferPatch, SellerWarehouseOut
from ..schemas.common import Money
from . import currency as fx
from . import price_tiers
from .catalog_reads import offer_eur
from .offer_edit import new_offer, offer_by_sku, revive, set_attrs, set_list_price, set_packagings, set_promotion
from .offers import remove, touch

#: what PATCH may change but never to null (`promotion: null` ends a promotion and is allowed)
_NOT_NULL = ("sku", "title", "category_id", "warehouse_id", "moq_units", "stock_units", "description",
             "unit_price", "packagings", "collections", "price_tiers")


def warehouses(db: Session, seller_id: int) -> list[SellerWarehouseOut]:
    rows = db.scalars(select(Warehouse).where(Warehouse.seller_id == seller_id).order_by(Warehouse.id))
    return [
        SellerWarehouseOut(
            id=w.id,
            code=w.code,
            country=w.country,
            city=w.city,
            min_order_value=Money(amount=w.min_order_value, currency="EUR"),
        )
        for w in rows
    ]


def check_refs(db: Session, seller_id: int, category_id: int | None, warehouse_id: int | None) -> None:
    errors = []
    if category_id is not None and db.get(Category, category_id) is None:
        errors.append({"field": "category_id", "code": "unknown_category", "message": "No such category."})
    if warehouse_id is not None:
        wh = db.get(Warehouse, warehouse_id)
        if wh is None or wh.seller_id != seller_id:
            errors.append(
                {
                    "field": "warehouse_id",
                    "code": "unknown_warehouse",
                    "message": "No such warehouse of yours.",
                }
            )
    if errors:
        raise ApiError(422, errors[0]["code"], errors[0]["message"], errors=errors)


def price_eur(db: Session, price) -> Decimal:
    eur = fx.to_eur(price.amount, fx.rates(db)[price.currency])
    if eur <= 0:
        raise field_error(422, "price_too_small", "unit_price.amount", "The price is below one euro cent.")
    return eur


def set_price_tiers(db: Session, offer: Offer, tiers) -> bool:
    """The tiers as sent (list prices in any of the 12 currencies) stored in EUR."""
    rates = fx.rates(db)
    return price_tiers.set_tiers(
        offer, [(t.min_units, fx.to_eur(t.unit_price.amount, rates[t.unit_price.currency])) for t in tiers]
    )


def check_price_tiers(offer: Offer) -> None:
    """The offer's tiers against its MOQ and price as they are after the write (422 if they no longer fit)."""
    problem = price_tiers.problem(price_tiers.load(offer.price_tiers), offer.moq_units, Decimal(offer.list_price))
    if problem:
        raise field_error(422, price_tiers.CODE, "price_tiers", problem)


def own_offer(db: Session, seller_id: int, offer_id: int, *, lock: bool = False) -> Offer:
    """The offer alone: its seller, warehouse and packagings load only if the edit touches them (the
    eager joins and the packagings query were a third of a price or stock edit)."""
    stmt = (
        select(Offer)
        .where(Offer.id == offer_id, Offer.seller_id == seller_id, Offer.deleted_at.is_(None))
        .options(lazyload(Offer.seller), lazyload(Offer.warehouse), lazyload(Offer.packagings))
    )
    offer = db.scalar(stmt.with_for_update(of=Offer) if lock else stmt)
    if offer is None:
        raise not_found("offer")
    return offer


def _sku_taken() -> ApiError:
    return field_error(409, "sku_taken", "sku", "You already have an offer with this SKU.")


def create_offer(db: Session, seller_id: int, body: OfferCreate) -> Offer:
    """List a new offer, or relist the removed offer of the same SKU; committed."""
    check_refs(db, seller_id, body.category_id, body.warehouse_id)
    offer = offer_by_sku(db, seller_id, body.sku)
    if offer is not None and offer.deleted_at is None:
        raise _sku_taken()
    is_new = offer is None
    list_price = price_eur(db, body.unit_price)
    if is_new:
        offer = new_offer(db.get(Seller, seller_id), body.sku, list_price)
    else:
        revive(offer, list_price)
    offer.title = body.title
    offer.description = body.description
    offer.category_id = body.category_id
    offer.warehouse_id = body.warehouse_id
    offer.moq_units = body.moq_units
    offer.stock_units = body.stock_units
    offer.weekly = "weekly" in body.collections
    offer.surplus = "surplus" in body.collections
    if body.promotion:
        set_promotion(offer, body.promotion.discount_percent, body.promotion.ends_at)
    set_packagings(offer, [(p.label, p.units) for p in body.packagings])
    offer.price_tiers = None
    set_price_tiers(db, offer, body.price_tiers)
    check_price_tiers(offer)
    if is_new:
        db.add(offer)
        db.flush()
    touch(db, [offer], new=is_new, text_changed=True)
    db.commit()
    return offer


def edit_offer(
    db: Session, seller_id: int, offer_id: int, body: OfferPatch, expected_version: int, public_url: str
) -> Offer:
    """The fields sent changed, if the offer is still at `expected_version` (else 412 `version_conflict`
    with the `current` offer, rendered with `public_url`); committed when anything changed."""
    offer = own_offer(db, seller_id, offer_id, lock=True)
    if offer.version != expected_version:
        raise ApiError(
            412,
            "version_conflict",
            "The offer changed since you loaded it; here is the current one.",
            current=offer_eur(db, public_url, offer.id),
        )
    check_refs(db, seller_id, body.category_id, body.warehouse_id)
    if body.sku is not None and body.sku != offer.sku and offer_by_sku(db, seller_id, body.sku):
        raise _sku_taken()
    sent = body.model_fields_set
    for name in _NOT_NULL:
        if name in sent and getattr(body, name) is None:
            raise field_error(422, "required", name, f"{name} cannot be null.")
    text_changed = set_attrs(offer, **{n: getattr(body, n) for n in ("sku", "title", "description") if n in sent})
    changed = _apply_patch(db, offer, body, sent)
    check_price_tiers(offer)
    if changed or text_changed:
        touch(db, [offer], text_changed=text_changed)
        db.commit()
    return offer


def _apply_patch(db: Session, offer: Offer, body: OfferPatch, sent: set[str]) -> bool:
    """The sent fields besides the texts; True when any of them changed."""
    other = {
        n: getattr(body, n) for n in ("category_id", "warehouse_id", "moq_units", "stock_units") if n in sent
    }
    changed = set_attrs(offer, **other)
    if "collections" in sent:
        changed |= set_attrs(
            offer, weekly="weekly" in body.collections, surplus="surplus" in body.collections
        )
    if "unit_price" in sent:
        changed |= set_list_price(offer, price_eur(db, body.unit_price))
    if "promotion" in sent:
        promo = body.promotion
        changed |= set_promotion(
            offer, promo.discount_percent if promo else None, promo.ends_at if promo else None
        )
    if "packagings" in sent:
        changed |= set_packagings(offer, [(p.label, p.units) for p in body.packagings])
    if "price_tiers" in sent:
        changed |= set_price_tiers(db, offer, body.price_tiers)
    return changed


def delete_offer(db: Session, seller_id: int, offer_id: int) -> None:
    """Remove an offer from the catalog (it shows in the change feed's `deleted`); committed."""
    remove(db, own_offer(db, seller_id, offer_id, lock=True))
    db.commit()
