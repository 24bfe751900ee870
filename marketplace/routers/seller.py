"""The seller's side of the marketplace.

This module holds the seller's OFFERS (list, create, edit with If-Match, remove, CSV import/export)
and warehouses. Seller orders live in routers/seller_orders.py and seller questions in
routers/questions.py."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Request, Response

from ..deps import ReadDB, SellerAccount, WriteDB
from ..errors import ApiError, field_error, responses
from ..schemas.catalog import ImportReport, OfferCreate, OfferOut, OfferPage, OfferPatch, SellerWarehouseOut
from ..schemas.offer_query import OFFER_QUERY_DOC
from ..services import catalog_csv, catalog_import, offer_pages, seller_offers
from ..services.catalog_reads import offer_eur
from ._http import IdPath, OfferQueryDep, etag, json_body, json_response, public_url

router = APIRouter(tags=["seller"])

# ==================================================================================================
# Seller offers: /seller/warehouses, /seller/offers*
# ==================================================================================================


def _offer_answer(db, request: Request, offer_id: int, status_code: int = 200, **headers: str) -> Response:
    """The offer as its seller sees it (prices in EUR), with its ETag."""
    out = offer_eur(db, public_url(request), offer_id)
    return json_response(out, status_code, headers={**headers, "ETag": etag(offer_id, out["version"], "EUR")})


@router.get("/seller/warehouses", response_model=list[SellerWarehouseOut], responses=responses(401, 403))
def my_warehouses(caller: SellerAccount, db: ReadDB) -> list[SellerWarehouseOut]:
    """The seller's warehouses: offers ship from one of them (`warehouse_id`, or `code` in CSV)."""
    return seller_offers.warehouses(db, caller.seller_id)


@router.get("/seller/offers", response_model=OfferPage, responses=responses(401, 403, 422),
            openapi_extra=OFFER_QUERY_DOC)
def my_offers(caller: SellerAccount, query: OfferQueryDep, db: ReadDB, request: Request) -> Response:
    """The seller's own live offers; the same filters as GET /offers."""
    query.filters.seller = caller.seller_id
    return json_body(offer_pages.offers_page(db, query, public_url(request)))


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
    responses=responses(401, 403, 409, 413, 415, 422),
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
    stale: Annotated[
        Literal["refuse", "skip", "overwrite"],
        Query(description="Rows whose offer changed after the export (`version`): refuse (409 stale_rows), "
                          "skip them, or overwrite the server's edits"),
    ] = "refuse",
) -> ImportReport:
    """Create or update offers from CSV (columns: sku, title, category, unit_price, currency, stock_units,
    moq_units, packagings, collections, warehouse, price_tiers, version). With any error nothing is
    written. The report lists each update field by field and flags stale rows (docs/seller-csv.md)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in catalog_csv.CSV_MEDIA_TYPES:
        raise ApiError(415, "unsupported_media_type", "Send the CSV with Content-Type: text/csv.")
    body = await request.body()
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(
        _import_sync, request.app.state.db, caller.seller_id, body, dry_run, mode == "update_only", stale
    )


def _import_sync(database, seller_id: int, body: bytes, dry_run: bool, update_only: bool, stale) -> ImportReport:
    return catalog_import.import_csv(database, seller_id, body, dry_run=dry_run, update_only=update_only,
                                     stale=stale)


@router.post(
    "/seller/offers", status_code=201, response_model=OfferOut, responses=responses(401, 403, 409, 422)
)
def create_offer(body: OfferCreate, caller: SellerAccount, db: WriteDB, request: Request) -> Response:
    """List a new offer (prices in EUR in the answer). Reusing the SKU of a removed offer relists it."""
    offer = seller_offers.create_offer(db, caller.seller_id, body)
    return _offer_answer(db, request, offer.id, 201, Location=f"{request.url.path}/{offer.id}")


@router.get("/seller/offers/{offer_id}", response_model=OfferOut, responses=responses(401, 403, 404, 422))
def my_offer(offer_id: IdPath, caller: SellerAccount, db: ReadDB, request: Request) -> Response:
    """One of the seller's live offers, prices in EUR."""
    offer = seller_offers.own_offer(db, caller.seller_id, offer_id)
    return json_response(
        offer_eur(db, public_url(request), offer.id), headers={"ETag": etag(offer.id, offer.version, "EUR")}
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
    offer = seller_offers.edit_offer(db, caller.seller_id, offer_id, body, expected, public_url(request))
    return _offer_answer(db, request, offer.id)


@router.delete(
    "/seller/offers/{offer_id}",
    status_code=204,
    response_class=Response,
    responses=responses(401, 403, 404, 422),
)
def delete_offer(offer_id: IdPath, caller: SellerAccount, db: WriteDB) -> Response:
    """Remove an offer from the catalog (it shows in the change feed's `deleted`)."""
    seller_offers.delete_offer(db, caller.seller_id, offer_id)
    return Response(status_code=204)


# ==================================================================================================
# (end of seller offers; seller orders: routers/seller_orders.py)
# ==================================================================================================
