"""A search with a filter finds what the filter says after every kind of write: the filters of a search
live in SQLite's full-text index (marketplace/services/search_facets.py), so each test changes what an
offer is filed under (through the API, the CSV import, or straight in the database as an admin would)
and searches with the filter right after."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from tests.server import catalog_support
from tests.server.catalog_support import add_categories, db_session, make_shop, walk

bare_server = catalog_support.bare_server


@pytest.fixture(scope="module")
def cats(bare_server):
    return add_categories(bare_server, {"Garden": None, "Seeds": "Garden", "Kitchen": None, "Pans": "Kitchen"})


@pytest.fixture
def shop(bare_server, cats):
    return make_shop(bare_server, cats["Seeds"])


def found(shop, **params) -> set[str]:
    """The SKUs of every offer GET /offers gives for the search (all pages)."""
    return {o["sku"] for o in walk(shop.client, "/offers", {"limit": 2, **params})}


def patch(shop, offer: dict, body: dict) -> dict:
    r = shop.client.patch(f"/seller/offers/{offer['id']}", json=body, headers={"If-Match": str(offer["version"])})
    assert r.status_code == 200, r.text
    return r.json()


def test_edits_through_the_api_move_the_offer_between_filters(shop, cats):
    word = f"marigold{shop.seller_id}"
    one = shop.offer(sku="M-1", title=f"{word} seeds", collections=["weekly"])
    shop.offer(sku="M-2", title=f"{word} mix", category_id=cats["Pans"], warehouse_id=shop.warehouses["BER"])
    assert found(shop, q=word, category=cats["Garden"]) == {"M-1"}  # the category above counts
    assert found(shop, q=word, category=cats["Kitchen"]) == {"M-2"}
    assert found(shop, q=word, country="fr", collection="weekly") == {"M-1"}
    assert found(shop, q=word, seller=shop.seller_id) == {"M-1", "M-2"}

    one = patch(shop, one, {"category_id": cats["Pans"], "warehouse_id": shop.warehouses["BER"],
                            "collections": ["surplus"]})
    assert found(shop, q=word, category=cats["Garden"]) == set()
    assert found(shop, q=word, category=cats["Kitchen"]) == {"M-1", "M-2"}
    assert found(shop, q=word, country="DE") == {"M-1", "M-2"}
    assert found(shop, q=word, country="FR") == set()
    assert found(shop, q=word, collection="weekly") == set()
    assert found(shop, q=word, collection="surplus") == {"M-1"}

    one = patch(shop, one, {"promotion": {"discount_percent": 10, "ends_at": "2099-01-01T00:00:00Z"}})
    assert found(shop, q=word, collection="promotion") == {"M-1"}
    one = patch(shop, one, {"promotion": None})
    assert found(shop, q=word, collection="promotion") == set()
    # a text edit rewrites the whole row: its filters come along
    patch(shop, one, {"title": f"{word} renamed"})
    assert found(shop, q=f"{word} renamed", category=cats["Pans"], country="DE", collection="surplus") == {"M-1"}


def test_changes_made_straight_in_the_database_are_followed(bare_server, shop, cats):
    """What the API cannot change (a warehouse's country, the category tree) an admin may: the
    database's own triggers keep the search true."""
    from marketplace.orm import Category, Warehouse

    word = f"begonia{shop.seller_id}"
    shop.offer(sku="B-1", title=f"{word} bulbs")
    assert found(shop, q=word, country="FR") == {"B-1"}
    database = db_session(bare_server)
    try:
        with database.session(write=True) as s:
            s.get(Warehouse, shop.warehouses["PAR"]).country = "BE"
            s.commit()
        assert found(shop, q=word, country="FR") == set()
        assert found(shop, q=word, country="BE") == {"B-1"}

        with database.session(write=True) as s:
            s.get(Category, cats["Seeds"]).parent_id = cats["Kitchen"]
            s.commit()
        try:
            assert found(shop, q=word, category=cats["Garden"]) == set()
            assert found(shop, q=word, category=cats["Kitchen"]) == {"B-1"}
        finally:
            with database.session(write=True) as s:
                s.get(Category, cats["Seeds"]).parent_id = cats["Garden"]
                s.commit()
        assert found(shop, q=word, category=cats["Garden"]) == {"B-1"}
    finally:
        database.dispose()


def test_the_csv_import_files_new_and_updated_offers_under_their_filters(shop, cats):
    word = f"tulip{shop.seller_id}"
    header = "sku,title,category,unit_price,currency,stock_units,moq_units,packagings,collections,warehouse\r\n"

    def send(category: str, collections: str, warehouse: str) -> None:
        row = f"T-1,{word} bulbs,{category},2.50,EUR,10,1,unit:1,{collections},{warehouse}\r\n"
        r = shop.client.post("/seller/offers/import", content=(header + row).encode(),
                             headers={"Content-Type": "text/csv"})
        assert r.status_code == 200 and r.json()["applied"], r.text

    send("Seeds", "weekly", "PAR")
    assert found(shop, q=word, category=cats["Garden"], country="FR", collection="weekly") == {"T-1"}
    send("Pans", "surplus", "BER")
    assert found(shop, q=word, category=cats["Garden"]) == set()
    assert found(shop, q=word, category=cats["Kitchen"], country="DE", collection="surplus") == {"T-1"}


def test_a_removed_offer_is_never_found_and_a_relisted_one_is(bare_server, shop, cats):
    """A search by relevance with filters reads the index alone: a removed offer must leave it, whoever
    removes it (the API, or an admin in the database), and come back when relisted under its SKU."""
    from marketplace.orm import Offer, utcnow

    word = f"crocus{shop.seller_id}"
    gone = shop.offer(sku="R-1", title=f"{word} corms")
    kept = shop.offer(sku="R-2", title=f"{word} mix")
    assert found(shop, q=word, category=cats["Garden"]) == {"R-1", "R-2"}
    assert shop.client.delete(f"/seller/offers/{gone['id']}").status_code == 204
    assert found(shop, q=word, category=cats["Garden"]) == {"R-2"}
    assert found(shop, q=word) == {"R-2"}
    # removed in the database without the API's bookkeeping: the index loses the row all the same
    database = db_session(bare_server)
    try:
        with database.session(write=True) as s:
            s.get(Offer, kept["id"]).deleted_at = utcnow()
            s.commit()
            if database.dialect == "sqlite":  # PostgreSQL searches the offers table itself
                assert s.scalar(text("SELECT count(*) FROM offers_fts WHERE rowid = :id"), {"id": kept["id"]}) == 0
    finally:
        database.dispose()
    shop.offer(sku="R-1", title=f"{word} corms again", collections=["weekly"])
    assert found(shop, q=word, category=cats["Garden"], collection="weekly") == {"R-1"}


def test_filter_words_cannot_be_searched_for(shop, cats):
    """The index's filter tokens are not words of the offer: typing one finds nothing."""
    shop.offer(sku="F-1", title=f"fennel{shop.seller_id}")
    for token in (f"zc{cats['Seeds']}", f"zs{shop.seller_id}", "zwfr", "zkweekly", "zc", "zw"):
        assert found(shop, q=token, seller=shop.seller_id) == set(), token


def test_an_older_database_gets_its_filters_on_upgrade(tmp_path):
    """Migration 0005 rebuilds the index of a catalog made before it, keeping every word."""
    from alembic import command

    from marketplace.db import Database
    from marketplace.schema_setup import alembic_config

    path = tmp_path / "old.sqlite3"
    db = Database(f"sqlite:///{path}")
    cfg = alembic_config(db.url)
    try:
        with db.write_engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "0004")
        raw = sqlite3.connect(path)
        raw.executescript(
            "INSERT INTO sellers (id, name, country, email, description, review_count, created_at) "
            "VALUES (1, 'Old Seller', 'FR', 'old@example.com', '', 0, '2026-01-01');"
            "INSERT INTO warehouses (id, seller_id, code, country, city, min_order_value) "
            "VALUES (1, 1, 'W', 'PT', 'Porto', 0);"
            "INSERT INTO categories (id, name, parent_id) VALUES (1, 'Top', NULL), (2, 'Leaf', 1);"
            "INSERT INTO offers_fts (rowid, title, description, sku, seller) "
            "VALUES (7, 'Cork board', 'natural cork', 'CRK-7', 'old seller');"
        )
        raw.execute(
            "INSERT INTO offers (id, seller_id, warehouse_id, category_id, sku, title, description, list_price, "
            "unit_price, moq_units, stock_units, weekly, surplus, promotion, image_count, created_at, updated_at, "
            "version, change_seq, search_text) VALUES (7, 1, 1, 2, 'CRK-7', 'Cork board', 'natural cork', 5, 5, "
            "1, 3, 1, 0, 0, 0, '2026-01-01', '2026-01-01', 1, 1, 'cork board natural cork crk-7 old seller')"
        )
        raw.commit()
        with db.write_engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
        assert raw.execute("SELECT facets FROM offers_fts WHERE rowid = 7").fetchone() == (
            "zs1 zwpt zkweekly zc2 zc1",)
        match = "(- {facets} : (\"natural\"*)) AND (facets : \"zc1\") AND (facets : \"zwpt\")"
        assert raw.execute("SELECT rowid FROM offers_fts WHERE offers_fts MATCH ?", (match,)).fetchall() == [(7,)]
        raw.close()
    finally:
        db.dispose()
