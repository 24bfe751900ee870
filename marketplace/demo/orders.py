"""Demo order history of buyer@demo.test: every payment × shipping status, totals that add up."""

from __future__ import annotations

import itertools
import random
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from ..services.order_states import reachable
from .catalog import CatalogRows, money
from .reference import BANK, CARRIERS, MULTIBANCO_ENTITY, SHIPPING_METHODS

PAYMENT_STATUSES = ("pending", "paid", "failed", "refunded")
SHIPPING_STATUSES = ("awaiting_preparation", "preparing", "shipped", "delivered", "cancelled")
#: every pair the marketplace's shipping rule lets an order reach (services/order_states.py: no refunded,
#: failed or unpaid order is shipped or delivered), each once at the start of the history
EVERY_PAIR = tuple(c for c in itertools.product(PAYMENT_STATUSES, SHIPPING_STATUSES) if reachable(*c))
#: realistic mix for orders beyond the first ones (which cover every reachable combination once)
WEIGHTED = (
    (("paid", "delivered"), 40), (("paid", "shipped"), 10), (("paid", "preparing"), 6),
    (("paid", "awaiting_preparation"), 5), (("pending", "awaiting_preparation"), 8),
    (("refunded", "cancelled"), 6), (("failed", "awaiting_preparation"), 3), (("failed", "cancelled"), 3),
    (("pending", "cancelled"), 2),
)
#: the orders after EVERY_PAIR's go, one each, to the demo seller: every state its fulfilment screen
#: shows (several to prepare, one shipped recently, one shipped over 30 days ago and never delivered)
SELLER_MIX = (
    ("paid", "awaiting_preparation"), ("paid", "awaiting_preparation"), ("paid", "awaiting_preparation"),
    ("paid", "awaiting_preparation"), ("pending", "awaiting_preparation"), ("paid", "preparing"), ("paid", "preparing"),
    ("paid", "shipped"), ("paid", "shipped"), ("paid", "delivered"), ("refunded", "cancelled"),
    ("failed", "cancelled"),
)
#: the SELLER_MIX position of the shipment lost in transit (shipped over 30 days ago)
LOST_SHIPMENT = 8
#: their payment methods in turn (paid bank transfers can be refunded by any test, without Stripe)
SELLER_METHODS = ("bank_transfer", "card", "multibanco")
#: order currencies: mostly EUR
CURRENCY_MIX = ("EUR",) * 12 + ("PLN", "PLN", "CZK", "GBP", "SEK", "HUF", "DKK", "RON", "CHF", "USD")
REF_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # as services/ordering.py: easy to read out


@dataclass
class OrderRows:
    groups: list[dict] = field(default_factory=list)
    orders: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)


@dataclass
class Buyer:
    user_id: int
    company: dict
    delivery_address: dict


def _combos(rng: random.Random, count: int) -> list[tuple[str, str]]:
    every = list(EVERY_PAIR)
    weights = [w for _, w in WEIGHTED]
    rest = rng.choices([c for c, _ in WEIGHTED], weights=weights, k=max(0, count - len(every) - len(SELLER_MIX)))
    return (every + list(SELLER_MIX) + rest)[:count]


def _seller_created_at(rng: random.Random, mix: int, combo: tuple[str, str], now: datetime) -> datetime:
    """When the demo seller's SELLER_MIX order ``mix`` was placed: recent enough to be on its desk, with
    room for its history before now (payment ≤ 31 h, preparing ≤ 49 h, shipped ≤ 73 h later)."""
    if mix == LOST_SHIPMENT:
        return now - timedelta(days=45 + rng.uniform(0, 20))  # shipped 38+ days ago
    if combo[1] == "awaiting_preparation":
        return now - timedelta(days=2 + rng.uniform(0, 8))
    return now - timedelta(days=14 + rng.uniform(0, 4))  # shipped < 19 days ago


def _ref(rng: random.Random, used: set[str]) -> str:
    while True:
        ref = "G-" + "".join(rng.choices(REF_ALPHABET, k=8))
        if ref not in used:
            used.add(ref)
            return ref


def build_orders(
    rng: random.Random,
    count: int,
    catalog: CatalogRows,
    warehouses: dict[int, dict],
    rates: dict[str, Decimal],
    buyer: Buyer,
    demo_warehouse_ids: set[int],
    now: datetime,
) -> OrderRows:
    """`count` orders in groups of 1–3 (the first ones alone, one per reachable status pair; then SELLER_MIX
    alone, each with the demo seller, its warehouses in turn)."""
    rows = OrderRows()
    by_warehouse: dict[int, list[int]] = {}
    for index, offer in enumerate(catalog.offers):
        by_warehouse.setdefault(offer["warehouse_id"], []).append(index)
    warehouse_ids = sorted(by_warehouse)
    if not warehouse_ids:
        return rows
    demo_ids = [w for w in warehouse_ids if w in demo_warehouse_ids] or warehouse_ids
    combos = _combos(rng, count)
    used_refs: set[str] = set()
    order_id = line_id = event_id = 0
    position = 0
    while position < count:
        size = min(count - position, rng.choice((1, 1, 1, 2, 2, 3)), len(warehouse_ids))
        first = len(EVERY_PAIR)
        mix = position - first if 0 <= position - first < len(SELLER_MIX) else None
        size = 1 if position < first or mix is not None else size
        group_id = len(rows.groups) + 1
        group_ref = _ref(rng, used_refs)
        currency = rng.choice(CURRENCY_MIX)
        rate = rates[currency]
        method = rng.choice(("card", "card", "card", "bank_transfer", "multibanco"))
        group_combos = combos[position:position + size]
        # a group is paid together: its orders share the first one's payment status (bar refunds)
        group_payment = group_combos[0][0]
        created_at = now - timedelta(days=rng.uniform(0, 730))
        if any(c != ("pending", "awaiting_preparation") for c in group_combos):
            # room for the whole history (at most ~13 days) before now
            created_at = min(created_at, now - timedelta(days=14 + rng.randrange(0, 20)))
        chosen = rng.sample(warehouse_ids, k=size)
        if (group_id % 4 == 0 or (position < first and position % 3 == 0)) and demo_ids:
            chosen[0] = rng.choice(demo_ids)
        if mix is not None:
            chosen[0] = demo_ids[mix % len(demo_ids)]
            method = "card" if group_payment == "failed" else SELLER_METHODS[mix % len(SELLER_METHODS)]
            created_at = _seller_created_at(rng, mix, group_combos[0], now)
        group_total = Decimal(0)
        for n, ((payment, shipping), warehouse_id) in enumerate(zip(group_combos, chosen, strict=True), 1):
            if payment != "refunded" and n > 1:
                payment = group_payment if group_payment != "refunded" else "paid"
                if not reachable(payment, shipping):  # e.g. a delivered order in a group not yet paid
                    shipping = "awaiting_preparation"
            order_id += 1
            order_ref = f"O-{group_ref[2:]}-{n}"
            warehouse = warehouses[warehouse_id]
            ship = rng.choice(SHIPPING_METHODS)
            shipping_price = money(Decimal(ship["price"]) * rate)
            subtotal = Decimal(0)
            skus, titles = [], []
            candidates = by_warehouse[warehouse_id]
            for index in rng.sample(candidates, k=min(rng.randint(1, 4), len(candidates))):
                offer = catalog.offers[index]
                pack_id, label, units = rng.choice(catalog.offer_packs[index])
                quantity = max(1, -(-offer["moq_units"] // units)) * rng.randint(1, 3)
                unit_price = money(offer["unit_price"] * rate)
                line_total = money(unit_price * units * quantity)
                subtotal += line_total
                line_id += 1
                rows.lines.append({
                    "id": line_id, "order_id": order_id, "offer_id": offer["id"], "sku": offer["sku"],
                    "title": offer["title"], "packaging_id": pack_id, "packaging_label": label,
                    "packaging_units": units, "quantity": quantity, "units": units * quantity,
                    "unit_price": unit_price, "line_total": line_total,
                })
                skus.append(offer["sku"])
                titles.append(offer["title"])
            total = subtotal + shipping_price
            group_total += total
            history = _history(rng, created_at, payment, shipping, method, ship)
            carrier = number = None
            shipped_at = delivered_at = cancelled_at = None
            for at, event, _detail, _params in history:
                if event == "shipped":
                    shipped_at = at
                elif event == "delivered":
                    delivered_at = at
                elif event == "cancelled":
                    cancelled_at = at
            if shipped_at is not None:
                carrier, _url = rng.choice(CARRIERS)
                number = "".join(rng.choices(string.digits, k=12))
                shipped = {"carrier": carrier, "tracking_number": number}
                history = [(at, ev, f"{carrier} {number}", shipped) if ev == "shipped" else (at, ev, d, p)
                           for at, ev, d, p in history]
            for at, event, detail, params in history:
                event_id += 1
                rows.events.append({"id": event_id, "order_id": order_id, "at": at, "event": event,
                                    "detail": detail, "params": params})
            rows.orders.append({
                "id": order_id, "ref": order_ref, "group_id": group_id, "buyer_id": buyer.user_id,
                "seller_id": warehouse["seller_id"], "warehouse_id": warehouse_id, "currency": currency,
                "subtotal": subtotal, "shipping_price": shipping_price, "total": total,
                "total_eur": money(total / rate), "payment_status": payment, "shipping_status": shipping,
                "shipping_method": {**ship, "price": str(shipping_price), "currency": currency},
                "tracking_carrier": carrier, "tracking_number": number, "shipped_at": shipped_at,
                "delivered_at": delivered_at, "cancelled_at": cancelled_at, "created_at": created_at,
                "updated_at": history[-1][0],
                "search_text": " ".join(
                    [order_ref, group_ref, warehouse["seller_name"], *skus, *titles]).lower(),
            })
        rows.groups.append(_group(rng, group_id, group_ref, buyer, currency, rate, group_total, method,
                                  group_payment if group_payment != "refunded" else "refunded", created_at))
        position += size
    return rows


def _history(rng: random.Random, created: datetime, payment: str, shipping: str, method: str,
             ship: dict) -> list[tuple[datetime, str, str, dict]]:
    """The order's events: (at, event, English detail, params) — see HistoryOut.params."""
    at = created
    events = [(at, "created", f"Order placed, payment by {method.replace('_', ' ')}", {"payment_method": method})]

    def step(hours_low: int, hours_high: int) -> datetime:
        nonlocal at
        at = at + timedelta(hours=rng.randint(hours_low, hours_high), minutes=rng.randrange(60))
        return at

    if payment in ("paid", "refunded"):
        events.append((step(0, 30), "payment_received", "Payment confirmed", {"payment_method": method}))
    elif payment == "failed":
        events.append((step(0, 2), "payment_failed", "The card was declined", {}))
    if shipping in ("preparing", "shipped", "delivered"):
        events.append((step(4, 48), "preparing", "The seller is preparing the order", {}))
    if shipping in ("shipped", "delivered"):
        events.append((step(12, 72), "shipped", "", {}))
    if shipping == "delivered":
        at_delivery = step(24, 24 * max(2, ship["days"] + 1))
        events.append((at_delivery, "delivered", "Delivered to the delivery address", {}))
    if shipping == "cancelled":
        why, by = rng.choice((("Cancelled by the buyer", "buyer"), ("Out of stock at the seller", "seller")))
        events.append((step(2, 96), "cancelled", why, {"by": by}))
        if payment == "refunded":
            events.append((step(0, 24), "refunded", "Payment refunded", {}))
    elif payment == "refunded":
        events.append((step(24, 240), "refunded", "Partial return accepted, payment refunded", {}))
    return events


def _group(rng: random.Random, group_id: int, ref: str, buyer: Buyer, currency: str, rate: Decimal,
           total: Decimal, method: str, payment: str, created: datetime) -> dict:
    amount = {"amount": f"{total:.2f}", "currency": currency}
    reference = ref
    details: dict = {"method": method, "status": payment}
    if method == "bank_transfer":
        details |= {**BANK, "reference": ref, "amount": amount}
    elif method == "multibanco":
        reference = "".join(rng.choices(string.digits, k=9))
        expires = (created + timedelta(days=3)).isoformat().replace("+00:00", "Z")
        spaced = f"{reference[:3]} {reference[3:6]} {reference[6:]}"
        details |= {"entity": MULTIBANCO_ENTITY, "reference": spaced, "amount": amount, "expires_at": expires}
    elif method == "card":
        # Demo history: no card was ever charged, so there is no PaymentIntent to refund (see order_states.refund).
        details |= {"demo": True}
    return {
        "id": group_id, "ref": ref, "buyer_id": buyer.user_id, "guest_email": None, "currency": currency,
        "rate_per_eur": rate, "total": total, "payment_method": method, "payment_status": payment,
        "payment_reference": reference, "payment_details": details,
        "stripe_payment_intent": None,
        "payment_error": "Your card was declined." if payment == "failed" else None,
        "company": buyer.company, "delivery_address": buyer.delivery_address, "created_at": created,
    }
