"""Orders, as the buyer and the seller see them, and the list filters they share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field

from ..errors import ApiError
from .common import MAX_ID, Money, Strict

PAYMENT_STATUSES = ("pending", "paid", "failed", "refunded")
SHIPPING_STATUSES = ("awaiting_preparation", "preparing", "shipped", "delivered", "cancelled")
OrderSort = Literal["-created_at", "created_at", "-total", "total"]


class OrderLineOut(BaseModel):
    offer_id: int
    sku: str
    title: str
    packaging_id: int
    packaging_label: str
    packaging_units: int
    quantity: int = Field(description="Packagings")
    units: int
    unit_price: Money
    line_total: Money


class OrderSellerOut(BaseModel):
    id: int
    name: str
    email: str | None
    phone: str | None
    country: str


class OriginOut(BaseModel):
    warehouse_country: str
    country: str = Field(description="Same as warehouse_country")
    city: str


class TrackingOut(BaseModel):
    carrier: str | None
    number: str
    url: str | None = Field(
        description="The carrier's tracking page, for DHL, UPS, DPD, GLS, Colissimo, FedEx…"
    )


class HistoryOut(BaseModel):
    at: datetime
    event: str = Field(examples=["created", "payment_received", "shipped", "cancelled", "refunded"])
    detail: str = Field(description="An English sentence, kept for older clients; word `event` + `params` instead")
    params: dict[str, str | int] = Field(
        default_factory=dict,
        description="What the event needs to be worded in any language: payment_method (created, "
        "payment_received, payment_retried; payment_received's by = the e-mail of whoever confirmed it by "
        "hand), by = buyer | seller and reason (cancelled; the reason is the canceller's own words), reason "
        "(payment_failed, the provider's words), carrier and tracking_number (shipped), amount and currency "
        "(refunded; after = cancellation when the money came after it), rating (reviewed, 1 to 5)",
        examples=[{"payment_method": "bank_transfer"}, {"carrier": "DHL", "tracking_number": "123"}],
    )


class OrderOut(BaseModel):
    ref: str = Field(examples=["O-7K3D9Q2A-1"])
    group_ref: str = Field(examples=["G-7K3D9Q2A"])
    created_at: datetime
    updated_at: datetime
    currency: str
    lines: list[OrderLineOut]
    subtotal: Money
    shipping_price: Money
    total: Money
    total_eur: Money = Field(description="The total in EUR at the locked rate: what `sort=total` orders by")
    seller: OrderSellerOut
    origin: OriginOut
    payment_method: Literal["card", "bank_transfer", "multibanco"]
    payment_status: Literal["pending", "paid", "failed", "refunded"]
    shipping_status: Literal["awaiting_preparation", "preparing", "shipped", "delivered", "cancelled"]
    shipping_method: str | None
    tracking: TrackingOut | None
    shipped_at: datetime | None
    delivered_at: datetime | None
    cancelled_at: datetime | None
    can_cancel: bool
    can_review: bool
    allowed_shipping: list[Literal["preparing", "shipped", "delivered", "cancelled"]] = Field(
        description="What the seller may do next (`POST /seller/orders/{ref}/shipping` with one of "
        "preparing, shipped, delivered; `cancelled`: `POST /seller/orders/{ref}/cancel`). A paid order "
        "moves forward; an unpaid one (pending) may only be prepared; a failed or refunded payment allows "
        "no shipping step (409 `shipping_not_allowed`); a refunded, delivered or cancelled order cannot "
        "be cancelled",
        examples=[["preparing", "shipped", "cancelled"]],
    )
    history: list[HistoryOut]


class OrderPage(BaseModel):
    items: list[OrderOut]
    next_cursor: str | None


class OrderGroupOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    ref: str
    created_at: datetime
    currency: str
    rate_per_eur: str = Field(description="The exchange rate locked at checkout")
    orders: list[OrderOut]
    total: Money
    payment_method: str
    payment_status: str
    payment: dict[str, Any] = Field(description="How to pay (see checkout's `payment`)")


class CheckoutOut(BaseModel):
    order_group: OrderGroupOut
    payment: dict[str, Any] = Field(
        description="card: checkout_url; bank_transfer: iban, bic, beneficiary, "
        "reference, amount; multibanco: entity, reference, amount, expires_at"
    )
    guest_token: str | None = Field(default=None, description="Guest checkout only: reads this order group")


class CancelIn(Strict):
    reason: str = Field(default="", max_length=500)


class ItemRatingIn(Strict):
    offer_id: int = Field(ge=1, le=MAX_ID)
    rating: int = Field(ge=1, le=5)


class ReviewIn(Strict):
    seller_rating: int = Field(ge=1, le=5)
    delivery_rating: int = Field(ge=1, le=5)
    item_ratings: list[ItemRatingIn] = Field(default_factory=list, max_length=500)
    comment: str = Field(default="", max_length=4000)


class ReviewOut(BaseModel):
    order_ref: str
    seller_rating: int
    delivery_rating: int
    item_ratings: list[dict[str, int]]
    comment: str
    created_at: datetime


class ShippingUpdateIn(Strict):
    status: Literal["preparing", "shipped", "delivered"]
    carrier: str | None = Field(default=None, max_length=60)
    tracking_number: str | None = Field(default=None, max_length=80)


@dataclass
class OrderFilters:
    payment_status: list[str]
    shipping_status: list[str]
    created_from: date | None
    created_to: date | None
    q: str | None
    sort: str
    updated_since: datetime | None
    limit: int
    cursor: str | None


def _statuses(
    raw: str | None, allowed: tuple[str, ...], field: str
) -> tuple[list[str], list[dict[str, str]]]:
    if raw is None or not raw.strip():
        return [], []
    values = [v.strip() for v in raw.split(",") if v.strip()]
    bad = [v for v in values if v not in allowed]
    errors = [
        {"field": field, "code": "invalid_choice", "message": f"{v!r} is not one of {', '.join(allowed)}."}
        for v in bad
    ]
    return values, errors


def order_filters(
    payment_status: Annotated[
        str | None, Query(max_length=200, description="Comma list, e.g. `pending,paid`")
    ] = None,
    shipping_status: Annotated[str | None, Query(max_length=200, description="Comma list")] = None,
    created_from: Annotated[date | None, Query(description="UTC date, inclusive")] = None,
    created_to: Annotated[date | None, Query(description="UTC date, inclusive")] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Order ref, group ref, seller name, SKU or title")
    ] = None,
    sort: Annotated[OrderSort, Query()] = "-created_at",
    updated_since: Annotated[
        datetime | None,
        Query(description="RFC 3339; only orders changed strictly after it (status, tracking, payment…)"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> OrderFilters:
    pay, errors = _statuses(payment_status, PAYMENT_STATUSES, "payment_status")
    ship, more = _statuses(shipping_status, SHIPPING_STATUSES, "shipping_status")
    errors += more
    if created_from and created_to and created_from > created_to:
        errors.append(
            {"field": "created_from", "code": "invalid_range", "message": "created_from is after created_to."}
        )
    if updated_since is not None and updated_since.tzinfo is None:
        errors.append(
            {
                "field": "updated_since",
                "code": "invalid",
                "message": "Give an RFC 3339 time with its offset, e.g. 2026-01-31T12:00:00Z.",
            }
        )
    if errors:
        raise ApiError(422, "validation_error", "; ".join(e["message"] for e in errors), errors=errors)
    return OrderFilters(
        pay,
        ship,
        created_from,
        created_to,
        (q or "").strip().lower() or None,
        sort,
        updated_since,
        limit,
        cursor,
    )
