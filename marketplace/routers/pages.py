"""The server-hosted card checkout page (`checkout_url`) and the JSON endpoints its script calls.

GET /pay/{ref}?t=<signed token> shows the order group and a Stripe.js card form; the script creates a
payment method with Stripe.js and posts its id to /pay/{ref}/confirm; the server creates and confirms
the PaymentIntent. The webhook (routers/payments.py) reports the same outcome; both paths are idempotent.
"""

from __future__ import annotations

import html
import json
import secrets
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from string import Template
from typing import Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from ..config import Config
from ..db import Database
from ..deps import ReadDB, Settings, get_database
from ..errors import ApiError, not_found, responses
from ..orm import OrderGroup
from ..payments import gateway
from ..schemas.common import Money, Strict, two_places
from ..services import card_payments

router = APIRouter(include_in_schema=False)

_PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the link's token must not leak to other sites
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}
_DEFAULT_STRIPE_JS = "https://js.stripe.com/v3/"
#: what Stripe.js itself reaches besides its own origin (docs.stripe.com/security/guide#content-security-policy)
_STRIPE_ORIGINS = ("https://api.stripe.com", "https://hooks.stripe.com")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def page_headers(config: Config, nonce: str) -> dict[str, str]:
    """The page's headers with a Content-Security-Policy: our inline script only by this response's
    nonce, Stripe.js only from its configured origin (js.stripe.com, or the local Stripe in the demo),
    nothing embeds the page, forms post back to us only."""
    stripe_js = _origin(config.stripe_js_url or _DEFAULT_STRIPE_JS)
    stripe = " ".join(dict.fromkeys(
        [stripe_js, *(_STRIPE_ORIGINS if not config.stripe_js_url else ()),
         *([_origin(config.stripe_api_base)] if config.stripe_api_base else [])]))
    policy = "; ".join([
        "default-src 'none'",
        f"script-src 'nonce-{nonce}' {stripe_js}",
        # styles inline: ours, and those Stripe.js sets on the card fields it injects (low risk: no script)
        f"style-src 'unsafe-inline' {stripe_js}",
        f"img-src 'self' data: {stripe}",
        f"connect-src 'self' {stripe}",
        f"frame-src {stripe}",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ])
    return {**_PAGE_HEADERS, "Content-Security-Policy": policy}


@lru_cache(maxsize=8)
def _asset(name: str) -> str:
    return (resources.files("marketplace") / "templates" / name).read_text(encoding="utf-8")


def _amount(value: Decimal, currency: str) -> str:
    return f"{two_places(value):,.2f} {currency}"


def _find(session: Session, config: Config, ref: str, token: str | None) -> OrderGroup | None:
    """The card-paid group behind a valid signed link, else None (a bad link looks like no link)."""
    if not gateway.page_token_valid(config, ref, token):
        return None
    group = card_payments.group_by_ref(session, ref)
    if group is None or group.payment_method != "card":
        return None
    return group


def _orders_table(group: OrderGroup) -> str:
    if not group.orders:
        return ""
    row = '<tr><td>{seller}<div class="sub">Order {ref}</div></td><td class="amount">{total}</td></tr>'
    rows = "".join(
        row.format(seller=html.escape(order.seller.name), ref=html.escape(order.ref),
                   total=html.escape(_amount(order.total, order.currency)))
        for order in group.orders
    )
    return f'<table class="orders">{rows}</table>'


def _all_cancelled(group: OrderGroup) -> bool:
    return bool(group.orders) and all(o.shipping_status == "cancelled" for o in group.orders)


def render_page(config: Config, group: OrderGroup, token: str, nonce: str = "") -> str:
    status = group.payment_status
    can_pay = status in ("pending", "failed") and not _all_cancelled(group)
    available = gateway.card_payments_available(config)
    notice, notice_kind = "", "error"
    done_title, done_message = "", ""
    if status == "paid":
        done_title, done_message = "Thank you", "Payment received — you can return to Bulkdesk."
    elif status == "refunded":
        done_title, done_message = "Payment refunded", "This payment has been refunded."
    elif not can_pay:
        done_title, done_message = "Nothing to pay", "This order was cancelled; there is nothing to pay."
    elif not available:
        notice = "Card payments are not available on this server right now. Try again later."
    elif status == "failed" and group.payment_error:
        notice = f"The last payment attempt failed: {group.payment_error}"
    show_form = can_pay and available
    base = f"/pay/{group.ref}"
    page_config = {
        "publishableKey": config.stripe_publishable_key or "",
        "confirmUrl": f"{base}/confirm",
        "statusUrl": f"{base}/status?t={token}",
        "token": token,
    }
    stripe_js = config.stripe_js_url or _DEFAULT_STRIPE_JS
    values = {
        "title": html.escape(f"Pay order group {group.ref}"),
        "style": _asset("pay.css"),
        "group_ref": html.escape(group.ref),
        "orders_table": _orders_table(group),
        "total": html.escape(_amount(group.total, group.currency)),
        "total_label": {"paid": "Total paid", "refunded": "Total refunded"}.get(status, "Total to pay"),
        "notice": html.escape(notice),
        "notice_kind": notice_kind,
        "notice_hidden": "" if notice else " hidden",
        "form_hidden": "" if show_form else " hidden",
        "done_hidden": "" if done_title else " hidden",
        "done_title": html.escape(done_title),
        "done_message": html.escape(done_message),
        # JSON inside <script>: "<" escaped so that no value can close the element
        "config_json": json.dumps(page_config).replace("<", "\\u003c"),
        "nonce": nonce,
        "stripe_script": f'<script src="{html.escape(stripe_js)}"></script>' if show_form else "",
        "script": _asset("pay.js") if show_form else "",
    }
    return Template(_asset("pay.html")).substitute(values)


@router.get("/pay/{group_ref}", response_class=HTMLResponse)
def pay_page(group_ref: str, db: ReadDB, config: Settings, t: str | None = None) -> HTMLResponse:
    group = _find(db, config, group_ref, t)
    nonce = secrets.token_urlsafe(16)
    if group is None:
        page = Template(_asset("not_found.html")).substitute(style=_asset("pay.css"), nonce=nonce)
        return HTMLResponse(page, status_code=404, headers=page_headers(config, nonce))
    return HTMLResponse(render_page(config, group, t or "", nonce), headers=page_headers(config, nonce))


# --- JSON for the page's script ---------------------------------------------------------------------


class ConfirmRequest(Strict):
    t: str = Field(max_length=128, description="The signed token from the page link")
    payment_method: str = Field(pattern=r"^(pm|card)_[A-Za-z0-9_]{1,96}$",
                                description="From Stripe.js: a PaymentMethod id (or a card id from a token)")


class AttemptResult(BaseModel):
    status: Literal["paid", "failed", "requires_action", "processing"]
    message: str
    client_secret: str | None = Field(None, description="Only with requires_action: for Stripe.js")


class PaymentState(BaseModel):
    ref: str
    payment_status: Literal["pending", "paid", "failed", "refunded"]
    message: str | None
    total: Money


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


def _payable(session: Session, config: Config, ref: str, token: str | None) -> OrderGroup:
    group = _find(session, config, ref, token)
    if group is None:
        raise not_found("payment")
    if group.payment_status in card_payments.SETTLED:
        raise ApiError(409, "already_paid", "This order has already been paid.")
    if _all_cancelled(group):
        raise ApiError(409, "order_cancelled", "This order was cancelled; there is nothing to pay.")
    return group


@router.post("/pay/{group_ref}/confirm", response_model=AttemptResult,
             responses=responses(404, 409, 422, 502, 503))
def confirm_payment(group_ref: str, body: ConfirmRequest, config: Settings,
                    database: Database = Depends(get_database)) -> AttemptResult:
    if not gateway.card_payments_available(config):
        raise ApiError(503, "payments_unavailable", "Card payments are not available on this server.")
    with _attempt_lock(group_ref):
        with database.session() as session:
            group = _payable(session, config, group_ref, body.t)
        try:
            intent = gateway.create_payment_intent(config, group, body.payment_method)
        except ValueError as exc:
            raise ApiError(422, "invalid_payment_method", str(exc)) from exc
        except gateway.PaymentProviderError as exc:
            raise _provider_down() from exc
        # Record the attempt before confirming it, so its webhook always finds the group.
        with database.session(write=True) as session:
            group = _payable(session, config, group_ref, body.t)
            card_payments.reopen(session, group)
            group.stripe_payment_intent = intent.id
            session.commit()
        try:
            result = gateway.confirm(config, intent.id)
        except gateway.PaymentProviderError as exc:
            raise _provider_down() from exc
        with database.session(write=True) as session:
            group = card_payments.group_by_ref(session, group_ref)
            assert group is not None  # found above; groups are never deleted
            if result.status == "succeeded":
                card_payments.mark_paid(session, group, result.payment_intent_id)
            elif result.status == "failed":
                card_payments.mark_failed(session, group, result.payment_intent_id, result.error or "")
            session.commit()
    if result.status == "succeeded":
        return AttemptResult(status="paid", message="Payment received — you can return to Bulkdesk.")
    if result.status == "failed":
        return AttemptResult(status="failed", message=result.error or "The payment failed.")
    if result.status == "requires_action":
        return AttemptResult(status="requires_action", message="Your bank asks you to confirm this payment.",
                             client_secret=result.client_secret)
    return AttemptResult(status="processing", message="Your payment is being processed.")


@router.get("/pay/{group_ref}/status", response_model=PaymentState, responses=responses(404))
def payment_state(
    group_ref: str, db: ReadDB, config: Settings,
    t: str | None = Query(None, description="The signed token from the page link"),
) -> PaymentState:
    group = _find(db, config, group_ref, t)
    if group is None:
        raise not_found("payment")
    return PaymentState(ref=group.ref, payment_status=group.payment_status,  # type: ignore[arg-type]
                        message=group.payment_error if group.payment_status == "failed" else None,
                        total=Money(amount=group.total, currency=group.currency))
