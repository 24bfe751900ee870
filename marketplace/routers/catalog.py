"""The public catalog: currencies, categories, offers (search, one offer, the delta feed), sellers."""

from __future__ import annotations

import base64
import binascii
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response
from sqlalchemy import func, select, text

from ..deps import ReadDB
from ..errors import ApiError, not_found, responses
from ..orm import Category, CategoryTranslation, Offer, Seller
from ..schemas.catalog import CategoryOut, CurrencyOut, OfferChanges, OfferOut, OfferPage, SellerProfile
from ..services import currency as fx
from ..services.offer_rows import OfferRenderer, changed_rows, packagings_by_offer
from ..services.statements import OFFERS, fetch_all
from ._http import (
    CURRENCY_DOC,
    OFFER_QUERY_DOC,
    IdPath,
    OfferQueryDep,
    database,
    etag,
    etag_matches,
    json_response,
    offer_query,
    offers_cache,
    offers_page,
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
    translated = (
        select(CategoryTranslation.name)
        .where(CategoryTranslation.category_id == Category.id, CategoryTranslation.language == language)
        .scalar_subquery()
    )
    name = func.coalesce(translated, Category.name).label("name")
    cats = db.execute(select(Category.id, name, Category.parent_id).order_by(Category.id)).all()
    direct = dict(
        db.execute(
            select(OFFERS.c.category_id, func.count())
            .where(OFFERS.c.deleted_at.is_(None))
            .group_by(OFFERS.c.category_id)
        )
        .tuples()
        .all()
    )
    parent = {c.id: c.parent_id for c in cats}
    totals = dict.fromkeys(parent, 0)
    for cat_id, count in direct.items():
        seen: set[int] = set()
        node: int | None = cat_id
        while node is not None and node in totals and node not in seen:  # `seen` guards a bad cycle
            seen.add(node)
            totals[node] += count
            node = parent[node]
    return [CategoryOut(id=c.id, name=c.name, parent_id=c.parent_id, offer_count=totals[c.id]) for c in cats]


@router.get("/offers", response_model=OfferPage, responses=responses(422), openapi_extra=OFFER_QUERY_DOC)
async def list_offers(request: Request) -> Response:
    """Search live offers. Prices (and the price filters) are in `currency`."""
    # the query is validated here rather than as a dependency: the app also calls this endpoint
    # directly, past FastAPI's routing (RequestContextMiddleware's `direct` endpoints, app.py)
    query = await offer_query(request)
    url, cache = public_url(request), offers_cache(request)
    return await database(request).run_read(lambda session: offers_page(session, query, url, cache), short=True)


# --- the delta feed (before /offers/{id}, which would otherwise catch "changes") -------------------


def encode_since(seq: int) -> str:
    return base64.urlsafe_b64encode(f"s:{seq}".encode()).decode().rstrip("=")


def decode_since(token: str) -> int:
    try:
        kind, value = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode().split(":", 1)
        seq = int(value)
        if kind != "s" or seq < 0 or seq > 2**62:
            raise ValueError
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(
            422,
            "invalid_since",
            "This `since` token is not one the server gave out.",
            errors=[
                {
                    "field": "since",
                    "code": "invalid_since",
                    "message": "Unknown token; sync again from scratch.",
                }
            ],
        ) from None
    return seq


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
    after = decode_since(since) if since is not None else 0
    url = public_url(request)
    return await database(request).run_read(lambda session: changes_page(session, url, after, since is None, limit))


def changes_page(session, url: str, after: int, live_only: bool, limit: int) -> Response:
    """One page of the feed: every changed offer row in one query (removed ones give their id only)."""
    rows = changed_rows(session, after, limit + 1, live_only=live_only)
    has_more = len(rows) > limit
    rows = rows[:limit]
    live = [r for r in rows if r.deleted_at is None]
    deleted = [r.id for r in rows if r.deleted_at is not None]
    packs = packagings_by_offer(session, [r.id for r in live])
    items = OfferRenderer(url, "EUR", Decimal(1)).render_rows(live, packs)
    next_since = encode_since(rows[-1].change_seq if rows else after)
    return json_response({"items": items, "deleted": deleted, "next_since": next_since, "has_more": has_more})


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


_LIVE_VERSION = text("SELECT version FROM offers WHERE id = :id AND deleted_at IS NULL")


def one_offer(db, offer_id: int, code: str, url: str, if_none_match: str | None) -> Response:
    found = fetch_all(db, _LIVE_VERSION, {"id": offer_id})
    if not found:
        raise not_found("offer")
    version = found[0][0]
    tag = etag(offer_id, version, code)
    headers = {"ETag": tag, "Cache-Control": "no-cache"}
    if etag_matches(if_none_match, tag):
        return Response(status_code=304, headers=headers)
    items = OfferRenderer(url, code, fx.cached_rates(db)[code]).load(db, [offer_id])
    if not items:
        raise not_found("offer")
    return json_response(
        items[0], headers={"ETag": etag(offer_id, items[0]["version"], code), "Cache-Control": "no-cache"}
    )


# --- sellers --------------------------------------------------------------------------------------


@router.get("/sellers/{seller_id}", response_model=SellerProfile, responses=responses(404, 422))
def get_seller(seller_id: IdPath, db: ReadDB) -> SellerProfile:
    """A seller's public profile."""
    seller = db.get(Seller, seller_id)
    if seller is None:
        raise not_found("seller")
    count = db.scalar(
        select(func.count())
        .select_from(Offer)
        .where(Offer.seller_id == seller_id, Offer.deleted_at.is_(None))
    )
    return SellerProfile(
        id=seller.id,
        name=seller.name,
        country=seller.country,
        rating=seller.rating,
        review_count=seller.review_count,
        description=seller.description or "",
        member_since=seller.created_at,
        offer_count=count or 0,
    )


@router.get("/sellers/{seller_id}/offers", response_model=OfferPage, responses=responses(404, 422),
            openapi_extra=OFFER_QUERY_DOC)
def seller_offers(seller_id: IdPath, query: OfferQueryDep, db: ReadDB, request: Request) -> Response:
    """A seller's live offers; the same filters as GET /offers."""
    if db.get(Seller, seller_id) is None:
        raise not_found("seller")
    query.filters.seller = seller_id
    return offers_page(db, query, public_url(request))
