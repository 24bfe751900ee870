"""Administration: confirm bank transfer and Multibanco payments."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import select

from ..deps import Admin, WriteDB
from ..errors import ApiError, not_found, responses
from ..orm import OrderGroup
from ..schemas.orders import OrderGroupOut
from ..services.order_states import mark_group_paid
from ..services.order_views import group_json

router = APIRouter(tags=["admin"])


@router.post(
    "/admin/payment-groups/{ref}/received",
    response_model=OrderGroupOut,
    responses=responses(401, 403, 404, 409),
    description="The money of a bank transfer or Multibanco group arrived: the group and its orders become "
    "`paid`. Idempotent (already paid → the same answer). Card groups → 409 `not_manual_payment` "
    "(Stripe's webhook confirms them); a refunded group → 409 `payment_refunded`.",
)
def payment_received(ref: str, caller: Admin, db: WriteDB) -> dict[str, Any]:
    group = db.scalar(
        select(OrderGroup)
        .where(OrderGroup.ref == ref)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if group is None:
        raise not_found("order group")
    if group.payment_method == "card":
        raise ApiError(409, "not_manual_payment", "Card payments are confirmed by Stripe, not by hand.")
    if group.payment_status == "refunded":
        raise ApiError(409, "payment_refunded", "This group's payment was refunded.")
    mark_group_paid(
        db,
        group,
        f"Payment received ({group.payment_method.replace('_', ' ')}), confirmed by {caller.user.email}.",
        payment_method=group.payment_method,
        by=caller.user.email,
    )
    out = group_json(group)
    db.commit()
    return out
