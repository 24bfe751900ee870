"""Orders, as the buyer and the seller see them."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from ._common import Id, Money, RequestModel, Resource

PaymentStatus = Literal["pending", "paid", "failed", "refunded"]
ShippingStatus = Literal["awaiting_preparation", "preparing", "shipped", "delivered", "cancelled"]
OrderSort = Literal["-created_at", "created_at", "-total", "total"]


class OrderLine(Resource):
    offer_id: Id
    sku: str
    title: str
    packaging_id: Id
    packaging_label: str | None = None
    packaging_units: int | None = None
    #: packagings
    quantity: int
    units: int
    unit_price: Money
    line_total: Money


class OrderSeller(Resource):
    id: Id
    name: str
    email: str | None
    phone: str | None
    country: str


class Origin(Resource):
    country: str
    city: str


class Tracking(Resource):
    carrier: str | None
    number: str
    url: str | None = None


class HistoryEntry(Resource):
    at: datetime
    event: str
    #: the server's English sentence (older servers send only this)
    detail: str | None
    #: what the client words the event with: payment_method, by, reason, carrier, tracking_number, amount…
    params: dict[str, str | int] = Field(default_factory=dict)


class Order(Resource):
    ref: str
    group_ref: str
    created_at: datetime
    #: bumped on every change: what ``orders.list(updated_since=...)`` compares
    updated_at: datetime | None = None
    currency: str
    lines: list[OrderLine]
    subtotal: Money
    shipping_price: Money
    total: Money
    seller: OrderSeller
    origin: Origin
    payment_method: str | None = None
    payment_status: PaymentStatus
    shipping_status: ShippingStatus
    shipping_method: str | None
    tracking: Tracking | None
    shipped_at: datetime | None
    delivered_at: datetime | None
    cancelled_at: datetime | None = None
    can_cancel: bool
    can_review: bool
    #: what the seller may do next (preparing, shipped, delivered, cancelled); None from a server (or a
    #: cached order) from before it said so
    allowed_shipping: list[str] | None = None
    history: list[HistoryEntry]


class CancelRequest(RequestModel):
    reason: str


class ItemRating(RequestModel):
    offer_id: Id
    rating: int = Field(ge=1, le=5)


class ReviewRequest(RequestModel):
    seller_rating: int = Field(ge=1, le=5)
    delivery_rating: int = Field(ge=1, le=5)
    item_ratings: list[ItemRating] = Field(default_factory=list)
    comment: str = ""


class Review(Resource):
    """What ``POST /orders/{ref}/review`` answers."""

    order_ref: str
    seller_rating: int
    delivery_rating: int
    comment: str
    created_at: datetime


class ShippingUpdate(RequestModel):
    status: Literal["preparing", "shipped", "delivered"]
    carrier: str | None = None
    tracking_number: str | None = None
