"""Card payments: a fresh checkout link for an unpaid card order, and Stripe's webhook."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from ..deps import Caller, Settings, WriteDB
from ..errors import ApiError, responses
from ..payments import gateway
from ..schemas.payments import RetryResponse, WebhookAck
from ..services import card_attempts, stripe_webhooks

router = APIRouter(tags=["payments"])


@router.post(
    "/payments/{group_ref}/retry",
    response_model=RetryResponse,
    summary="A fresh checkout link for an unpaid card payment",
    responses=responses(401, 404, 409, 503),
)
def retry_payment(group_ref: str, caller: Caller, db: WriteDB, config: Settings) -> RetryResponse:
    """For the group's buyer (or its guest token). A failed payment becomes `pending` again.
    409 `already_paid` when paid or refunded, `not_card_payment` for bank transfer or Multibanco,
    `order_cancelled` when every order of the group was cancelled."""
    group = card_attempts.reopen_for_retry(db, config, group_ref, caller.user_id, caller.guest_group_id)
    return RetryResponse(checkout_url=gateway.checkout_url(config, group.ref), status="pending")


# --- webhook ----------------------------------------------------------------------------------------


@router.post(
    "/webhooks/stripe",
    response_model=WebhookAck,
    summary="Stripe's webhook (payment_intent.succeeded / payment_intent.payment_failed)",
    responses=responses(400, 503),
)
async def stripe_webhook(request: Request, config: Settings) -> WebhookAck:
    """Verified with the `Stripe-Signature` header: a bad or missing signature is 400 and changes
    nothing. Each event applies once (redeliveries answer `applied: false`); other types are ignored."""
    payload = await request.body()
    try:
        event = gateway.verify_webhook(config, payload, request.headers.get("stripe-signature"))
    except gateway.PaymentsUnavailable as exc:
        raise ApiError(503, "payments_unavailable", "This server takes no Stripe webhooks.") from exc
    except gateway.InvalidWebhook as exc:
        raise ApiError(400, exc.code, str(exc)) from exc
    if event.type not in gateway.PAYMENT_EVENTS:
        return WebhookAck(applied=False)
    applied = await run_in_threadpool(stripe_webhooks.record, request.app.state.db, event)
    return WebhookAck(applied=applied)
