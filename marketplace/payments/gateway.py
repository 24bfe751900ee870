"""Every call the server makes to Stripe (or the demo's local Stripe), through the official library."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

import stripe

from .. import security
from ..config import Config
from ..orm import OrderGroup

log = logging.getLogger("marketplace.payments")

#: Stripe's zero-decimal currencies (docs.stripe.com/currencies#zero-decimal). None of the 12 we sell in
#: is one: HUF is only zero-decimal for payouts, and its charges are still sent in hundredths.
ZERO_DECIMAL = frozenset({"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND",
                          "VUV", "XAF", "XOF", "XPF"})

DECLINED_HINT = "Check the details or use another card."


class PaymentsUnavailable(Exception):
    """No Stripe keys are configured (run with --demo, or set STRIPE_SECRET_KEY)."""


class InvalidWebhook(ValueError):
    """A webhook delivery that is not Stripe's: ``code`` is ``invalid_signature`` or ``invalid_payload``."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


class PaymentProviderError(Exception):
    """Stripe could not be reached or refused the request for a reason other than the card."""


@dataclass(frozen=True)
class ConfirmResult:
    """The outcome of one payment attempt.

    ``status``: ``succeeded`` | ``failed`` | ``requires_action`` (3-D Secure: the page finishes it with
    Stripe.js and ``client_secret``) | ``processing``; ``error`` is a sentence for the buyer when failed.
    """

    status: str
    error: str | None
    payment_intent_id: str
    client_secret: str | None = None


def card_payments_available(config: Config) -> bool:
    return bool(config.stripe_secret_key and config.stripe_publishable_key)


def checkout_url(config: Config, group_ref: str) -> str:
    """The server-hosted card checkout page for an order group (a signed, unguessable link)."""
    return f"{config.public_url}/pay/{group_ref}?t={security.sign(config.secret_key, group_ref)}"


def page_token_valid(config: Config, group_ref: str, token: str | None) -> bool:
    return security.check_signature(config.secret_key, group_ref, token or "")


def minor_units(amount: Decimal, currency: str) -> int:
    """``amount`` in the currency's smallest unit, as Stripe expects it (12.34 EUR → 1234)."""
    factor = 1 if currency.upper() in ZERO_DECIMAL else 100
    scaled = amount * factor
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} {currency} has more decimals than the currency allows")
    return int(scaled)


@lru_cache(maxsize=8)
def _client_for(api_key: str, api_base: str | None) -> stripe.StripeClient:
    return stripe.StripeClient(
        api_key,
        base_addresses={"api": api_base} if api_base else None,
        # The local Stripe answers at once; against Stripe itself the library retries safely with
        # idempotency keys of its own.
        max_network_retries=0 if api_base else 2,
        http_client=stripe.RequestsClient(timeout=30),
    )


def client(config: Config) -> stripe.StripeClient:
    if not card_payments_available(config):
        raise PaymentsUnavailable("Card payments are not configured on this server.")
    return _client_for(config.stripe_secret_key or "", config.stripe_api_base)


def create_payment_intent(config: Config, group: OrderGroup, payment_method_id: str) -> Any:
    """A PaymentIntent for the group's total with the buyer's payment method attached (not confirmed)."""
    params: dict[str, Any] = {
        "amount": minor_units(group.total, group.currency),
        "currency": group.currency.lower(),
        "payment_method": payment_method_id,
        "payment_method_types": ["card"],
        "metadata": {"group_ref": group.ref},
    }
    try:
        return client(config).v1.payment_intents.create(params=params)  # type: ignore[arg-type]
    except stripe.InvalidRequestError as exc:
        if exc.http_status == 404 or exc.param == "payment_method":  # an unknown or unusable card
            raise ValueError("This card cannot be used; enter the card details again.") from exc
        log.warning("Stripe refused a PaymentIntent for %s: %s", group.ref, exc)
        raise PaymentProviderError(str(exc)) from exc
    except stripe.StripeError as exc:
        log.warning("Stripe refused a PaymentIntent for %s: %s", group.ref, exc)
        raise PaymentProviderError(str(exc)) from exc


def confirm(config: Config, payment_intent_id: str) -> ConfirmResult:
    """Confirm a PaymentIntent created by `create_payment_intent`; a declined card is a result."""
    try:
        intent = client(config).v1.payment_intents.confirm(payment_intent_id)
    except stripe.CardError as exc:
        message = (exc.user_message or "Your card was declined.").strip()
        return ConfirmResult("failed", f"{message} {DECLINED_HINT}", payment_intent_id)
    except stripe.StripeError as exc:
        log.warning("Stripe could not confirm %s: %s", payment_intent_id, exc)
        raise PaymentProviderError(str(exc)) from exc
    status = intent.status
    if status in ("succeeded", "requires_capture"):
        return ConfirmResult("succeeded", None, intent.id)
    if status == "requires_action":
        return ConfirmResult("requires_action", None, intent.id, intent.client_secret)
    if status == "requires_payment_method":
        last_error = intent.last_payment_error
        error = (last_error["message"] if last_error and "message" in last_error else None) or (
            "Your card was declined.")
        return ConfirmResult("failed", f"{error} {DECLINED_HINT}", intent.id)
    return ConfirmResult("processing", None, intent.id)


def create_and_confirm(config: Config, group: OrderGroup, payment_method_id: str) -> ConfirmResult:
    """One payment attempt for the group: a new PaymentIntent, then its confirmation. Callers that must
    record the PaymentIntent before confirming it use `create_payment_intent` and `confirm`."""
    intent = create_payment_intent(config, group, payment_method_id)
    return confirm(config, intent.id)


def refund(config: Config, group: OrderGroup, amount: Decimal, *, idempotency_key: str | None = None) -> str:
    """Refund ``amount`` (in the group's currency) of the group's card payment; returns the refund id."""
    if not group.stripe_payment_intent:
        raise PaymentProviderError(f"Order group {group.ref} has no card payment to refund.")
    params: dict[str, Any] = {
        "payment_intent": group.stripe_payment_intent,
        "amount": minor_units(amount, group.currency),
        "metadata": {"group_ref": group.ref},
    }
    options: dict[str, Any] = {"idempotency_key": idempotency_key} if idempotency_key else {}
    try:
        result = client(config).v1.refunds.create(params=params, options=options)  # type: ignore[arg-type]
    except stripe.StripeError as exc:
        log.warning("Stripe refused a refund for %s: %s", group.ref, exc)
        raise PaymentProviderError(str(exc)) from exc
    return result.id


#: how far a webhook's signed timestamp may be from our clock, either way (Stripe's own default for
#: the past; the library checks only the past, so a delivery signed "a year ahead" would pass it)
WEBHOOK_TOLERANCE_S = 300


#: the event types the webhook acts on
PAYMENT_EVENTS = ("payment_intent.succeeded", "payment_intent.payment_failed")


@dataclass(frozen=True)
class WebhookEvent:
    """A verified delivery, checked for the shape we read: ``intent`` is ``data.object`` (a dict)."""

    id: str
    type: str
    intent: dict[str, Any]


def verify_webhook(config: Config, payload: bytes, signature: str | None, *, now: float | None = None
                   ) -> WebhookEvent:
    """The event if ``signature`` (the Stripe-Signature header) is Stripe's for ``payload``, recent
    (within WEBHOOK_TOLERANCE_S of our clock, past or future) and shaped like a Stripe event.
    Raises InvalidWebhook for a bad signature or payload, PaymentsUnavailable without a webhook secret."""
    if not config.stripe_webhook_secret:
        raise PaymentsUnavailable("No Stripe webhook secret is configured.")
    if not signature:
        raise InvalidWebhook("invalid_signature", "The Stripe-Signature header is missing.")
    try:
        # checks the signature and that it is not older than the tolerance
        stripe.WebhookSignature.verify_header(payload, signature, config.stripe_webhook_secret,
                                              WEBHOOK_TOLERANCE_S)
    except (stripe.SignatureVerificationError, UnicodeDecodeError) as exc:
        raise InvalidWebhook("invalid_signature",
                             "The Stripe-Signature header does not match the payload.") from exc
    stamps = [part[2:] for part in signature.split(",") if part.strip().startswith("t=")]
    current = time.time() if now is None else now
    if not stamps or not stamps[0].strip().isdigit() or int(stamps[0]) > current + WEBHOOK_TOLERANCE_S:
        raise InvalidWebhook("invalid_signature", "The Stripe-Signature timestamp is in the future.")
    return _event_shape(payload)


def _event_shape(payload: bytes) -> WebhookEvent:
    """Signed is not well-formed: a body that is not an event object with an id, a type and (for the
    payment events) an object with an id and a metadata object is refused, never half-read."""
    bad = InvalidWebhook("invalid_payload", "The webhook body is not a JSON Stripe event.")
    try:
        body = json.loads(payload)
    except ValueError:
        raise bad from None
    if not isinstance(body, dict):
        raise bad
    event_id, kind, data = body.get("id"), body.get("type"), body.get("data")
    if not isinstance(event_id, str) or not event_id or len(event_id) > 80 or not isinstance(kind, str):
        raise bad
    if kind not in PAYMENT_EVENTS:
        return WebhookEvent(event_id, kind, {})  # acknowledged, never read
    intent = data.get("object") if isinstance(data, dict) else None
    if not isinstance(intent, dict) or not isinstance(intent.get("id"), str):
        raise bad
    if not isinstance(intent.get("metadata") if intent.get("metadata") is not None else {}, dict):
        raise bad
    return WebhookEvent(event_id, kind, intent)
