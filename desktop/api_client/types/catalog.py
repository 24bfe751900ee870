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
    discount_percent: DecimalNumber
    ends_at: datetime | None


class Offer(Resource):
    id: Id
    sku: str
    title: str
    description: str | None
    category_id: Id
    seller: SellerRef
    warehouse: Warehouse
    unit_price: Money
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


class OfferChanges(Resource):
    """One page of ``GET /offers/changes``: store ``next_since`` once the page is applied."""

    items: list[Offer]
    deleted: list[Id]
    next_since: str
    has_more: bool
