"""A buyer's order as GET /orders/{ref} returns it (``order_json``) and as the desktop reads it (``order``),
for the order rules and the order detail tests; keyword arguments replace top-level fields."""

from __future__ import annotations

from desktop.api_client.types import Order
from desktop.models.orders_cache import rules as rules


def order_json(**changes):
    money = lambda amount: {"amount": amount, "currency": "EUR"}  # noqa: E731
    line = lambda offer_id, packaging_id, quantity, title="Gloves": {  # noqa: E731
        "offer_id": offer_id, "sku": f"SKU-{offer_id}", "title": title, "packaging_id": packaging_id,
        "packaging_label": "Box", "quantity": quantity, "units": quantity * 10,
        "unit_price": money("1.00"), "line_total": money(f"{quantity * 10}.00")}
    data = {
        "ref": "O-1", "group_ref": "G-1", "created_at": "2026-05-01T10:00:00Z", "currency": "EUR",
        "lines": [line(7, 70, 2), line(7, 71, 1), line(8, 80, 3, "")],
        "subtotal": money("60.00"), "shipping_price": money("5.00"), "total": money("65.00"),
        "seller": {"id": 3, "name": "Lisboa Surplus", "email": None, "phone": None, "country": "PT"},
        "origin": {"country": "PT", "city": "Lisboa"},
        "payment_method": "card", "payment_status": "paid", "shipping_status": "awaiting_preparation",
        "shipping_method": "DHL", "tracking": None, "shipped_at": None, "delivered_at": None,
        "can_cancel": True, "can_review": False,
        "history": [{"at": "2026-05-01T10:00:00Z", "event": "created", "detail": None}],
    }
    data.update(changes)
    return data


def order(**changes) -> Order:
    return rules.read_order(order_json(**changes))
