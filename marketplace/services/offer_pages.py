"""An offers list (GET /offers, /sellers/{id}/offers, /seller/offers): its filters, currency and page
from the validated query, the price bounds in EUR at today's rate, and the page's JSON body, from the
page cache when it holds the current catalog version."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal

import orjson

from ..errors import ApiError
from ..schemas.offer_query import OfferParams
from . import currency as fx
from .offer_rows import OfferRenderer
from .page_cache import PageCache
from .search import OfferFilters, decode_cursor, encode_cursor, search_page
from .statements import change_counter

_FILTER_FIELDS = tuple(field.name for field in fields(OfferFilters))


@dataclass
class OfferQuery:
    """Filters, currency and page of an offers list (GET /offers, /sellers/{id}/offers, /seller/offers)."""

    filters: OfferFilters
    currency: str
    min_price: Decimal | None
    max_price: Decimal | None
    limit: int
    offset: int

    def resolve(self, session) -> tuple[OfferFilters, Decimal]:
        """Fix the price bounds in EUR at today's rate; returns the filters and that rate."""
        rate = fx.cached_rates(session)[self.currency]
        if self.min_price is not None:
            self.filters.min_price_eur = fx.eur_floor_for(self.min_price, rate)
        if self.max_price is not None:
            self.filters.max_price_eur = fx.eur_ceiling_for(self.max_price, rate)
        return self.filters, rate

    def key(self) -> tuple:
        """Everything the page depends on besides the catalog and the rate (after `resolve`)."""
        # a shallow tuple: dataclasses.astuple deep-copies every value, a tenth of a cached page's CPU
        f = self.filters
        return (*(getattr(f, name) for name in _FILTER_FIELDS), self.currency, self.limit, self.offset)


def offer_query(p: OfferParams) -> OfferQuery:
    """The query of validated parameters: 422 `validation_error` when min_price is above max_price, or
    `invalid_cursor`; an unknown currency becomes EUR."""
    if p.min_price is not None and p.max_price is not None and p.min_price > p.max_price:
        raise ApiError(
            422,
            "validation_error",
            "min_price is above max_price.",
            errors=[
                {
                    "field": "min_price",
                    "code": "invalid_range",
                    "message": "min_price must not exceed max_price.",
                }
            ],
        )
    filters = OfferFilters(
        q=p.q,
        category=p.category,
        collection=p.collection,
        seller=p.seller,
        country=p.country.upper() if p.country else None,
        in_stock=p.in_stock,
        sort=p.sort,
    )
    return OfferQuery(filters, fx.resolve(p.currency), p.min_price, p.max_price, p.limit, decode_cursor(p.cursor))


def offers_page(session, query: OfferQuery, public_url: str, cache: PageCache | None = None) -> bytes:
    """The JSON body of one page of offers; with `cache`, a page already rendered at the current
    catalog version is answered from it."""
    if cache is None:
        filters, rate = query.resolve(session)
        return _page_body(session, query, filters, rate, public_url)
    # The version is read first, in the page's own transaction: a page rendered after a later write
    # can only be newer than its key says, never older (writers bump it in their own transaction).
    version = change_counter(session)
    filters, rate = query.resolve(session)
    key = (*query.key(), rate)
    body = cache.get(version, key)
    if body is None:
        body = _page_body(session, query, filters, rate, public_url)
        cache.put(version, key, body)
    return body


def _page_body(session, query: OfferQuery, filters: OfferFilters, rate: Decimal, public_url: str) -> bytes:
    ids, more = search_page(session, filters, query.offset, query.limit)
    items = OfferRenderer(public_url, query.currency, rate).load_json(session, ids)
    next_cursor = encode_cursor(query.offset + query.limit) if more else None
    return b'{"items":' + items + b',"next_cursor":' + orjson.dumps(next_cursor) + b"}"
