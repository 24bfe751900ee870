"""Cart quote and checkout: what the client sends and what it gets back."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .common import MAX_ID, Email, Money, Strict

MAX_LINES = 500
MAX_QUANTITY = 1_000_000

PaymentMethod = Literal["card", "bank_transfer", "multibanco"]


class CartLineIn(Strict):
    """`quantity` counts packagings: units = quantity × packaging.units."""

    # strict: 2.0, true or "3" are refused (422), not read as a number
    offer_id: int = Field(ge=1, le=MAX_ID, strict=True)
    packaging_id: int = Field(ge=1, le=MAX_ID, strict=True)
    quantity: int = Field(ge=1, le=MAX_QUANTITY, strict=True, description="Number of packagings (1 to 1,000,000)")


class CheckoutLineIn(CartLineIn):
    expected_unit_price: Decimal | None = Field(
        default=None,
        ge=0,
        max_digits=14,
        decimal_places=2,
        description="The unit price the buyer was shown (the quote's, in the checkout currency); a "
        "different server price → 409 `price_changed`. Omit it to take the server's price.",
        examples=["2.60"],
    )


class QuoteIn(Strict):
    currency: str = Field(
        default="EUR", max_length=16, description="One of the 12 currencies; any other code prices in EUR"
    )
    lines: list[CartLineIn] = Field(max_length=MAX_LINES)


class Issue(BaseModel):
    """A quote issue. Line issues carry `offer_id` and `packaging_id`; some codes add fields:
    `insufficient_stock` → `available_units`, `below_moq` → `moq_units`,
    `below_min_order_value` → `minimum` and `shortfall` (Money)."""

    model_config = ConfigDict(extra="allow")
    code: str = Field(examples=["insufficient_stock"])
    message: str


class WarehouseOut(BaseModel):
    id: int
    country: str
    city: str
    min_order_value: Money


class SellerBrief(BaseModel):
    id: int
    name: str
    country: str


class AppliedTierOut(BaseModel):
    min_units: int = Field(description="The volume price applied: the offer's tier from this many units")


class NextTierOut(BaseModel):
    min_units: int
    unit_price: Money
    units_missing: int = Field(description="More units of this offer (over all its lines) to reach it")


class QuoteLineOut(BaseModel):
    offer_id: int
    packaging_id: int
    quantity: int
    units: int
    sku: str
    title: str
    unit_price: Money
    line_total: Money
    issues: list[Issue]
    tier: AppliedTierOut | None = Field(description="The volume price applied; null: the offer's unit price")
    next_tier: NextTierOut | None = Field(description="The offer's next volume price up, if any")


class ShippingMethodOut(BaseModel):
    id: int = Field(description="1 standard freight, 2 express, 3 warehouse pickup")
    name: str
    price: Money
    days: int


class QuoteGroupOut(BaseModel):
    warehouse: WarehouseOut
    seller: SellerBrief
    lines: list[QuoteLineOut]
    shipping_methods: list[ShippingMethodOut]
    subtotal: Money
    issues: list[Issue]


class QuoteOut(BaseModel):
    currency: str
    groups: list[QuoteGroupOut]
    total: Money = Field(description="Sum of the group subtotals, before shipping")
    issues: list[Issue] = Field(description="Issues of lines that belong to no group (offer_not_found)")


# --- checkout -------------------------------------------------------------------------------------


class CheckoutCompanyIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    vat_number: str = Field(min_length=1, max_length=32)
    address: str = Field(min_length=1, max_length=500)


class DeliveryAddressIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    street: str = Field(min_length=1, max_length=300)
    postcode: str = Field(min_length=1, max_length=20)
    city: str = Field(min_length=1, max_length=100)
    country: str = Field(min_length=2, max_length=2, pattern="^[A-Za-z]{2}$")
    phone: str | None = Field(default=None, max_length=40)

    @field_validator("country")
    @classmethod
    def _upper(cls, v: str) -> str:
        return v.upper()


class GuestIn(Strict):
    email: Email


class CheckoutIn(Strict):
    currency: str = Field(default="EUR", max_length=16)
    lines: list[CheckoutLineIn] = Field(min_length=1, max_length=MAX_LINES)
    shipping: dict[str, int] = Field(
        max_length=MAX_LINES, description="Warehouse id (as a string key) → shipping method id, one per group"
    )
    company: CheckoutCompanyIn
    delivery_address: DeliveryAddressIn
    payment_method: PaymentMethod
    guest: GuestIn | None = Field(
        default=None, description="Checkout without an account; ignored when signed in"
    )


class PaymentOut(BaseModel):
    """`card`: `checkout_url`; `bank_transfer`: `iban`, `bic`, `beneficiary`, `reference`, `amount`;
    `multibanco`: `entity`, `reference`, `amount`, `expires_at`."""

    model_config = ConfigDict(extra="allow")
    method: PaymentMethod
    status: str = Field(examples=["pending"])
    checkout_url: str | None = None
    iban: str | None = None
    bic: str | None = None
    beneficiary: str | None = None
    reference: str | None = None
    entity: str | None = None
    amount: Money | None = None
    expires_at: datetime | None = None
