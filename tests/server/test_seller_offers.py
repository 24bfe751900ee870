"""The seller's offers: create, edit with If-Match, promotions, removal, ownership, CSV import/export."""

from __future__ import annotations

import codecs
import csv
import io
import threading
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.server import catalog_support
from tests.server.catalog_support import add_categories, ids, make_shop, offer_body, register, walk
from tests.support.wait import wait_for

bare_server = catalog_support.bare_server


@pytest.fixture(scope="module")
def cats(bare_server):
    return add_categories(bare_server, {"Cleaning": None, "Detergents": "Cleaning", "Paper": None})


@pytest.fixture
def shop(bare_server, cats):
    return make_shop(bare_server, cats["Detergents"])


def future(days: int = 5) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


def test_create_returns_the_offer_in_eur(shop):
    made = shop.offer(
        sku="DET-1",
        title="Liquid detergent 5 L",
        description="Lavender",
        unit_price={"amount": "21.70", "currency": "USD"},
        collections=["surplus"],
        moq_units=24,
    )
    assert made["sku"] == "DET-1" and made["version"] == 1 and made["collections"] == ["surplus"]
    assert made["unit_price"]["currency"] == "EUR" and made["unit_price"] == made["list_price"]
    assert made["moq_units"] == 24 and [p["label"] for p in made["packagings"]] == ["unit", "carton"]
    assert made["promotion"] is None and made["seller"]["id"] == shop.seller_id


def test_duplicate_sku_is_409(shop):
    shop.offer(sku="DUP")
    r = shop.client.post("/seller/offers", json={**offer_body(shop), "sku": "DUP"})
    assert r.status_code == 409 and r.json()["code"] == "sku_taken"


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"packagings": []}, "packagings", "too_short"),
        ({"unit_price": {"amount": "-1.00", "currency": "EUR"}}, "unit_price.amount", "too_small"),
        ({"unit_price": {"amount": "1e40", "currency": "EUR"}}, "unit_price.amount", None),
        ({"unit_price": {"amount": "1.00", "currency": "XYZ"}}, "unit_price.currency", "invalid_currency"),
        ({"stock_units": -5}, "stock_units", "too_small"),
        ({"stock_units": 10**30}, "stock_units", "too_large"),
        ({"moq_units": 0}, "moq_units", "too_small"),
        ({"category_id": 2147483000}, "category_id", "unknown_category"),
        ({"category_id": 99999999999999999999}, "category_id", "too_large"),
        (
            {"promotion": {"discount_percent": 95, "ends_at": future()}},
            "promotion.discount_percent",
            "too_large",
        ),
        (
            {"promotion": {"discount_percent": 10, "ends_at": "2020-01-01T00:00:00Z"}},
            "promotion.ends_at",
            "in_the_past",
        ),
        ({"collections": ["clearance"]}, "collections.0", None),
        ({"title": ""}, "title", "too_short"),
        ({"sku": "x" * 65}, "sku", "too_long"),
        ({"packagings": [{"label": "a|b", "units": 1}]}, "packagings.0.label", None),
        (
            {"packagings": [{"label": "box", "units": 1}, {"label": "Box", "units": 2}]},
            "packagings",
            "duplicate_packaging",
        ),
        ({"colour": "red"}, "colour", "unknown_field"),
    ],
)
def test_create_rejects_bad_input_with_field_errors(shop, fields, field, code):
    r = shop.client.post("/seller/offers", json=offer_body(shop, **fields))
    assert r.status_code == 422, r.text
    errors = r.json()["errors"]
    assert any(e["field"] == field and (code is None or e["code"] == code) for e in errors), errors
    assert shop.client.get("/seller/offers").json()["items"] == []  # nothing written


def test_warehouse_of_another_seller_is_refused(bare_server, shop, cats):
    other = make_shop(bare_server, cats["Paper"])
    r = shop.client.post("/seller/offers", json=offer_body(shop, warehouse_id=other.warehouses["PAR"]))
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "unknown_warehouse"


def test_buyers_cannot_sell(bare_server, shop):
    buyer = register(bare_server, "buyer")
    assert buyer.post("/seller/offers", json=offer_body(shop)).status_code == 403
    assert httpx.post(bare_server.api + "/seller/offers", json=offer_body(shop)).status_code == 401


def test_patch_needs_if_match_and_refuses_stale_versions(shop):
    made = shop.offer(stock_units=10)
    url = f"/seller/offers/{made['id']}"
    r = shop.client.patch(url, json={"stock_units": 9})
    assert r.status_code == 428 and r.json()["code"] == "precondition_required"
    ok = shop.client.patch(url, json={"stock_units": 9}, headers={"If-Match": "1"})
    assert ok.status_code == 200 and ok.json()["version"] == 2 and ok.json()["stock_units"] == 9
    stale = shop.client.patch(url, json={"stock_units": 8}, headers={"If-Match": "1"})
    assert stale.status_code == 412 and stale.json()["code"] == "version_conflict"
    assert stale.json()["current"]["version"] == 2 and stale.json()["current"]["stock_units"] == 9
    assert shop.client.get(url).json()["stock_units"] == 9
    # the ETag form works too; an unchanged value does not bump the version
    same = shop.client.patch(url, json={"stock_units": 9}, headers={"If-Match": ok.headers["etag"]})
    assert same.status_code == 200 and same.json()["version"] == 2
    assert shop.client.patch(url, json={"stock_units": 1}, headers={"If-Match": "abc"}).status_code == 400


def test_patch_every_editable_field(shop, cats):
    made = shop.offer(unit_price={"amount": "40.00", "currency": "EUR"})
    url = f"/seller/offers/{made['id']}"
    carton = next(p for p in made["packagings"] if p["label"] == "carton")
    r = shop.client.patch(
        url,
        headers={"If-Match": "1"},
        json={
            "title": "New title",
            "description": "New description",
            "moq_units": 12,
            "stock_units": 500,
            "collections": ["weekly"],
            "category_id": cats["Paper"],
            "warehouse_id": shop.warehouses["BER"],
            "packagings": [{"label": "carton", "units": 12}, {"label": "pallet", "units": 480}],
            "promotion": {"discount_percent": 25, "ends_at": future()},
        },
    )
    assert r.status_code == 200, r.text
    o = r.json()
    assert (o["title"], o["description"], o["moq_units"], o["stock_units"]) == (
        "New title",
        "New description",
        12,
        500,
    )
    assert o["category_id"] == cats["Paper"] and o["warehouse"]["country"] == "DE"
    assert o["collections"] == ["weekly", "promotion"] and o["promotion"]["discount_percent"] == 25
    assert o["unit_price"]["amount"] == "30.00" and o["list_price"]["amount"] == "40.00"
    # a packaging that stays keeps its id (carts refer to it)
    assert [(p["id"] == carton["id"], p["label"]) for p in o["packagings"]] == [
        (True, "carton"),
        (False, "pallet"),
    ]
    # a new list price keeps the discount; promotion null ends it
    o = shop.client.patch(
        url,
        headers={"If-Match": str(o["version"])},
        json={"unit_price": {"amount": "20.00", "currency": "EUR"}},
    ).json()
    assert o["unit_price"]["amount"] == "15.00"
    o = shop.client.patch(url, headers={"If-Match": str(o["version"])}, json={"promotion": None}).json()
    assert o["promotion"] is None and o["unit_price"]["amount"] == "20.00" and o["collections"] == ["weekly"]
    assert (
        shop.client.patch(url, headers={"If-Match": str(o["version"])}, json={"title": None}).status_code
        == 422
    )
    assert (
        shop.client.patch(url, headers={"If-Match": str(o["version"])}, json={"stock_units": -1}).status_code
        == 422
    )


def test_another_sellers_offer_is_404(bare_server, shop, cats):
    mine = shop.offer()
    other = make_shop(bare_server, cats["Paper"])
    url = f"/seller/offers/{mine['id']}"
    assert other.client.get(url).status_code == 404
    assert other.client.patch(url, json={"stock_units": 0}, headers={"If-Match": "1"}).status_code == 404
    assert other.client.delete(url).status_code == 404
    assert shop.client.get(url).json()["stock_units"] == mine["stock_units"]
    assert mine["id"] not in ids(other.client.get("/seller/offers").json()["items"])


def test_delete_then_relist_the_sku(shop):
    made = shop.offer(sku="GONE")
    assert shop.client.delete(f"/seller/offers/{made['id']}").status_code == 204
    assert shop.client.delete(f"/seller/offers/{made['id']}").status_code == 404
    assert shop.client.get(f"/seller/offers/{made['id']}").status_code == 404
    again = shop.offer(sku="GONE", title="Back again")
    assert again["title"] == "Back again" and again["version"] > made["version"]


def test_my_offers_uses_the_catalog_filters(shop):
    a = shop.offer(title="Blue bucket", stock_units=0)
    b = shop.offer(title="Blue mop")
    shop.offer(title="Red mop")
    assert ids(shop.client.get("/seller/offers", params={"q": "blue"}).json()["items"]) == [b["id"], a["id"]]
    assert ids(shop.client.get("/seller/offers", params={"q": "blue", "in_stock": True}).json()["items"]) == [
        b["id"]
    ]
    assert len(walk(shop.client, "/seller/offers", {"limit": 1})) == 3


# --- CSV -----------------------------------------------------------------------------------------

HEADER = "sku,title,category,unit_price,currency,stock_units,moq_units,packagings,collections,warehouse\r\n"


def post_csv(shop, text: str | bytes, dry_run: bool = False, content_type: str = "text/csv"):
    body = text.encode() if isinstance(text, str) else text
    return shop.client.post(
        "/seller/offers/import",
        params={"dry_run": dry_run},
        content=body,
        headers={"Content-Type": content_type},
    )


def test_csv_dry_run_counts_and_writes_nothing(shop):
    text = (
        HEADER + "A-1,Sponge,Detergents,1.50,EUR,100,10,unit:1|carton:24,weekly,PAR\r\n"
        "A-2,Bucket,Cleaning,4.00,EUR,0,1,unit:1,,BER\r\n"
    )
    r = post_csv(shop, text, dry_run=True)
    assert r.status_code == 200, r.text
    assert r.json() == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
        "dry_run": True,
        "applied": False,
        "stale": 0,
        "skipped": 0,
        "changes": [],
    }
    assert shop.client.get("/seller/offers").json()["items"] == []
    real = post_csv(shop, text)
    assert real.json()["created"] == 2 and real.json()["applied"] is True
    items = {o["sku"]: o for o in shop.client.get("/seller/offers").json()["items"]}
    assert items["A-1"]["collections"] == ["weekly"] and items["A-1"]["moq_units"] == 10
    assert [(p["label"], p["units"]) for p in items["A-1"]["packagings"]] == [("unit", 1), ("carton", 24)]
    assert items["A-2"]["warehouse"]["country"] == "DE" and items["A-2"]["unit_price"]["amount"] == "4.00"


def test_csv_errors_name_row_and_field_and_nothing_is_written(shop):
    text = HEADER + (
        "B-1,Good row,Detergents,1.50,EUR,100,10,unit:1,,PAR\r\n"
        "B-2,Bad price,Detergents,abc,EUR,1,1,unit:1,,PAR\r\n"
        "B-3,Bad warehouse,Nope,1.00,EUR,1,1,unit:1,,XXX\r\n"
        "B-1,Duplicate,Detergents,1.00,EUR,1,1,unit:1,,PAR\r\n"
        "B-5,Negative,Detergents,1.00,EUR,-4,1,carton:0,clearance,PAR\r\n"
    )
    r = post_csv(shop, text)
    assert r.status_code == 200
    report = r.json()
    assert report["applied"] is False
    found = {(e["row"], e["field"], e["code"]) for e in report["errors"]}
    assert found == {
        (3, "unit_price", "invalid_price"),
        (4, "category", "unknown_category"),
        (4, "warehouse", "unknown_warehouse"),
        (5, "sku", "duplicate_sku"),
        (6, "stock_units", "invalid_number"),
        (6, "packagings", "invalid_packagings"),
        (6, "collections", "invalid_collection"),
    }
    assert shop.client.get("/seller/offers").json()["items"] == []


def test_csv_updates_and_export_reimports_unchanged(shop):
    assert (
        post_csv(
            shop,
            HEADER + "C-1,Mop,Detergents,2.00,EUR,5,1,unit:1,,PAR\r\n"
            "C-2,Broom,Cleaning,3.00,EUR,5,1,unit:1,surplus,PAR\r\n",
        ).json()["created"]
        == 2
    )
    r = post_csv(
        shop,
        HEADER + "C-1,Mop,Detergents,2.00,EUR,7,1,unit:1,,PAR\r\n"
        "C-2,Broom,Cleaning,3.00,EUR,5,1,unit:1,surplus,PAR\r\n"
        "C-3,Brush,Cleaning,1.00,eur,5,1,unit:1|box:10,weekly|surplus,par\r\n",
    )
    assert (r.json()["created"], r.json()["updated"], r.json()["unchanged"]) == (1, 1, 1)
    export = shop.client.get("/seller/offers/export")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    assert "attachment" in export.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert [r["sku"] for r in rows] == ["C-1", "C-2", "C-3"] and rows[0]["stock_units"] == "7"
    assert rows[2]["packagings"] == "unit:1|box:10" and rows[2]["collections"] == "weekly|surplus"
    again = post_csv(shop, export.content)
    assert (again.json()["created"], again.json()["updated"], again.json()["unchanged"]) == (0, 0, 3)


def test_csv_export_keeps_formula_like_text_and_quotes_as_text_and_reimports_unchanged(shop):
    created = post_csv(
        shop,
        HEADER + '"\'=HYPERLINK(""http://evil.example"")",@Sum mop,Detergents,2.00,EUR,5,1,unit:1,,PAR\r\n'
        "+E-2,-20% brooms,Cleaning,3.00,EUR,5,1,unit:1,,PAR\r\n"
        'E-3,"24"" monitors, boxed",Cleaning,90.00,EUR,5,1,unit:1,,PAR\r\n',
    )
    assert created.json()["created"] == 3, created.text
    skus = {o["sku"]: o["title"] for o in shop.client.get("/seller/offers").json()["items"]}
    assert skus == {'=HYPERLINK("http://evil.example")': "@Sum mop", "+E-2": "-20% brooms",
                    "E-3": '24" monitors, boxed'}
    rows = list(csv.DictReader(io.StringIO(shop.client.get("/seller/offers/export").text)))
    assert [(r["sku"], r["title"]) for r in rows] == [
        ('\'=HYPERLINK("http://evil.example")', "'@Sum mop"), ("'+E-2", "'-20% brooms"),
        ("E-3", '24" monitors, boxed'),
    ]  # a spreadsheet shows these as text; none runs
    again = post_csv(shop, shop.client.get("/seller/offers/export").content)
    assert (again.json()["created"], again.json()["updated"], again.json()["unchanged"]) == (0, 0, 3)


def test_csv_semicolons_bom_decimal_comma_and_quotes(shop):
    text = (
        "\ufeffsku;title;category;unit_price;currency;stock_units;moq_units;packagings;collections;warehouse\r\n"
        'D-1;"Soap; lavender, 500 ml";Detergents;1,25;EUR;10;1;unit:1;;PAR\r\n'
    )
    r = post_csv(shop, text.encode("utf-8"))
    assert r.json()["created"] == 1, r.text
    item = shop.client.get("/seller/offers").json()["items"][0]
    assert item["title"] == "Soap; lavender, 500 ml" and item["unit_price"]["amount"] == "1.25"


def test_csv_in_another_currency_is_converted_to_eur(shop):
    rates = {c["code"]: c["rate_per_eur"] for c in shop.client.get("/currencies").json()}
    from decimal import ROUND_HALF_UP, Decimal

    r = post_csv(shop, HEADER + "E-1,Towel,Paper,100.00,SEK,1,1,unit:1,,PAR\r\n")
    assert r.json()["created"] == 1
    expected = (Decimal("100.00") / Decimal(rates["SEK"])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert shop.client.get("/seller/offers").json()["items"][0]["unit_price"]["amount"] == str(expected)


def test_csv_header_and_body_problems(shop):
    r = post_csv(shop, "sku,title\r\nX,Y\r\n")
    assert {e["field"] for e in r.json()["errors"] if e["code"] == "missing_column"} >= {
        "category",
        "unit_price",
    }
    assert post_csv(shop, "").json()["errors"][0]["code"] == "empty_file"
    assert post_csv(shop, HEADER, content_type="application/json").status_code == 415
    many = HEADER + "".join(f"M-{i},T,Paper,1.00,EUR,1,1,unit:1,,PAR\r\n" for i in range(50_001))
    big = post_csv(shop, many, dry_run=True)
    assert big.status_code == 413 and big.json()["code"] == "too_many_rows"


# --- the same rules for every way an offer is written, and files the csv module chokes on -----------


ROW = "{sku},{title},Detergents,1.50,EUR,100,10,unit:1,,PAR\r\n"


@pytest.mark.parametrize("quoted", [False, True])
def test_csv_title_longer_than_the_csv_modules_limit_is_a_row_error(shop, quoted):
    """Python's csv refuses a cell over 131,072 characters with its own error (a 500 before)."""
    title = "x" * 140_000
    r = post_csv(shop, HEADER + ROW.format(sku="L-1", title=f'"{title}"' if quoted else title))
    assert r.status_code == 200, r.text
    errors = r.json()["errors"]
    assert [(e["row"], e["field"], e["code"]) for e in errors] == [(2, "title", "invalid_title")]
    assert "300" in errors[0]["message"]  # the JSON API's maximum, said the same way
    too_long = shop.client.post("/seller/offers", json=offer_body(shop, title="x" * 301))
    assert too_long.status_code == 422 and too_long.json()["errors"][0]["code"] == "too_long"
    assert shop.client.get("/seller/offers").json()["items"] == []


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85"])
def test_control_characters_in_a_title_are_refused_alike_by_api_csv_and_patch(shop, char):
    title = f"Soap{char}bar"
    created = shop.client.post("/seller/offers", json=offer_body(shop, title=title))
    assert created.status_code == 422, created.text
    assert {(e["field"], e["code"]) for e in created.json()["errors"]} == {("title", "invalid_character")}
    imported = post_csv(shop, HEADER + ROW.format(sku="C-1", title=title))
    assert imported.status_code == 200, imported.text
    assert [(e["field"], e["code"]) for e in imported.json()["errors"]] == [("title", "invalid_character")]
    assert imported.json()["applied"] is False
    assert shop.client.get("/seller/offers").json()["items"] == []
    offer = shop.client.post("/seller/offers", json=offer_body(shop, sku="C-2")).json()
    patched = shop.client.patch(f"/seller/offers/{offer['id']}", json={"title": title},
                                headers={"If-Match": str(offer["version"])})
    assert patched.status_code == 422, patched.text
    assert patched.json()["errors"][0]["code"] == "invalid_character"
    assert shop.client.get(f"/seller/offers/{offer['id']}").json()["title"] == "Thing"


def test_csv_in_utf16_with_a_bom_is_read(shop):
    text = HEADER + ROW.format(sku="U-1", title="Éponge grattoir")
    for body in (text.encode("utf-16"), codecs.BOM_UTF16_BE + text.encode("utf-16-be")):
        r = post_csv(shop, body, dry_run=True)
        assert r.status_code == 200, r.text
        assert r.json()["errors"] == [] and r.json()["created"] == 1
    assert post_csv(shop, text.encode("utf-16")).json()["applied"] is True
    assert [o["title"] for o in shop.client.get("/seller/offers").json()["items"]] == ["Éponge grattoir"]


def test_a_big_import_lets_other_writers_in_while_it_runs(bare_server, shop, cats):
    """Written in short batches: a sign-in (a write) is answered while the import is still going,
    not after it (the whole import was one transaction holding SQLite's write lock)."""
    from sqlalchemy import func, select

    from marketplace.orm import Offer

    rows = 30_000
    text = HEADER + "".join(ROW.format(sku=f"BIG-{i:05d}", title=f"Lot {i}") for i in range(rows))
    result: dict = {}
    importer = threading.Thread(target=lambda: result.update(r=post_csv(shop, text)), daemon=True)
    seller = catalog_support.register(bare_server, "buyer")
    database = catalog_support.db_session(bare_server)

    def written() -> int:
        with database.session() as s:
            return s.scalar(select(func.count()).select_from(Offer).where(Offer.seller_id == shop.seller_id))

    try:
        importer.start()
        wait_for(written, timeout=120, what="the import's first batch")
        started = time.monotonic()
        login = httpx.post(f"{bare_server.api}/auth/login", timeout=60,
                           json={"email": seller.user["email"], "password": catalog_support.PASSWORD})
        waited = time.monotonic() - started
        still_importing = importer.is_alive()
        importer.join(300)
        total = written()
    finally:
        database.dispose()
    assert login.status_code == 200, login.text
    assert still_importing and waited < 5, f"the sign-in waited {waited:.1f}s"
    assert result["r"].status_code == 200 and result["r"].json()["created"] == rows
    assert total == rows
