"""The card checkout page (`checkout_url`): which order group a signed link opens, and the page's HTML
from the templates (marketplace/templates/pay.*)."""

from __future__ import annotations

import html
import json
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from string import Template

from sqlalchemy.orm import Session

from ..config import Config
from ..errors import ApiError, not_found
from ..orm import OrderGroup
from ..payments import gateway
from ..schemas.common import two_places
from . import card_payments

DEFAULT_STRIPE_JS = "https://js.stripe.com/v3/"


@lru_cache(maxsize=8)
def _asset(name: str) -> str:
    return (resources.files("marketplace") / "templates" / name).read_text(encoding="utf-8")


def _amount(value: Decimal, currency: str) -> str:
    return f"{two_places(value):,.2f} {currency}"


def find_group(session: Session, config: Config, ref: str, token: str | None) -> OrderGroup | None:
    """The card-paid group behind a valid signed link, else None (a bad link looks like no link)."""
    if not gateway.page_token_valid(config, ref, token):
        return None
    group = card_payments.group_by_ref(session, ref)
    if group is None or group.payment_method != "card":
        return None
    return group


def all_cancelled(group: OrderGroup) -> bool:
    return bool(group.orders) and all(o.shipping_status == "cancelled" for o in group.orders)


def payable_group(session: Session, config: Config, ref: str, token: str | None) -> OrderGroup:
    """The group a link opens, if it can still be paid: 404 `not_found`, 409 `already_paid` or
    `order_cancelled` otherwise."""
    group = find_group(session, config, ref, token)
    if group is None:
        raise not_found("payment")
    if group.payment_status in card_payments.SETTLED:
        raise ApiError(409, "already_paid", "This order has already been paid.")
    if all_cancelled(group):
        raise ApiError(409, "order_cancelled", "This order was cancelled; there is nothing to pay.")
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


def _page_state(config: Config, group: OrderGroup) -> tuple[bool, str, str, str]:
    """(show the card form, notice, done title, done message) for the group as it is now."""
    status = group.payment_status
    can_pay = status in ("pending", "failed") and not all_cancelled(group)
    available = gateway.card_payments_available(config)
    notice, done_title, done_message = "", "", ""
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
    return can_pay and available, notice, done_title, done_message


def render_page(config: Config, group: OrderGroup, token: str, nonce: str = "") -> str:
    show_form, notice, done_title, done_message = _page_state(config, group)
    base = f"/pay/{group.ref}"
    page_config = {
        "publishableKey": config.stripe_publishable_key or "",
        "confirmUrl": f"{base}/confirm",
        "statusUrl": f"{base}/status?t={token}",
        "token": token,
    }
    stripe_js = config.stripe_js_url or DEFAULT_STRIPE_JS
    values = {
        "title": html.escape(f"Pay order group {group.ref}"),
        "style": _asset("pay.css"),
        "group_ref": html.escape(group.ref),
        "orders_table": _orders_table(group),
        "total": html.escape(_amount(group.total, group.currency)),
        "total_label": {"paid": "Total paid", "refunded": "Total refunded"}.get(group.payment_status, "Total to pay"),
        "notice": html.escape(notice),
        "notice_kind": "error",
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


def not_found_page(nonce: str) -> str:
    return Template(_asset("not_found.html")).substitute(style=_asset("pay.css"), nonce=nonce)
