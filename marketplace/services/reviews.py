"""A buyer's review of a delivered order, and the seller's rating it moves."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import ApiError
from ..orm import Order, Review, Seller, utcnow
from ..schemas.orders import ReviewIn, ReviewOut
from .order_states import add_event


def review_order(db: Session, order: Order, body: ReviewIn) -> ReviewOut:
    """Rate a delivered order once (409 otherwise), its items only; the seller's average follows.
    The caller commits."""
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
    add_event(order, "reviewed", f"Rated {body.seller_rating}/5.", rating=body.seller_rating)
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
    return out
