"""Whose orders a caller reaches: a buyer account its own, a guest token its one group, a seller the
orders placed with it. Another's order answers 404, never 403 (no existence leak)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import not_found
from ..orm import Order, OrderGroup
from ..schemas.orders import OrderFilters
from .order_states import lock_order
from .order_views import list_order_dicts


def buyer_scope(user_id: int | None, guest_group_id: int | None) -> Any:
    """Whose orders a caller sees: an account its own, a guest token its one group."""
    if user_id is not None:
        return Order.buyer_id == user_id
    return Order.group_id == (guest_group_id or -1)


def buyer_orders(
    db: Session, user_id: int | None, guest_group_id: int | None, filters: OrderFilters
) -> tuple[list[dict[str, Any]], str | None]:
    return list_order_dicts(db, buyer_scope(user_id, guest_group_id), filters)


def seller_orders(db: Session, seller_id: int, filters: OrderFilters) -> tuple[list[dict[str, Any]], str | None]:
    return list_order_dicts(db, Order.seller_id == seller_id, filters)


def _one(db: Session, condition: Any, lock: bool) -> Order:
    order = lock_order(db, condition) if lock else db.scalar(select(Order).where(condition))
    if order is None:
        raise not_found("order")
    return order


def buyer_order(
    db: Session, user_id: int | None, guest_group_id: int | None, ref: str, *, lock: bool = False
) -> Order:
    """The caller's order `ref` (row-locked with `lock`), else 404 `not_found`."""
    return _one(db, (Order.ref == ref) & buyer_scope(user_id, guest_group_id), lock)


def seller_order(db: Session, seller_id: int, ref: str, *, lock: bool = False) -> Order:
    """The order `ref` placed with this seller (row-locked with `lock`), else 404 `not_found`."""
    return _one(db, (Order.ref == ref) & (Order.seller_id == seller_id), lock)


def buyer_group(db: Session, user_id: int | None, guest_group_id: int | None, ref: str) -> OrderGroup:
    """What one checkout created, for its buyer or its guest token; else 404 `not_found`."""
    group = db.scalar(select(OrderGroup).where(OrderGroup.ref == ref))
    visible = group is not None and (
        (user_id is not None and group.buyer_id == user_id)
        or (user_id is None and group.id == guest_group_id)
    )
    if not visible:
        raise not_found("order group")
    return group
