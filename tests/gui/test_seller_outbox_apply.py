"""The outbox runner's one write path, against the real server: ``apply(op)`` writes what the model
makes of the operation, tells the views, and always starts the drain (from a worker thread too); a
fulfilment write follows the outbox's rule through the page (a refused write revised in its place)."""

from __future__ import annotations

import threading

from desktop.models.seller import DiscardEntries, Edit, ListingEdits, Status
from desktop.views.background import tasks
from desktop.views.seller.outbox_runner import OutboxRunner
from tests.gui import seller_support
from tests.seller.support import fresh_offer, on_server

desk = seller_support.desk  # fixture


def test_apply_writes_tells_the_views_and_starts_the_drain(qtbot, desk):
    runner = OutboxRunner(desk.outbox, desk.sender)
    offer = fresh_offer(desk)
    with qtbot.waitSignals([runner.changed, runner.drained], timeout=10_000):
        [entry] = runner.apply(ListingEdits(desk.listings, [Edit(offer.id, {"moq_units": 7})]))
        assert desk.outbox.get(entry.id).status in (Status.WAITING, Status.SENDING)  # on disk first
        assert runner.busy  # the drain started at once (on the GUI thread)
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    assert desk.outbox.get(entry.id).status == Status.SENT and on_server(desk, offer.id).moq_units == 7
    with qtbot.waitSignal(runner.drained, timeout=10_000):  # the seller's word starts one too
        runner.apply(DiscardEntries([]))
    qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=10_000)


def test_apply_from_a_worker_thread_starts_one_drain_on_the_gui_thread(qtbot, desk):
    runner = OutboxRunner(desk.outbox, desk.sender)
    offers = [fresh_offer(desk) for _ in range(3)]
    drains = []
    runner.drained.connect(drains.append)

    def work() -> None:  # a tracking CSV's worker writes order by order
        for n, offer in enumerate(offers):
            runner.apply(ListingEdits(desk.listings, [Edit(offer.id, {"moq_units": 2 + n})]))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert runner.op is None  # nothing started off the GUI thread
    qtbot.waitUntil(lambda: desk.outbox.open_count() == 0 and not runner.busy, timeout=20_000)
    assert [on_server(desk, o.id).moq_units for o in offers] == [2, 3, 4]
    assert len(drains) == 1  # one burst, one drain
