"""Stripe's webhook events applied to card order groups, each event once (its id is kept)."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db import Database
from ..orm import OrderGroup, StripeEvent
from ..payments import gateway
from . import card_payments

log = logging.getLogger("marketplace.payments")


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


def record(database: Database, event: gateway.WebhookEvent) -> bool:
    """Apply a verified event once; False for a redelivery or an event that changed nothing."""
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
