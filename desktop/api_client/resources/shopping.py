"""``client.cart`` (quote), ``client.checkout``, ``client.payments``, ``client.admin``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._base import dump
from ..types import (
    CartLine,
    CheckoutRequest,
    CheckoutResult,
    OrderGroup,
    PaymentRetry,
    Quote,
    QuoteRequest,
)
from ._resource import ApiResource, seg


class Cart(ApiResource):
    def quote(self, lines: Iterable[CartLine | dict], currency: str = "EUR") -> Quote:
        """Prices, shipping methods and every issue of a cart; never fails for stock/MOQ issues."""
        body = QuoteRequest(currency=currency, lines=[_line(line) for line in lines])
        # a read sent as POST (nothing is written): the read timeout, and retried as a read is
        response = self._client.request("POST", "/cart/quote", json_body=dump(body),
                                        timeout=self._client.config.read_timeout)
        return self._client.parse(response, Quote)


class Checkout(ApiResource):
    def place(self, request: CheckoutRequest, *, idempotency_key: str) -> CheckoutResult:
        """Place the orders. ``idempotency_key`` is made once per "Place order" action and kept with it
        (across restarts): every retry, here or after a restart, must send the same key.

        Issues → UnprocessableError (422, same codes as the quote), stock taken meanwhile →
        ConflictError ``stock_changed``; a guest checkout answers a ``guest_token``
        (use it with ``client.set_token(result.guest_token, persist=False)``).
        """
        if not idempotency_key:
            raise ValueError("checkout needs the action's Idempotency-Key")
        response = self._client.request(
            "POST",
            "/checkout",
            json_body=dump(request, exclude_none=True),
            idempotency_key=idempotency_key,
            timeout=self._client.config.read_timeout,  # the payment provider's time too: retried as before
        )
        result = self._client.parse(response, CheckoutResult)
        if response.headers.get("idempotent-replayed", "").lower() == "true":
            result = result.model_copy(update={"replayed": True})
        return result


class Payments(ApiResource):
    def retry(self, group_ref: str, *, idempotency_key: str | None = None) -> PaymentRetry:
        """A fresh card checkout page for an unpaid order group."""
        response = self._client.request(
            "POST", f"/payments/{seg(group_ref)}/retry", idempotency_key=idempotency_key,
            timeout=self._client.config.read_timeout,  # the payment provider's time too, as checkout
        )
        return self._client.parse(response, PaymentRetry)


class Admin(ApiResource):
    def payment_received(self, group_ref: str, *, idempotency_key: str | None = None) -> OrderGroup:
        """Confirm a bank transfer or Multibanco payment: the group and its orders become ``paid``.
        Card groups → ConflictError ``not_manual_payment``."""
        response = self._client.request(
            "POST", f"/admin/payment-groups/{seg(group_ref)}/received", idempotency_key=idempotency_key
        )
        return self._client.parse(response, OrderGroup)


def _line(line: CartLine | dict[str, Any]) -> CartLine:
    return line if isinstance(line, CartLine) else CartLine.model_validate(line)


__all__ = ["Admin", "Cart", "Checkout", "OrderGroup", "Payments"]
