"""``client.orders``: the buyer's orders."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypedDict, Unpack

from .._base import dump
from ..pagination import PageIterator
from ..types import (
    CancelRequest,
    Order,
    OrderGroup,
    OrderSort,
    PaymentStatus,
    Review,
    ReviewRequest,
    ShippingStatus,
)
from ._resource import ApiResource, seg


class OrderFilters(TypedDict, total=False):
    """The filters of an order list (``GET /orders``, a seller's orders), as :func:`order_filters` takes them."""

    payment_status: PaymentStatus | Iterable[PaymentStatus] | None
    shipping_status: ShippingStatus | Iterable[ShippingStatus] | None
    created_from: date | str | None
    created_to: date | str | None
    q: str | None
    sort: OrderSort | None
    updated_since: datetime | str | None


def order_filters(
    *,
    payment_status: PaymentStatus | Iterable[PaymentStatus] | None = None,
    shipping_status: ShippingStatus | Iterable[ShippingStatus] | None = None,
    created_from: date | str | None = None,
    created_to: date | str | None = None,
    q: str | None = None,
    sort: OrderSort | None = None,
    updated_since: datetime | str | None = None,
) -> dict[str, Any]:
    def as_list(value: str | Iterable[str] | None) -> list[str] | None:
        return [value] if isinstance(value, str) else (list(value) if value is not None else None)

    return {
        "payment_status": as_list(payment_status),
        "shipping_status": as_list(shipping_status),
        "created_from": created_from,
        "created_to": created_to,
        "q": q,
        "sort": sort,
        "updated_since": updated_since,
    }


class Orders(ApiResource):
    def list(self, *, limit: int | None = None, **filters: Unpack[OrderFilters]) -> PageIterator[Order]:
        """Every order matching ``payment_status``/``shipping_status`` (a value or a list),
        ``created_from``/``created_to`` (dates), ``q``, ``sort``, ``updated_since``."""
        return self._paginate("/orders", Order, order_filters(**filters), limit=limit)

    def get(self, ref: str) -> Order:
        return self._get(f"/orders/{seg(ref)}", Order)

    def group(self, group_ref: str) -> OrderGroup:
        return self._get(f"/order-groups/{seg(group_ref)}", OrderGroup)

    def cancel(self, ref: str, reason: str, *, idempotency_key: str | None = None) -> Order:
        """Cancel (and refund if paid); ConflictError ``cancellation_not_allowed`` when too late."""
        response = self._client.request(
            "POST",
            f"/orders/{seg(ref)}/cancel",
            json_body=dump(CancelRequest(reason=reason)),
            idempotency_key=idempotency_key,
        )
        return self._client.parse(response, Order)

    def review(self, ref: str, review: ReviewRequest, *, idempotency_key: str | None = None) -> Review:
        """Review a delivered order once (ConflictError ``review_not_allowed`` / ``already_reviewed``)."""
        response = self._client.request(
            "POST", f"/orders/{seg(ref)}/review", json_body=dump(review), idempotency_key=idempotency_key
        )
        return self._client.parse(response, Review)
