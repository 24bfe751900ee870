"""One card payment attempt from the checkout page: a PaymentIntent created for the group, recorded
on it before it is confirmed (so its webhook always finds the group), then confirmed and its outcome
applied. One attempt per group at a time. And a failed or abandoned card payment reopened for a
fresh checkout link (POST /payments/{ref}/retry)."""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from ..config import Config
from ..db import Database
from ..errors import ApiError, not_found
from ..orm import OrderGroup
from ..payments import gateway
from . import card_payments
from .pay_page import all_cancelled, payable_group

_LOCKS = [threading.Lock() for _ in range(64)]


@contextmanager
def _attempt_lock(ref: str) -> Iterator[None]:
    """One payment attempt per group at a time (a double click must not charge twice)."""
    lock = _LOCKS[zlib.crc32(ref.encode()) % len(_LOCKS)]
    if not lock.acquire(blocking=False):
        raise ApiError(409, "payment_in_progress", "A payment for this order is already being processed.")
    try:
        yield
    finally:
        lock.release()


def _provider_down() -> ApiError:
    return ApiError(502, "payment_provider_error", "The card processor is not answering; try again.")


def attempt(database: Database, config: Config, ref: str, token: str, payment_method: str) -> gateway.ConfirmResult:
    """Charge the group a signed link opens with this payment method; the processor's answer. 503
    `payments_unavailable`, 409 `payment_in_progress` (and those of `payable_group`), 422
    `invalid_payment_method`, 502 `payment_provider_error`."""
    if not gateway.card_payments_available(config):
        raise ApiError(503, "payments_unavailable", "Card payments are not available on this server.")
    with _attempt_lock(ref):
        with database.session() as session:
            group = payable_group(session, config, ref, token)
        try:
            intent = gateway.create_payment_intent(config, group, payment_method)
        except ValueError as exc:
            raise ApiError(422, "invalid_payment_method", str(exc)) from exc
        except gateway.PaymentProviderError as exc:
            raise _provider_down() from exc
        # Record the attempt before confirming it, so its webhook always finds the group.
        with database.session(write=True) as session:
            group = payable_group(session, config, ref, token)
            card_payments.reopen(session, group)
            group.stripe_payment_intent = intent.id
            session.commit()
        try:
            result = gateway.confirm(config, intent.id)
        except gateway.PaymentProviderError as exc:
            raise _provider_down() from exc
        _apply(database, ref, result)
    return result


def _apply(database: Database, ref: str, result: gateway.ConfirmResult) -> None:
    with database.session(write=True) as session:
        group = card_payments.group_by_ref(session, ref)
        assert group is not None  # found above; groups are never deleted
        if result.status == "succeeded":
            card_payments.mark_paid(session, group, result.payment_intent_id)
        elif result.status == "failed":
            card_payments.mark_failed(session, group, result.payment_intent_id, result.error or "")
        session.commit()


def reopen_for_retry(
    db: Session, config: Config, ref: str, user_id: int | None, guest_group_id: int | None
) -> OrderGroup:
    """The buyer's (or its guest token's) unpaid card group, `pending` again for a fresh link; committed.
    404 `not_found` for another's group; 409 `not_card_payment`, `already_paid`, `order_cancelled`;
    503 `payments_unavailable`."""
    group = card_payments.group_by_ref(db, ref)
    owner = group is not None and (
        (user_id is not None and group.buyer_id == user_id) or guest_group_id == group.id
    )
    if group is None or not owner:
        raise not_found("order group")
    if group.payment_method != "card":
        raise ApiError(409, "not_card_payment", "This order is not paid by card.")
    if group.payment_status in card_payments.SETTLED:
        raise ApiError(409, "already_paid", "This order has already been paid.")
    if all_cancelled(group):
        raise ApiError(409, "order_cancelled", "This order was cancelled; there is nothing to pay.")
    if not gateway.card_payments_available(config):
        raise ApiError(503, "payments_unavailable", "Card payments are not available on this server.")
    card_payments.reopen(db, group)
    db.commit()
    return group
