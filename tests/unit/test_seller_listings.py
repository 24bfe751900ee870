"""The seller's local listings copy: search, filters, sort in SQL, low-stock thresholds; the outbox's order."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.models.seller import ListingQuery, ListingsStore, Outbox, Status
from desktop.models.seller.bulk import BulkOp, Target, preview
from tests.unit.offer_factory import listing_offer as offer


@pytest.fixture
def store(tmp_path):
    store = ListingsStore(tmp_path / "listings.sqlite3")
    store.replace_all([offer(i) for i in range(1, 11)]
                      + [offer(11, title="Pallet of steel", promotion={"discount_percent": 10,
                                                                       "ends_at": "2030-01-01T00:00:00Z"},
                               collections=["promotion"])])
    store.set_categories([(1, None, "Wood"), (2, 1, "Boards"), (3, None, "Metal")])
    yield store
    store.close()


@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_returns_every_offer_in_its_order(tmp_path, descending):
    import random

    from desktop.models.seller.listings import SORT_COLUMNS

    rng = random.Random(3)
    big = ListingsStore(tmp_path / "big.sqlite3")
    big.replace_all([offer(i, sku=f"S-{rng.randrange(10**6):06d}", stock_units=rng.randrange(50),
                           title=rng.choice(["oak", "Steel", "glass", "Oak"]) + f" lot {i}")
                     for i in range(1, 301)])
    try:
        way = "DESC" if descending else "ASC"
        for sort, expression in SORT_COLUMNS.items():
            for query, where, count in ((ListingQuery(sort=sort, descending=descending), "", 300),
                                        (ListingQuery(stock="in", collection="weekly", sort=sort,
                                                      descending=descending),
                                         "WHERE o.stock_units > 0 AND o.weekly = 1", None)):
                found = big.search(query)
                with big._file.read() as conn:
                    expected = [i for (i,) in conn.execute(
                        f"SELECT o.id FROM offers o LEFT JOIN thresholds t ON t.offer_id = o.id {where} "
                        f"ORDER BY {expression} {way}, o.id {way}", {"default_threshold": big.default_threshold()})]
                assert found == expected and len(found) == (count or len(expected)) > 100, (sort, where)
    finally:
        big.close()


def test_search_filters_and_sort_in_sql(store):
    assert store.search(ListingQuery(text="steel")) == [11]
    assert store.search(ListingQuery(text="sku-00"))[:2] == [1, 2]
    assert set(store.search(ListingQuery(category_id=1))) == {i for i in range(1, 12) if 1 + i % 3 in (1, 2)}
    assert store.search(ListingQuery(collection="promotion")) == [11]
    assert store.search(ListingQuery(promotion=False, sort="stock_units", descending=True))[0] == 10
    assert store.search(ListingQuery(sort="unit_price"))[:3] == [1, 2, 3]
    assert store.search(ListingQuery(stock="out")) == []
    assert len(store.search(ListingQuery(collection="weekly"))) == 5


def test_low_stock_per_offer_or_default(store):
    assert store.count_low_stock() == 2  # 5 and 10 units at the default 10
    store.set_threshold(5, 30)  # its own threshold: 25 ≤ 30
    assert store.search(ListingQuery(stock="low")) == [1, 2, 5]
    store.set_default_threshold(5)
    assert store.search(ListingQuery(stock="low")) == [1, 5]
    assert store.row(5).low_stock and store.row(5).threshold == 30
    store.replace_all([offer(5, stock_units=100)])  # a refresh keeps the seller's thresholds
    assert store.row(5).threshold == 30 and not store.row(5).low_stock


def test_an_older_answer_never_overwrites_a_newer_copy(store):
    store.upsert([offer(3, version=5, stock_units=1)])
    store.upsert([offer(3, version=4, stock_units=999)])
    assert store.row(3).stock_units == 1 and store.row(3).version == 5
    assert store.row(3).unit_price == Decimal("3.50")


def test_outbox_order_and_blocking_per_target(tmp_path):
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    a = outbox.enqueue("offer_edit", 1, {"fields": {"moq_units": 2}})
    b = outbox.enqueue("offer_edit", 2, {"fields": {"moq_units": 2}})
    c = outbox.enqueue("offer_edit", 1, {"fields": {"moq_units": 3}})
    assert outbox.next_to_send().id == a.id
    outbox.mark_refused(a.id, "no", [{"field": "moq_units", "code": "x", "message": "no"}])
    assert outbox.next_to_send().id == b.id  # another offer goes on
    outbox.mark_sent(b.id, {})
    assert outbox.next_to_send() is None  # offer 1's next edit waits behind its refused one
    outbox.discard(a.id)
    assert outbox.next_to_send().id == c.id
    assert [e.status for e in outbox.entries()] == [Status.SENT, Status.WAITING]
    assert len({a.idempotency_key, b.idempotency_key, c.idempotency_key}) == 3
    outbox.close()


def test_bulk_preview_shows_refusals_and_leaves_no_ops_out():
    targets = [Target(1, "A", {"unit_price": "10.00", "collections": ["weekly"]}),
               Target(2, "B", {"unit_price": "0.01", "collections": []})]
    changes = preview(BulkOp("price_percent", Decimal("-50")), targets)
    assert [(c.offer_id, c.after) for c in changes] == [(1, "5.00")]  # 0.01 − 50 % rounds to 0.01: no change
    added = preview(BulkOp("add_collection", "weekly"), targets)
    assert [c.offer_id for c in added] == [2]  # A is in it already
    assert preview(BulkOp("set_price", Decimal("-1")), targets)[0].refusal.code == "price_too_small"
