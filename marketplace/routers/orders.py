"""The buyer's orders: list, read, cancel, review. A guest token reads its own order group only."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..deps import Account, Caller, Principal, ReadDB, Settings, WriteDB
from ..errors import ApiError, not_found, responses
from ..orm import Order, OrderGroup, Review, Seller, utcnow
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
from ..services.order_views import can_cancel, group_json, list_order_dicts, order_json
from ..services.ordering import add_event, cancel_order, lock_order
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
    order = _own_order(db, caller, ref, lock=True)
    if order.shipping_status != "delivered":
        raise ApiError(409, "review_not_allowed", "An order can be reviewed once it is delivered.")
    if order.review is not None:
        raise ApiError(409, "already_reviewed", "This order has already been reviewed.")
    in_order = {line.offer_id for line in order.lines}
    errors, seen = [], set()
    for i, item in enumerate(body.item_ratings):
        if item.offer_id not in in_order:
            errors.append(
                {
                    "field": f"item_ratings.{i}.offer_id",
                    "code": "not_in_order",
                    "message": f"Offer {item.offer_id} is not in this order.",
                }
            )
        elif item.offer_id in seen:
            errors.append(
                {
                    "field": f"item_ratings.{i}.offer_id",
                    "code": "duplicate",
                    "message": f"Offer {item.offer_id} is rated twice.",
                }
            )
        seen.add(item.offer_id)
    if errors:
        raise ApiError(422, "validation_error", errors[0]["message"], errors=errors)
    row = Review(
        order_id=order.id,
        seller_id=order.seller_id,
        seller_rating=body.seller_rating,
        delivery_rating=body.delivery_rating,
        item_ratings=[i.model_dump() for i in body.item_ratings],
        comment=body.comment,
        created_at=utcnow(),
    )
    db.add(row)
    add_event(order, "reviewed", f"Rated {body.seller_rating}/5.")
    db.flush()
    seller = db.get(Seller, order.seller_id)
    count, average = db.execute(
        select(func.count(), func.avg(Review.seller_rating)).where(Review.seller_id == order.seller_id)
    ).one()
    seller.review_count = int(count)
    seller.rating = Decimal(str(average)).quantize(Decimal("0.01")) if average is not None else None
    out = ReviewOut(
        order_ref=order.ref,
        seller_rating=row.seller_rating,
        delivery_rating=row.delivery_rating,
        item_ratings=row.item_ratings,
        comment=row.comment,
        created_at=row.created_at,
    )
    db.commit()
    return out
