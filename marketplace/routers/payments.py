"""Card payments: a fresh checkout link for an unpaid card order, and Stripe's webhook."""

from __future__ import annotations

import logging
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from ..db import Database
from ..deps import Caller, Settings, WriteDB
from ..errors import ApiError, not_found, responses
from ..orm import OrderGroup, StripeEvent
from ..payments import gateway
from ..services import card_payments

log = logging.getLogger("marketplace.payments")

router = APIRouter(tags=["payments"])


class RetryResponse(BaseModel):
    checkout_url: str = Field(examples=["http://127.0.0.1:8000/pay/G-7K2M9Q?t=3f1c..."],
                              description="The card checkout page to open in the system browser")
    status: Literal["pending"] = Field(description="Payment status: pending again after a failure")


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
    group = card_payments.group_by_ref(db, group_ref)
    owner = group is not None and (
        (caller.user_id is not None and group.buyer_id == caller.user_id) or caller.guest_group_id == group.id
    )
    if group is None or not owner:
        raise not_found("order group")
    if group.payment_method != "card":
        raise ApiError(409, "not_card_payment", "This order is not paid by card.")
    if group.payment_status in card_payments.SETTLED:
        raise ApiError(409, "already_paid", "This order has already been paid.")
    if group.orders and all(o.shipping_status == "cancelled" for o in group.orders):
        raise ApiError(409, "order_cancelled", "This order was cancelled; there is nothing to pay.")
    if not gateway.card_payments_available(config):
        raise ApiError(503, "payments_unavailable", "Card payments are not available on this server.")
    card_payments.reopen(db, group)
    db.commit()
    return RetryResponse(checkout_url=gateway.checkout_url(config, group.ref), status="pending")


# --- webhook ----------------------------------------------------------------------------------------


class WebhookAck(BaseModel):
    received: bool = True
    applied: bool = Field(description="False for a redelivery, an ignored type or a stale attempt")


_HANDLED = gateway.PAYMENT_EVENTS


def _field(obj: Any, key: str) -> Any:
    return obj[key] if obj is not None and key in obj else None


def _group_for(session: Session, intent: Any) -> OrderGroup | None:
    metadata = _field(intent, "metadata")
    ref = _field(metadata, "group_ref")
    if isinstance(ref, str):
        group = card_payments.group_by_ref(session, ref)
        if group is not None:
            return group
    return session.scalar(select(OrderGroup).where(OrderGroup.stripe_payment_intent == intent["id"]))


def _apply(session: Session, event_type: str, intent: Any) -> bool:
    group = _group_for(session, intent)
    if group is None or group.payment_method != "card":
        log.warning("Stripe event %s for %s matches no card order group", event_type, _field(intent, "id"))
        return False
    if event_type == "payment_intent.succeeded":
        expected = (gateway.minor_units(group.total, group.currency), group.currency.lower())
        if (_field(intent, "amount"), _field(intent, "currency")) != expected:
            log.error("Stripe says %s paid %s %s, but the group owes %s %s; not marked paid",
                      group.ref, _field(intent, "amount"), _field(intent, "currency"), *expected)
            return False
        return card_payments.mark_paid(session, group, intent["id"])
    error = _field(intent, "last_payment_error")
    reason = _field(error, "message") if isinstance(error, dict) else None
    reason = reason if isinstance(reason, str) and reason.strip() else "The card payment failed."
    return card_payments.mark_failed(session, group, intent["id"], reason)


def _record(database: Database, event: gateway.WebhookEvent) -> bool:
    with database.session(write=True) as session:
        if session.get(StripeEvent, event.id) is not None:
            return False
        intent = event.intent
        applied = _apply(session, event.type, intent) if _field(intent, "id") else False
        session.add(StripeEvent(id=event.id))
        try:
            session.commit()
        except IntegrityError:  # the same event delivered twice at once: the other delivery applied it
            session.rollback()
            return False
        return applied


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
    if event.type not in _HANDLED:
        return WebhookAck(applied=False)
    applied = await run_in_threadpool(_record, request.app.state.db, event)
    return WebhookAck(applied=applied)
