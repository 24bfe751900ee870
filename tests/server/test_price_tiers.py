"""Volume prices against the real server: the offer JSON, the quote's tier over all of an offer's
lines, checkout's 409 price_changed, the seller's writes and their one rule, the CSV column."""

from __future__ import annotations

import csv
import io
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from marketplace.orm import Offer, Order, OrderLine
from marketplace.services import currency as fx
from marketplace.services import price_tiers
from tests.server import catalog_support
from tests.server import orders_kit as kit
from tests.server.catalog_support import add_categories, make_shop, offer_body
from tests.server.orders_kit import add_offer, checkout_body, line, new_shop, place, rate_of, register

api = kit.api  # fixture
db = kit.db  # fixture
bare_server = catalog_support.bare_server

TIERS = ((20, "9.00"), (100, "8.00"))


def eur(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "EUR"}


def quote_lines(api, lines: list[dict], currency: str = "EUR") -> list[dict]:
    r = api.post("/cart/quote", json={"currency": currency, "lines": lines})
    assert r.status_code == 200, r.text
    return [ln for g in r.json()["groups"] for ln in g["lines"]]


# --- the buyer's side ----------------------------------------------------------------------------


def test_the_tier_follows_the_units_of_the_offer_over_all_its_lines(live_server, api, db):
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, price="10.00", pack_units=10, extra_packs=(50,),
                      tiers=TIERS)
    with db.session() as s:
        pallet = s.scalar(select(Offer).where(Offer.id == offer.id)).packagings[1].id

    (below,) = quote_lines(api, [line(offer, 1)])
    assert below["unit_price"] == eur("10.00") and below["line_total"] == eur("100.00")
    assert below["tier"] is None
    assert below["next_tier"] == {"min_units": 20, "unit_price": eur("9.00"), "units_missing": 10}

    # 10 + 50 units on two lines: both lines get the tier from 20, and the next one is 40 units away
    two = quote_lines(api, [line(offer, 1), {"offer_id": offer.id, "packaging_id": pallet, "quantity": 1}])
    assert [ln["unit_price"] for ln in two] == [eur("9.00"), eur("9.00")]
    assert [ln["line_total"] for ln in two] == [eur("90.00"), eur("450.00")]
    assert all(ln["tier"] == {"min_units": 20} for ln in two)
    assert all(ln["next_tier"] == {"min_units": 100, "unit_price": eur("8.00"), "units_missing": 40} for ln in two)

    (top,) = quote_lines(api, [line(offer, 10)])
    assert top["unit_price"] == eur("8.00") and top["line_total"] == eur("800.00")
    assert top["tier"] == {"min_units": 100} and top["next_tier"] is None


def test_offer_json_shows_tiers_converted_and_with_the_promotion(live_server, api, db):
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, price="10.00", tiers=TIERS)
    plain = add_offer(db, shop.seller_id, shop.warehouse_id, price="10.00")
    got = api.get(f"/offers/{offer.id}").json()
    assert got["price_tiers"] == [
        {"min_units": 20, "unit_price": eur("9.00"), "list_price": eur("9.00")},
        {"min_units": 100, "unit_price": eur("8.00"), "list_price": eur("8.00")},
    ]
    assert api.get(f"/offers/{plain.id}").json()["price_tiers"] == []
    usd = rate_of(db, "USD")
    converted = api.get(f"/offers/{offer.id}", params={"currency": "USD"}).json()["price_tiers"]
    assert converted[0]["unit_price"] == {"amount": f"{fx.convert(Decimal('9.00'), usd):.2f}",
                                          "currency": "USD"}
    with db.session(write=True) as s:  # a 10 % promotion discounts the tiers as it does the price
        row = s.get(Offer, offer.id)
        row.promotion, row.promo_discount_percent = True, 10
        kit.offer_service.touch(s, [row])
        s.commit()
    tiers = api.get(f"/offers/{offer.id}").json()["price_tiers"]
    assert [(t["unit_price"]["amount"], t["list_price"]["amount"]) for t in tiers] == [("8.10", "9.00"),
                                                                                        ("7.20", "8.00")]
    (ln,) = quote_lines(api, [line(offer, 2)])
    assert ln["unit_price"] == eur("8.10") and ln["tier"] == {"min_units": 20}


def test_checkout_refuses_a_price_that_changed_since_the_quote_then_charges_the_new_one(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, price="10.00", pack_units=10, tiers=TIERS)
    (quoted,) = quote_lines(api, [line(offer, 3)])
    assert quoted["unit_price"] == eur("9.00")
    with db.session(write=True) as s:  # the seller lowers the tier meanwhile
        row = s.get(Offer, offer.id)
        row.price_tiers = price_tiers.dump([(20, Decimal("8.50")), (100, Decimal("8.00"))])
        kit.offer_service.touch(s, [row])
        s.commit()
    key = str(uuid.uuid4())
    body = checkout_body([{**line(offer, 3), "expected_unit_price": "9.00"}], offers=[offer])
    r = place(api, buyer, body, key)
    assert r.status_code == 409, r.text
    problem = r.json()
    assert problem["code"] == "price_changed"
    assert problem["issues"] == [{
        "code": "price_changed", "message": problem["issues"][0]["message"], "offer_id": offer.id,
        "packaging_id": offer.packaging_id, "expected_unit_price": eur("9.00"), "unit_price": eur("8.50"),
    }]  # fmt: skip
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Order).where(Order.buyer_id == buyer.user_id)) == 0
        assert s.get(Offer, offer.id).stock_units == 1000
    # the same key after re-quoting: the new price, charged and kept on the order line
    again = place(api, buyer, checkout_body([{**line(offer, 3), "expected_unit_price": "8.50"}], offers=[offer]), key)
    assert again.status_code == 201, again.text
    with db.session() as s:
        charged = s.scalar(select(OrderLine.unit_price).join(Order).where(Order.buyer_id == buyer.user_id))
    assert charged == Decimal("8.50")


def test_checkout_without_an_expected_price_takes_the_server_price(live_server, api, db):
    buyer = register(live_server.api)
    shop = new_shop(live_server.api, db)
    offer = add_offer(db, shop.seller_id, shop.warehouse_id, price="10.00", pack_units=10, tiers=TIERS)
    r = place(api, buyer, checkout_body([line(offer, 2)], offers=[offer]))
    assert r.status_code == 201, r.text
    assert r.json()["order_group"]["orders"][0]["lines"][0]["unit_price"] == eur("9.00")


# --- the seller's side ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cats(bare_server):
    return add_categories(bare_server, {"Tiered goods": None})


@pytest.fixture
def shop(bare_server, cats):
    return make_shop(bare_server, cats["Tiered goods"])


def tier(units: int, amount: str, currency: str = "EUR") -> dict:
    return {"min_units": units, "unit_price": {"amount": amount, "currency": currency}}


def test_seller_sets_replaces_and_removes_tiers(shop):
    made = shop.offer(moq_units=5, price_tiers=[tier(10, "9.00"), tier(50, "8.00")])
    assert [(t["min_units"], t["list_price"]["amount"]) for t in made["price_tiers"]] == [(10, "9.00"), (50, "8.00")]
    url, version = f"/seller/offers/{made['id']}", made["version"]
    r = shop.client.patch(url, json={"price_tiers": [tier(12, "9.50")]}, headers={"If-Match": str(version)})
    assert r.status_code == 200, r.text
    assert [(t["min_units"], t["unit_price"]["amount"]) for t in r.json()["price_tiers"]] == [(12, "9.50")]
    assert r.json()["version"] == version + 1
    feed = shop.client.get("/offers/changes", params={"limit": 500}).json()["items"]
    assert [t["min_units"] for t in next(o for o in feed if o["id"] == made["id"])["price_tiers"]] == [12]
    cleared = shop.client.patch(url, json={"price_tiers": []}, headers={"If-Match": str(version + 1)})
    assert cleared.status_code == 200 and cleared.json()["price_tiers"] == []
    untouched = shop.client.patch(url, json={"stock_units": 3}, headers={"If-Match": str(version + 2)})
    assert untouched.json()["price_tiers"] == []


def test_seller_tiers_in_another_currency_are_stored_in_eur(shop, bare_server):
    made = shop.offer(unit_price={"amount": "20.00", "currency": "USD"}, price_tiers=[tier(10, "15.00", "USD")])
    database = catalog_support.db_session(bare_server)
    with database.session() as s:
        usd = fx.rates(s)["USD"]
    database.dispose()
    (t,) = made["price_tiers"]
    assert t["list_price"] == eur(f"{fx.to_eur(Decimal('15.00'), usd):.2f}")
    assert made["list_price"] == eur(f"{fx.to_eur(Decimal('20.00'), usd):.2f}")


@pytest.mark.parametrize(
    ("tiers", "words"),
    [
        ([tier(10, "9"), tier(20, "8"), tier(30, "7"), tier(40, "6"), tier(50, "5"), tier(60, "4")], "At most 5"),
        ([tier(5, "9.00")], "above the minimum order"),
        ([tier(20, "9.00"), tier(20, "8.00")], "rising quantities"),
        ([tier(50, "9.00"), tier(20, "8.00")], "rising quantities"),
        ([tier(20, "10.00")], "below the unit price"),
        ([tier(20, "9.00"), tier(50, "9.00")], "below the one before"),
    ],
)
def test_tiers_that_break_a_rule_are_refused_with_one_code(shop, tiers, words):
    body = offer_body(shop, sku=f"T-{uuid.uuid4().hex[:8]}", unit_price={"amount": "10.00", "currency": "EUR"},
                      moq_units=5, price_tiers=tiers)
    r = shop.client.post("/seller/offers", json=body)
    assert r.status_code == 422, r.text
    problem = r.json()
    assert problem["code"] == "invalid_price_tiers" and words in problem["detail"]
    assert problem["errors"][0]["field"] == "price_tiers"


def test_a_patch_that_leaves_the_tiers_out_of_line_is_refused(shop):
    made = shop.offer(moq_units=5, price_tiers=[tier(10, "9.00")])
    url, version = f"/seller/offers/{made['id']}", str(made["version"])
    for patch in ({"moq_units": 10}, {"unit_price": {"amount": "8.00", "currency": "EUR"}}):
        r = shop.client.patch(url, json=patch, headers={"If-Match": version})
        assert r.status_code == 422 and r.json()["code"] == "invalid_price_tiers", r.text
    assert shop.client.get(url).json()["moq_units"] == 5  # nothing was written


# --- CSV -----------------------------------------------------------------------------------------

HEADER = "sku,title,category,unit_price,currency,stock_units,moq_units,packagings,collections,warehouse"


def post_csv(shop, text: str, dry_run: bool = False) -> dict:
    r = shop.client.post("/seller/offers/import", params={"dry_run": dry_run}, content=text.encode("utf-8"),
                         headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.text
    return r.json()


def counts(report: dict) -> tuple[int, int, int]:
    return report["created"], report["updated"], report["unchanged"]


def listed(shop) -> dict[str, list[tuple[int, str]]]:
    items = shop.client.get("/seller/offers").json()["items"]
    return {o["sku"]: [(t["min_units"], t["list_price"]["amount"]) for t in o["price_tiers"]] for o in items}


def test_csv_tiers_import_export_round_trip_and_a_file_without_the_column_keeps_them(shop):
    text = (f"{HEADER},price_tiers\r\n"
            "V-1,Paper,Tiered goods,3.40,EUR,1000,1,ream:1|carton:10,,PAR,10:3.10|100:2.60\r\n"
            "V-2,Pens,Tiered goods,1.00,EUR,1000,1,box:1,,PAR,\r\n")
    assert counts(post_csv(shop, text)) == (2, 0, 0)
    assert listed(shop) == {"V-1": [(10, "3.10"), (100, "2.60")], "V-2": []}
    export = shop.client.get("/seller/offers/export").text
    rows = {r["sku"]: r for r in csv.DictReader(io.StringIO(export))}
    assert rows["V-1"]["price_tiers"] == "10:3.10|100:2.60" and rows["V-2"]["price_tiers"] == ""
    assert counts(post_csv(shop, export, dry_run=True)) == (0, 0, 2)
    # without the column: stock changes, the tiers stay
    without = f"{HEADER}\r\nV-1,Paper,Tiered goods,3.40,EUR,900,1,ream:1|carton:10,,PAR\r\n"
    assert counts(post_csv(shop, without)) == (0, 1, 0)
    assert listed(shop)["V-1"] == [(10, "3.10"), (100, "2.60")]
    # a semicolon file with decimal commas changes one tier
    semi = (f"{HEADER.replace(',', ';')};price_tiers\r\n"
            "V-1;Paper;Tiered goods;3,40;EUR;900;1;ream:1|carton:10;;PAR;10:3,00|100:2,60\r\n")
    assert counts(post_csv(shop, semi)) == (0, 1, 0)
    assert listed(shop)["V-1"] == [(10, "3.00"), (100, "2.60")]


def test_csv_tier_errors_name_the_row_and_nothing_is_written(shop):
    text = (f"{HEADER},price_tiers\r\n"
            "W-1,Good,Tiered goods,3.40,EUR,10,1,unit:1,,PAR,10:3.10\r\n"
            "W-2,Unreadable,Tiered goods,3.40,EUR,10,1,unit:1,,PAR,ten:3.10\r\n"
            "W-3,Not falling,Tiered goods,3.40,EUR,10,1,unit:1,,PAR,10:3.10|20:3.20\r\n"
            "W-4,At the MOQ,Tiered goods,3.40,EUR,10,12,unit:1,,PAR,12:3.10\r\n")
    report = post_csv(shop, text)
    assert report["applied"] is False
    assert [(e["row"], e["field"], e["code"], e["sku"]) for e in report["errors"]] == [
        (3, "price_tiers", "invalid_price_tiers", "W-2"),
        (4, "price_tiers", "invalid_price_tiers", "W-3"),
        (5, "price_tiers", "invalid_price_tiers", "W-4"),
    ]
    assert "below the one before" in report["errors"][1]["message"]
    assert listed(shop) == {}
