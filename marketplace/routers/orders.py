"""The buyer's orders: list, read, cancel, review. A guest token reads its own order group only."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..deps import Account, Caller, Principal, ReadDB, Settings, WriteDB
from ..errors import not_found, responses
from ..orm import Order, OrderGroup
from ..schemas.orders import (
    CancelIn,
    OrderFilters,
    OrderGroupOut,
    OrderOut,
    OrderPage,
    ReviewIn,
    ReviewOut,
    order_filters,
)
from ..services.order_states import cancel_order, lock_order
from ..services.order_views import can_cancel, group_json, list_order_dicts, order_json
from ..services.reviews import review_order
from ._http import json_response

router = APIRouter(tags=["orders"])

Filters = Annotated[OrderFilters, Depends(order_filters)]


def buyer_scope(caller: Principal) -> Any:
    """Whose orders a caller sees: an account its own, a guest token its one group."""
    if caller.user_id is not None:
        return Order.buyer_id == caller.user_id
    return Order.group_id == (caller.guest_group_id or -1)


@router.get(
    "/orders",
    response_model=OrderPage,
    responses=responses(401, 422),
    description="The caller's orders, newest first by default. Filters combine with AND; "
    "`sort=total`/`-total` compares EUR totals. `updated_since` (strictly after) is what "
    "an orders cache syncs from: every change bumps an order's `updated_at`.",
)
def get_orders(caller: Caller, filters: Filters, db: ReadDB) -> Response:
    items, cursor = list_order_dicts(db, buyer_scope(caller), filters)
    return json_response({"items": items, "next_cursor": cursor})


def _own_order(db: Session, caller: Principal, ref: str, *, lock: bool = False) -> Order:
    condition = (Order.ref == ref) & buyer_scope(caller)
    order = lock_order(db, condition) if lock else db.scalar(select(Order).where(condition))
    if order is None:
        raise not_found("order")
    return order


@router.get("/orders/{ref}", response_model=OrderOut, responses=responses(401, 404))
def get_order(ref: str, caller: Caller, db: ReadDB) -> dict[str, Any]:
    return order_json(_own_order(db, caller, ref))


@router.get(
    "/order-groups/{ref}",
    response_model=OrderGroupOut,
    responses=responses(401, 404),
    description="What one checkout created: its orders, total and payment instructions.",
)
def get_order_group(ref: str, caller: Caller, db: ReadDB) -> dict[str, Any]:
    group = db.scalar(select(OrderGroup).where(OrderGroup.ref == ref))
    visible = group is not None and (
        (caller.user_id is not None and group.buyer_id == caller.user_id)
        or (caller.user_id is None and group.id == caller.guest_group_id)
    )
    if not visible:
        raise not_found("order group")
    return group_json(group)


@router.post(
    "/orders/{ref}/cancel",
    response_model=OrderOut,
    responses=responses(401, 403, 404, 409, 422),
    description="Allowed while `awaiting_preparation`, or when shipped over 30 days ago and not "
    "delivered; otherwise 409 `cancellation_not_allowed`. Stock goes back on sale; a paid "
    "order is refunded (`payment_status` → `refunded`).",
)
def cancel(ref: str, body: CancelIn, caller: Account, db: WriteDB, config: Settings) -> dict[str, Any]:
    order = _own_order(db, caller, ref, lock=True)
    cancel_order(db, config, order, by="buyer", reason=body.reason, allowed=can_cancel(order))
    out = order_json(order)
    db.commit()
    return out


@router.post(
    "/orders/{ref}/review",
    status_code=201,
    response_model=ReviewOut,
    responses=responses(401, 403, 404, 409, 422),
    description="Once the order is `delivered` (else 409 `review_not_allowed`), once per order "
    "(409 `already_reviewed`). Item ratings only for offers in the order.",
)
def review(ref: str, body: ReviewIn, caller: Account, db: WriteDB) -> ReviewOut:
    out = review_order(db, _own_order(db, caller, ref, lock=True), body)
    db.commit()
    return out
