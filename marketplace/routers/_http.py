"""What several routers share: JSON answers from pre-built dicts, the id path parameter, offer ETags,
and the offers-list query (filters, currency, page) with its rendering."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Annotated, Any, Literal

import orjson
from fastapi import Depends, Path, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, ValidationError

from ..db import Database
from ..errors import ApiError
from ..schemas.catalog import MAX_AMOUNT, MAX_ID
from ..services import currency as fx
from ..services.offer_rows import OfferRenderer
from ..services.search import OfferFilters, decode_cursor, encode_cursor, search_page
from ..services.statements import change_counter

IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
CURRENCY_DOC = "Show prices in this currency (one of GET /currencies; any other → EUR)"


def json_response(payload: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    """Pre-built dicts straight to JSON: the hot read paths skip a second model validation. orjson
    writes the same compact UTF-8 JSON as json.dumps(ensure_ascii=False, separators=(",", ":")) at a
    tenth of the cost (a 50-offer page: 1.40 -> 0.07 ms)."""
    body = orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS)
    return Response(body, status_code=status_code, media_type="application/json", headers=headers)


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


class OfferParams(BaseModel):
    """The query of an offers list. Validated as one model in one call (`offer_query`) and documented
    from the same model (`OFFER_QUERY_DOC`): FastAPI's own per-parameter handling of a dozen query
    parameters was a third of the CPU of a cached GET /offers (benchmarks server)."""

    q: str | None = Field(
        None, max_length=200,
        description="Full text: title, description, SKU, seller; every word must match, as a prefix",
    )
    category: int | None = Field(None, ge=1, le=MAX_ID, description="Includes sub-categories")
    collection: Literal["weekly", "surplus", "promotion"] | None = None
    seller: int | None = Field(None, ge=1, le=MAX_ID)
    country: str | None = Field(None, pattern="^[A-Za-z]{2}$", description="Warehouse country")
    min_price: Decimal | None = Field(None, ge=0, le=MAX_AMOUNT, description="In `currency`")
    max_price: Decimal | None = Field(None, ge=0, le=MAX_AMOUNT, description="In `currency`")
    in_stock: bool | None = None
    sort: Literal["relevance", "price", "-price", "newest"] = "relevance"
    currency: str = Field("EUR", max_length=16, description=CURRENCY_DOC)
    limit: int = Field(50, ge=1, le=500)
    cursor: str | None = Field(None, max_length=200)


def _query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    """OpenAPI query parameters for a model's fields, as FastAPI would write them."""
    schema = model.model_json_schema()
    out = []
    for name, prop in schema["properties"].items():
        prop = dict(prop)
        description = prop.pop("description", None)
        out.append({"name": name, "in": "query", "required": name in schema.get("required", ()),
                    "schema": prop, **({"description": description} if description else {})})
    return out


#: the offers-list query in the OpenAPI document: `openapi_extra=OFFER_QUERY_DOC` on each route using it
OFFER_QUERY_DOC = {"parameters": _query_parameters(OfferParams)}


async def offer_query(request: Request) -> OfferQuery:  # async: no worker thread for this pure parsing
    try:
        params = OfferParams.model_validate(dict(request.query_params))
    except ValidationError as exc:  # the app's 422 problem, with the field of each error
        raise RequestValidationError([{**e, "loc": ("query", *e["loc"])} for e in exc.errors()]) from None
    p = params
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


OfferQueryDep = Annotated[OfferQuery, Depends(offer_query)]


def offers_page(session, query: OfferQuery, public_url: str, cache: PageCache | None = None) -> Response:
    """One page of offers; with `cache`, a page already rendered at the current catalog version is
    answered from it."""
    if cache is None:
        filters, rate = query.resolve(session)
        return Response(_page_body(session, query, filters, rate, public_url), media_type="application/json")
    # The version is read first, in the page's own transaction: a page rendered after a later write
    # can only be newer than its key says, never older (writers bump it in their own transaction).
    version = change_counter(session)
    filters, rate = query.resolve(session)
    key = (*query.key(), rate)
    body = cache.get(version, key)
    if body is None:
        body = _page_body(session, query, filters, rate, public_url)
        cache.put(version, key, body)
    return Response(body, media_type="application/json")


def _page_body(session, query: OfferQuery, filters: OfferFilters, rate: Decimal, public_url: str) -> bytes:
    ids, more = search_page(session, filters, query.offset, query.limit)
    items = OfferRenderer(public_url, query.currency, rate).load_json(session, ids)
    next_cursor = encode_cursor(query.offset + query.limit) if more else None
    return b'{"items":' + items + b',"next_cursor":' + orjson.dumps(next_cursor) + b"}"


class PageCache:
    """Rendered offer pages (JSON bodies) of one catalog version, least recently used first out.

    The version is the offers' change counter (services/offers.py), bumped in the same transaction by
    every write that changes what a page shows: an offer's create, edit, stock, removal, import,
    checkout or promotion end, and a seller's, warehouse's or category's change (orm.py). It lives in
    the database, so a write through any worker process is seen by every other one on its next
    request; a newer version empties the cache. Prices in another currency are keyed by the rate."""

    def __init__(self, size: int):
        self.size = size
        self.version: int | None = None  # only moves forward
        self.pages: OrderedDict[tuple, bytes] = OrderedDict()
        self.hits = self.misses = 0
        self._lock = threading.Lock()  # PostgreSQL reads run in threads

    def get(self, version: int, key: tuple) -> bytes | None:
        with self._lock:
            if self.version is None or version > self.version:
                self.pages.clear()
                self.version = version
            body = self.pages.get(key) if version == self.version else None  # not from a newer version
            if body is None:
                self.misses += 1
            else:
                self.hits += 1
                self.pages.move_to_end(key)
            return body

    def put(self, version: int, key: tuple, body: bytes) -> None:
        with self._lock:
            if version != self.version or self.size <= 0:
                return  # a newer version was seen meanwhile: this page may be out of date
            self.pages[key] = body
            if len(self.pages) > self.size:
                self.pages.popitem(last=False)


def offers_cache(request: Request) -> PageCache | None:
    """The app's page cache, None when turned off (BULKDESK_OFFERS_CACHE_PAGES=0)."""
    cache: PageCache = request.app.state.offers_cache
    return cache if cache.size > 0 else None


def public_url(request: Request) -> str:
    return request.app.state.config.public_url


def database(request: Request) -> Database:
    return request.app.state.db


def etag(offer_id: int, version: int, currency: str) -> str:
    return f'W/"{offer_id}-{version}-{currency}"'


def etag_matches(if_none_match: str | None, tag: str) -> bool:
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    weak = tag.removeprefix("W/")
    return any(t.strip().removeprefix("W/") == weak for t in if_none_match.split(","))
