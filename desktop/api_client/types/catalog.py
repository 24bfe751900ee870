"""Catalog: currencies, categories, offers, sellers, the offers delta feed."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import ConfigDict, Field
from typing_extensions import TypedDict

from ._common import DECIMAL_PATTERN, DecimalNumber, Id, Money, Resource

Collection = Literal["weekly", "surplus", "promotion"]
OfferSort = Literal["relevance", "price", "-price", "newest"]

CURRENCY_CODES = ("EUR", "USD", "CHF", "CZK", "DKK", "GBP", "HUF", "NOK", "PLN", "RON", "SEK", "UAH")


class Marketplace(Resource):
    """``GET /marketplace``: which marketplace this is (``id`` kept by the server: the same at any address)."""

    id: Annotated[str, Field(min_length=1, max_length=200)]
    name: str


class Currency(Resource):
    code: str
    name: str
    rate_per_eur: DecimalNumber
    updated_at: datetime


class Category(Resource):
    id: Id
    name: str
    parent_id: Id | None
    offer_count: int


class SellerRef(Resource):
    id: Id
    name: str
    country: str
    rating: DecimalNumber | None


class Warehouse(Resource):
    id: Id
    country: str
    city: str
    min_order_value: Money


class Packaging(Resource):
    id: Id
    label: str
    units: int


class Promotion(Resource):
    discount_percent: int
    ends_at: datetime | None


class PriceTier(Resource):
    """A volume price: from ``min_units`` units of the offer in the cart (over all its lines), each unit
    costs ``unit_price`` (any promotion applied, in the offer's currency)."""

    min_units: int
    unit_price: Money
    #: the tier's price before any promotion (what the seller writes)
    list_price: Money | None = None


class Offer(Resource):
    id: Id
    sku: str
    title: str
    description: str
    category_id: Id
    seller: SellerRef
    warehouse: Warehouse
    #: what the buyer pays per unit now, any promotion applied
    unit_price: Money
    #: the price before any promotion (the server adds it; not fixed by the contract)
    list_price: Money | None = None
    packagings: list[Packaging]
    moq_units: int
    stock_units: int
    collections: list[Collection]
    promotion: Promotion | None
    image_urls: list[str]
    updated_at: datetime
    version: int
    #: volume prices, ascending ``min_units``, each cheaper than the last (servers before them send none)
    price_tiers: list[PriceTier] = Field(default_factory=list)


class SellerProfile(Resource):
    id: Id
    name: str
    country: str
    rating: DecimalNumber | None
    review_count: int
    description: str | None = None
    member_since: datetime | None = None
    offer_count: int | None = None


class OfferChanges(Resource):
    """One page of ``GET /offers/changes``: store ``next_since`` once the page is applied."""

    items: list[Offer]
    deleted: list[Id]
    next_since: str
    has_more: bool


# -- the delta feed as JSON ------------------------------------------------------------------------
# The sync reads 100,000 offers in pages of 500 and stores them as JSON. Building the models above for
# that, then writing them back to JSON, cost three times the time of checking the page: these TypedDicts
# are checked just as strictly (the same fields, types and required keys, unknown fields kept; see
# tests/api_client/test_feed_json.py) and come out as plain JSON dicts. Money amounts stay decimal
# strings; timestamps are checked and become datetimes.
_KEEP_EXTRA = ConfigDict(extra="allow")
AmountJson = Annotated[str, Field(pattern=DECIMAL_PATTERN)]
#: a rate or percentage: a decimal string or a JSON number (never a boolean)
NumberJson = AmountJson | int | float


class MoneyJson(TypedDict):
    __pydantic_config__ = _KEEP_EXTRA  # type: ignore[misc]
    amount: AmountJson
    currency: str


class SellerRefJson(TypedDict):
    __pydantic_config__ = _KEEP_EXTRA  # type: ignore[misc]
    id: Id
    name: str
    country: str
    rating: NumberJson | None


class WarehouseJson(TypedDict):
    __pydantic_config__ = _KEEP_EXTRA  # type: ignore[misc]
    id: Id
    country: str
    city: str
    min_order_value: MoneyJson


class PackagingJson(TypedDict):
    __pydantic_config__ = _KEEP_EXTRA  # type: ignore[misc]
    id: Id
    label: str
    units: int


class PromotionJson(TypedDict):
    __pydantic_config__ = _KEEP_EXTRA  # type: ignore[misc]
    discount_percent: int
    ends_at: datetime | None


class _PriceTierJsonOptional(TypedDict, total=False):
    __pydantic_config__ = _KEEP_EXTRA  # type: ignore[misc]
    list_price: MoneyJson | None


class PriceTierJson(_PriceTierJsonOptional):
    min_units: int
    unit_price: MoneyJson


class _OfferJsonOptional(TypedDict, total=False):
    __pydantic_config__ = _KEEP_EXTRA  # type: ignore[misc]
    list_price: MoneyJson | None
    price_tiers: list[PriceTierJson]


class OfferJson(_OfferJsonOptional):
    """:class:`Offer` as a checked JSON dict."""

    id: Id
    sku: str
    title: str
    description: str
    category_id: Id
    seller: SellerRefJson
    warehouse: WarehouseJson
    unit_price: MoneyJson
    packagings: list[PackagingJson]
    moq_units: int
    stock_units: int
    collections: list[Collection]
    promotion: PromotionJson | None
    image_urls: list[str]
    updated_at: datetime
    version: int


class OfferChangesJson(TypedDict):
    """:class:`OfferChanges` with its offers as :class:`OfferJson` dicts."""

    __pydantic_config__ = _KEEP_EXTRA  # type: ignore[misc]
    items: list[OfferJson]
    deleted: list[Id]
    next_since: str
    has_more: bool
