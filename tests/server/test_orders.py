"""The buyer's orders: filters, sort, pagination, scope, cancellation and review rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from marketplace.orm import Seller
from tests.server import orders_kit as kit
from tests.server.orders_kit import add_offer, at, buy, buy_paid, new_shop, register, set_order, ship, stock_of

api = kit.api  # fixture
db = kit.db  # fixture


@pytest.fixture(scope="module")
def history(live_server, db):
    """One buyer with five orders of known dates, totals and states (from two shops)."""
    import httpx

    buyer = register(live_server.api)
    a, b = new_shop(live_server.api, db), new_shop(live_server.api, db)
    cheap = add_offer(db, a.seller_id, a.warehouse_id, price="1.00", title="Blue widget crate")
    dear = add_offer(db, b.seller_id, b.warehouse_id, price="50.00", title="Red gadget pallet")
    with httpx.Client(base_url=live_server.api, timeout=60) as client:
        refs = [
            buy(client, buyer, [o])["order_group"]["orders"][0]["ref"]
            for o in (cheap, cheap, dear, dear, cheap)
        ]
    dates = [
        datetime(2030, 3, 1, 0, 0, 0, tzinfo=UTC),
        datetime(2030, 3, 15, 12, tzinfo=UTC),
        datetime(2030, 3, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(2030, 4, 1, tzinfo=UTC),
        datetime(2030, 2, 28, 23, 59, 59, tzinfo=UTC),
    ]
    for ref, when in zip(refs, dates, strict=True):
        set_order(db, ref, created_at=when)
    set_order(db, refs[1], payment_status="paid")
    set_order(db, refs[2], payment_status="paid", shipping_status="preparing")
    return {"buyer": buyer, "refs": refs, "cheap": cheap, "dear": dear, "shop_b": b}


def refs_of(api, buyer, **params) -> list[str]:
    r = api.get("/orders", params=params, headers=buyer.headers)
    assert r.status_code == 200, r.text
    return [o["ref"] for o in r.json()["items"]]


def test_default_sort_is_newest_first(api, history):
    r = history["refs"]
    assert refs_of(api, history["buyer"]) == [r[3], r[2], r[1], r[0], r[4]]
    assert refs_of(api, history["buyer"], sort="created_at") == [r[4], r[0], r[1], r[2], r[3]]


def test_sort_by_total(api, history):
    got = refs_of(api, history["buyer"], sort="-total")
    assert set(got[:2]) == {history["refs"][2], history["refs"][3]}
    assert refs_of(api, history["buyer"], sort="total") == list(reversed(got))


def test_date_bounds_are_inclusive_utc_days(api, history):
    r = history["refs"]
    got = refs_of(api, history["buyer"], created_from="2030-03-01", created_to="2030-03-31")
    assert got == [r[2], r[1], r[0]]
    assert refs_of(api, history["buyer"], created_from="2030-04-01") == [r[3]]
    assert refs_of(api, history["buyer"], created_to="2030-02-28") == [r[4]]


def test_status_filters_and_combinations(api, history):
    r, buyer = history["refs"], history["buyer"]
    assert set(refs_of(api, buyer, payment_status="paid")) == {r[1], r[2]}
    assert set(refs_of(api, buyer, payment_status="pending,refunded")) == {r[0], r[3], r[4]}
    assert refs_of(api, buyer, shipping_status="preparing") == [r[2]]
    assert refs_of(api, buyer, payment_status="paid", shipping_status="awaiting_preparation") == [r[1]]
    assert refs_of(api, buyer, payment_status="paid", q="red gadget") == [r[2]]
    assert refs_of(api, buyer, payment_status="paid", created_from="2030-03-20", q="gadget") == [r[2]]
    bad = api.get("/orders", params={"payment_status": "paid,lost"}, headers=buyer.headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "payment_status"
    assert api.get("/orders", params={"sort": "price"}, headers=buyer.headers).status_code == 422
    assert api.get("/orders", params={"created_from": "2030-13-01"}, headers=buyer.headers).status_code == 422


def test_q_matches_refs_seller_sku_and_title(api, history, db):
    r, buyer = history["refs"], history["buyer"]
    with db.session() as s:
        seller_name = s.get(Seller, history["shop_b"].seller_id).name
    assert refs_of(api, buyer, q=r[0].lower()) == [r[0]]
    assert refs_of(api, buyer, q="G-" + r[0][2:10]) == [r[0]]  # the group ref
    assert set(refs_of(api, buyer, q=seller_name.upper())) == {r[2], r[3]}
    assert set(refs_of(api, buyer, q=history["cheap"].sku.lower())) == {r[0], r[1], r[4]}
    assert set(refs_of(api, buyer, q="WIDGET")) == {r[0], r[1], r[4]}
    assert refs_of(api, buyer, q="%") == []  # LIKE wildcards are literal


def test_cursor_pagination_walks_everything_once(api, history):
    buyer, seen, cursor = history["buyer"], [], None
    for sort in ("-created_at", "total"):
        seen, cursor = [], None
        while True:
            params = {"limit": 2, "sort": sort, **({"cursor": cursor} if cursor else {})}
            page = api.get("/orders", params=params, headers=buyer.headers).json()
            seen += [o["ref"] for o in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert sorted(seen) == sorted(history["refs"]) and len(seen) == 5
    r = api.get("/orders", params={"cursor": "not-a-cursor"}, headers=buyer.headers)
    assert r.status_code == 422 and r.json()["code"] == "invalid_cursor"


def test_updated_since_is_strictly_after(api, history, live_server):
    buyer = history["buyer"]
    items = api.get("/orders", headers=buyer.headers).json()["items"]
    newest = max(items, key=lambda o: o["updated_at"])
    since = newest["updated_at"]
    assert refs_of(api, buyer, updated_since=since) == []
    cancelled = api.post(
        f"/orders/{history['refs'][0]}/cancel", json={"reason": "no longer needed"}, headers=buyer.headers
    )
    assert cancelled.status_code == 200, cancelled.text
    assert refs_of(api, buyer, updated_since=since) == [history["refs"][0]]
    naive = api.get("/orders", params={"updated_since": "2030-01-01T00:00:00"}, headers=buyer.headers)
    assert naive.status_code == 422


def test_another_accounts_order_is_404(api, history, live_server):
    stranger = register(live_server.api)
    ref = history["refs"][3]
    assert api.get(f"/orders/{ref}", headers=stranger.headers).status_code == 404
    assert api.get(f"/order-groups/G-{ref[2:10]}", headers=stranger.headers).status_code == 404
    assert api.post(f"/orders/{ref}/cancel", json={}, headers=stranger.headers).status_code == 404
    assert ref not in refs_of(api, stranger)
    assert api.get(f"/orders/{ref}", headers=history["buyer"].headers).status_code == 200
    assert api.get("/orders").status_code == 401


def test_cancel_while_awaiting_preparation_restores_stock(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, stock=100)
    order = buy(api, buyer, [offer], 3)["order_group"]["orders"][0]
    assert stock_of(db, offer.id) == 70
    r = api.post(f"/orders/{order['ref']}/cancel", json={"reason": "ordered twice"}, headers=buyer.headers)
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["shipping_status"] == "cancelled" and out["can_cancel"] is False
    assert out["payment_status"] == "pending"  # nothing was paid, nothing to refund
    assert out["history"][-1]["event"] == "cancelled" and "ordered twice" in out["history"][-1]["detail"]
    assert at(out["updated_at"]) > at(order["updated_at"])
    assert stock_of(db, offer.id) == 100
    again = api.post(f"/orders/{order['ref']}/cancel", json={}, headers=buyer.headers)
    assert again.status_code == 409 and again.json()["code"] == "cancellation_not_allowed"


def test_cancel_a_paid_order_refunds_it(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id)
    group = buy(api, buyer, [offer], payment_method="bank_transfer")["order_group"]
    set_order(db, group["orders"][0]["ref"], payment_status="paid")
    out = api.post(f"/orders/{group['orders'][0]['ref']}/cancel", json={}, headers=buyer.headers).json()
    assert out["payment_status"] == "refunded"
    assert [h["event"] for h in out["history"]][-2:] == ["cancelled", "refunded"]


def test_cancel_rules_after_shipping(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id)
    ref = buy_paid(api, buyer, [offer])["order_group"]["orders"][0]["ref"]
    assert ship(api, shop.seller, ref, "preparing").status_code == 200
    r = api.post(f"/orders/{ref}/cancel", json={}, headers=buyer.headers)
    assert r.status_code == 409 and r.json()["code"] == "cancellation_not_allowed"
    assert ship(api, shop.seller, ref, "shipped", carrier="DHL", tracking_number="123").status_code == 200
    set_order(db, ref, shipped_at=datetime.now(UTC) - timedelta(days=29))
    assert api.post(f"/orders/{ref}/cancel", json={}, headers=buyer.headers).status_code == 409
    set_order(db, ref, shipped_at=datetime.now(UTC) - timedelta(days=31))
    assert api.get(f"/orders/{ref}", headers=buyer.headers).json()["can_cancel"] is True
    r = api.post(f"/orders/{ref}/cancel", json={"reason": "never arrived"}, headers=buyer.headers)
    assert r.status_code == 200 and r.json()["shipping_status"] == "cancelled"


def test_delivered_order_cannot_be_cancelled_even_late(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id)
    ref = buy_paid(api, buyer, [offer])["order_group"]["orders"][0]["ref"]
    ship(api, shop.seller, ref, "shipped", tracking_number="T1")
    ship(api, shop.seller, ref, "delivered")
    set_order(db, ref, shipped_at=datetime.now(UTC) - timedelta(days=60))
    r = api.post(f"/orders/{ref}/cancel", json={}, headers=buyer.headers)
    assert r.status_code == 409 and r.json()["code"] == "cancellation_not_allowed"


def test_review_rules_and_seller_rating(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id)
    other = add_offer(db, shop.seller_id, shop.warehouse_id)
    first = buy_paid(api, buyer, [offer])["order_group"]["orders"][0]["ref"]
    second = buy_paid(api, buyer, [offer])["order_group"]["orders"][0]["ref"]
    review = {
        "seller_rating": 5,
        "delivery_rating": 4,
        "item_ratings": [{"offer_id": offer.id, "rating": 5}],
        "comment": "Good",
    }
    r = api.post(f"/orders/{first}/review", json=review, headers=buyer.headers)
    assert r.status_code == 409 and r.json()["code"] == "review_not_allowed"
    for ref in (first, second):
        ship(api, shop.seller, ref, "shipped", carrier="UPS", tracking_number="1Z999")
        ship(api, shop.seller, ref, "delivered")
    assert api.get(f"/orders/{first}", headers=buyer.headers).json()["can_review"] is True
    for bad in (
        {**review, "seller_rating": 6},
        {**review, "delivery_rating": 0},
        {**review, "item_ratings": [{"offer_id": other.id, "rating": 3}]},
    ):
        r = api.post(f"/orders/{first}/review", json=bad, headers=buyer.headers)
        assert r.status_code == 422, r.text
    r = api.post(f"/orders/{first}/review", json=review, headers=buyer.headers)
    assert r.status_code == 201, r.text
    assert r.json()["seller_rating"] == 5
    r = api.post(f"/orders/{first}/review", json=review, headers=buyer.headers)
    assert r.status_code == 409 and r.json()["code"] == "already_reviewed"
    assert api.get(f"/orders/{first}", headers=buyer.headers).json()["can_review"] is False
    api.post(f"/orders/{second}/review", json={**review, "seller_rating": 2}, headers=buyer.headers)
    with db.session() as s:
        seller = s.get(Seller, shop.seller_id)
        assert seller.review_count == 2 and Decimal(seller.rating) == Decimal("3.50")
