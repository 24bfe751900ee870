"""Checkout: one transaction (locked quote, stock, order group, idempotency record). The order state
changes that follow it (paid, failed, cancelled) are in order_states.py."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..config import Config
from ..errors import ApiError
from ..orm import (
    AuthToken,
    IdempotencyRecord,
    Offer,
    Order,
    OrderGroup,
    OrderLine,
    utcnow,
)
from ..payments import gateway
from ..schemas.cart import CheckoutIn
from ..schemas.common import two_places
from ..security import expiry, new_token, token_digest
from . import offers as offer_service
from .order_states import add_event
from .order_views import group_json
from .quote import STOCK_CODES, LineRequest, Quote, build_quote, money

REF_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L, U: easy to read out on the phone
MAX_AMOUNT = Decimal("1000000000")  # a single checkout over this is refused (and fits MONEY columns)
BANK = {
    "iban": "PT50 0035 0651 0000 1234 5678 9",
    "bic": "CGDIPTPL",
    "beneficiary": "Bulkdesk Marketplace SA",
}
MULTIBANCO_ENTITY = "21873"


@dataclass
class CheckoutResult:
    status: int
    body: dict[str, Any]
    replayed: bool


def checkout_url(config: Config, group_ref: str) -> str:
    return gateway.checkout_url(config, group_ref)


def new_ref(session: Session) -> str:
    while True:
        ref = "G-" + "".join(secrets.choice(REF_ALPHABET) for _ in range(8))
        if session.scalar(select(OrderGroup.id).where(OrderGroup.ref == ref)) is None:
            return ref


def request_hash(body: CheckoutIn) -> str:
    data = body.model_dump(mode="json")
    for line in data["lines"]:  # a line without it hashes as before volume prices existed
        if line["expected_unit_price"] is None:
            del line["expected_unit_price"]
    canonical = json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


# --- checkout -------------------------------------------------------------------------------------


def checkout(
    session: Session, config: Config, body: CheckoutIn, *, user_id: int | None, key: str
) -> CheckoutResult:
    """Place the order group, or replay the response stored under (scope, key). Commits. A card payment
    on a server without Stripe → 503 `payments_unavailable`, before anything else."""
    if body.payment_method == "card" and not gateway.card_payments_available(config):
        raise ApiError(503, "payments_unavailable",
                       "Card payments are not configured on this server; choose bank transfer or Multibanco.")
    scope = f"user:{user_id}" if user_id is not None else f"guest:{body.guest.email.lower()}"
    digest = request_hash(body)
    previous = _find_record(session, scope, key)
    if previous is not None:
        return _replay(previous, digest)
    record = IdempotencyRecord(scope=scope, key=key, request_hash=digest, status_code=0, response={})
    session.add(record)
    try:
        session.flush()  # claims the key; a concurrent twin waits here (PostgreSQL) until we finish
    except IntegrityError:
        session.rollback()
        winner = _find_record(session, scope, key)
        if winner is None:  # pragma: no cover - the winner's row vanished: nothing sensible to say
            raise ApiError(
                409, "idempotency_conflict", "A request with this key is in progress; retry."
            ) from None
        return _replay(winner, digest)

    lines = [LineRequest(ln.offer_id, ln.packaging_id, ln.quantity, ln.expected_unit_price) for ln in body.lines]
    quote = build_quote(session, body.currency, lines, lock=True)
    _check_quote(quote)
    _check_prices(quote)
    methods = _chosen_methods(quote, body.shipping)

    group = _create_group(session, config, body, quote, methods, user_id)
    response: dict[str, Any] = {"order_group": group_json(group), "payment": dict(group.payment_details)}
    if user_id is None:
        # The guest token is stored in the replayable response: a retried checkout must hand the buyer
        # the same token, or the guest could never read the order. The trade-off: the plain token sits
        # in the idempotency table (as long as the record is kept), readable by whoever reads the DB.
        token = new_token()
        session.add(
            AuthToken(
                token_hash=token_digest(token),
                guest_group_id=group.id,
                expires_at=expiry(config.guest_token_ttl_hours),
            )
        )
        response["guest_token"] = token
    record.status_code = 201
    record.response = response
    try:
        session.commit()
    except IntegrityError:  # pragma: no cover - a concurrent twin won on SQLite (cannot happen) or PG
        session.rollback()
        winner = _find_record(session, scope, key)
        if winner is None:
            raise
        return _replay(winner, digest)
    return CheckoutResult(201, response, replayed=False)


def _find_record(session: Session, scope: str, key: str) -> IdempotencyRecord | None:
    return session.scalar(
        select(IdempotencyRecord).where(IdempotencyRecord.scope == scope, IdempotencyRecord.key == key)
    )


def _replay(record: IdempotencyRecord, digest: str) -> CheckoutResult:
    if record.request_hash != digest:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was used with another request; make a new key for a new checkout.",
        )
    return CheckoutResult(record.status_code, record.response, replayed=True)


def _check_quote(quote: Quote) -> None:
    """Rule: any issue the buyer must fix in the cart (unknown offer or packaging, MOQ, minimum order
    value) → 422 `quote_issues`, listing every issue; when the only issues are stock that another
    buyer took meanwhile (`out_of_stock`, `insufficient_stock`) → 409 `stock_changed`."""
    issues = quote.all_issues()
    if not issues:
        return
    if all(i["code"] in STOCK_CODES for i in issues):
        raise ApiError(
            409,
            "stock_changed",
            "Some items were bought by someone else meanwhile; quote the cart again.",
            issues=issues,
        )
    raise ApiError(422, "quote_issues", "The cart has issues to fix before checkout.", issues=issues)


def _check_prices(quote: Quote) -> None:
    """Rule: the server's price is the one charged. A line whose `expected_unit_price` (what the buyer
    was shown) differs from it — a volume price or a promotion changed since the quote → 409
    `price_changed`, one issue per such line; nothing is created."""
    cur = quote.currency
    issues = [
        {
            "code": "price_changed",
            "message": "The price of this item changed since your quote.",
            "offer_id": line.offer.id,
            "packaging_id": line.request.packaging_id,
            "expected_unit_price": money(line.request.expected_unit_price, cur),
            "unit_price": money(line.unit_price, cur),
        }
        for group in quote.groups
        for line in group.lines
        if line.request.expected_unit_price is not None and line.request.expected_unit_price != line.unit_price
    ]
    if issues:
        raise ApiError(
            409, "price_changed", "Some prices changed since your quote; check the cart again.", issues=issues
        )


def _chosen_methods(quote: Quote, shipping: dict[str, int]) -> dict[int, Any]:
    chosen: dict[int, Any] = {}
    errors = []
    group_ids = {str(g.warehouse.id) for g in quote.groups}
    for key in shipping:
        if key not in group_ids:
            errors.append(
                {
                    "field": f"shipping.{key}",
                    "code": "unknown_warehouse",
                    "message": "No line of the cart ships from this warehouse.",
                }
            )
    for group in quote.groups:
        wid = group.warehouse.id
        method_id = shipping.get(str(wid))
        method = next((m for m in group.methods if m.id == method_id), None)
        if method_id is None:
            errors.append(
                {
                    "field": f"shipping.{wid}",
                    "code": "shipping_method_required",
                    "message": f"Choose a shipping method for warehouse {wid}.",
                }
            )
        elif method is None:
            errors.append(
                {
                    "field": f"shipping.{wid}",
                    "code": "unknown_shipping_method",
                    "message": f"Shipping method {method_id} does not exist.",
                }
            )
        else:
            chosen[wid] = method
    if errors:
        code = errors[0]["code"] if len({e["code"] for e in errors}) == 1 else "invalid_shipping"
        raise ApiError(422, code, "; ".join(e["message"] for e in errors), errors=errors)
    return chosen


def _create_group(
    session: Session,
    config: Config,
    body: CheckoutIn,
    quote: Quote,
    methods: dict[int, Any],
    user_id: int | None,
) -> OrderGroup:
    now = utcnow()
    ref = new_ref(session)
    cur = quote.currency
    group = OrderGroup(
        ref=ref,
        buyer_id=user_id,
        guest_email=body.guest.email.lower() if user_id is None and body.guest else None,
        currency=cur,
        rate_per_eur=quote.rate,
        total=Decimal(0),
        payment_method=body.payment_method,
        payment_status="pending",
        payment_reference=ref,
        payment_details={},
        company=body.company.model_dump(),
        delivery_address=body.delivery_address.model_dump(),
        created_at=now,
    )
    session.add(group)
    taken: dict[int, int] = defaultdict(int)
    offers: dict[int, Offer] = {}
    total = Decimal(0)
    for n, qgroup in enumerate(quote.groups, start=1):
        method = methods[qgroup.warehouse.id]
        shipping_price = quote.convert(method.price_eur)
        order = Order(
            ref=f"O-{ref[2:]}-{n}",
            buyer_id=user_id,
            seller=qgroup.seller,
            warehouse=qgroup.warehouse,
            currency=cur,
            subtotal=qgroup.subtotal,
            shipping_price=shipping_price,
            total=qgroup.subtotal + shipping_price,
            total_eur=two_places(qgroup.subtotal_eur + method.price_eur),
            payment_status="pending",
            shipping_status="awaiting_preparation",
            shipping_method={"id": method.id, "name": method.name, "days": method.days},
            created_at=now,
            updated_at=now,
        )
        order.group = group
        session.add(order)
        for ln in qgroup.lines:
            assert ln.packaging is not None  # an unknown packaging is a quote issue, refused above
            order.lines.append(
                OrderLine(
                    offer_id=ln.offer.id,
                    sku=ln.offer.sku,
                    title=ln.offer.title,
                    packaging_id=ln.packaging.id,
                    packaging_label=ln.packaging.label,
                    packaging_units=ln.packaging.units,
                    quantity=ln.request.quantity,
                    units=ln.units,
                    unit_price=ln.unit_price,
                    line_total=ln.line_total,
                )
            )
            taken[ln.offer.id] += ln.units
            offers[ln.offer.id] = ln.offer
        order.search_text = " ".join(
            [order.ref, ref, qgroup.seller.name] + [f"{ln.sku} {ln.title}" for ln in order.lines]
        ).lower()
        add_event(order, "created", f"Order placed; payment by {body.payment_method.replace('_', ' ')}.",
                  payment_method=body.payment_method)
        total += order.total
    if total > MAX_AMOUNT * max(quote.rate, Decimal(1)):
        raise ApiError(422, "order_too_large", "This order is too large for one checkout; split it.")
    group.total = total
    for offer_id, units in taken.items():
        offers[offer_id].stock_units -= units
    offer_service.touch(session, sorted(offers.values(), key=lambda o: o.id))
    group.payment_details = _payment_details(config, group)
    session.flush()
    return group


def _payment_details(config: Config, group: OrderGroup) -> dict[str, Any]:
    amount = money(group.total, group.currency)
    if group.payment_method == "card":
        return {"method": "card", "status": "pending", "checkout_url": checkout_url(config, group.ref)}
    if group.payment_method == "bank_transfer":
        return {
            "method": "bank_transfer",
            "status": "pending",
            **BANK,
            "reference": group.ref,
            "amount": amount,
        }
    digits = f"{secrets.randbelow(10**9):09d}"
    group.payment_reference = digits
    expires = (utcnow() + timedelta(days=3)).isoformat().replace("+00:00", "Z")
    return {
        "method": "multibanco",
        "status": "pending",
        "entity": MULTIBANCO_ENTITY,
        "reference": f"{digits[:3]} {digits[3:6]} {digits[6:]}",
        "amount": amount,
        "expires_at": expires,
    }
