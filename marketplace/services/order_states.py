"""The order state changes every router and the payment flows share: an order event, a group paid
or failed, an order cancelled (stock back, refund). Nothing here commits: the caller's transaction does."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..config import Config
from ..errors import ApiError, not_found
from ..orm import Offer, Order, OrderEvent, OrderGroup, utcnow
from ..payments import gateway
from . import offers as offer_service

#: a group in one of these states has its money (or had it and gave it back): no payment changes it
SETTLED = ("paid", "refunded")


def add_event(order: Order, event: str, detail: str = "", **params: str | int) -> None:
    """Record `event` on the order: `detail` is an English sentence (for older clients), `params` what a
    client needs to word the event in its own language (see docs/server.md, "Order timeline")."""
    now = utcnow()
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    order.events.append(OrderEvent(at=now, event=event, detail=detail[:300], params=kept))
    order.updated_at = now


def refund(config: Config, group: OrderGroup, amount: Decimal, *, key: str) -> None:
    """Give a card payment's `amount` back through Stripe; a refusal aborts the whole change (502)."""
    if group.stripe_payment_intent is None and (group.payment_details or {}).get("demo"):
        return  # demo history: no card was charged, so nothing goes back through Stripe
    try:
        gateway.refund(config, group, amount, idempotency_key=key)
    except Exception as exc:  # the provider's error types are the gateway's business
        raise ApiError(502, "refund_failed", "The card refund could not be made; nothing was changed. "
                       "Try again later.") from exc


# --- state changes --------------------------------------------------------------------------------


def set_payment_status(group: OrderGroup, status: str) -> None:
    group.payment_status = status
    group.payment_details = {**(group.payment_details or {}), "status": status}


def mark_group_paid(session: Session, group: OrderGroup, event_detail: str, **params: str) -> bool:
    """The group's money arrived. Returns False (and changes nothing) if it was already paid or refunded.
    Orders cancelled before the money came are marked `refunded` (the money is due back)."""
    if group.payment_status in SETTLED:
        return False
    set_payment_status(group, "paid")
    group.payment_error = None
    for order in group.orders:
        if order.shipping_status == "cancelled":
            order.payment_status = "refunded"
            add_event(order, "refunded", "Paid after cancellation; the amount is refunded.",
                      amount=f"{order.total:.2f}", currency=order.currency, after="cancellation")
        else:
            order.payment_status = "paid"
            add_event(order, "payment_received", event_detail, **params)
    session.flush()
    return True


def mark_group_failed(session: Session, group: OrderGroup, reason: str) -> bool:
    """The payment failed (the buyer may retry). Returns False if the group is already paid or refunded."""
    if group.payment_status in SETTLED:
        return False
    set_payment_status(group, "failed")
    group.payment_error = reason[:300]
    for order in group.orders:
        if order.payment_status in ("pending", "failed"):
            order.payment_status = "failed"
            add_event(order, "payment_failed", reason, reason=reason)
    session.flush()
    return True


def lock_order(session: Session, condition: Any) -> Order | None:
    """The order matching `condition`, row-locked on PostgreSQL (SQLite's writer holds the DB lock)."""
    stmt = select(Order).where(condition).with_for_update(of=Order).execution_options(populate_existing=True)
    return session.scalar(stmt)


def cancel_order(
    session: Session, config: Config, order: Order, *, by: str, reason: str, allowed: bool
) -> None:
    """Cancel: stock goes back to the offers, a paid order is refunded. `allowed`: whether the
    caller's rules (the buyer's and the seller's differ) let it; if not, 409 cancellation_not_allowed."""
    if not allowed:
        refunded = order.payment_status == "refunded" and order.shipping_status not in ("delivered", "cancelled")
        raise ApiError(
            409,
            "cancellation_not_allowed",
            "An order whose payment was refunded cannot be cancelled." if refunded
            else f"An order that is {order.shipping_status.replace('_', ' ')} cannot be cancelled.",
            shipping_status=order.shipping_status,
        )
    order.shipping_status = "cancelled"
    order.cancelled_at = utcnow()
    add_event(order, "cancelled", f"Cancelled by the {by}" + (f": {reason}" if reason else "."), by=by,
              reason=reason)
    units: dict[int, int] = defaultdict(int)
    for line in order.lines:
        units[line.offer_id] += line.units
    stmt = select(Offer).where(Offer.id.in_(sorted(units))).order_by(Offer.id)
    offers = list(session.scalars(stmt.with_for_update(of=Offer).execution_options(populate_existing=True)))
    for offer in offers:
        offer.stock_units += units[offer.id]
    offer_service.touch(session, offers)
    group = order.group
    if order.payment_status == "paid":
        if group.payment_method == "card":
            refund(config, group, order.total, key=f"refund-{order.ref}")
        order.payment_status = "refunded"
        add_event(order, "refunded", f"{order.total:.2f} {order.currency} refunded.",
                  amount=f"{order.total:.2f}", currency=order.currency)
        if all(o.payment_status == "refunded" for o in group.orders):
            set_payment_status(group, "refunded")
    session.flush()


#: the shipping steps an order moves forward through (`preparing` may be skipped)
STEPS = ("awaiting_preparation", "preparing", "shipped", "delivered")

#: the shipping steps each payment status lets the seller take: a paid order goes all the way; an
#: unpaid one (a bank transfer on its way) may be put aside but never leaves the warehouse; a failed or
#: refunded payment allows nothing (a cancelled order allows nothing either, whatever its payment)
SHIPPING_BY_PAYMENT: dict[str, tuple[str, ...]] = {
    "paid": STEPS[1:],
    "pending": ("preparing",),
    "failed": (),
    "refunded": (),
}
#: the payment statuses under which the seller may still cancel (a refunded order is settled: its
#: money went back already, so there is nothing left to cancel)
SELLER_CANCEL_PAYMENTS = ("pending", "paid", "failed")


def allowed_shipping(order: Any) -> list[str]:
    """The shipping changes the seller may make next on `order` (anything with `payment_status` and
    `shipping_status`): the forward steps its payment status allows, then `cancelled` if it may
    cancel. The order JSON's `allowed_shipping`; the routes refuse anything else."""
    current = order.shipping_status
    allowed = [
        step
        for step in SHIPPING_BY_PAYMENT.get(order.payment_status, ())
        if current in STEPS
        and STEPS.index(step) > STEPS.index(current)
        and (step != "delivered" or current == "shipped")
    ]
    if current not in ("delivered", "cancelled") and order.payment_status in SELLER_CANCEL_PAYMENTS:
        allowed.append("cancelled")
    return allowed


def reachable(payment_status: str, shipping_status: str) -> bool:
    """Whether an order may be in this pair of states under the rule above (what the demo seed obeys):
    awaiting preparation unless refunded, cancelled always, a later step only if its payment allows it.
    (On a live server a pending order prepared, whose card payment then fails, stays `preparing` with
    `failed`: it may then only be cancelled. The demo leaves that pair out.)"""
    if shipping_status == "cancelled":
        return True
    if shipping_status == "awaiting_preparation":
        return payment_status != "refunded"
    return shipping_status in SHIPPING_BY_PAYMENT.get(payment_status, ())


def _refuse_unpaid(order: Order, status: str) -> None:
    """409 `shipping_not_allowed` when the order's payment status does not allow `status`."""
    if status not in SHIPPING_BY_PAYMENT.get(order.payment_status, ()):
        raise ApiError(
            409,
            "shipping_not_allowed",
            f"An order whose payment is {order.payment_status} cannot become {status}.",
            payment_status=order.payment_status,
            shipping_status=order.shipping_status,
            allowed_shipping=allowed_shipping(order),
        )


def advance_shipping(order: Order, status: str, tracking_number: str | None, carrier: str | None) -> None:
    """Move the order forward to `status`: 409 `invalid_transition` for a step back, a repeat, or
    `delivered` other than from `shipped`; 409 `shipping_not_allowed` for a step its payment status does
    not allow (:data:`SHIPPING_BY_PAYMENT`); `shipped` needs a tracking number (422
    `tracking_number_required`)."""
    current = order.shipping_status
    forward = current in STEPS and STEPS.index(status) > STEPS.index(current)
    if not forward or (status == "delivered" and current != "shipped"):
        raise ApiError(
            409,
            "invalid_transition",
            f"An order that is {current.replace('_', ' ')} cannot become {status}.",
            shipping_status=current,
        )
    _refuse_unpaid(order, status)
    now = utcnow()
    if status == "shipped":
        if not tracking_number:
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
        order.tracking_number = tracking_number
        order.tracking_carrier = carrier or None
        order.shipped_at = now
        add_event(order, "shipped", f"{carrier or 'Carrier'} {tracking_number}", carrier=carrier,
                  tracking_number=tracking_number)
    elif status == "delivered":
        order.delivered_at = now
        add_event(order, "delivered", "Delivered.")
    else:
        add_event(order, "preparing", "The seller is preparing the order.")
    order.shipping_status = status


def manual_payment_received(session: Session, ref: str, by: str) -> OrderGroup:
    """A bank transfer or Multibanco group's money arrived (confirmed by `by`): the group and its orders
    become paid; idempotent. 404 `not_found`; 409 `not_manual_payment` for a card group,
    `payment_refunded` for a refunded one."""
    group = session.scalar(
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
        session,
        group,
        f"Payment received ({group.payment_method.replace('_', ' ')}), confirmed by {by}.",
        payment_method=group.payment_method,
        by=by,
    )
    return group
