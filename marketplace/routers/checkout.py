"""`POST /checkout`: the cart becomes an order group, once per Idempotency-Key."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import JSONResponse

from ..deps import OptionalCaller, Settings, WriteDB
from ..errors import ApiError, responses
from ..schemas.cart import CheckoutIn
from ..schemas.orders import CheckoutOut
from ..services.ordering import checkout as place_order

router = APIRouter(tags=["checkout"])

_DESCRIPTION = """
Places one order per warehouse group, paid together, in one transaction: the quote is re-run on
locked offers, stock is taken, and the response is stored under the `Idempotency-Key`.

* No account token and no `guest` → 401. With an account token, `guest` is ignored. A guest checkout
  returns a `guest_token` that reads this order group only.
* **422 vs 409**: any issue the buyer must fix in the cart (`offer_not_found`, `unknown_packaging`,
  `below_moq`, `below_min_order_value`) → 422 `quote_issues` listing every issue (also the stock ones) in
  `issues: [{code, offer_id, ...}]`. When the only issues are stock (`out_of_stock`,
  `insufficient_stock`: someone else bought it since the client's quote) → 409 `stock_changed` with the
  same `issues`. A missing shipping choice → 422 `shipping_method_required`. Nothing is created either way,
  and failed attempts are not stored: the same key may be retried after fixing the cart.
* The same key and body again → the stored 201 response with `Idempotent-Replayed: true`; the same
  key with another body → 422 `idempotency_key_reused`.
"""


@router.post(
    "/checkout",
    status_code=201,
    response_model=CheckoutOut,
    responses=responses(400, 401, 409, 422, 503),
    description=_DESCRIPTION,
)
def checkout(
    body: CheckoutIn,
    db: WriteDB,
    config: Settings,
    caller: OptionalCaller,
    idempotency_key: Annotated[str | None, Header(description="A UUID made once per checkout action")] = None,
) -> JSONResponse:
    if idempotency_key is None or not idempotency_key.strip():
        raise ApiError(
            400, "idempotency_key_required", "Send an Idempotency-Key header (a UUID) with a checkout."
        )
    key = idempotency_key.strip()
    if len(key) > 100:
        raise ApiError(400, "invalid_idempotency_key", "The Idempotency-Key is over 100 characters.")
    user_id = caller.user_id if caller is not None else None
    if user_id is None and body.guest is None:
        raise ApiError(
            401,
            "unauthenticated",
            "Sign in, or give a guest email, to check out.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    result = place_order(db, config, body, user_id=user_id, key=key)
    headers = {"Idempotent-Replayed": "true"} if result.replayed else {}
    headers["Location"] = f"/api/v1/order-groups/{result.body['order_group']['ref']}"
    return JSONResponse(result.body, status_code=result.status, headers=headers)
