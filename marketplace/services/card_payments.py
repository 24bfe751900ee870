"""What a card payment's outcome does to an order group: the card-specific rules on top of
`order_states` (which owns the order states). Nothing here commits: the caller's transaction does."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..orm import OrderGroup
from . import order_states
from .order_states import SETTLED

log = logging.getLogger("marketplace.payments")

def mark_paid(session: Session, group: OrderGroup, payment_intent_id: str) -> bool:
    """The group's card payment went through. False when it was already settled (nothing changes)."""
    if group.payment_status in SETTLED:
        return False
    group.stripe_payment_intent = payment_intent_id  # the one a refund must point at
    return order_states.mark_group_paid(session, group, f"Card payment received ({payment_intent_id}).",
                                        payment_method="card")


def mark_failed(session: Session, group: OrderGroup, payment_intent_id: str, reason: str) -> bool:
    """The current attempt failed. Ignored for a settled group, for an attempt that is not the group's
    latest (a late report about an older one), and when this failure is already recorded."""
    if group.payment_status in SETTLED or group.payment_status == "failed":
        return False
    if group.stripe_payment_intent and group.stripe_payment_intent != payment_intent_id:
        log.info("ignoring the failure of %s: %s is the group's latest attempt", payment_intent_id,
                 group.stripe_payment_intent)
        return False
    return order_states.mark_group_failed(session, group, reason)


def reopen(session: Session, group: OrderGroup) -> bool:
    """A failed card payment becomes pending again: the buyer is trying once more."""
    if group.payment_status != "failed":
        return False
    group.payment_status = "pending"
    group.payment_details = {**(group.payment_details or {}), "status": "pending"}
    group.payment_error = None
    for order in group.orders:
        if order.payment_status == "failed":
            order.payment_status = "pending"
            order_states.add_event(order, "payment_retried", "The buyer is trying the card payment again.",
                                   payment_method="card")
    session.flush()
    return True


def group_by_ref(session: Session, ref: str) -> OrderGroup | None:
    return session.scalar(select(OrderGroup).where(OrderGroup.ref == ref))
