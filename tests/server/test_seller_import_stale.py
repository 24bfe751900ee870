"""Re-importing an old export (issue 29, bug 5): the export carries each offer's `version`, the dry run
lists every update field by field (old → new) and flags the rows whose offer changed on the server
after the export; the import never overwrites those without the seller's choice (`stale=`)."""

from __future__ import annotations

import csv
import io

import pytest

from tests.server import catalog_support
from tests.server.catalog_support import add_categories, make_shop

bare_server = catalog_support.bare_server

HEADER = "sku,title,category,unit_price,currency,stock_units,moq_units,packagings,collections,warehouse\r\n"
ROW = "{sku},Sponge {sku},Detergents,1.50,EUR,5,1,unit:1,,PAR\r\n"


@pytest.fixture(scope="module")
def cats(bare_server):
    return add_categories(bare_server, {"Detergents": None})


@pytest.fixture
def shop(bare_server, cats):
    shop = make_shop(bare_server, cats["Detergents"])
    assert post(shop, HEADER + "".join(ROW.format(sku=s) for s in ("A", "B", "C")))["created"] == 3
    return shop


def send(shop, text: str, **params):
    return shop.client.post("/seller/offers/import", params=params, content=text.encode(),
                            headers={"Content-Type": "text/csv"})


def post(shop, text: str, **params):
    r = send(shop, text, **params)
    assert r.status_code == 200, r.text
    return r.json()


def export(shop) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(shop.client.get("/seller/offers/export").text)))


def write(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def offers(shop) -> dict[str, dict]:
    return {o["sku"]: o for o in shop.client.get("/seller/offers").json()["items"]}


def edit_on_server(shop, sku: str, **changes) -> None:
    offer = offers(shop)[sku]
    r = shop.client.patch(f"/seller/offers/{offer['id']}", json=changes,
                          headers={"If-Match": str(offer["version"])})
    assert r.status_code == 200, r.text


def stale_file(shop) -> str:
    """An export, then: A's stock edited on the server (+45), B's stock and title edited in the file."""
    rows = export(shop)
    edit_on_server(shop, "A", stock_units=50)
    by_sku = {r["sku"]: r for r in rows}
    by_sku["B"].update(stock_units="7", title="Sponge B, blue")
    return write(rows)


def test_the_export_carries_each_offers_version(shop):
    edit_on_server(shop, "B", stock_units=6)
    rows = export(shop)
    assert list(rows[0])[-1] == "version"
    assert {r["sku"]: r["version"] for r in rows} == {"A": "1", "B": "2", "C": "1"}
    # and re-imports as all unchanged
    again = post(shop, write(rows), dry_run=True)
    assert (again["updated"], again["unchanged"], again["stale"], again["changes"]) == (0, 3, 0, [])


def test_the_dry_run_lists_each_change_and_flags_rows_changed_on_the_server(shop):
    report = post(shop, stale_file(shop), dry_run=True)
    assert (report["updated"], report["unchanged"], report["stale"], report["errors"]) == (2, 1, 1, [])
    changes = {c["sku"]: c for c in report["changes"]}
    assert [c["row"] for c in report["changes"]] == [2, 3]
    a, b = changes["A"], changes["B"]
    assert a["changes"] == [{"field": "stock_units", "old": "50", "new": "5"}]
    assert (a["stale"], a["file_version"], a["server_version"]) == (True, 1, 2)
    assert a["server_updated_at"]
    assert b["changes"] == [{"field": "title", "old": "Sponge B", "new": "Sponge B, blue"},
                            {"field": "stock_units", "old": "5", "new": "7"}]
    assert (b["stale"], b["file_version"], b["server_version"]) == (False, 1, 1)


def test_the_import_refuses_stale_rows_by_default_and_writes_nothing(shop):
    text = stale_file(shop)
    r = send(shop, text)
    assert r.status_code == 409, r.text
    problem = r.json()
    assert problem["code"] == "stale_rows"
    assert problem["stale_rows"] == [{"row": 2, "sku": "A", "file_version": 1, "server_version": 2}]
    now = offers(shop)
    assert (now["A"]["stock_units"], now["B"]["stock_units"], now["B"]["title"]) == (50, 5, "Sponge B")


def test_skip_leaves_stale_rows_as_they_are_on_the_server(shop):
    report = post(shop, stale_file(shop), stale="skip")
    assert (report["applied"], report["updated"], report["skipped"], report["stale"]) == (True, 1, 1, 1)
    now = offers(shop)
    assert (now["A"]["stock_units"], now["B"]["stock_units"], now["B"]["title"]) == (50, 7, "Sponge B, blue")


def test_overwrite_writes_the_files_values_on_the_sellers_word(shop):
    report = post(shop, stale_file(shop), stale="overwrite")
    assert (report["applied"], report["updated"], report["skipped"]) == (True, 2, 0)
    assert offers(shop)["A"]["stock_units"] == 5


def test_a_file_without_versions_is_never_stale_and_a_bad_version_is_a_row_error(shop):
    edit_on_server(shop, "A", stock_units=50)
    report = post(shop, HEADER + ROW.format(sku="A"))
    assert (report["applied"], report["updated"], report["stale"]) == (True, 1, 0)
    assert report["changes"][0]["file_version"] is None
    bad = post(shop, HEADER.replace("\r\n", ",version\r\n") + ROW.format(sku="B").replace("\r\n", ",two\r\n"),
               dry_run=True)
    assert [(e["row"], e["field"], e["code"]) for e in bad["errors"]] == [(2, "version", "invalid_version")]


def test_an_unknown_stale_choice_is_a_422(shop):
    assert send(shop, HEADER, stale="maybe").status_code == 422
