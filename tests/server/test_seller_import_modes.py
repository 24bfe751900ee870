"""The CSV import's report names each error row's SKU, and the update-only mode never creates an offer."""

from __future__ import annotations

import pytest

from tests.server import catalog_support
from tests.server.catalog_support import add_categories, make_shop

bare_server = catalog_support.bare_server

HEADER = "sku,title,category,unit_price,currency,stock_units,moq_units,packagings,collections,warehouse\r\n"
ROW = "{sku},{title},Detergents,{price},EUR,{stock},1,unit:1,,PAR\r\n"


@pytest.fixture(scope="module")
def cats(bare_server):
    return add_categories(bare_server, {"Detergents": None})


@pytest.fixture
def shop(bare_server, cats):
    return make_shop(bare_server, cats["Detergents"])


def post(shop, text: str, **params):
    r = shop.client.post("/seller/offers/import", params=params, content=text.encode(),
                         headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.text
    return r.json()


def row(sku: str, price: str = "1.50", stock: int = 5, title: str = "Sponge") -> str:
    return ROW.format(sku=sku, title=title, price=price, stock=stock)


def test_error_items_carry_the_rows_sku(shop):
    report = post(shop, HEADER + row("S-1") + row("S-2", price="abc") + row("S-1") + row("", title="No sku"),
                  dry_run=True)
    assert [(e["row"], e["sku"], e["field"], e["code"]) for e in report["errors"]] == [
        (3, "S-2", "unit_price", "invalid_price"),
        (4, "S-1", "sku", "duplicate_sku"),
        (5, None, "sku", "invalid_sku"),
    ]


def test_update_only_refuses_unknown_skus_and_writes_nothing(shop):
    assert post(shop, HEADER + row("K-1") + row("K-2"))["created"] == 2
    report = post(shop, HEADER + row("K-1", stock=9) + row("NEW-1") + row("K-2"), mode="update_only")
    assert report["applied"] is False and report["created"] == 0
    assert [(e["row"], e["sku"], e["field"], e["code"]) for e in report["errors"]] == [
        (3, "NEW-1", "sku", "unknown_sku")]
    items = {o["sku"]: o for o in shop.client.get("/seller/offers").json()["items"]}
    assert set(items) == {"K-1", "K-2"} and items["K-1"]["stock_units"] == 5
    # a removed offer is not brought back either
    shop.client.delete(f"/seller/offers/{items['K-2']['id']}")
    refused = post(shop, HEADER + row("K-2"), mode="update_only", dry_run=True)
    assert [e["code"] for e in refused["errors"]] == ["unknown_sku"]
    done = post(shop, HEADER + row("K-1", stock=9), mode="update_only")
    assert (done["updated"], done["applied"]) == (1, True)
    assert shop.client.get(f"/seller/offers/{items['K-1']['id']}").json()["stock_units"] == 9


def test_an_unknown_mode_is_a_422(shop):
    r = shop.client.post("/seller/offers/import", params={"mode": "replace"}, content=HEADER.encode(),
                         headers={"Content-Type": "text/csv"})
    assert r.status_code == 422


@pytest.mark.parametrize(("encoding", "delimiter"), [("cp1252", ";"), ("utf-16", "\t"), ("utf-8-sig", "\t")])
def test_the_server_also_reads_windows_1252_and_tabs(shop, encoding, delimiter):
    text = (HEADER + ROW.format(sku="W-1", title="Éponge «pro»", price="2.00", stock=3)).replace(",", delimiter)
    r = shop.client.post("/seller/offers/import", params={"dry_run": True}, content=text.encode(encoding),
                         headers={"Content-Type": "text/csv"})
    assert r.json()["errors"] == [] and r.json()["created"] == 1
