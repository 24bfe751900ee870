from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from desktop.models.catalog_cache import (
    SCHEMA_VERSION,
    CatalogCache,
    OfferQuery,
    RebuildReason,
    fts_match_expression,
)
from tests.unit.conftest import NOW
from tests.unit.offer_factory import make_offer, synthetic_offers

CATEGORIES = [
    {"id": 1, "name": "Food", "parent_id": None, "offer_count": 3},
    {"id": 2, "name": "Coffee", "parent_id": 1, "offer_count": 2},
    {"id": 3, "name": "Espresso", "parent_id": 2, "offer_count": 1},
    {"id": 4, "name": "Hardware", "parent_id": None, "offer_count": 2},
]
CURRENCIES = [
    {"code": "EUR", "name": "Euro", "rate_per_eur": "1", "updated_at": "2026-05-01T00:00:00Z"},
    {"code": "USD", "name": "US dollar", "rate_per_eur": "1.085", "updated_at": "2026-05-01T00:00:00Z"},
]
RUNNING = {"discount_percent": 20, "ends_at": "2030-01-01T00:00:00Z"}
ENDED = {"discount_percent": 50, "ends_at": "2020-01-01T00:00:00Z"}


def catalog() -> list[dict]:
    return [
        make_offer(1, title="Arabica coffee beans 1kg", description="Roasted in Lisbon", category_id=2,
                   unit_price="12.00", updated_at="2026-03-01T00:00:00Z", collections=["weekly"],
                   seller_id=1, seller_name="Lisboa Trading", warehouse_country="PT"),
        make_offer(2, title="Espresso machine", description="For coffee bars, barely used", category_id=3,
                   unit_price="450.00", updated_at="2026-04-01T00:00:00Z", collections=["surplus"],
                   seller_id=2, seller_name="Kaffee Haus", warehouse_country="DE"),
        make_offer(3, title="Tea bags", description="Green tea, not coffee", category_id=1,
                   unit_price="3.00", stock_units=0, updated_at="2026-01-01T00:00:00Z",
                   collections=["promotion"], promotion=RUNNING, seller_id=2, seller_name="Kaffee Haus",
                   warehouse_country="DE"),
        make_offer(4, title="Steel screws M6", sku="SCR-M6", category_id=4, unit_price="0.05",
                   updated_at="2026-02-01T00:00:00Z", collections=["promotion"], promotion=ENDED,
                   seller_id=3, seller_name="Porto Ferragens", warehouse_country="PT"),
        make_offer(5, title="Hammer", category_id=4, unit_price="20.00", updated_at="2026-05-01T00:00:00Z",
                   collections=["promotion", "weekly"], promotion={"discount_percent": 10, "ends_at": None},
                   seller_id=3, seller_name="Porto Ferragens", warehouse_country="PT"),
    ]  # fmt: skip


@pytest.fixture
def loaded(cache):
    cache.replace_categories(CATEGORIES)
    cache.replace_currencies(CURRENCIES)
    cache.apply_changes(catalog(), [], "token-1", synced_at=NOW)
    return cache


def ids(cache, **query) -> list[int]:
    return cache.search(OfferQuery(**query), now=NOW)


def test_full_load_sets_token_and_counts(loaded):
    assert loaded.offer_count() == 5
    assert loaded.sync_token() == "token-1"
    assert loaded.last_synced_at() == NOW
    assert loaded.was_rebuilt is False


def test_new_cache_has_no_token(cache):
    assert cache.sync_token() is None
    assert cache.last_synced_at() is None
    assert cache.search(OfferQuery()) == []


def test_text_search_prefix_and_relevance(loaded):
    result = ids(loaded, text="coffee")
    assert set(result) == {1, 2, 3}
    assert result[0] == 1  # a title match ranks above description-only matches
    assert ids(loaded, text="cof") == result  # search as you type: prefixes match
    assert ids(loaded, text="espr mach") == [2]  # every word must match
    assert ids(loaded, text="scr-m6") == [4]  # SKU
    assert set(ids(loaded, text="porto")) == {4, 5}  # seller name
    assert ids(loaded, text="lisbon") == [1]  # description
    assert ids(loaded, text="café") == ids(loaded, text="cafe")  # diacritics folded


def test_a_lone_two_letter_prefix_lists_title_hits_first_newest_listed_first(loaded):
    # "co": a title hit in 1 ("Arabica coffee"), description-only hits in 2 and 3 (3 is out of stock)
    assert ids(loaded, text="co") == [1, 3, 2]
    assert ids(loaded, text="co", in_stock=True) == [1, 2]
    assert loaded.search(OfferQuery(text="co"), now=NOW, limit=2) == [1, 3]  # a first screen
    assert loaded.search(OfferQuery(text="co"), now=NOW, limit=1) == [1]
    loaded.apply_changes([make_offer(6, title="Cold brew coffee", updated_at="2026-05-02T00:00:00Z")], [], "t2")
    assert ids(loaded, text="co")[:2] == [6, 1]  # title hits: newest listed first
    assert ids(loaded, text="cof")[0] in {1, 6}  # from the third letter: ranked by bm25 again
    assert ids(loaded, text="co", sort="price") == ids(loaded, text="coffee", sort="price")  # a sort wins


@pytest.mark.parametrize(
    "text",
    ['"', 'coffee"', "NEAR(coffee beans)", "title:coffee", "coffee AND OR NOT", "*", "-coffee", "(", "^a",
     "{x}", "coffee'; DROP TABLE offers; --", "\x00", "a" * 1000, " ".join(["word"] * 100)],
)  # fmt: skip
def test_fts_syntax_is_never_interpreted(loaded, text):
    loaded.search(OfferQuery(text=text), now=NOW)  # never raises
    assert loaded.offer_count() == 5


def test_match_expression_quotes_every_word():
    assert fts_match_expression('say "hi" now') == '"say"* "hi"* "now"*'
    assert fts_match_expression("!!!") is None


def test_filter_collection(loaded):
    assert set(ids(loaded, collection="weekly")) == {1, 5}
    assert ids(loaded, collection="surplus") == [2]
    # the promotions tab: only promotions still running (4's ended; 5 has no end date)
    assert set(ids(loaded, collection="promotion")) == {3, 5}


def test_filter_category_includes_descendants(loaded):
    assert set(ids(loaded, category_id=1)) == {1, 2, 3}
    assert set(ids(loaded, category_id=2)) == {1, 2}
    assert ids(loaded, category_id=3) == [2]
    assert set(ids(loaded, category_id=4)) == {4, 5}
    assert ids(loaded, category_id=999) == []


def test_filter_country_seller_stock(loaded):
    assert set(ids(loaded, country="pt")) == {1, 4, 5}
    assert set(ids(loaded, seller_id=2)) == {2, 3}
    assert 3 not in ids(loaded, in_stock=True)
    assert len(ids(loaded, in_stock=True)) == 4


def test_filter_price_uses_the_price_paid_now(loaded):
    # 3: 3.00 → 2.40 while the promotion runs; 4: its promotion ended, so 0.05
    assert set(ids(loaded, max_price=Decimal("2.40"))) == {3, 4}
    assert set(ids(loaded, min_price=Decimal("2.41"), max_price=Decimal("20"))) == {1, 5}  # 5: 18.00
    assert ids(loaded, min_price=Decimal("100")) == [2]


def test_sorts(loaded):
    assert ids(loaded, sort="price") == [4, 3, 1, 5, 2]
    assert ids(loaded, sort="-price") == [2, 5, 1, 3, 4]
    assert ids(loaded, sort="newest") == [5, 2, 1, 4, 3]
    assert ids(loaded) == [5, 2, 1, 4, 3]  # relevance without text = newest
    assert ids(loaded, text="coffee", sort="price") == [3, 1, 2]


def test_filters_combine(loaded):
    assert ids(loaded, text="coffee", category_id=2, in_stock=True, country="DE") == [2]


def test_delta_updates_in_place_and_deletes(loaded):
    edited = make_offer(1, title="Robusta coffee beans 1kg", category_id=2, unit_price="9.00", version=2,
                        updated_at="2026-05-02T00:00:00Z", seller_id=1, seller_name="Lisboa Trading",
                        warehouse_country="PT")  # fmt: skip
    loaded.apply_changes([edited], [2], "token-2")
    assert loaded.sync_token() == "token-2"
    assert loaded.offer_count() == 4
    assert ids(loaded, text="arabica") == []
    assert ids(loaded, text="robusta") == [1]
    assert ids(loaded, text="espresso") == []  # deleted offer gone from the index too
    assert loaded.offer(2) is None
    row = loaded.rows([1])[1]
    assert (row.title, row.list_price, row.version) == ("Robusta coffee beans 1kg", Decimal("9.00"), 2)
    assert loaded.offer(1)["title"] == "Robusta coffee beans 1kg"


def test_stock_only_change_keeps_search_working(loaded):
    offer = catalog()[0]
    offer["stock_units"] = 0
    loaded.apply_changes([offer], [], "token-2")
    assert ids(loaded, text="arabica") == [1]
    assert 1 not in ids(loaded, in_stock=True)


def test_deleting_unknown_ids_and_same_id_twice_is_harmless(loaded):
    a, b = catalog()[0], dict(catalog()[0], title="Second copy")
    loaded.apply_changes([a, b], [12345], "token-2")
    assert ids(loaded, text="second copy") == [1]
    loaded.apply_changes([a], [1], "token-3")  # changed and deleted in one page: deleted
    assert loaded.offer(1) is None
    assert ids(loaded, text="arabica") == []


def test_failed_page_writes_nothing(loaded):
    broken = make_offer(99, title="Broken")
    del broken["unit_price"]
    with pytest.raises(KeyError):
        loaded.apply_changes([catalog()[1] | {"title": "Changed"}, broken], [1], "token-2")
    assert loaded.sync_token() == "token-1"
    assert loaded.offer_count() == 5
    assert ids(loaded, text="changed") == []


def test_rows_and_offer(loaded):
    rows = loaded.rows([3, 5, 404])
    assert set(rows) == {3, 5}
    tea = rows[3]
    assert tea.collections == ("promotion",)
    assert tea.promo_discount == Decimal(20)
    assert tea.unit_price(NOW).amount == Decimal("2.40")
    assert tea.unit_price(datetime(2031, 1, 1, tzinfo=UTC)).amount == Decimal("3.00")
    assert tea.list_price_eur == Decimal("3.00")
    assert not tea.in_stock
    assert rows[5].promo_ends_at is None and rows[5].promotion_active(NOW)
    assert loaded.offer(3)["packagings"][1]["label"] == "Box of 12"
    assert loaded.rows([]) == {}
    assert set(loaded.offers([1, 2, 77])) == {1, 2}


def test_server_list_price_is_used_when_sent(cache):
    offer = make_offer(1, unit_price="8.00", promotion=RUNNING)
    offer["list_price"] = {"amount": "10.00", "currency": "EUR"}
    cache.apply_changes([offer], [], "t")
    row = cache.rows([1])[1]
    assert row.list_price == Decimal("10.00")
    assert row.unit_price(NOW).amount == Decimal("8.00")
    assert cache.search(OfferQuery(max_price=Decimal("8.00")), now=NOW) == [1]


def test_offers_in_another_currency_are_priced_in_eur_once_rates_are_known(cache):
    cache.apply_changes([make_offer(1, unit_price="10.85", currency="USD")], [], "t")
    assert cache.rows([1])[1].list_price_eur is None
    assert cache.search(OfferQuery(sort="price"), now=NOW) == [1]  # unpriced rows sort last, not lost
    cache.replace_currencies(CURRENCIES)
    assert cache.rows([1])[1].list_price_eur == Decimal("10.00")
    assert cache.search(OfferQuery(max_price=Decimal(10)), now=NOW) == [1]


def test_reference_lists(loaded):
    assert [c.name for c in loaded.categories()] == ["Food", "Hardware", "Coffee", "Espresso"]
    assert [c.code for c in loaded.currencies()] == ["EUR", "USD"]
    assert loaded.rates()["USD"] == Decimal("1.085")
    assert loaded.countries() == ["DE", "PT"]
    assert [s.name for s in loaded.sellers()] == ["Kaffee Haus", "Lisboa Trading", "Porto Ferragens"]
    loaded.upsert_sellers(
        [{"id": 2, "name": "Kaffee Haus", "country": "DE", "rating": "4.10", "review_count": 7}]
    )
    seller = next(s for s in loaded.sellers() if s.id == 2)
    assert (seller.rating, seller.review_count) == (Decimal("4.10"), 7)
    loaded.apply_changes([catalog()[1]], [], "t2")  # an offer's seller ref keeps the review count
    assert next(s for s in loaded.sellers() if s.id == 2).review_count == 7


def test_offer_ids_by_sku(loaded):
    assert loaded.offer_ids_by_sku(["scr-m6", "SKU-000001", "nope"]) == {
        "scr-m6": [4], "SKU-000001": [1], "nope": [],
    }  # fmt: skip


def test_images(cache):
    url = "https://cdn.example.test/offers/1/1.jpg?size=thumb"
    assert cache.image_path(url) is None
    path = cache.store_image(url, b"\xff\xd8jpeg-bytes")
    assert path.read_bytes() == b"\xff\xd8jpeg-bytes" and path.suffix == ".jpg"
    assert path.parent == cache.images_dir
    assert cache.image_path(url) == path
    cache.store_image("https://cdn.example.test/2.png", b"x" * 100)
    assert cache.images_size_bytes() == len(b"\xff\xd8jpeg-bytes") + 100
    assert cache.size_bytes() > cache.images_size_bytes()
    freed = cache.trim_images(100)
    assert freed == len(b"\xff\xd8jpeg-bytes")  # the older one goes
    assert cache.image_path(url) is None and not path.exists()
    path.unlink(missing_ok=True)


def test_clear_empties_everything(loaded):
    loaded.store_image("https://x.test/a.png", b"abc")
    loaded.clear()
    assert loaded.offer_count() == 0
    assert loaded.sync_token() is None
    assert loaded.categories() == [] and loaded.currencies() == []
    assert loaded.images_size_bytes() == 0
    assert ids(loaded, text="coffee") == []
    loaded.apply_changes(catalog(), [], "again")
    assert set(ids(loaded, text="coffee")) == {1, 2, 3}


def test_reopen_keeps_data(tmp_path):
    path = tmp_path / "catalog.sqlite3"
    with CatalogCache(path) as first:
        first.apply_changes(catalog(), [], "token-1")
    with CatalogCache(path) as second:
        assert second.was_rebuilt is False
        assert second.offer_count() == 5
        assert second.sync_token() == "token-1"


# -- rebuilds ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", [SCHEMA_VERSION - 1, SCHEMA_VERSION + 1])
def test_other_schema_version_is_rebuilt(tmp_path, version):
    path = tmp_path / "catalog.sqlite3"
    with CatalogCache(path) as first:
        first.apply_changes(catalog(), [], "token-1")
        first.store_image("https://x.test/a.png", b"abc")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    with CatalogCache(path) as cache:
        assert cache.was_rebuilt is True
        assert cache.rebuild_reason is RebuildReason.SCHEMA_CHANGED
        assert str(version) in cache.rebuild_detail
        assert cache.corrupt_copy is None
        assert cache.offer_count() == 0
        assert cache.sync_token() is None
        assert cache.images_size_bytes() == 0
        cache.apply_changes(catalog(), [], "token-2")
        assert cache.offer_count() == 5


def test_garbage_file_is_moved_aside_and_rebuilt(tmp_path):
    path = tmp_path / "catalog.sqlite3"
    path.write_bytes(b"this is not a database at all \x00\x01\x02" * 500)
    with CatalogCache(path) as cache:
        assert cache.was_rebuilt is True
        assert cache.rebuild_reason is RebuildReason.CORRUPT
        assert cache.rebuild_detail
        assert cache.corrupt_copy is not None and cache.corrupt_copy.exists()
        cache.apply_changes(catalog(), [], "token-1")
        assert set(cache.search(OfferQuery(text="coffee"), now=NOW)) == {1, 2, 3}
    with CatalogCache(path) as again:
        assert again.was_rebuilt is False


def test_malformed_pages_are_detected_and_rebuilt(tmp_path):
    path = tmp_path / "catalog.sqlite3"
    with CatalogCache(path) as first:
        first.apply_changes(synthetic_offers(300), [], "token-1")
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    assert len(data) > 8 * page_size
    data[2 * page_size : len(data) - page_size] = bytes([0xA5]) * (len(data) - 3 * page_size)
    path.write_bytes(bytes(data))
    with CatalogCache(path) as cache:
        assert cache.was_rebuilt is True
        assert cache.rebuild_reason is RebuildReason.CORRUPT
        assert cache.offer_count() == 0
        assert cache.sync_token() is None


def test_foreign_sqlite_file_is_replaced(tmp_path):
    path = tmp_path / "catalog.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE something_else (x)")
    conn.commit()
    conn.close()
    with CatalogCache(path) as cache:
        assert cache.rebuild_reason is RebuildReason.CORRUPT
        assert cache.offer_count() == 0


def test_empty_file_is_simply_initialised(tmp_path):
    path = tmp_path / "catalog.sqlite3"
    path.write_bytes(b"")
    with CatalogCache(path) as cache:
        assert cache.was_rebuilt is False
        assert cache.offer_count() == 0


# -- threads ----------------------------------------------------------------------------------------


def test_worker_thread_writes_while_main_thread_reads(loaded):
    errors: list[BaseException] = []
    more = synthetic_offers(400)
    for offer in more:
        offer["id"] += 1000

    def sync() -> None:
        try:
            for start in range(0, len(more), 100):
                loaded.apply_changes(more[start : start + 100], [], f"page-{start}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    worker = threading.Thread(target=sync)
    worker.start()
    while worker.is_alive():
        assert set(loaded.rows([1, 2])) == {1, 2}
        loaded.search(OfferQuery(text="coffee"), now=NOW)
    worker.join()
    assert errors == []
    assert loaded.offer_count() == 405
    assert loaded.sync_token() == "page-300"


def test_close_closes_every_threads_connection(loaded):
    thread = threading.Thread(target=lambda: loaded.offer_count())
    thread.start()
    thread.join()
    loaded.close()
    with pytest.raises(Exception, match="closed"):
        loaded.offer_count()


def test_query_validation():
    with pytest.raises(ValueError):
        OfferQuery(sort="cheapest")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        OfferQuery(collection="clearance")  # type: ignore[arg-type]


def test_bigger_synthetic_load_and_delta(cache):
    offers = synthetic_offers(3000)
    for start in range(0, 3000, 500):
        cache.apply_changes(offers[start : start + 500], [], f"p{start}")
    assert cache.offer_count() == 3000
    everything = cache.search(OfferQuery(), now=NOW)
    assert len(everything) == 3000
    by_price = cache.search(OfferQuery(sort="price"), now=NOW)
    prices = [cache.rows([i])[i].unit_price(NOW).amount for i in by_price[:50]]
    assert prices == sorted(prices)
    cache.apply_changes([], list(range(1, 1001)), "delete-a-third")
    assert cache.offer_count() == 2000
    assert min(cache.search(OfferQuery(), now=NOW)) == 1001


def test_python_typed_offer_dicts_are_accepted(cache):
    """A pydantic `model_dump()` without mode="json" has Decimal and datetime values."""
    offer = make_offer(1, promotion={"discount_percent": 10, "ends_at": datetime(2030, 1, 1, tzinfo=UTC)})
    offer["unit_price"] = {"amount": Decimal("10.00"), "currency": "EUR"}
    offer["updated_at"] = datetime(2026, 5, 1, tzinfo=UTC)
    cache.apply_changes([offer], [], "t")
    row = cache.rows([1])[1]
    assert row.unit_price(NOW).amount == Decimal("9.00")
    assert row.updated_at == datetime(2026, 5, 1, tzinfo=UTC)
    assert cache.offer(1)["updated_at"].startswith("2026-05-01")
