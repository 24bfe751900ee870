"""The seller's outbox against the real reference server: every edit reaches it exactly once, in order,
through crashes, lost answers, other clients' edits and buyers' purchases."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import httpx

from desktop.api_client import ClientConfig, MarketplaceClient
from desktop.api_client.types import OfferPatch
from desktop.models.seller import Edit, Outbox, Status, queue_edits
from desktop.models.seller.conflicts import MINE, THEIRS, conflict_fields, resolve
from tests.api_client.live import SELLER, place_order, register_buyer, signed_in

from .support import fresh_offer, open_desk
from .support import on_server as server_offer

ROOT = Path(__file__).resolve().parents[2]
PRICE_60 = OfferPatch.model_validate({"unit_price": {"amount": "60.00", "currency": "EUR"}})


def test_killed_before_sending_every_edit_is_sent_once_after_restart(live_server, tmp_path):
    client = signed_in(live_server.url, SELLER)
    first = open_desk(live_server.url, tmp_path, client)
    offers = [fresh_offer(first, stock=500) for _ in range(3)]
    first.close()
    child = subprocess.run(
        [sys.executable, "-m", "tests.seller.outbox_child", "queue", str(tmp_path), live_server.url,
         *[str(o.id) for o in offers]],
        cwd=ROOT, env={**os.environ, "BULKDESK_TEST_TOKEN": client._token.get_secret_value()},
        capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert child.stdout.strip() == "queued"
    # nothing reached the server
    for offer in offers:
        assert server_offer(first, offer.id).version == offer.version

    restarted = open_desk(live_server.url, tmp_path, client)
    try:
        assert [e.status for e in restarted.outbox.entries()] == [Status.WAITING] * 6
        report = restarted.sender.drain()
        assert len(report.sent) == 6 and not report.conflicts and not report.refused
        for i, offer in enumerate(offers):
            now = server_offer(restarted, offer.id)
            assert now.list_price.amount == Decimal(f"{100 + i}.25")
            assert now.stock_units == 507  # the +7 once, not twice
            assert now.version == offer.version + 2  # two writes, each once
        assert restarted.sender.drain().sent == []  # nothing left, nothing sent again
    finally:
        restarted.close()


def test_a_write_whose_answer_was_lost_is_replayed_not_a_conflict(live_server, tmp_path):
    client = signed_in(live_server.url, SELLER)
    first = open_desk(live_server.url, tmp_path, client)
    offer = fresh_offer(first, stock=300)
    first.close()
    child = subprocess.run(
        [sys.executable, "-m", "tests.seller.outbox_child", "commit", str(tmp_path), live_server.url, str(offer.id)],
        cwd=ROOT, env={**os.environ, "BULKDESK_TEST_TOKEN": client._token.get_secret_value()},
        capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert server_offer(first, offer.id).version == offer.version + 1  # the server committed the first

    restarted = open_desk(live_server.url, tmp_path, client)
    try:
        entries = restarted.outbox.entries()
        assert [e.status for e in entries] == [Status.SENDING, Status.WAITING]  # its answer never recorded
        report = restarted.sender.drain()
        assert report.conflicts == [] and report.refused == [] and len(report.sent) == 2
        now = server_offer(restarted, offer.id)
        assert now.list_price.amount == Decimal("100.25")
        assert now.stock_units == 307
        assert now.version == offer.version + 2  # the replay wrote nothing
    finally:
        restarted.close()


def test_a_lost_answer_on_the_wire_is_replayed(live_server, tmp_path):
    """The one fault a real part cannot make on demand: the answer lost after the server committed."""
    seller = signed_in(live_server.url, SELLER)
    client = _losing_client(live_server.url, seller._token)
    desk = open_desk(live_server.url, tmp_path, client)
    try:
        offer = fresh_offer(desk)
        queue_edits(desk.outbox, desk.listings, [Edit(offer.id, {"moq_units": 3})])
        report = desk.sender.drain()
        assert report.stopped_by is not None and report.sent == []  # offline as far as we know
        assert server_offer(desk, offer.id).version == offer.version + 1  # yet the server has it
        report = desk.sender.drain()
        assert report.conflicts == [] and len(report.sent) == 1
        assert desk.outbox.entries()[0].result["moq_units"] == 3
        assert server_offer(desk, offer.id).version == offer.version + 1
    finally:
        desk.close()


def test_a_conflict_with_another_client_keep_mine(desk, live_server):
    offer = fresh_offer(desk)
    queue_edits(desk.outbox, desk.listings, [Edit(offer.id, {"unit_price": "55.00", "moq_units": 4})])
    other = signed_in(live_server.url, SELLER)
    other.seller.update_offer(offer.id, PRICE_60, version=offer.version)
    report = desk.sender.drain()
    assert report.conflicts and not report.sent
    entry = desk.outbox.entries()[0]
    assert entry.status == Status.CONFLICT
    by_name = {f.name: f for f in conflict_fields(entry)}
    assert by_name["unit_price"].base == "1000.00" and by_name["unit_price"].mine == "55.00"
    assert by_name["unit_price"].theirs == "60.00" and by_name["unit_price"].clashes
    assert not by_name["moq_units"].clashes
    assert desk.sender.drain().sent == []  # nothing leaves without the seller's word
    assert resolve(desk.outbox, entry, {"unit_price": MINE})
    assert len(desk.sender.drain().sent) == 1
    now = server_offer(desk, offer.id)
    assert now.list_price.amount == Decimal("55.00") and now.moq_units == 4


def test_a_conflict_with_another_client_take_theirs(desk, live_server):
    offer = fresh_offer(desk)
    queue_edits(desk.outbox, desk.listings, [Edit(offer.id, {"unit_price": "55.00"})])
    other = signed_in(live_server.url, SELLER)
    theirs = other.seller.update_offer(offer.id, PRICE_60, version=offer.version)
    desk.sender.drain()
    entry = desk.outbox.entries()[0]
    assert entry.status == Status.CONFLICT
    assert not resolve(desk.outbox, entry, {"unit_price": THEIRS})
    assert desk.outbox.entries() == []  # the entry is gone
    assert desk.sender.drain().sent == []
    now = server_offer(desk, offer.id)
    assert now.version == theirs.version and now.list_price.amount == Decimal("60.00")
    assert desk.listings.row(offer.id).unit_price == Decimal("60.00")  # the local copy follows


def test_stock_deltas_under_concurrent_checkouts_end_at_the_right_stock(desk, live_server):
    offer = fresh_offer(desk, stock=1000, price="100.00")
    buyer, _ = register_buyer(live_server.url)
    queue_edits(desk.outbox, desk.listings, [Edit(offer.id, {}, stock_delta=40, label="+40 received"),
                                             Edit(offer.id, {}, stock_delta=-12, label="−12 damaged")])
    place_order(buyer, offer, quantity=20)  # before the drain: the local base is stale
    orders = threading.Thread(target=lambda: [place_order(buyer, offer, quantity=20) for _ in range(3)])
    orders.start()
    reports = [desk.sender.drain()]
    orders.join()
    reports.append(desk.sender.drain())
    assert not any(r.conflicts or r.refused for r in reports)
    assert server_offer(desk, offer.id).stock_units == 1000 - 4 * 20 + 40 - 12


def test_a_refusal_keeps_the_edit_with_the_servers_message_until_fixed(desk):
    offer = fresh_offer(desk)
    queue_edits(desk.outbox, desk.listings, [Edit(offer.id, {"title": "x" * 301})])
    report = desk.sender.drain()
    assert report.refused
    entry = desk.outbox.entries()[0]
    assert entry.status == Status.REFUSED and "300" in entry.message
    assert entry.errors[0]["field"] == "title"
    desk.outbox.revise(entry.id, {"fields": {"title": "Fixed title"}, "stock_delta": None})
    assert len(desk.sender.drain().sent) == 1
    assert server_offer(desk, offer.id).title == "Fixed title"


def test_edits_to_one_offer_wait_behind_its_refused_one(desk):
    offer = fresh_offer(desk)
    queue_edits(desk.outbox, desk.listings, [Edit(offer.id, {"title": "x" * 301})])
    queue_edits(desk.outbox, desk.listings, [Edit(offer.id, {"moq_units": 9})])
    desk.sender.drain()
    assert [e.status for e in desk.outbox.entries()] == [Status.REFUSED, Status.WAITING]
    desk.outbox.discard(desk.outbox.entries()[0].id)
    assert len(desk.sender.drain().sent) == 1
    assert server_offer(desk, offer.id).moq_units == 9


def test_progress_hears_of_each_edit_once_its_sent_mark_is_on_disk_in_order(desk, tmp_path):
    offers = [fresh_offer(desk) for _ in range(3)]
    queue_edits(desk.outbox, desk.listings, [Edit(o.id, {"moq_units": 4}) for o in offers])
    queued = [e.id for e in desk.outbox.entries()]
    heard: list[tuple[int, str, str]] = []
    reader = Outbox(desk.outbox.path)  # another connection: sees only what is committed
    try:
        def progress(entry, outcome):
            heard.append((entry.id, outcome, reader.get(entry.id).status))

        report = desk.sender.drain(progress=progress)
    finally:
        reader.close()
    assert report.sent == queued
    assert heard == [(i, "sent", Status.SENT) for i in queued]
    assert [e.status for e in desk.outbox.entries()] == [Status.SENT] * 3  # the last one too, at the end
    assert all(server_offer(desk, o.id).moq_units == 4 for o in offers)


def test_outbox_file_is_durable(tmp_path):
    outbox = Outbox(tmp_path / "o.sqlite3")
    with outbox._file.read() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    entry = outbox.enqueue("answer", "12", {"message": "Yes"})
    assert len(entry.idempotency_key) == 36
    outbox.close()
    assert Outbox(tmp_path / "o.sqlite3").get(entry.id).idempotency_key == entry.idempotency_key


def _losing_client(url: str, token):
    """A client whose first PATCH reaches the server (committed) but whose answer is lost."""
    lost = {"done": False}

    class LosingTransport(httpx.HTTPTransport):
        def handle_request(self, request):
            response = super().handle_request(request)
            if request.method == "PATCH" and not lost["done"]:
                lost["done"] = True
                response.read()
                raise httpx.ReadError("connection reset after the server answered", request=request)
            return response

    return MarketplaceClient(ClientConfig(server_url=url, max_retries=0), token=token, transport=LosingTransport())


def test_a_lost_answer_repeated_from_another_session_is_not_applied_twice(live_server, tmp_path):
    """The server keeps Idempotency-Keys per session token: signed in again, the repeat meets a 412.
    An offer already as the edit made it is taken as done; a delta that may have gone through is the
    seller's call, never added twice."""
    seller = signed_in(live_server.url, SELLER)
    desk = open_desk(live_server.url, tmp_path, _losing_client(live_server.url, seller._token))
    try:
        priced, stocked = fresh_offer(desk, stock=100), fresh_offer(desk, stock=100, price="100.00")
        queue_edits(desk.outbox, desk.listings, [Edit(priced.id, {"unit_price": "77.00"})])
        assert desk.sender.drain().stopped_by is not None  # the answer was lost; the server has it
        desk.sender.client = signed_in(live_server.url, SELLER)  # a new session: the key is not replayed
        report = desk.sender.drain()
        assert len(report.sent) == 1 and not report.conflicts
        assert server_offer(desk, priced.id).version == priced.version + 1  # not written again

        desk.sender.client = _losing_client(live_server.url, desk.sender.client._token)
        queue_edits(desk.outbox, desk.listings, [Edit(stocked.id, {}, stock_delta=40)])
        assert desk.sender.drain().stopped_by is not None
        buyer, _ = register_buyer(live_server.url)
        place_order(buyer, stocked, quantity=20)
        desk.sender.client = signed_in(live_server.url, SELLER)
        report = desk.sender.drain()
        assert report.conflicts and not report.sent  # the seller decides
        assert server_offer(desk, stocked.id).stock_units == 100 + 40 - 20  # +40 once
    finally:
        desk.close()
