"""Catalog: currencies, categories, offers, sellers, the offers delta feed."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ._common import DecimalNumber, Id, Money, Resource

Collection = Literal["weekly", "surplus", "promotion"]
OfferSort = Literal["relevance", "price", "-price", "newest"]

CURRENCY_CODES = ("EUR", "USD", "CHF", "CZK", "DKK", "GBP", "HUF", "NOK", "PLN", "RON", "SEK", "UAH")


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
