"""The public catalog: currencies, categories, offers (search, one offer, the delta feed), sellers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response

from ..deps import ReadDB
from ..errors import responses
from ..schemas.catalog import CategoryOut, CurrencyOut, OfferChanges, OfferOut, OfferPage, SellerProfile
from ..schemas.offer_query import CURRENCY_DOC, OFFER_QUERY_DOC
from ..services import catalog_reads, categories
from ..services import currency as fx
from ..services.offer_pages import offers_page
from ._http import (
    IdPath,
    OfferQueryDep,
    database,
    etag,
    etag_matches,
    json_body,
    json_response,
    offer_query,
    offers_cache,
    public_url,
)
from ._language import Language

router = APIRouter(tags=["catalog"])


@router.get("/currencies", response_model=list[CurrencyOut])
def list_currencies(db: ReadDB) -> list[CurrencyOut]:
    """The 12 currencies prices can be shown in, with today's rate."""
    return [CurrencyOut(code=c, name=n, rate_per_eur=r, updated_at=u) for c, n, r, u in fx.currency_rows(db)]


@router.get("/categories", response_model=list[CategoryOut])
def list_categories(db: ReadDB, language: Language) -> list[CategoryOut]:
    """Every category (a tree through `parent_id`), counting live offers in it and below it. Names are in
    the language of `Accept-Language` (en, fr; English by default and for a category not translated)."""
    return categories.category_tree(db, language)


@router.get("/offers", response_model=OfferPage, responses=responses(422), openapi_extra=OFFER_QUERY_DOC)
async def list_offers(request: Request) -> Response:
    """Search live offers. Prices (and the price filters) are in `currency`."""
    # the query is validated here rather than as a dependency: the app also calls this endpoint
    # directly, past FastAPI's routing (RequestContextMiddleware's `direct` endpoints, app.py)
    query = await offer_query(request)
    url, cache = public_url(request), offers_cache(request)
    return await database(request).run_read(
        lambda session: Response(offers_page(session, query, url, cache), media_type="application/json"),
        short=True,
    )


# --- the delta feed (before /offers/{id}, which would otherwise catch "changes") -------------------


@router.get("/offers/changes", response_model=OfferChanges, responses=responses(422))
async def offer_changes(
    request: Request,
    since: Annotated[
        str | None,
        Query(max_length=100, description="`next_since` of the previous page; none = every live offer"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> Response:
    """Offers created, edited (stock included) or removed after `since`, in the order they changed.
    Prices are in EUR. Walk pages until `has_more` is false, then keep `next_since` for the next sync."""
    after = catalog_reads.decode_since(since) if since is not None else 0
    url = public_url(request)
    return await database(request).run_read(
        lambda session: json_response(catalog_reads.changes_page(session, url, after, since is None, limit))
    )


# --- one offer ------------------------------------------------------------------------------------


@router.get(
    "/offers/{offer_id}",
    response_model=OfferOut,
    responses={**responses(404, 422), 304: {"description": "Not modified (If-None-Match matched the ETag)"}},
)
async def get_offer(
    offer_id: IdPath,
    request: Request,
    currency: Annotated[str, Query(max_length=16, description=CURRENCY_DOC)] = "EUR",
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """One live offer, with an ETag; send it back as If-None-Match to get 304 while unchanged."""
    code, url = fx.resolve(currency), public_url(request)
    return await database(request).run_read(
        lambda db: one_offer(db, offer_id, code, url, if_none_match), short=True
    )


def one_offer(db, offer_id: int, code: str, url: str, if_none_match: str | None) -> Response:
    tag = etag(offer_id, catalog_reads.live_version(db, offer_id), code)
    headers = {"ETag": tag, "Cache-Control": "no-cache"}
    if etag_matches(if_none_match, tag):
        return Response(status_code=304, headers=headers)
    item = catalog_reads.offer_dict(db, offer_id, code, url)
    return json_response(item, headers={"ETag": etag(offer_id, item["version"], code), "Cache-Control": "no-cache"})


# --- sellers --------------------------------------------------------------------------------------


@router.get("/sellers/{seller_id}", response_model=SellerProfile, responses=responses(404, 422))
def get_seller(seller_id: IdPath, db: ReadDB) -> SellerProfile:
    """A seller's public profile."""
    return catalog_reads.seller_profile(db, seller_id)


@router.get("/sellers/{seller_id}/offers", response_model=OfferPage, responses=responses(404, 422),
            openapi_extra=OFFER_QUERY_DOC)
def seller_offers(seller_id: IdPath, query: OfferQueryDep, db: ReadDB, request: Request) -> Response:
    """A seller's live offers; the same filters as GET /offers."""
    catalog_reads.require_seller(db, seller_id)
    query.filters.seller = seller_id
    return json_body(offers_page(db, query, public_url(request)))
