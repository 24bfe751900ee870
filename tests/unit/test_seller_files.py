"""Whose seller files: keyed by the marketplace's identity (its home key), not by the URL's spelling —
a new address of the same marketplace carries the changes over, another marketplace at a known address
keeps its own, offline the remembered identity stands (desktop/models/seller/identity.py)."""

from __future__ import annotations

from types import SimpleNamespace

from desktop.api_client import NotFoundError, OfflineError
from desktop.models.seller import MarketplaceIdentity, SellerFiles, Status

ACCOUNT = "seller@demo.test"
NORTH = SimpleNamespace(id="north-id", name="North depot")
SOUTH = SimpleNamespace(id="south-id", name="South depot")


def _answers(who):
    return lambda: who


def _offline():
    raise OfflineError("no route")


def _queue(files: SellerFiles, n: int = 1) -> None:
    outbox = files.outbox(ACCOUNT)
    try:
        for i in range(n):
            outbox.enqueue("offer_edit", str(40 + i), {"fields": {}, "stock_delta": 5})
    finally:
        outbox.close()


def _open(files: SellerFiles) -> list:
    outbox = files.outbox(ACCOUNT)
    try:
        return outbox.entries((Status.WAITING, Status.SENDING))
    finally:
        outbox.close()


def _identify(files: SellerFiles, ask):
    result = files.identify(ACCOUNT, ask)
    return result, files.use(result)


def test_a_new_address_of_the_same_marketplace_finds_and_carries_over_the_changes(tmp_path):
    first = SellerFiles(tmp_path, "http://127.0.0.1:5001")
    result, changed = _identify(first, _answers(NORTH))
    assert not changed and result.key == "http://127.0.0.1:5001"  # the files an account had there stay
    _queue(first)
    # the demo on a new port, spelled with a trailing slash: nothing known there yet (offline: the URL key)
    second = SellerFiles(tmp_path, "http://localhost:5002/")
    assert _open(second) == []
    result, changed = _identify(second, _offline)
    assert result.offline and not changed and result.marketplace is None
    _queue(second)  # an edit made offline at the new address
    result, changed = _identify(second, _answers(NORTH))
    assert changed and result.marketplace == MarketplaceIdentity("north-id", "North depot")
    assert result.adopted == 1 and not result.moved and result.elsewhere == ()
    entries = _open(second)  # both: the one queued at the old port, then the one queued offline
    assert [e.target for e in entries] == ["40", "40"] and len({e.idempotency_key for e in entries}) == 2
    # the next start at that address: the remembered identity, even offline
    third = SellerFiles(tmp_path, "http://localhost:5002")
    assert third.key == "http://127.0.0.1:5001" and len(_open(third)) == 2
    result, changed = _identify(third, _offline)
    assert result.offline and not changed and result.marketplace.id == "north-id"


def test_another_marketplace_at_a_known_address_keeps_the_first_ones_changes_and_says_so(tmp_path):
    url = "http://127.0.0.1:5001"
    files = SellerFiles(tmp_path, url)
    _identify(files, _answers(NORTH))
    _queue(files, 3)
    again = SellerFiles(tmp_path, url)
    assert len(_open(again)) == 3  # the remembered identity's files, before the marketplace answers
    result, changed = _identify(again, _answers(SOUTH))
    assert changed and result.moved and result.previous.name == "North depot" and result.adopted == 0
    assert _open(again) == []  # South's own outbox: North's changes are never sent to South
    assert [(k.marketplace.name, k.count) for k in result.elsewhere] == [("North depot", 3)]
    # North back, at another address: its three changes are there to be sent
    north = SellerFiles(tmp_path, "https://north.example")
    result, changed = _identify(north, _answers(NORTH))
    assert changed and len(_open(north)) == 3 and result.elsewhere == ()
    # South's seller gives up North's changes instead
    assert again.discard_elsewhere(ACCOUNT, MarketplaceIdentity("north-id", "North depot")) == 3
    assert _open(north) == []


def test_an_older_server_without_an_identity_keeps_the_url_key(tmp_path):
    files = SellerFiles(tmp_path, "http://127.0.0.1:5001")
    _queue(files)

    def old_server():
        raise NotFoundError("no such route", status=404)

    result, changed = _identify(files, old_server)
    assert not changed and not result.offline and result.marketplace is None and len(_open(files)) == 1


def test_an_unreadable_book_is_an_empty_one(tmp_path):
    (tmp_path / "seller").mkdir()
    (tmp_path / "seller" / "marketplaces.json").write_text("{not json")
    files = SellerFiles(tmp_path, "http://127.0.0.1:5001")
    assert files.marketplace is None and files.key == "http://127.0.0.1:5001"
    result, _ = _identify(files, _answers(NORTH))
    assert result.marketplace.id == "north-id" and SellerFiles(tmp_path, "http://127.0.0.1:5001").marketplace
