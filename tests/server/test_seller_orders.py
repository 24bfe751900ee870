"""The seller's orders (shipping progress, cancel) and the admin's payment confirmation."""

from __future__ import annotations

import httpx

from tests.server import orders_kit as kit
from tests.server.orders_kit import add_offer, at, buy, buy_paid, new_shop, register, set_order, ship, stock_of

api = kit.api  # fixture
db = kit.db  # fixture


def login(api: httpx.Client, email: str) -> dict[str, str]:
    r = api.post("/auth/login", json={"email": email, "password": "demo-password"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def test_seller_sees_only_its_orders_with_the_same_filters(live_server, api, db):
    buyer = register(live_server.api)
    mine, theirs = new_shop(live_server.api, db), new_shop(live_server.api, db)
    offer = add_offer(db, mine.seller_id, mine.warehouse_id, title="Green sprocket box")
    foreign = add_offer(db, theirs.seller_id, theirs.warehouse_id)
    group = buy(api, buyer, [offer, foreign])["order_group"]
    own_ref = next(o["ref"] for o in group["orders"] if o["seller"]["id"] == mine.seller_id)
    r = api.get("/seller/orders", headers=mine.seller.headers)
    assert r.status_code == 200
    assert [o["ref"] for o in r.json()["items"]] == [own_ref]
    got = api.get(
        "/seller/orders",
        params={"q": "sprocket", "shipping_status": "awaiting_preparation"},
        headers=mine.seller.headers,
    ).json()["items"]
    assert [o["ref"] for o in got] == [own_ref]
    assert (
        api.get("/seller/orders", params={"payment_status": "paid"}, headers=mine.seller.headers).json()[
            "items"
        ]
        == []
    )
    assert api.get("/seller/orders", headers=buyer.headers).status_code == 403
    other_ref = next(o["ref"] for o in group["orders"] if o["ref"] != own_ref)
    assert ship(api, mine.seller, other_ref, "preparing").status_code == 404


def test_shipping_moves_forward_only_and_tracks(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id)
    order = buy_paid(api, buyer, [offer])["order_group"]["orders"][0]
    ref = order["ref"]
    r = ship(api, shop.seller, ref, "delivered")
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"
    r = ship(api, shop.seller, ref, "preparing")
    assert r.status_code == 200 and r.json()["shipping_status"] == "preparing"
    assert at(r.json()["updated_at"]) > at(order["updated_at"])
    assert ship(api, shop.seller, ref, "preparing").json()["code"] == "invalid_transition"
    r = ship(api, shop.seller, ref, "shipped", carrier="DHL")
    assert r.status_code == 422 and r.json()["code"] == "tracking_number_required"
    r = ship(api, shop.seller, ref, "shipped", carrier="DHL", tracking_number="JD 0146/0000")
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["tracking"]["carrier"] == "DHL" and out["tracking"]["number"] == "JD 0146/0000"
    assert out["tracking"]["url"].startswith("https://www.dhl.com/") and out["tracking"]["url"].endswith(
        "JD%200146%2F0000"
    )
    assert out["shipped_at"] is not None and out["delivered_at"] is None
    seen = api.get(f"/orders/{ref}", headers=buyer.headers).json()
    assert seen["shipping_status"] == "shipped" and seen["tracking"] == out["tracking"]
    r = ship(api, shop.seller, ref, "delivered")
    assert r.json()["delivered_at"] is not None
    history = r.json()["history"]
    # paid first (issue 29: only a paid order ships)
    assert [h["event"] for h in history] == ["created", "payment_received", "preparing", "shipped", "delivered"]
    # the codes a client words in its own language, next to the English sentence older clients show
    assert history[0]["params"] == {"payment_method": order["payment_method"]}
    assert history[3]["params"] == {"carrier": "DHL", "tracking_number": "JD 0146/0000"}
    assert history[3]["detail"] == "DHL JD 0146/0000" and history[4]["params"] == {}
    assert ship(api, shop.seller, ref, "shipped", tracking_number="X").status_code == 409
    assert ship(api, shop.seller, ref, "returned").status_code == 422


def test_unknown_carrier_has_no_url(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id)
    ref = buy_paid(api, buyer, [offer])["order_group"]["orders"][0]["ref"]
    out = ship(api, shop.seller, ref, "shipped", carrier="Van of Joe", tracking_number="42").json()
    assert out["tracking"] == {"carrier": "Van of Joe", "number": "42", "url": None}


def test_seller_cancel_restores_stock_and_refunds_when_paid(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, stock=50)
    group = buy(api, buyer, [offer], 2, payment_method="multibanco")["order_group"]
    ref = group["orders"][0]["ref"]
    admin = login(api, "admin@demo.test")
    assert api.post(f"/admin/payment-groups/{group['ref']}/received", headers=admin).status_code == 200
    ship(api, shop.seller, ref, "preparing")
    r = api.post(
        f"/seller/orders/{ref}/cancel",
        json={"reason": "damaged in the warehouse"},
        headers=shop.seller.headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["shipping_status"] == "cancelled" and r.json()["payment_status"] == "refunded"
    assert stock_of(db, offer.id) == 50
    buyer_view = api.get(f"/order-groups/{group['ref']}", headers=buyer.headers).json()
    assert buyer_view["payment_status"] == "refunded"
    r = api.post(f"/seller/orders/{ref}/cancel", json={}, headers=shop.seller.headers)
    assert r.status_code == 409 and r.json()["code"] == "cancellation_not_allowed"


def test_admin_marks_manual_payments_received(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id)
    bank = buy(api, buyer, [offer], payment_method="bank_transfer")["order_group"]
    card = buy(api, buyer, [offer], payment_method="card")["order_group"]
    admin = login(api, "admin@demo.test")
    url = f"/admin/payment-groups/{bank['ref']}/received"
    assert api.post(url, headers=buyer.headers).status_code == 403
    first = api.post(url, headers=admin)
    assert first.status_code == 200, first.text
    assert first.json()["payment_status"] == "paid"
    order = api.get(f"/orders/{bank['orders'][0]['ref']}", headers=buyer.headers).json()
    assert order["payment_status"] == "paid" and order["history"][-1]["event"] == "payment_received"
    again = api.post(url, headers=admin)
    assert again.status_code == 200 and again.json()["orders"][0]["history"] == order["history"]
    r = api.post(f"/admin/payment-groups/{card['ref']}/received", headers=admin)
    assert r.status_code == 409 and r.json()["code"] == "not_manual_payment"
    assert api.post("/admin/payment-groups/G-NOSUCH00/received", headers=admin).status_code == 404


def test_shipping_follows_the_payment_status(live_server, api, db):
    """Issue 29: a refunded order was prepared and shipped (200). Each payment status allows its steps:
    paid all of them, pending (a transfer on its way) only preparing, failed and refunded none — else
    409 `shipping_not_allowed` — and the order JSON says what the seller may do next."""
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, stock=50)
    refs = {}
    for payment in ("pending", "paid", "failed", "refunded"):
        body = buy_paid(api, buyer, [offer]) if payment == "paid" else buy(api, buyer, [offer])
        refs[payment] = body["order_group"]["orders"][0]["ref"]
        if payment in ("failed", "refunded"):
            set_order(db, refs[payment], payment_status=payment)

    def allowed(ref: str) -> list[str]:
        return api.get(f"/seller/orders/{ref}", headers=shop.seller.headers).json()["allowed_shipping"]

    assert allowed(refs["paid"]) == ["preparing", "shipped", "cancelled"]
    assert allowed(refs["pending"]) == ["preparing", "cancelled"]
    assert allowed(refs["failed"]) == ["cancelled"]
    assert allowed(refs["refunded"]) == []
    listed = {o["ref"]: o["allowed_shipping"] for o in api.get(
        "/seller/orders", headers=shop.seller.headers).json()["items"]}
    assert listed[refs["refunded"]] == [] and listed[refs["pending"]] == ["preparing", "cancelled"]

    for payment in ("failed", "refunded"):
        for status in ("preparing", "shipped"):
            r = ship(api, shop.seller, refs[payment], status, carrier="DHL", tracking_number="JD0146000000")
            assert r.status_code == 409, (payment, status, r.text)
            problem = r.json()
            assert problem["code"] == "shipping_not_allowed" and problem["payment_status"] == payment
            assert payment in problem["detail"]
    r = api.post(f"/seller/orders/{refs['refunded']}/cancel", json={}, headers=shop.seller.headers)
    assert r.status_code == 409 and r.json()["code"] == "cancellation_not_allowed"
    assert "refunded" in r.json()["detail"]

    r = ship(api, shop.seller, refs["pending"], "shipped", carrier="DHL", tracking_number="JD0146000001")
    assert r.status_code == 409 and r.json()["code"] == "shipping_not_allowed"
    r = ship(api, shop.seller, refs["pending"], "preparing")
    assert r.status_code == 200 and r.json()["allowed_shipping"] == ["cancelled"]  # not shipped before paid
    r = ship(api, shop.seller, refs["paid"], "shipped", carrier="DHL", tracking_number="JD0146000002")
    assert r.status_code == 200 and r.json()["allowed_shipping"] == ["delivered", "cancelled"]
    seen = api.get(f"/seller/orders/{refs['refunded']}", headers=shop.seller.headers).json()
    assert seen["shipping_status"] == "awaiting_preparation" and seen["history"][-1]["event"] == "created"


def test_the_openapi_documents_allowed_shipping(live_server, api):
    doc = httpx.get(str(api.base_url).removesuffix("/api/v1/") + "/openapi.json").json()
    field = doc["components"]["schemas"]["OrderOut"]["properties"]["allowed_shipping"]
    assert "shipping_not_allowed" in field["description"]
    assert "allowed_shipping" in doc["components"]["schemas"]["OrderOut"]["required"]
    shipping = doc["paths"]["/api/v1/seller/orders/{ref}/shipping"]["post"]
    assert "shipping_not_allowed" in shipping["description"]
