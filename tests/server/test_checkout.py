"""POST /checkout against the real server: orders, stock, payments, idempotency, refusals."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import httpx
from sqlalchemy import func, select

from marketplace.db import Database
from marketplace.orm import Order, OrderGroup
from tests.server import orders_kit as kit
from tests.server.orders_kit import (
    add_offer,
    at,
    checkout_body,
    line,
    new_shop,
    place,
    register,
    stock_of,
    version_of,
)
from tests.support.server import cleanup, make_server

api = kit.api  # fixture
db = kit.db  # fixture


def orders_count(db, buyer_id: int) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Order).where(Order.buyer_id == buyer_id))


def test_checkout_creates_one_order_per_warehouse_and_takes_stock(live_server, api, db):
    buyer = register(live_server.api)
    a, b = new_shop(live_server.api, db), new_shop(live_server.api, db)
    oa = add_offer(db, a.seller_id, a.warehouse_id, price="4.00", stock=100, pack_units=10)
    ob = add_offer(db, b.seller_id, b.warehouse_id, price="1000.00", stock=5, pack_units=1)
    before = version_of(db, oa.id)
    body = checkout_body([line(oa, 3), line(ob, 2)], {a.warehouse_id: 1, b.warehouse_id: 3})
    r = place(api, buyer, body)
    assert r.status_code == 201, r.text
    assert r.headers.get("Idempotent-Replayed") is None
    out = r.json()
    group = out["order_group"]
    assert re.fullmatch(r"G-[2-9A-Z]{8}", group["ref"])
    assert len(group["orders"]) == 2 and "guest_token" not in out
    orders = {o["seller"]["id"]: o for o in group["orders"]}
    first = orders[a.seller_id]
    assert re.fullmatch(rf"O-{group['ref'][2:]}-[12]", first["ref"])
    assert first["subtotal"]["amount"] == "120.00" and first["shipping_price"]["amount"] == "25.00"
    assert first["total"]["amount"] == "145.00"
    assert orders[b.seller_id]["total"]["amount"] == "2000.00"  # pickup is free
    assert group["total"] == {"amount": "2145.00", "currency": "EUR"}
    assert first["payment_status"] == "pending" and first["shipping_status"] == "awaiting_preparation"
    assert first["can_cancel"] is True and first["can_review"] is False and first["tracking"] is None
    assert [h["event"] for h in first["history"]] == ["created"]
    assert first["lines"][0]["units"] == 30 and first["lines"][0]["sku"] == oa.sku
    assert stock_of(db, oa.id) == 70 and stock_of(db, ob.id) == 3
    assert version_of(db, oa.id) == before + 1  # the change feed hears of the stock change
    pay = out["payment"]
    assert pay["method"] == "bank_transfer" and pay["status"] == "pending"
    assert pay["reference"] == group["ref"] and pay["amount"] == group["total"]
    assert pay["iban"] and pay["bic"] and pay["beneficiary"]
    with db.session() as s:
        row = s.scalar(select(OrderGroup).where(OrderGroup.ref == group["ref"]))
        assert row.rate_per_eur == 1 and row.buyer_id == buyer.user_id


def test_card_and_multibanco_payment_shapes_and_currency(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, price="5.00", pack_units=10)
    card = place(
        api, buyer, checkout_body([line(offer)], offers=[offer], payment_method="card", currency="PLN")
    ).json()
    assert card["payment"]["method"] == "card" and card["payment"]["status"] == "pending"
    assert card["payment"]["checkout_url"].startswith(live_server.url + "/pay/" + card["order_group"]["ref"])
    assert card["order_group"]["currency"] == "PLN" and card["order_group"]["total"]["currency"] == "PLN"
    assert card["order_group"]["orders"][0]["currency"] == "PLN"
    mb = place(api, buyer, checkout_body([line(offer)], offers=[offer], payment_method="multibanco")).json()
    pay = mb["payment"]
    assert re.fullmatch(r"\d{5}", pay["entity"]) and re.fullmatch(r"\d{3} \d{3} \d{3}", pay["reference"])
    assert pay["amount"] == mb["order_group"]["total"]
    created = at(mb["order_group"]["created_at"])
    assert timedelta(days=2, hours=23) < at(pay["expires_at"]) - created < timedelta(days=3, minutes=1)
    got = api.get(f"/order-groups/{mb['order_group']['ref']}", headers=buyer.headers).json()
    assert got["payment"]["reference"] == pay["reference"]


def test_idempotent_replay_returns_the_same_response_and_one_order(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, stock=100)
    body = checkout_body([line(offer, 2)], offers=[offer])
    key = str(uuid.uuid4())
    first = place(api, buyer, body, key)
    again = place(api, buyer, body, key)
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert orders_count(db, buyer.user_id) == 1 and stock_of(db, offer.id) == 80
    other = dict(body, currency="USD")
    r = place(api, buyer, other, key)
    assert r.status_code == 422 and r.json()["code"] == "idempotency_key_reused"
    assert orders_count(db, buyer.user_id) == 1
    # the key belongs to the account: another buyer's same key is a new checkout
    assert place(api, register(live_server.api), body, key).headers.get("Idempotent-Replayed") is None


def test_stock_changed_is_409_and_creates_nothing(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    plenty = add_offer(db, shop.seller_id, shop.warehouse_id, stock=500)
    scarce = add_offer(db, shop.seller_id, shop.warehouse_id, stock=10)
    key = str(uuid.uuid4())
    body = checkout_body([line(plenty, 2), line(scarce, 2)], offers=[plenty])
    r = place(api, buyer, body, key)
    assert r.status_code == 409, r.text
    problem = r.json()
    assert problem["code"] == "stock_changed"
    assert [(i["offer_id"], i["code"], i["available_units"]) for i in problem["issues"]] == [
        (scarce.id, "insufficient_stock", 10)
    ]
    assert stock_of(db, plenty.id) == 500 and orders_count(db, buyer.user_id) == 0
    # nothing was stored under the key: the buyer fixes the cart and retries with it
    fixed = checkout_body([line(plenty, 2), line(scarce, 1)], offers=[plenty])
    assert place(api, buyer, fixed, key).status_code == 201


def test_quote_issues_are_422_with_the_same_codes(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db, min_order_value="1000")
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, moq=30, stock=5)
    body = checkout_body(
        [line(offer), {"offer_id": 2_000_000_001, "packaging_id": 1, "quantity": 1}], offers=[offer]
    )
    r = place(api, buyer, body)
    assert r.status_code == 422 and r.json()["code"] == "quote_issues"
    found = {i["code"] for i in r.json()["issues"]}
    assert found == {"insufficient_stock", "below_moq", "below_min_order_value", "offer_not_found"}
    bad_pack = checkout_body(
        [{"offer_id": offer.id, "packaging_id": 999_999_999, "quantity": 1}], offers=[offer]
    )
    r = place(api, buyer, bad_pack)
    assert "unknown_packaging" in {i["code"] for i in r.json()["issues"]}
    assert stock_of(db, offer.id) == 5 and orders_count(db, buyer.user_id) == 0


def test_shipping_choice_is_required_per_group(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id)
    r = place(api, buyer, checkout_body([line(offer)], {}))
    assert r.status_code == 422 and r.json()["code"] == "shipping_method_required"
    assert r.json()["errors"][0]["field"] == f"shipping.{shop.warehouse_id}"
    r = place(api, buyer, checkout_body([line(offer)], {shop.warehouse_id: 42}))
    assert r.status_code == 422 and r.json()["code"] == "unknown_shipping_method"
    assert orders_count(db, buyer.user_id) == 0


def test_headers_auth_and_body_validation(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id)
    body = checkout_body([line(offer)], offers=[offer])
    r = api.post("/checkout", json=body, headers=buyer.headers)
    assert r.status_code == 400 and r.json()["code"] == "idempotency_key_required"
    r = place(api, buyer, body, "k" * 101)
    assert r.status_code == 400
    r = place(api, None, body)
    assert r.status_code == 401
    r = place(api, buyer, dict(body, payment_method="cash"))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "payment_method"
    r = place(api, buyer, dict(body, lines=[]))
    assert r.status_code == 422
    r = place(api, buyer, dict(body, lines=[line(offer, 1_000_001)]))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "lines.0.quantity"
    assert orders_count(db, buyer.user_id) == 0


def test_guest_checkout_token_reads_its_group_only(live_server, api, db):
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id)
    body = checkout_body([line(offer)], offers=[offer], guest="guest.buyer@example.com")
    key = str(uuid.uuid4())
    r = place(api, None, body, key)
    assert r.status_code == 201, r.text
    out = r.json()
    token = out["guest_token"]
    guest = {"Authorization": f"Bearer {token}"}
    ref = out["order_group"]["ref"]
    order_ref = out["order_group"]["orders"][0]["ref"]
    assert api.get(f"/order-groups/{ref}", headers=guest).status_code == 200
    assert api.get(f"/orders/{order_ref}", headers=guest).json()["ref"] == order_ref
    assert [o["ref"] for o in api.get("/orders", headers=guest).json()["items"]] == [order_ref]
    # replay hands back the same token; another guest order is out of this token's reach
    assert place(api, None, body, key).json()["guest_token"] == token
    other = place(api, None, checkout_body([line(offer)], offers=[offer], guest="x@example.com")).json()
    assert api.get(f"/order-groups/{other['order_group']['ref']}", headers=guest).status_code == 404
    assert api.get(f"/orders/{other['order_group']['orders'][0]['ref']}", headers=guest).status_code == 404
    assert api.post(f"/orders/{order_ref}/cancel", json={}, headers=guest).status_code == 403


def test_signed_in_checkout_ignores_guest(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id)
    out = place(api, buyer, checkout_body([line(offer)], offers=[offer], guest="someone@example.com")).json()
    assert "guest_token" not in out
    with db.session() as s:
        group = s.scalar(select(OrderGroup).where(OrderGroup.ref == out["order_group"]["ref"]))
        assert group.buyer_id == buyer.user_id and group.guest_email is None


def test_card_checkout_without_stripe_is_503_and_the_key_stays_free():
    """A server without Stripe (no --demo, no keys) refuses card payments before taking anything; the
    same Idempotency-Key then places a bank-transfer order."""
    server = make_server(offers=0, orders=0, demo=False)
    server.start()
    database = Database(server.database_url)
    try:
        buyer = register(server.api)
        shop = new_shop(server.api, database)
        offer = add_offer(database, shop.seller_id, shop.warehouse_id, stock=50, pack_units=10)
        with httpx.Client(base_url=server.api, timeout=30) as api:
            key = str(uuid.uuid4())
            r = place(api, buyer, checkout_body([line(offer)], offers=[offer], payment_method="card"), key)
            assert r.status_code == 503 and r.json()["code"] == "payments_unavailable", r.text
            assert orders_count(database, buyer.user_id) == 0 and stock_of(database, offer.id) == 50
            r = place(api, buyer, checkout_body([line(offer)], offers=[offer]), key)
            assert r.status_code == 201, r.text
            assert r.headers.get("Idempotent-Replayed") is None and stock_of(database, offer.id) == 40
    finally:
        database.dispose()
        cleanup(server)
