"""The seller's side of orders: list, shipping progress, cancel what cannot be fulfilled."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from ..deps import ReadDB, SellerAccount, Settings, WriteDB
from ..errors import responses
from ..schemas.orders import CancelIn, OrderFilters, OrderOut, OrderPage, ShippingUpdateIn, order_filters
from ..services import order_access
from ..services.order_states import advance_shipping, cancel_order
from ..services.order_views import order_json, seller_can_cancel
from ._http import json_response

router = APIRouter(tags=["seller"])

Filters = Annotated[OrderFilters, Depends(order_filters)]

@router.get(
    "/seller/orders",
    response_model=OrderPage,
    responses=responses(401, 403, 422),
    description="Orders placed with the seller; the same filters, sort and pagination as `GET /orders`.",
)
def seller_orders(caller: SellerAccount, filters: Filters, db: ReadDB) -> Response:
    items, cursor = order_access.seller_orders(db, caller.seller_id, filters)
    return json_response({"items": items, "next_cursor": cursor})


@router.get("/seller/orders/{ref}", response_model=OrderOut, responses=responses(401, 403, 404))
def seller_order(ref: str, caller: SellerAccount, db: ReadDB) -> dict[str, Any]:
    return order_json(order_access.seller_order(db, caller.seller_id, ref))


@router.post(
    "/seller/orders/{ref}/shipping",
    response_model=OrderOut,
    responses=responses(401, 403, 404, 409, 422),
    description="Moves the order forward only: awaiting_preparation → preparing → shipped → delivered "
    "(`preparing` may be skipped; `delivered` only from `shipped`); anything else → 409 "
    "`invalid_transition`. Only the steps the payment status allows (the order's `allowed_shipping`: "
    "pending → preparing only; failed, refunded → none), else 409 `shipping_not_allowed`. "
    "`shipped` needs a `tracking_number` (422 `tracking_number_required`).",
)
def update_shipping(ref: str, body: ShippingUpdateIn, caller: SellerAccount, db: WriteDB) -> dict[str, Any]:
    order = order_access.seller_order(db, caller.seller_id, ref, lock=True)
    advance_shipping(order, body.status, body.tracking_number, body.carrier)
    db.flush()
    out = order_json(order)
    db.commit()
    return out


@router.post(
    "/seller/orders/{ref}/cancel",
    response_model=OrderOut,
    responses=responses(401, 403, 404, 409, 422),
    description="An order the seller cannot fulfil: cancelled, stock back on sale, refunded if paid. "
    "Not once delivered or already cancelled, nor once refunded (409 `cancellation_not_allowed`).",
)
def seller_cancel(
    ref: str, body: CancelIn, caller: SellerAccount, db: WriteDB, config: Settings
) -> dict[str, Any]:
    order = order_access.seller_order(db, caller.seller_id, ref, lock=True)
    cancel_order(db, config, order, by="seller", reason=body.reason, allowed=seller_can_cancel(order))
    out = order_json(order)
    db.commit()
    return out
