"""What a buyer may do with an order, decided in one place (no Qt: the views only ask).

    order = read_order(cache.order(ref))           # the cache's stored JSON → the API's typed Order
    can_cancel(order, now)   can_pay_again(order)   can_review(order)   can_reorder(order)
    plan = reorder_plan(order, quote_issues)        # which lines go back into the cart
    guest_account(group_ref)                        # the token store account of a guest checkout

The rules are the API contract's (``/work/shared/api-contract.md``, "Orders (buyer)"); the server's own
``can_cancel`` / ``can_review`` answers are also required, so a rule the server adds (or a clock that
disagrees) never enables a button the server would refuse. The server still decides: a 409 is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from desktop.api_client.types import Order, OrderLine

__all__ = [
    "LOST_AFTER",
    "REORDER_BLOCKING",
    "ReorderIssue",
    "ReorderLine",
    "ReorderPlan",
    "can_cancel",
    "can_pay_again",
    "can_reorder",
    "can_review",
    "guest_account",
    "is_reviewed",
    "offer_lines",
    "read_order",
    "refund_expected",
    "reorder_plan",
]

#: a shipment not delivered this long after it left may be cancelled by the buyer
LOST_AFTER = timedelta(days=30)
#: quote issues that keep a line out of the cart on reorder (other issues are shown, the line is added)
REORDER_BLOCKING = frozenset({"offer_not_found", "unknown_packaging", "out_of_stock"})


def read_order(data: Order | Mapping[str, Any]) -> Order:
    """An order as the server sends it (``GET /orders/{ref}``, also what the orders cache stores).

    Raises ValueError with the order's ref when the JSON is not a valid order."""
    if isinstance(data, Order):
        return data
    try:
        return Order.model_validate(dict(data))
    except ValidationError as exc:
        ref = data.get("ref", "?") if isinstance(data, Mapping) else "?"
        raise ValueError(f"order {ref} is not valid: {exc.error_count()} errors, first: "
                         f"{exc.errors()[0]['loc']} {exc.errors()[0]['msg']}") from None


def guest_account(group_ref: str) -> str:
    """The token store account under which a guest checkout's token is kept (written by checkout, read by
    the orders page)."""
    return f"guest:{group_ref}"


def can_cancel(order: Order, now: datetime | None = None) -> bool:
    """While awaiting preparation, or shipped over 30 days ago and still not delivered (and the server
    agrees)."""
    if not order.can_cancel:
        return False
    if order.shipping_status == "awaiting_preparation":
        return True
    now = now or datetime.now(UTC)
    return (
        order.shipping_status == "shipped"
        and order.delivered_at is None
        and order.shipped_at is not None
        and order.shipped_at < now - LOST_AFTER
    )


def refund_expected(order: Order) -> bool:
    """Cancelling ``order`` refunds it: it was paid."""
    return order.payment_status == "paid"


def can_pay_again(order: Order) -> bool:
    """A card order whose payment is pending or failed, and not cancelled: the payment page again."""
    return (
        order.payment_method == "card"
        and order.payment_status in ("pending", "failed")
        and order.shipping_status != "cancelled"
    )


def is_reviewed(order: Order) -> bool:
    return any(entry.event == "reviewed" for entry in order.history)


def can_review(order: Order) -> bool:
    """Delivered and not reviewed yet (and the server agrees: a guest's order cannot be reviewed)."""
    return order.can_review and order.shipping_status == "delivered" and not is_reviewed(order)


def can_reorder(order: Order) -> bool:
    """An order with lines can be put into the cart again (as a quote says what is still available)."""
    return bool(order.lines)


def offer_lines(order: Order) -> list[OrderLine]:
    """The order's lines, one per offer (the first line of each): what a question or a review is about."""
    seen: dict[int, OrderLine] = {}
    for line in order.lines:
        seen.setdefault(line.offer_id, line)
    return list(seen.values())


@dataclass(frozen=True)
class ReorderLine:
    offer_id: int
    packaging_id: int
    quantity: int

    def as_json(self) -> dict[str, int]:
        return {"offer_id": self.offer_id, "packaging_id": self.packaging_id, "quantity": self.quantity}


@dataclass(frozen=True)
class ReorderIssue:
    code: str
    message: str
    offer_id: int | None


@dataclass(frozen=True)
class ReorderPlan:
    """The lines to add to the cart, and every issue to show (each with its offer's title)."""

    add: list[ReorderLine]
    issues: list[ReorderIssue] = field(default_factory=list)
    titles: dict[int, str] = field(default_factory=dict)


def reorder_lines(order: Order) -> list[ReorderLine]:
    return [ReorderLine(line.offer_id, line.packaging_id, line.quantity) for line in order.lines]


def reorder_plan(order: Order, issues: Iterable[Any] | None) -> ReorderPlan:
    """Which of ``order``'s lines go back into the cart, given a quote's issues (None: offline, no quote).

    A blocking issue (gone, unknown packaging, out of stock) keeps all the lines of its offer out; every
    issue is shown."""
    raw = list(issues or ())
    blocked = {i.offer_id for i in raw if i.code in REORDER_BLOCKING}
    add = [line for line in reorder_lines(order) if line.offer_id not in blocked]
    shown = [i if isinstance(i, ReorderIssue) else ReorderIssue(i.code, i.message, i.offer_id) for i in raw]
    titles = {line.offer_id: line.title or line.sku for line in order.lines}
    return ReorderPlan(add=add, issues=shown, titles=titles)
