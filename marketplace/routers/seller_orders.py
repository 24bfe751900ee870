"""The seller's side of orders: list, shipping progress, cancel what cannot be fulfilled."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from sqlalchemy import select

from ..deps import ReadDB, SellerAccount, Settings, WriteDB
from ..errors import ApiError, not_found, responses
from ..orm import Order, utcnow
from ..schemas.orders import CancelIn, OrderFilters, OrderOut, OrderPage, ShippingUpdateIn, order_filters
from ..services.order_states import add_event, cancel_order, lock_order
from ..services.order_views import list_order_dicts, order_json
from ._http import json_response

router = APIRouter(tags=["seller"])

Filters = Annotated[OrderFilters, Depends(order_filters)]

STEPS = ("awaiting_preparation", "preparing", "shipped", "delivered")


@router.get(
    "/seller/orders",
    response_model=OrderPage,
    responses=responses(401, 403, 422),
    description="Orders placed with the seller; the same filters, sort and pagination as `GET /orders`.",
)
def seller_orders(caller: SellerAccount, filters: Filters, db: ReadDB) -> Response:
    items, cursor = list_order_dicts(db, Order.seller_id == caller.seller_id, filters)
    return json_response({"items": items, "next_cursor": cursor})


@router.get("/seller/orders/{ref}", response_model=OrderOut, responses=responses(401, 403, 404))
def seller_order(ref: str, caller: SellerAccount, db: ReadDB) -> dict[str, Any]:
    order = db.scalar(select(Order).where(Order.ref == ref, Order.seller_id == caller.seller_id))
    if order is None:
        raise not_found("order")
    return order_json(order)


def _locked(db, caller, ref: str) -> Order:
    order = lock_order(db, (Order.ref == ref) & (Order.seller_id == caller.seller_id))
    if order is None:
        raise not_found("order")
    return order


@router.post(
    "/seller/orders/{ref}/shipping",
    response_model=OrderOut,
    responses=responses(401, 403, 404, 409, 422),
    description="Moves the order forward only: awaiting_preparation → preparing → shipped → delivered "
    "(`preparing` may be skipped; `delivered` only from `shipped`); anything else → 409 "
    "`invalid_transition`. `shipped` needs a `tracking_number` (422 `tracking_number_required`).",
)
def update_shipping(ref: str, body: ShippingUpdateIn, caller: SellerAccount, db: WriteDB) -> dict[str, Any]:
    order = _locked(db, caller, ref)
    current = order.shipping_status
    forward = current in STEPS and STEPS.index(body.status) > STEPS.index(current)
    if not forward or (body.status == "delivered" and current != "shipped"):
        raise ApiError(
            409,
            "invalid_transition",
            f"An order that is {current.replace('_', ' ')} cannot become {body.status}.",
            shipping_status=current,
        )
    now = utcnow()
    if body.status == "shipped":
        if not body.tracking_number:
            raise ApiError(
                422,
                "tracking_number_required",
                "Give the tracking number of the shipment.",
                errors=[
                    {
                        "field": "tracking_number",
                        "code": "required",
                        "message": "A shipped order needs a tracking number.",
                    }
                ],
            )
        order.tracking_number = body.tracking_number
        order.tracking_carrier = body.carrier or None
        order.shipped_at = now
        add_event(order, "shipped", f"{body.carrier or 'Carrier'} {body.tracking_number}", carrier=body.carrier,
                  tracking_number=body.tracking_number)
    elif body.status == "delivered":
        order.delivered_at = now
        add_event(order, "delivered", "Delivered.")
    else:
        add_event(order, "preparing", "The seller is preparing the order.")
    order.shipping_status = body.status
    db.flush()
    out = order_json(order)
    db.commit()
    return out


@router.post(
    "/seller/orders/{ref}/cancel",
    response_model=OrderOut,
    responses=responses(401, 403, 404, 409, 422),
    description="An order the seller cannot fulfil: cancelled, stock back on sale, refunded if paid. "
    "Not once delivered or already cancelled (409 `cancellation_not_allowed`).",
)
def seller_cancel(
    ref: str, body: CancelIn, caller: SellerAccount, db: WriteDB, config: Settings
) -> dict[str, Any]:
    order = _locked(db, caller, ref)
    allowed = order.shipping_status not in ("delivered", "cancelled")
    cancel_order(db, config, order, by="seller", reason=body.reason, allowed=allowed)
    out = order_json(order)
    db.commit()
    return out
