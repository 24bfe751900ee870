"""The seller's side of the marketplace.

This module holds the seller's OFFERS (list, create, edit with If-Match, remove, CSV import/export)
and warehouses. Seller orders live in routers/seller_orders.py and seller questions in
routers/questions.py."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import lazyload

from ..deps import ReadDB, SellerAccount, WriteDB
from ..errors import ApiError, not_found, responses
from ..orm import Category, Offer, Seller, Warehouse
from ..schemas.catalog import ImportReport, OfferCreate, OfferOut, OfferPage, OfferPatch, SellerWarehouseOut
from ..schemas.common import Money
from ..services import catalog_csv, catalog_import, price_tiers
from ..services import currency as fx
from ..services.offer_edit import (
    new_offer,
    offer_by_sku,
    revive,
    set_attrs,
    set_list_price,
    set_packagings,
    set_promotion,
)
from ..services.offer_rows import OfferRenderer
from ..services.offers import remove, touch
from ._http import OFFER_QUERY_DOC, IdPath, OfferQueryDep, etag, json_response, offers_page, public_url

router = APIRouter(tags=["seller"])

# ==================================================================================================
# Seller offers: /seller/warehouses, /seller/offers*
# ==================================================================================================


def render_offer(db, request: Request, offer_id: int) -> dict:
    return OfferRenderer(public_url(request), "EUR", fx.Decimal(1)).load(db, [offer_id])[0]


def field_error(status: int, code: str, field: str, message: str) -> ApiError:
    return ApiError(status, code, message, errors=[{"field": field, "code": code, "message": message}])


def check_refs(db, seller_id: int, category_id: int | None, warehouse_id: int | None) -> None:
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


def price_eur(db, price) -> fx.Decimal:
    eur = fx.to_eur(price.amount, fx.rates(db)[price.currency])
    if eur <= 0:
        raise field_error(422, "price_too_small", "unit_price.amount", "The price is below one euro cent.")
    return eur


def set_price_tiers(db, offer: Offer, tiers) -> bool:
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


def own_offer(db, seller_id: int, offer_id: int, *, lock: bool = False) -> Offer:
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


@router.get("/seller/warehouses", response_model=list[SellerWarehouseOut], responses=responses(401, 403))
def my_warehouses(caller: SellerAccount, db: ReadDB) -> list[SellerWarehouseOut]:
    """The seller's warehouses: offers ship from one of them (`warehouse_id`, or `code` in CSV)."""
    rows = db.scalars(select(Warehouse).where(Warehouse.seller_id == caller.seller_id).order_by(Warehouse.id))
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


@router.get("/seller/offers", response_model=OfferPage, responses=responses(401, 403, 422),
            openapi_extra=OFFER_QUERY_DOC)
def my_offers(caller: SellerAccount, query: OfferQueryDep, db: ReadDB, request: Request) -> Response:
    """The seller's own live offers; the same filters as GET /offers."""
    query.filters.seller = caller.seller_id
    return offers_page(db, query, public_url(request))


@router.get(
    "/seller/offers/export",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {}}, "description": "The seller's offers as CSV"},
        **responses(401, 403),
    },
)
def export_offers(caller: SellerAccount, db: ReadDB) -> Response:
    """The seller's live offers in the import format (prices in EUR); re-importing it changes nothing."""
    body = catalog_csv.export_csv(db, caller.seller_id)
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="offers.csv"'},
    )


@router.post(
    "/seller/offers/import",
    response_model=ImportReport,
    responses=responses(401, 403, 413, 415, 422),
    openapi_extra={
        "requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}}
    },
)
async def import_offers(
    caller: SellerAccount,
    request: Request,
    dry_run: Annotated[bool, Query(description="Check and count only; write nothing")] = False,
    mode: Annotated[
        Literal["create_or_update", "update_only"],
        Query(description="update_only: a row whose SKU is not one of your offers is an error (unknown_sku)"),
    ] = "create_or_update",
) -> ImportReport:
    """Create or update offers from CSV (columns: sku, title, category, unit_price, currency, stock_units,
    moq_units, packagings, collections, warehouse). With any error nothing is written."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in catalog_csv.CSV_MEDIA_TYPES:
        raise ApiError(415, "unsupported_media_type", "Send the CSV with Content-Type: text/csv.")
    body = await request.body()
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(
        _import_sync, request.app.state.db, caller.seller_id, body, dry_run, mode == "update_only"
    )


def _import_sync(database, seller_id: int, body: bytes, dry_run: bool, update_only: bool) -> ImportReport:
    return catalog_import.import_csv(database, seller_id, body, dry_run=dry_run, update_only=update_only)


@router.post(
    "/seller/offers", status_code=201, response_model=OfferOut, responses=responses(401, 403, 409, 422)
)
def create_offer(body: OfferCreate, caller: SellerAccount, db: WriteDB, request: Request) -> Response:
    """List a new offer (prices in EUR in the answer). Reusing the SKU of a removed offer relists it."""
    check_refs(db, caller.seller_id, body.category_id, body.warehouse_id)
    offer = offer_by_sku(db, caller.seller_id, body.sku)
    if offer is not None and offer.deleted_at is None:
        raise field_error(409, "sku_taken", "sku", "You already have an offer with this SKU.")
    is_new = offer is None
    list_price = price_eur(db, body.unit_price)
    if is_new:
        offer = new_offer(db.get(Seller, caller.seller_id), body.sku, list_price)
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
    out = render_offer(db, request, offer.id)
    return json_response(
        out,
        201,
        headers={"Location": f"{request.url.path}/{offer.id}", "ETag": etag(offer.id, out["version"], "EUR")},
    )


@router.get("/seller/offers/{offer_id}", response_model=OfferOut, responses=responses(401, 403, 404, 422))
def my_offer(offer_id: IdPath, caller: SellerAccount, db: ReadDB, request: Request) -> Response:
    """One of the seller's live offers, prices in EUR."""
    offer = own_offer(db, caller.seller_id, offer_id)
    return json_response(
        render_offer(db, request, offer.id), headers={"ETag": etag(offer.id, offer.version, "EUR")}
    )


_VERSION = re.compile(r'^(?:W/)?"?(?:\d+-)?(\d{1,9})(?:-[A-Z]{3})?"?$')


def parse_if_match(value: str | None) -> int:
    if value is None or not value.strip():
        raise ApiError(
            428,
            "precondition_required",
            "Send If-Match with the offer's version, so edits never overwrite each other.",
        )
    match = _VERSION.match(value.strip())
    if not match:
        raise field_error(
            400, "invalid_if_match", "If-Match", "If-Match must be the offer's version, e.g. 3."
        )
    return int(match.group(1))


@router.patch(
    "/seller/offers/{offer_id}",
    response_model=OfferOut,
    responses=responses(400, 401, 403, 404, 409, 412, 422, 428),
)
def edit_offer(
    offer_id: IdPath,
    body: OfferPatch,
    caller: SellerAccount,
    db: WriteDB,
    request: Request,
    if_match: Annotated[str | None, Header(description="The version the edit is based on")] = None,
) -> Response:
    """Change some fields of an offer. A stale If-Match → 412 `version_conflict` with `current`."""
    expected = parse_if_match(if_match)
    offer = own_offer(db, caller.seller_id, offer_id, lock=True)
    if offer.version != expected:
        raise ApiError(
            412,
            "version_conflict",
            "The offer changed since you loaded it; here is the current one.",
            current=render_offer(db, request, offer.id),
        )
    sent = body.model_fields_set
    check_refs(db, caller.seller_id, body.category_id, body.warehouse_id)
    if body.sku is not None and body.sku != offer.sku and offer_by_sku(db, caller.seller_id, body.sku):
        raise field_error(409, "sku_taken", "sku", "You already have an offer with this SKU.")
    for name in (
        "sku",
        "title",
        "category_id",
        "warehouse_id",
        "moq_units",
        "stock_units",
        "description",
        "unit_price",
        "packagings",
        "collections",
        "price_tiers",
    ):
        if name in sent and getattr(body, name) is None:
            raise field_error(422, "required", name, f"{name} cannot be null.")
    text_fields = {n: getattr(body, n) for n in ("sku", "title", "description") if n in sent}
    text_changed = set_attrs(offer, **text_fields)
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
    check_price_tiers(offer)
    if changed or text_changed:
        touch(db, [offer], text_changed=text_changed)
        db.commit()
    out = render_offer(db, request, offer.id)
    return json_response(out, headers={"ETag": etag(offer.id, out["version"], "EUR")})


@router.delete(
    "/seller/offers/{offer_id}",
    status_code=204,
    response_class=Response,
    responses=responses(401, 403, 404, 422),
)
def delete_offer(offer_id: IdPath, caller: SellerAccount, db: WriteDB) -> Response:
    """Remove an offer from the catalog (it shows in the change feed's `deleted`)."""
    offer = own_offer(db, caller.seller_id, offer_id, lock=True)
    remove(db, offer)
    db.commit()
    return Response(status_code=204)


# ==================================================================================================
# (end of seller offers; seller orders: routers/seller_orders.py)
# ==================================================================================================
