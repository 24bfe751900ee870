"""Cart quote, checkout and payments."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, SecretStr

from ._common import DecimalString, Id, Money, RequestModel, Resource
from .catalog import Warehouse
from .orders import Order

PaymentMethod = Literal["card", "bank_transfer", "multibanco"]


class CartLine(RequestModel):
    """``quantity`` counts packagings: units = quantity × packaging.units."""

    offer_id: Id
    packaging_id: Id
    quantity: int = Field(ge=1)


class CheckoutLine(CartLine):
    """A checkout line may say the unit price the buyer was shown (the quote's, in the checkout's
    currency); the server's price is authoritative, and a different one → 409 ``price_changed``."""

    expected_unit_price: DecimalString | None = None


class QuoteRequest(RequestModel):
    currency: str
    lines: list[CartLine]


class Issue(Resource):
    """A quote or checkout issue; extra members (``available_units``, ``moq_units``,
    ``minimum``, ``shortfall``…) are kept as extra fields."""

    code: str
    message: str
    offer_id: Id | None = None
    packaging_id: Id | None = None
    available_units: int | None = None
    moq_units: int | None = None
    #: ``price_changed``: the price the buyer was shown and the one the server charges now
    expected_unit_price: Money | None = None
    unit_price: Money | None = None


class ShippingMethod(Resource):
    id: Id
    name: str
    price: Money
    days: int


class AppliedTier(Resource):
    min_units: int


class NextTier(Resource):
    """The next volume price up: ``units_missing`` more units of the offer reach ``unit_price``."""

    min_units: int
    unit_price: Money
    units_missing: int


class QuoteLine(Resource):
    offer_id: Id
    packaging_id: Id
    quantity: int
    units: int
    sku: str
    title: str
    unit_price: Money
    line_total: Money
    issues: list[Issue]
    #: the volume price applied (None: the offer's base price) and the next one up, if any
    tier: AppliedTier | None = None
    next_tier: NextTier | None = None


class QuoteSeller(Resource):
    id: Id
    name: str
    country: str


class QuoteGroup(Resource):
    """One warehouse of the cart, which becomes one seller order."""

    warehouse: Warehouse
    seller: QuoteSeller
    lines: list[QuoteLine]
    shipping_methods: list[ShippingMethod]
    subtotal: Money
    issues: list[Issue]


class Quote(Resource):
    currency: str
    groups: list[QuoteGroup]
    total: Money
    issues: list[Issue]

    @property
    def all_issues(self) -> list[Issue]:
        out = list(self.issues)
        for group in self.groups:
            out.extend(group.issues)
            for line in group.lines:
                out.extend(line.issues)
        return out


class CheckoutCompany(RequestModel):
    name: str
    vat_number: str
    address: str


class DeliveryAddress(RequestModel):
    name: str
    street: str
    postcode: str
    city: str
    country: str
    phone: str | None = None


class Guest(RequestModel):
    email: str


class CheckoutRequest(RequestModel):
    currency: str
    lines: list[CheckoutLine]
    #: warehouse id → shipping method id
    shipping: dict[str, Id]
    company: CheckoutCompany
    delivery_address: DeliveryAddress
    payment_method: PaymentMethod
    guest: Guest | None = None


class CardPayment(Resource):
    method: Literal["card"]
    status: str
    checkout_url: str


class BankTransferPayment(Resource):
    method: Literal["bank_transfer"]
    status: str
    iban: str
    bic: str
    beneficiary: str
    reference: str
    amount: Money


class MultibancoPayment(Resource):
    method: Literal["multibanco"]
    status: str
    entity: str
    reference: str
    amount: Money
    expires_at: datetime


Payment = Annotated[CardPayment | BankTransferPayment | MultibancoPayment, Field(discriminator="method")]


class OrderGroup(Resource):
    """The orders of one checkout (one per warehouse), paid together."""

    ref: str
    orders: list[Order]
    total: Money
    created_at: datetime | None = None
    payment_method: PaymentMethod | None = None
    payment_status: str | None = None


class CheckoutResult(Resource):
    order_group: OrderGroup
    payment: Payment
    guest_token: SecretStr | None = None
    #: set by the client from the ``Idempotent-Replayed: true`` header
    replayed: bool = False


class PaymentRetry(Resource):
    """``POST /payments/{group_ref}/retry``: a fresh checkout page for an unpaid card payment."""

    checkout_url: str
    status: str
