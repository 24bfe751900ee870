"""Saved searches and watches on a real catalog cache file: what starts matching after a sync alerts once."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.models.catalog_cache import OfferQuery
from desktop.models.saved_searches import SavedSearchStore, evaluate_after_sync
from tests.unit.offer_factory import make_offer

NOW = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
CURRENCIES = [{"code": "EUR", "name": "Euro", "rate_per_eur": "1", "updated_at": "2026-12-01T00:00:00Z"},
              {"code": "PLN", "name": "Zloty", "rate_per_eur": "4", "updated_at": "2026-12-01T00:00:00Z"}]
PAPER = OfferQuery(text="paper", max_price=Decimal("2.10"), in_stock=True)
SERVER = "http://127.0.0.1:8000"


def paper(offer_id, price, stock=100, country="ES", **extra):
    return make_offer(offer_id, title=f"A4 printer paper lot {offer_id}", unit_price=price, stock_units=stock,
                      warehouse_country=country, **extra)


@pytest.fixture
def catalog(cache):
    cache.replace_currencies(CURRENCIES)
    cache.apply_changes([paper(1, "1.95"), paper(2, "2.40"), paper(3, "1.80", stock=0),
                         make_offer(4, title="Olive oil bottles", unit_price="1.00")], [], "t1", synced_at=NOW)
    return cache


@pytest.fixture
def store(tmp_path):
    opened = SavedSearchStore(tmp_path / "data" / "saved_searches.sqlite3")
    yield opened
    opened.close()


def sync(cache, account, offers, deleted=(), token="t2", now=NOW):
    cache.apply_changes(offers, list(deleted), token, synced_at=now)
    return evaluate_after_sync(account, cache, {o["id"] for o in offers}, deleted, now=now)


def test_a_lot_that_starts_to_match_alerts_once_per_search_and_sync(catalog, store):
    account = store.account(SERVER, "buyer@demo.test")
    saved = account.save("A4 under 2.10", PAPER, catalog.search(PAPER, now=NOW), now=NOW)
    assert saved.new_count == 0 and account.known(saved.id) == {1}
    later = NOW + timedelta(hours=1)
    # 2: price dropped under the maximum; 3: back in stock; 5: a new lot; 1: only its stock changed
    alerts = sync(catalog, account, [paper(2, "2.05"), paper(3, "1.80", stock=40), paper(5, "1.99"),
                                     paper(1, "1.95", stock=90)], now=later)
    assert [(a.kind, a.title, a.offer_ids) for a in alerts] == [("search", "A4 under 2.10", (2, 3, 5))]
    assert account.searches()[0].new_count == 3
    # the next sync with nothing new for the search: no alert; a lot that stops matching leaves quietly
    assert sync(catalog, account, [paper(2, "2.50")], token="t3", now=later) == []
    assert account.known(saved.id) == {1, 3, 5}
    assert sync(catalog, account, [], deleted=[5], token="t4", now=later) == []
    assert account.mark_opened(saved.id, now=later + timedelta(minutes=1)) == {3}
    assert account.searches()[0].new_count == 0


def test_alerts_can_be_turned_off_and_searches_are_per_account(catalog, store):
    buyer = store.account(SERVER, "buyer@demo.test")
    other = store.account(SERVER, "Other@Demo.test ")
    saved = buyer.save("A4", PAPER, [], alerts=False, now=NOW)
    assert other.searches() == []
    later = NOW + timedelta(minutes=5)
    assert sync(catalog, buyer, [paper(6, "1.50")], now=later) == []  # alerts off: counted, not notified
    assert buyer.searches()[0].new_count == 1 and other.searches() == []
    buyer.set_alerts(saved.id, True)
    assert [a.offer_ids for a in sync(catalog, buyer, [paper(7, "1.50")], token="t3", now=later)] == [(7,)]


def test_saved_searches_survive_a_killed_process(tmp_path):
    path = tmp_path / "saved.sqlite3"
    code = (
        "import os, signal\n"
        "from desktop.models.catalog_cache import OfferQuery\n"
        "from desktop.models.saved_searches import SavedSearchStore\n"
        f"account = SavedSearchStore({str(path)!r}).account({SERVER!r}, 'buyer@demo.test')\n"
        "account.save('Pallets from Spain', OfferQuery(text='pallet', country='ES'), [1, 2])\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    repo = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True)
    assert result.returncode == -9, result.stderr
    account = SavedSearchStore(path).account(SERVER, "buyer@demo.test")
    [saved] = account.searches()
    assert saved.name == "Pallets from Spain" and saved.query == OfferQuery(text="pallet", country="ES")
    assert account.known(saved.id) == {1, 2}


def test_a_search_keeps_every_filter_and_needs_a_name(store):
    account = store.account(SERVER, None)
    query = OfferQuery(text="paper", category_id=3, collection="surplus", country="PT", seller_id=9,
                       min_price=Decimal("0.50"), max_price=Decimal("2.10"), in_stock=True, sort="price")
    account.save("  Paper   Iberia ", query, [])
    assert [(s.name, s.query) for s in account.searches()] == [("Paper Iberia", query)]
    with pytest.raises(ValueError, match="name"):
        account.save("   ", query, [])
    account.save("Other", OfferQuery(), [])
    with pytest.raises(ValueError, match="already"):
        account.rename(account.searches()[0].id, "paper iberia".title())


def test_a_promotion_search_forgets_lots_whose_promotion_ended_without_a_change(catalog, store):
    running = {"discount_percent": 20, "ends_at": (NOW + timedelta(hours=2)).isoformat()}
    catalog.apply_changes([paper(8, "3.00", collections=["promotion"], promotion=running)], [], "t2", synced_at=NOW)
    account = store.account(SERVER, "buyer@demo.test")
    query = OfferQuery(collection="promotion")
    saved = account.save("Promotions", query, catalog.search(query, now=NOW), now=NOW)
    assert account.known(saved.id) == {8}
    evaluate_after_sync(account, catalog, set(), now=NOW + timedelta(hours=3))  # it ended meanwhile
    assert account.known(saved.id) == set()
    again = {"discount_percent": 30, "ends_at": (NOW + timedelta(days=2)).isoformat()}
    alerts = sync(catalog, account, [paper(8, "3.00", collections=["promotion"], promotion=again, version=2)],
                  token="t3", now=NOW + timedelta(hours=4))
    assert [a.offer_ids for a in alerts] == [(8,)]  # a promotion that started again is news


def test_watches_fire_when_the_offer_crosses_over_once(catalog, store):
    account = store.account(SERVER, "buyer@demo.test")
    account.watch(3, "back_in_stock", stock=0, price_eur=Decimal("1.80"))
    account.watch(2, "price_below", stock=100, price_eur=Decimal("2.40"), threshold=Decimal("8.80"), currency="PLN")
    alerts = sync(catalog, account, [paper(3, "1.80", stock=12), paper(2, "2.15")])
    assert [(a.kind, a.offer_ids) for a in alerts] == [("back_in_stock", (3,)), ("price_below", (2,))]
    assert sync(catalog, account, [paper(3, "1.80", stock=10), paper(2, "2.10")], token="t3") == []
    assert sync(catalog, account, [paper(2, "2.30")], token="t4") == []  # above again: re-armed
    assert [a.kind for a in sync(catalog, account, [paper(2, "2.00")], token="t5")] == ["price_below"]
    account.unwatch(2)
    assert [w.offer_id for w in account.watches()] == [3]
    with pytest.raises(ValueError, match="price"):
        account.watch(4, "price_below", stock=1, price_eur=Decimal("1"), threshold=None)
