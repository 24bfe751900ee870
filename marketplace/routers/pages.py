"""The server-hosted card checkout page (`checkout_url`) and the JSON endpoints its script calls.

GET /pay/{ref}?t=<signed token> shows the order group and a Stripe.js card form; the script creates a
payment method with Stripe.js and posts its id to /pay/{ref}/confirm; the server creates and confirms
the PaymentIntent. The webhook (routers/payments.py) reports the same outcome; both paths are idempotent.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse

from ..config import Config
from ..db import Database
from ..deps import ReadDB, Settings, get_database
from ..errors import not_found, responses
from ..schemas.common import Money
from ..schemas.payments import AttemptResult, ConfirmRequest, PaymentState
from ..services import card_attempts
from ..services import pay_page as page
from ..services.pay_page import DEFAULT_STRIPE_JS

router = APIRouter(include_in_schema=False)

_PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the link's token must not leak to other sites
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}
#: what Stripe.js itself reaches besides its own origin (docs.stripe.com/security/guide#content-security-policy)
_STRIPE_ORIGINS = ("https://api.stripe.com", "https://hooks.stripe.com")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def page_headers(config: Config, nonce: str) -> dict[str, str]:
    """The page's headers with a Content-Security-Policy: our inline script only by this response's
    nonce, Stripe.js only from its configured origin (js.stripe.com, or the local Stripe in the demo),
    nothing embeds the page, forms post back to us only."""
    stripe_js = _origin(config.stripe_js_url or DEFAULT_STRIPE_JS)
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


@router.get("/pay/{group_ref}", response_class=HTMLResponse)
def pay_page(group_ref: str, db: ReadDB, config: Settings, t: str | None = None) -> HTMLResponse:
    group = page.find_group(db, config, group_ref, t)
    nonce = secrets.token_urlsafe(16)
    if group is None:
        return HTMLResponse(page.not_found_page(nonce), status_code=404, headers=page_headers(config, nonce))
    return HTMLResponse(page.render_page(config, group, t or "", nonce), headers=page_headers(config, nonce))


# --- JSON for the page's script ---------------------------------------------------------------------


@router.post("/pay/{group_ref}/confirm", response_model=AttemptResult,
             responses=responses(404, 409, 422, 502, 503))
def confirm_payment(group_ref: str, body: ConfirmRequest, config: Settings,
                    database: Database = Depends(get_database)) -> AttemptResult:
    result = card_attempts.attempt(database, config, group_ref, body.t, body.payment_method)
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
    group = page.find_group(db, config, group_ref, t)
    if group is None:
        raise not_found("payment")
    return PaymentState(ref=group.ref, payment_status=group.payment_status,  # type: ignore[arg-type]
                        message=group.payment_error if group.payment_status == "failed" else None,
                        total=Money(amount=group.total, currency=group.currency))
