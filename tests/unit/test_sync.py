"""The sync engine against the real reference server: full sync, cancel and resume, deltas."""

from __future__ import annotations

import uuid

import pytest

from desktop.api_client import MarketplaceClient, MemoryTokenStore, OfflineError
from desktop.api_client.types.seller import OfferPatch
from desktop.models.catalog_cache import CatalogCache, OfferQuery
from desktop.models.catalog_cache.sync import SyncEngine


def server_ids(client: MarketplaceClient) -> set[int]:
    return {offer.id for offer in client.catalog.offers(limit=500)}


@pytest.fixture
def client(live_server):
    with MarketplaceClient(live_server.url, token_store=MemoryTokenStore()) as c:
        yield c


@pytest.fixture
def store(tmp_path):
    cache = CatalogCache(tmp_path / "catalog.sqlite3")
    yield cache
    cache.close()


def test_first_sync_downloads_the_whole_catalog(client, store):
    engine = SyncEngine(client, store, page_size=100)
    assert engine.needs_full_sync
    seen: list[tuple[int, int]] = []
    result = engine.sync(progress=lambda done, total: seen.append((done, total)))
    ids = server_ids(client)
    assert result.full and not result.cancelled
    assert result.upserted == len(ids) == result.offer_count == store.offer_count()
    assert set(store.search(OfferQuery())) == ids
    assert result.pages == -(-len(ids) // 100)
    assert seen[0] == (0, len(ids))  # the estimate comes from the categories' counts
    assert seen[-1] == (len(ids), len(ids))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert {c.code for c in store.currencies()} >= {"EUR", "USD", "GBP"}
    assert store.categories() and all(s.review_count is not None for s in store.sellers())
    assert store.sync_token() is not None and not engine.needs_full_sync

    again = engine.sync()
    assert not again.full and again.changes == 0 and again.offer_count == len(ids)


def test_cancel_mid_way_keeps_a_consistent_cache_and_resumes(client, store):
    engine = SyncEngine(client, store, page_size=50)
    stop = {"after": 2, "pages": 0}

    def progress(done: int, _total: int) -> None:
        if done:
            stop["pages"] += 1

    result = engine.sync(progress=progress, cancelled=lambda: stop["pages"] >= stop["after"])
    assert result.cancelled and result.pages == 2
    assert store.offer_count() == 100 == result.offer_count
    token = store.sync_token()
    assert token is not None  # the last committed page

    # a new engine (the app restarted): resumes from the token, not from the start
    resumed = SyncEngine(client, store, page_size=50).sync()
    ids = server_ids(client)
    assert not resumed.full and not resumed.cancelled
    assert resumed.upserted == len(ids) - 100
    assert set(store.search(OfferQuery())) == ids


def test_delta_sync_applies_edits_and_deletions(private_server, tmp_path):
    store = CatalogCache(tmp_path / "catalog.sqlite3")
    buyer = MarketplaceClient(private_server.url, token_store=MemoryTokenStore())
    seller = MarketplaceClient(private_server.url, token_store=MemoryTokenStore())
    try:
        engine = SyncEngine(buyer, store)
        engine.sync()
        before = store.offer_count()
        seller.auth.login("seller@demo.test", "demo-password")
        own = seller.seller.offers().take(2)
        edited, removed = own[0], own[1]
        title = f"Edited lot {uuid.uuid4().hex[:8]}"
        seller.seller.update_offer(edited.id, OfferPatch(title=title, stock_units=77), version=edited.version)
        seller.seller.delete_offer(removed.id, version=removed.version)

        result = engine.sync()
        assert not result.full
        assert edited.id in result.changed_ids and removed.id in result.deleted_ids
        assert store.offer_count() == before - 1
        assert store.offer(removed.id) is None
        row = store.rows([edited.id])[edited.id]
        assert row.title == title and row.stock_units == 77
        assert store.search(OfferQuery(text=title.split()[-1])) == [edited.id]

        private_server.stop()
        with pytest.raises(OfflineError):  # untouched, for the app to switch to offline
            engine.sync()
        assert store.offer_count() == before - 1
    finally:
        buyer.close()
        seller.close()
        store.close()
