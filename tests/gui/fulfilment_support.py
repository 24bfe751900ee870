"""Helpers of the seller GUI tests that write through the outbox (test_seller_outbox_writes.py,
test_seller_fulfilment_rules.py, test_seller_tracking_calc.py): the Seller page signed in as the demo
seller over the real server, with its outbox runner and connectivity, and waits on its syncs."""

from __future__ import annotations

import pytest

from desktop.models.orders_cache import OrdersCache
from desktop.models.seller import ListingsStore, Outbox
from desktop.views.background import tasks
from desktop.views.seller.build import seller_page
from desktop.views.seller.workspace import SellerWorkspace
from desktop.views.shell.connectivity import Connectivity
from tests.api_client.live import SELLER, signed_in


@pytest.fixture
def seller(live_server):
    client = signed_in(live_server.url, SELLER)
    yield client
    client.close()


@pytest.fixture
def desk(qtbot, seller, app_folders):
    """The Seller page at 1280×760 with the demo seller's workspace (outbox, runner, connectivity)."""
    data, url = app_folders.data, seller.server_url
    page = seller_page(seller, caches=lambda a: OrdersCache.for_account(data, url, f"{a}#seller-orders"),
                       listings=lambda a: ListingsStore.for_account(data, url, a),
                       outboxes=lambda a: Outbox.for_account(data, url, a), auto_sync=False)
    connectivity = Connectivity(probe=seller.catalog.health, probe_interval_ms=60_000)
    qtbot.addWidget(page, before_close_func=lambda w: (
        connectivity.stop(), qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000), w.shutdown()))
    page.resize(1280, 760)
    page.workspace = SellerWorkspace(page, seller, listings=page.openers[0], outboxes=page.openers[1],
                                     connectivity=connectivity)
    page.workspace.set_account(SELLER)
    page.connectivity = connectivity
    return page


def synced(qtbot, page) -> None:
    """The fulfilment table synced from the server (the orders made since are in it)."""
    with qtbot.waitSignal(page.fulfilment.synced, timeout=30_000) as blocker:
        page.fulfilment.set_account(SELLER)
    assert blocker.args[0] is not None


def on_server(seller, ref: str):
    return next(o for o in seller.seller.orders(q=ref) if o.ref == ref)
