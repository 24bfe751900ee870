"""Administration: confirm bank transfer and Multibanco payments."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..deps import Admin, WriteDB
from ..errors import responses
from ..schemas.orders import OrderGroupOut
from ..services.order_states import manual_payment_received
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
    group = manual_payment_received(db, ref, caller.user.email)
    out = group_json(group)
    db.commit()
    return out
