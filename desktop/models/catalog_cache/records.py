"""What the catalog cache gives and takes: the query of the catalog table and the records it reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from desktop.models import money

Collection = Literal["weekly", "surplus", "promotion"]
Sort = Literal["relevance", "price", "-price", "newest"]
COLLECTIONS: tuple[str, ...] = ("weekly", "surplus", "promotion")
SORTS: tuple[str, ...] = ("relevance", "price", "-price", "newest")

@dataclass(frozen=True, slots=True)
class OfferQuery:
    """What the catalog table shows. Every field narrows the result; None means "any"."""

    text: str = ""
    category_id: int | None = None  # includes its sub-categories
    collection: Collection | None = None  # "promotion": only running promotions
    country: str | None = None  # the warehouse's country (where the goods ship from), ISO 3166 alpha-2
    seller_id: int | None = None
    min_price: Decimal | None = None  # per unit, EUR, the price the buyer pays now
    max_price: Decimal | None = None
    in_stock: bool = False
    sort: Sort = "relevance"  # relevance without text = newest first

    def __post_init__(self) -> None:
        if self.collection is not None and self.collection not in COLLECTIONS:
            raise ValueError(f"unknown collection {self.collection!r}; expected one of {COLLECTIONS}")
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}; expected one of {SORTS}")


@dataclass(frozen=True, slots=True)
class OfferRow:
    """What a catalog table row shows: read in batches by `CatalogCache.rows`."""

    id: int
    sku: str
    title: str
    category_id: int | None
    seller_id: int | None
    seller_name: str
    seller_country: str | None
    warehouse_id: int | None
    warehouse_country: str | None
    warehouse_city: str | None
    currency: str  # the currency of list_price (EUR for the demo's offers)
    list_price: Decimal  # per unit, before any promotion
    list_price_eur: Decimal | None  # None while the offer's currency has no known rate
    promo_discount: Decimal | None  # percent
    promo_price: Decimal | None  # per unit while the promotion runs, in `currency`
    promo_ends_at: datetime | None
    moq_units: int
    stock_units: int
    collections: tuple[str, ...]
    thumbnail_url: str | None
    updated_at: datetime | None
    version: int

    @property
    def promotion(self) -> dict[str, Any] | None:
        if self.promo_discount is None:
            return None
        ends = self.promo_ends_at.isoformat() if self.promo_ends_at else None
        return {"discount_percent": self.promo_discount, "ends_at": ends}

    def promotion_active(self, now: datetime) -> bool:
        return money.promotion_active(self.promotion, now)

    def unit_price(self, now: datetime) -> money.Money:
        """The price per unit the buyer pays at `now`, in the offer's currency."""
        if self.promo_price is not None and self.promotion_active(now):
            return money.Money(self.promo_price, self.currency)
        return money.Money(money.quantize(self.list_price), self.currency)

    @property
    def in_stock(self) -> bool:
        return self.stock_units > 0


@dataclass(frozen=True, slots=True)
class Category:
    id: int
    name: str
    parent_id: int | None
    offer_count: int


@dataclass(frozen=True, slots=True)
class Currency:
    code: str
    name: str
    rate_per_eur: Decimal
    updated_at: datetime | None


@dataclass(frozen=True, slots=True)
class Seller:
    id: int
    name: str
    country: str | None
    rating: Decimal | None
    review_count: int | None

