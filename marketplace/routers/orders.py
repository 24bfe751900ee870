"""The buyer's orders: list, read, cancel, review. A guest token reads its own order group only."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from ..deps import Account, Caller, ReadDB, Settings, WriteDB
from ..errors import responses
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
from ..services import order_access
from ..services.order_states import cancel_order
from ..services.order_views import can_cancel, group_json, order_json
from ..services.reviews import review_order
from ._http import json_response

router = APIRouter(tags=["orders"])

Filters = Annotated[OrderFilters, Depends(order_filters)]


@router.get(
    "/orders",
    response_model=OrderPage,
    responses=responses(401, 422),
    description="The caller's orders, newest first by default. Filters combine with AND; "
    "`sort=total`/`-total` compares EUR totals. `updated_since` (strictly after) is what "
    "an orders cache syncs from: every change bumps an order's `updated_at`.",
)
def get_orders(caller: Caller, filters: Filters, db: ReadDB) -> Response:
    items, cursor = order_access.buyer_orders(db, caller.user_id, caller.guest_group_id, filters)
    return json_response({"items": items, "next_cursor": cursor})


@router.get("/orders/{ref}", response_model=OrderOut, responses=responses(401, 404))
def get_order(ref: str, caller: Caller, db: ReadDB) -> dict[str, Any]:
    return order_json(order_access.buyer_order(db, caller.user_id, caller.guest_group_id, ref))


@router.get(
    "/order-groups/{ref}",
    response_model=OrderGroupOut,
    responses=responses(401, 404),
    description="What one checkout created: its orders, total and payment instructions.",
)
def get_order_group(ref: str, caller: Caller, db: ReadDB) -> dict[str, Any]:
    return group_json(order_access.buyer_group(db, caller.user_id, caller.guest_group_id, ref))


@router.post(
    "/orders/{ref}/cancel",
    response_model=OrderOut,
    responses=responses(401, 403, 404, 409, 422),
    description="Allowed while `awaiting_preparation`, or when shipped over 30 days ago and not "
    "delivered; otherwise 409 `cancellation_not_allowed`. Stock goes back on sale; a paid "
    "order is refunded (`payment_status` → `refunded`).",
)
def cancel(ref: str, body: CancelIn, caller: Account, db: WriteDB, config: Settings) -> dict[str, Any]:
    order = order_access.buyer_order(db, caller.user_id, caller.guest_group_id, ref, lock=True)
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
    order = order_access.buyer_order(db, caller.user_id, caller.guest_group_id, ref, lock=True)
    out = review_order(db, order, body)
    db.commit()
    return out
