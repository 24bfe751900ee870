"""POST /cart/quote against the real server: prices, currencies, every issue code, limits."""

from __future__ import annotations

from decimal import Decimal

from marketplace.services.offers import remove
from tests.server import orders_kit as kit
from tests.server.orders_kit import add_offer, line, new_shop, packs_of, rate_of

api = kit.api  # fixture
db = kit.db  # fixture


def codes(line_out: dict) -> list[str]:
    return [i["code"] for i in line_out["issues"]]


def test_quote_groups_by_warehouse_prices_and_shipping(live_server, api, db):
    shop_a = new_shop(live_server.api, db)
    shop_b = new_shop(live_server.api, db)
    a = add_offer(db, shop_a.seller_id, shop_a.warehouse_id, price="2.50", pack_units=12)
    b = add_offer(db, shop_b.seller_id, shop_b.warehouse_id, price="100.00", pack_units=1)
    r = api.post("/cart/quote", json={"currency": "EUR", "lines": [line(a, 3), line(b, 20)]})
    assert r.status_code == 200, r.text
    q = r.json()
    assert q["currency"] == "EUR" and q["issues"] == []
    groups = {g["warehouse"]["id"]: g for g in q["groups"]}
    ga, gb = groups[shop_a.warehouse_id], groups[shop_b.warehouse_id]
    la = ga["lines"][0]
    assert (la["units"], la["unit_price"], la["line_total"]) == (
        36,
        {"amount": "2.50", "currency": "EUR"},
        {"amount": "90.00", "currency": "EUR"},
    )
    assert la["sku"] == a.sku and la["issues"] == []
    assert ga["seller"]["id"] == shop_a.seller_id and ga["subtotal"]["amount"] == "90.00"
    methods = {m["id"]: m for m in ga["shipping_methods"]}
    # standard freight: max(€25, 3 %); express 2.2×; pickup free
    assert methods[1]["price"]["amount"] == "25.00" and methods[1]["days"] == 5
    assert methods[2]["price"]["amount"] == "55.00" and methods[2]["days"] == 2
    assert methods[3]["price"]["amount"] == "0.00"
    assert {m["id"]: m for m in gb["shipping_methods"]}[1]["price"]["amount"] == "60.00"  # 3 % of 2000
    assert q["total"] == {"amount": "2090.00", "currency": "EUR"}


def test_quote_converts_unit_price_first_so_totals_add_up(live_server, api, db):
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, price="0.37", pack_units=7)
    q = api.post("/cart/quote", json={"currency": "HUF", "lines": [line(offer, 13)]}).json()
    assert q["currency"] == "HUF"
    ln = q["groups"][0]["lines"][0]
    unit = Decimal(ln["unit_price"]["amount"])
    assert Decimal(ln["line_total"]["amount"]) == unit * 91
    assert q["groups"][0]["subtotal"] == ln["line_total"] == q["total"]
    assert unit == (Decimal("0.37") * rate_of(db, "HUF")).quantize(Decimal("0.01"))
    for m in q["groups"][0]["shipping_methods"]:
        assert m["price"]["currency"] == "HUF"


def test_unknown_currency_prices_in_eur(live_server, api, db):
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, price="3.00")
    q = api.post("/cart/quote", json={"currency": "XYZ", "lines": [line(offer)]}).json()
    assert q["currency"] == "EUR" and q["total"] == {"amount": "30.00", "currency": "EUR"}


def test_every_line_issue_code_at_once(live_server, api, db):
    shop = new_shop(live_server.api, db)
    empty = add_offer(db, shop.seller_id, shop.warehouse_id, stock=0)
    scarce = add_offer(db, shop.seller_id, shop.warehouse_id, stock=25)
    big_moq = add_offer(db, shop.seller_id, shop.warehouse_id, moq=50)
    fine = add_offer(db, shop.seller_id, shop.warehouse_id)
    gone = add_offer(db, shop.seller_id, shop.warehouse_id)
    with db.session(write=True) as s:
        from marketplace.orm import Offer

        remove(s, s.get(Offer, gone.id))
        s.commit()
    lines = [
        line(empty),
        line(scarce, 3),
        line(big_moq, 2),
        {"offer_id": fine.id, "packaging_id": 987654321, "quantity": 1},
        line(gone),
        {"offer_id": 2_000_000_000, "packaging_id": 1, "quantity": 1},
    ]
    r = api.post("/cart/quote", json={"currency": "EUR", "lines": lines})
    assert r.status_code == 200, r.text
    q = r.json()
    by_offer = {ln["offer_id"]: ln for g in q["groups"] for ln in g["lines"]}
    assert codes(by_offer[empty.id]) == ["out_of_stock"]
    scarce_issue = by_offer[scarce.id]["issues"][0]
    assert scarce_issue["code"] == "insufficient_stock" and scarce_issue["available_units"] == 25
    moq_issue = by_offer[big_moq.id]["issues"][0]
    assert moq_issue["code"] == "below_moq" and moq_issue["moq_units"] == 50
    assert codes(by_offer[fine.id]) == ["unknown_packaging"]
    top = {(i["offer_id"], i["code"]) for i in q["issues"]}
    assert top == {(gone.id, "offer_not_found"), (2_000_000_000, "offer_not_found")}


def test_stock_and_moq_count_all_lines_of_an_offer(live_server, api, db):
    shop = new_shop(live_server.api, db)
    offer = add_offer(
        db, shop.seller_id, shop.warehouse_id, stock=30, moq=25, pack_units=10, extra_packs=(5,)
    )
    small = {"offer_id": offer.id, "packaging_id": packs_of(db, offer.id)[5], "quantity": 1}
    q = api.post("/cart/quote", json={"currency": "EUR", "lines": [line(offer, 2), small]}).json()
    assert all(ln["issues"] == [] for ln in q["groups"][0]["lines"])  # 20 + 5 = 25 units ≥ MOQ
    q = api.post("/cart/quote", json={"currency": "EUR", "lines": [line(offer, 1), small]}).json()
    assert {i["code"] for ln in q["groups"][0]["lines"] for i in ln["issues"]} == {"below_moq"}
    q = api.post("/cart/quote", json={"currency": "EUR", "lines": [line(offer, 2), line(offer, 2)]}).json()
    assert {i["code"] for ln in q["groups"][0]["lines"] for i in ln["issues"]} == {"insufficient_stock"}


def test_min_order_value_shortfall(live_server, api, db):
    shop = new_shop(live_server.api, db, min_order_value="500.00")
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, price="12.34", pack_units=10)
    q = api.post("/cart/quote", json={"currency": "EUR", "lines": [line(offer, 3)]}).json()  # 370.20
    group = q["groups"][0]
    assert group["warehouse"]["min_order_value"] == {"amount": "500.00", "currency": "EUR"}
    [issue] = group["issues"]
    assert issue["code"] == "below_min_order_value"
    assert issue["minimum"] == {"amount": "500.00", "currency": "EUR"}
    assert issue["shortfall"] == {"amount": "129.80", "currency": "EUR"}
    q = api.post("/cart/quote", json={"currency": "EUR", "lines": [line(offer, 5)]}).json()
    assert q["groups"][0]["issues"] == []


def test_limits_are_field_errors_not_500(live_server, api, db):
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id)
    for bad in (0, -1, 1_000_001, 10**30):
        r = api.post("/cart/quote", json={"currency": "EUR", "lines": [line(offer, bad)]})
        assert r.status_code == 422, (bad, r.text)
        assert r.json()["errors"][0]["field"] == "lines.0.quantity"
    r = api.post("/cart/quote", json={"currency": "EUR", "lines": [line(offer)] * 501})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "lines"
    r = api.post("/cart/quote", json={"currency": "EUR", "lines": [line(offer, 1_000_000)]})
    assert r.status_code == 200  # a huge but valid quantity is an issue, not an error
    assert r.json()["groups"][0]["lines"][0]["issues"][0]["code"] == "insufficient_stock"
    r = api.post("/cart/quote", json={"currency": "EUR", "lines": [{**line(offer), "extra": 1}]})
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "unknown_field"
