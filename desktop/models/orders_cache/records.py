"""What the orders cache gives and takes: the filters of ``GET /orders``, the rows read, a sync's result."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

PAYMENT_STATUSES = ("pending", "paid", "failed", "refunded")
SHIPPING_STATUSES = ("awaiting_preparation", "preparing", "shipped", "delivered", "cancelled")
SORTS = ("-created_at", "created_at", "-total", "total")
Sort = Literal["-created_at", "created_at", "-total", "total"]
#: how far before the last seen ``updated_at`` the next delta sync starts
OVERLAP = timedelta(seconds=60)
PAGE_SIZE = 500


@dataclass(frozen=True)
class OrderQuery:
    """The filters of ``GET /orders`` (empty tuples / None = no filter)."""

    payment_status: tuple[str, ...] = ()
    shipping_status: tuple[str, ...] = ()
    created_from: date | None = None
    created_to: date | None = None
    q: str | None = None
    sort: Sort = "-created_at"

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}")
        bad = [s for s in self.payment_status if s not in PAYMENT_STATUSES]
        bad += [s for s in self.shipping_status if s not in SHIPPING_STATUSES]
        if bad:
            raise ValueError(f"unknown status {bad[0]!r}")

    @property
    def active(self) -> bool:
        return bool(self.payment_status or self.shipping_status or self.created_from or self.created_to
                    or (self.q or "").strip())

    def server_params(self) -> dict[str, Any]:
        """The same filters as keyword arguments of ``client.orders.list``."""
        return {
            "payment_status": list(self.payment_status) or None,
            "shipping_status": list(self.shipping_status) or None,
            "created_from": self.created_from,
            "created_to": self.created_to,
            "q": self.q or None,
            "sort": self.sort,
        }


@dataclass(frozen=True, slots=True)
class OrderRow:
    id: int
    ref: str
    group_ref: str
    created_at: datetime
    currency: str
    total: Decimal
    seller_name: str
    payment_status: str
    payment_method: str | None
    shipping_status: str
    tracking_number: str | None
    tracking_carrier: str | None
    item_count: int
    unit_count: int
    first_title: str
    guest: bool


@dataclass(frozen=True, slots=True)
class StatusChange:
    ref: str
    field: str  # payment_status | shipping_status | tracking_number
    old: str | None
    new: str | None


@dataclass(frozen=True)
class SyncResult:
    full: bool
    pages: int
    upserted: int
    changes: list[StatusChange]
    duration: float
    order_count: int
    finished_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    cancelled: bool = False


class CacheError(Exception):
    pass

