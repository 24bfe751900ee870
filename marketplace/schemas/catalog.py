"""Catalog shapes: currencies, categories, offers, sellers, the change feed, and the seller's offer edits."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, field_validator

from .common import CURRENCY_CODES, MAX_ID, Money, Strict
from .offer_text import MAX_SKU, MAX_TITLE, check_sku, check_title

CollectionName = Literal["weekly", "surplus", "promotion"]
SortName = Literal["relevance", "price", "-price", "newest"]

#: database ids are 32-bit on every dialect we run; anything bigger cannot exist
MAX_UNITS = 2**31 - 1
#: what a MONEY (14, 2) column holds
MAX_AMOUNT = Decimal("999999999999.99")

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class CurrencyOut(BaseModel):
    code: str = Field(examples=["USD"])
    name: str = Field(examples=["US dollar"])
    rate_per_eur: Decimal = Field(description="Units of this currency per euro", examples=["1.085"])
    updated_at: datetime


class CategoryOut(BaseModel):
    id: int
    name: str
    parent_id: int | None
    offer_count: int = Field(description="Live offers in this category and all its sub-categories")


class SellerRef(BaseModel):
    id: int
    name: str
    country: str
    rating: Decimal | None = Field(description="Average seller rating, 1 to 5; null before any review")


class WarehouseOut(BaseModel):
    id: int
    country: str
    city: str
    min_order_value: Money


class SellerWarehouseOut(WarehouseOut):
    code: str = Field(description="The seller's own name for the warehouse, used by the CSV import")


class PackagingOut(BaseModel):
    id: int
    label: str = Field(examples=["carton"])
    units: int = Field(examples=[12])


class PromotionOut(BaseModel):
    discount_percent: int = Field(examples=[15])
    ends_at: datetime | None


class PriceTierOut(BaseModel):
    min_units: int = Field(description="From this many units of the offer in the cart (over all its lines)")
    unit_price: Money = Field(description="What the buyer pays per unit from there, any promotion applied")
    list_price: Money = Field(description="The tier's per-unit price before any promotion")


class OfferOut(BaseModel):
    id: int
    sku: str
    title: str
    description: str
    category_id: int
    seller: SellerRef
    warehouse: WarehouseOut
    unit_price: Money = Field(description="What the buyer pays per unit now, any promotion applied")
    list_price: Money = Field(description="Per-unit price before any promotion")
    packagings: list[PackagingOut]
    moq_units: int
    stock_units: int
    collections: list[CollectionName]
    promotion: PromotionOut | None
    price_tiers: list[PriceTierOut] = Field(
        description="Volume prices, ascending min_units and falling prices; [] when the offer has none"
    )
    image_urls: list[str]
    updated_at: datetime
    version: int = Field(description="Increases on every change; send it back as If-Match when editing")


class OfferPage(BaseModel):
    items: list[OfferOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page")


class OfferChanges(BaseModel):
    """One page of the delta feed: apply it, then store `next_since`."""

    items: list[OfferOut] = Field(description="Offers created or changed after `since`, prices in EUR")
    deleted: list[int] = Field(description="Ids of offers removed after `since`")
    next_since: str = Field(description="Opaque token for the next call")
    has_more: bool


class SellerProfile(BaseModel):
    id: int
    name: str
    country: str
    rating: Decimal | None
    review_count: int
    description: str
    member_since: datetime
    offer_count: int = Field(description="Live offers")


# --- seller input ---------------------------------------------------------------------------------


class PackagingIn(Strict):
    label: str = Field(
        min_length=1,
        max_length=60,
        pattern=r"^[^|:]+$",
        examples=["carton"],
        description="No `|` or `:` (the CSV format uses them)",
    )
    units: int = Field(ge=1, le=1_000_000, examples=[12])


class PromotionIn(Strict):
    discount_percent: int = Field(ge=1, le=90)
    ends_at: datetime = Field(description="In the future, with a time zone")

    @field_validator("ends_at")
    @classmethod
    def _aware_future(cls, v: datetime) -> datetime:
        if v.tzinfo is None:
            raise ValueError("naive_datetime: Give ends_at with a time zone (e.g. Z).")
        if v <= datetime.now(UTC):
            raise ValueError("in_the_past: The promotion must end in the future.")
        return v


class PriceIn(Strict):
    """A per-unit list price in one of the 12 currencies; stored in EUR at today's rate."""

    amount: Annotated[Decimal, Field(gt=0, le=MAX_AMOUNT, max_digits=14, decimal_places=2)]
    currency: str = Field(default="EUR", min_length=3, max_length=3)

    @field_validator("currency")
    @classmethod
    def _known(cls, v: str) -> str:
        v = v.upper()
        if v not in CURRENCY_CODES:
            raise ValueError("invalid_currency: Use one of " + ", ".join(CURRENCY_CODES) + ".")
        return v


class PriceTierIn(Strict):
    """A volume price: from `min_units` units, `unit_price` per unit (a list price; a promotion
    discounts it like the offer's price)."""

    min_units: int = Field(ge=2, le=MAX_UNITS, strict=True, examples=[100])
    unit_price: PriceIn


#: the count and order rules are the service's (services/price_tiers.py: 422 `invalid_price_tiers`),
#: the same for the CSV import
PriceTiers = Annotated[
    list[PriceTierIn],
    Field(
        max_length=20,
        description="At most 5, min_units rising and above moq_units, each price below the one before "
        "and the first below unit_price; PATCH replaces the list, [] removes every tier",
    ),
]


# The length is in the schema (OpenAPI) and checked again, with control characters, by the rule the
# CSV import shares (offer_text.line_problem).
Sku = Annotated[str, Field(min_length=1, max_length=MAX_SKU), AfterValidator(check_sku)]
Title = Annotated[str, Field(min_length=1, max_length=MAX_TITLE), AfterValidator(check_title)]
Description = Annotated[str, Field(max_length=10_000)]
Packagings = Annotated[list[PackagingIn], Field(min_length=1, max_length=20)]
Collections = Annotated[list[Literal["weekly", "surplus"]], Field(max_length=2)]


class OfferCreate(Strict):
    """A new offer. `unit_price` is the list price; a promotion discounts it."""

    sku: Sku
    title: Title
    description: Description = ""
    category_id: Id
    warehouse_id: Id
    unit_price: PriceIn
    packagings: Packagings
    moq_units: int = Field(default=1, ge=1, le=MAX_UNITS)
    stock_units: int = Field(default=0, ge=0, le=MAX_UNITS)
    collections: Collections = Field(
        default_factory=list, description="`promotion` follows the `promotion` field"
    )
    promotion: PromotionIn | None = None
    price_tiers: PriceTiers = Field(default_factory=list)

    @field_validator("packagings")
    @classmethod
    def _distinct_labels(cls, v: list[PackagingIn]) -> list[PackagingIn]:
        return _distinct(v)


class OfferPatch(Strict):
    """Only the fields sent change. `promotion: null` ends a running promotion."""

    sku: Sku | None = None
    title: Title | None = None
    description: Description | None = None
    category_id: Id | None = None
    warehouse_id: Id | None = None
    unit_price: PriceIn | None = None
    packagings: Packagings | None = None
    moq_units: int | None = Field(default=None, ge=1, le=MAX_UNITS)
    stock_units: int | None = Field(default=None, ge=0, le=MAX_UNITS)
    collections: Collections | None = None
    promotion: PromotionIn | None = None
    price_tiers: PriceTiers | None = None

    @field_validator("packagings")
    @classmethod
    def _distinct_labels(cls, v: list[PackagingIn] | None) -> list[PackagingIn] | None:
        return _distinct(v) if v is not None else v


def _distinct(packagings: list[PackagingIn]) -> list[PackagingIn]:
    labels = [p.label.lower() for p in packagings]
    if len(set(labels)) != len(labels):
        raise ValueError("duplicate_packaging: Each packaging needs its own label.")
    return packagings


class ImportRowError(BaseModel):
    row: int = Field(description="Line of the CSV file, the header being line 1")
    field: str
    code: str
    message: str
    sku: str | None = Field(default=None, description="The row's SKU as the file gives it, when it has one")


class ImportFieldChange(BaseModel):
    field: str = Field(description="The CSV column, e.g. `stock_units`")
    old: str = Field(description="The offer's value on the server now, as the export writes it")
    new: str = Field(description="The file's value")


class ImportRowChange(BaseModel):
    """One row that updates an offer: what it changes, and whether the offer changed on the server
    after the file was exported."""

    row: int = Field(description="Line of the CSV file, the header being line 1")
    sku: str
    changes: list[ImportFieldChange]
    stale: bool = Field(
        description="The offer's version on the server is newer than the file's `version` cell: it was edited "
        "after the export, and importing the row overwrites those edits (see `old`)"
    )
    file_version: int | None = Field(description="The row's `version` cell (none: the file has no version)")
    server_version: int
    server_updated_at: datetime


class ImportReport(BaseModel):
    created: int
    updated: int = Field(description="Rows that update an offer (stale rows skipped with `stale=skip` not counted)")
    unchanged: int
    errors: list[ImportRowError]
    dry_run: bool
    applied: bool = Field(description="Whether anything was written (never with errors or on a dry run)")
    stale: int = Field(0, description="Rows whose offer changed on the server after the file was exported")
    skipped: int = Field(0, description="Stale rows left as they are on the server (`stale=skip`)")
    changes: list[ImportRowChange] = Field(
        default_factory=list, description="Each row that updates an offer, field by field, in file order"
    )
