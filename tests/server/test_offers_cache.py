"""GET /offers answers repeated searches from rendered pages (services/page_cache.py PageCache), with two
worker processes: every write that changes what a page shows is seen on the very next request, by
whichever worker answers it."""

from __future__ import annotations

import httpx
import pytest

from tests.server import orders_kit
from tests.server.catalog_support import add_categories, db_session, make_shop
from tests.support.server import bare_workers

#: fresh connections per request spread over both workers; enough that each has the page cached
ASKS = 8


@pytest.fixture(scope="module")
def two_workers():
    with bare_workers(2) as server:
        yield server


@pytest.fixture(scope="module")
def shop(two_workers):
    cats = add_categories(two_workers, {"Cache goods": None})
    return make_shop(two_workers, cats["Cache goods"])


def pages(server, **params) -> list[list[dict]]:
    """The same search asked ASKS times, each on a new connection (any worker)."""
    return [httpx.get(f"{server.api}/offers", params=params, timeout=30).json()["items"] for _ in range(ASKS)]


def seen(server, shop, field: str) -> set:
    return {tuple(o[field] for o in items) for items in pages(server, seller=shop.seller_id)}


def test_an_edit_is_seen_by_every_worker_on_the_next_request(two_workers, shop):
    made = shop.offer(title="Cached soap", stock_units=40)
    assert seen(two_workers, shop, "title") == {("Cached soap",)}  # rendered and cached by both
    r = shop.client.patch(f"/seller/offers/{made['id']}", json={"title": "Renamed soap", "stock_units": 7},
                          headers={"If-Match": str(made["version"])})
    assert r.status_code == 200, r.text
    assert seen(two_workers, shop, "title") == {("Renamed soap",)}
    assert seen(two_workers, shop, "stock_units") == {(7,)}
    assert shop.client.delete(f"/seller/offers/{made['id']}").status_code == 204
    assert seen(two_workers, shop, "id") == {()}


def test_an_import_is_seen_on_the_next_request(two_workers, shop):
    before = seen(two_workers, shop, "sku")
    csv_text = (
        "sku,title,category,unit_price,currency,stock_units,moq_units,packagings,collections,warehouse\n"
        "CACHE-CSV,From CSV,Cache goods,2.00,EUR,5,1,unit:1,,PAR\n"
    )
    r = shop.client.post("/seller/offers/import", content=csv_text, headers={"Content-Type": "text/csv"})
    assert r.status_code == 200 and r.json()["created"] == 1, r.text
    after = seen(two_workers, shop, "sku")
    assert len(after) == 1 and "CACHE-CSV" in next(iter(after)) and after != before


def test_a_checkout_is_seen_in_the_stock_on_the_next_request(two_workers):
    db = db_session(two_workers)
    try:
        store = orders_kit.new_shop(two_workers.api, db)
        offer = orders_kit.add_offer(db, store.seller_id, store.warehouse_id, stock=1000, pack_units=10)
        search = {"seller": store.seller_id}
        assert {items[0]["stock_units"] for items in pages(two_workers, **search)} == {1000}
        buyer = orders_kit.register(two_workers.api)
        with httpx.Client(base_url=two_workers.api, timeout=60) as api:
            orders_kit.buy(api, buyer, [offer], quantity=3)
        assert {items[0]["stock_units"] for items in pages(two_workers, **search)} == {970}
    finally:
        db.dispose()


def test_a_warehouse_change_is_seen_on_the_next_request(two_workers, shop):
    """Offers show their warehouse: a change to it (not to any offer) is seen too."""
    from marketplace.orm import Warehouse

    shop.offer(title="Shown with its city")
    assert cities(two_workers, shop) == {"Paris"}
    db = db_session(two_workers)
    try:
        with db.session(write=True) as s:
            s.get(Warehouse, shop.warehouses["PAR"]).city = "Lutèce"
            s.commit()
    finally:
        db.dispose()
    assert cities(two_workers, shop) == {"Lutèce"}


def cities(server, shop) -> set[str]:
    return {o["warehouse"]["city"] for items in pages(server, seller=shop.seller_id) for o in items}


def test_a_page_is_only_served_at_the_version_it_was_rendered_at():
    """Versions only move forward: a page rendered by a request that read an older version (a slow
    request overtaken by a write) is not kept, and a request that read an older version is not given
    a newer page's key space."""
    from marketplace.services.page_cache import PageCache

    cache = PageCache(2)
    assert cache.get(5, ("a",)) is None
    cache.put(5, ("a",), b"v5")
    assert cache.get(5, ("a",)) == b"v5"
    assert cache.get(6, ("a",)) is None  # a write happened: everything from version 5 is gone
    cache.put(5, ("a",), b"late v5")  # rendered by a request that read version 5 before the write
    assert cache.get(6, ("a",)) is None
    assert cache.get(5, ("a",)) is None  # a request still at version 5 renders its own page
    cache.put(6, ("a",), b"v6")
    cache.put(6, ("b",), b"b6")
    cache.get(6, ("a",))
    cache.put(6, ("c",), b"c6")  # over the size: the least recently used ("b") goes
    assert (cache.get(6, ("a",)), cache.get(6, ("b",)), cache.get(6, ("c",))) == (b"v6", None, b"c6")


