"""Card payments: the checkout page's JSON (confirm, status), the retry link, Stripe's webhook answer."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from .common import Money, Strict


class ConfirmRequest(Strict):
    t: str = Field(max_length=128, description="The signed token from the page link")
    payment_method: str = Field(pattern=r"^(pm|card)_[A-Za-z0-9_]{1,96}$",
                                description="From Stripe.js: a PaymentMethod id (or a card id from a token)")


class AttemptResult(BaseModel):
    status: Literal["paid", "failed", "requires_action", "processing"]
    message: str
    client_secret: str | None = Field(None, description="Only with requires_action: for Stripe.js")


class PaymentState(BaseModel):
    ref: str
    payment_status: Literal["pending", "paid", "failed", "refunded"]
    message: str | None
    total: Money


class RetryResponse(BaseModel):
    checkout_url: str = Field(examples=["http://127.0.0.1:8000/pay/G-7K2M9Q?t=3f1c..."],
                              description="The card checkout page to open in the system browser")
    status: Literal["pending"] = Field(description="Payment status: pending again after a failure")


class WebhookAck(BaseModel):
    received: bool = True
    applied: bool = Field(description="False for a redelivery, an ignored type or a stale attempt")
