"""A marketplace that accepts connections and never answers (issue 29 bug 7): the seller's edit is
"waiting" within a write's timeout, the app says offline at once, and the edit goes once it answers."""

from __future__ import annotations

import time

from desktop.views.seller.listings_model import COLUMNS
from desktop.views.seller.listings_page import ListingsPage
from desktop.views.seller.outbox_runner import OutboxRunner
from desktop.views.shell.connectivity import Connectivity
from desktop.views.window.banner import OfflineBanner
from desktop.views.window.status import StatusBar
from tests.api_client.live import SELLER, signed_in
from tests.gui.seller_support import settled, show_only
from tests.seller.support import fresh_offer, on_server, open_desk
from tests.support.hung_server import HangingRelay

#: the longest a write may wait for an answer before its entry is "waiting" again (issue 29: "a few seconds")
WRITE_WAIT_S = 8


def test_a_hung_server_leaves_the_edit_waiting_says_offline_at_once_then_sends_it_once(
        qtbot, live_server, tmp_path):
    with HangingRelay(live_server.url) as relay:
        client = signed_in(relay.url, SELLER)
        desk = open_desk(relay.url, tmp_path, client)
        status, banner = StatusBar(), OfflineBanner()
        for widget in (status, banner):
            qtbot.addWidget(widget)
        connectivity = Connectivity(client.catalog.health, status=status, banner=banner, probe_interval_ms=500)
        try:
            page = ListingsPage(client, desk.listings, OutboxRunner(desk.outbox, desk.sender, connectivity))
            qtbot.addWidget(page)
            page.show()
            offer = fresh_offer(desk, stock=30)
            show_only(page, offer.sku)
            connectivity.reached()
            assert status.online_label.text() == "Online"

            relay.hang()
            started = time.monotonic()
            timeout_ms = (WRITE_WAIT_S + 2) * 1000
            with qtbot.waitSignal(page.runner.drained, timeout=timeout_ms) as drained:
                assert page.model.setData(page.model.index(0, COLUMNS.index("stock_units")), "+10 received")
            assert time.monotonic() - started < WRITE_WAIT_S + 2  # not ~95 s
            assert drained.args[0].stopped_by is not None and drained.args[0].sent == []
            pending = page.model.index(0, COLUMNS.index("pending"))
            assert page.model.data(pending) == "●"  # waiting, not "↻" sending
            assert relay.silent_connections >= 1  # the write reached a server that never answered
            assert [e.status for e in desk.outbox.entries()] == ["waiting"]  # not "sending" any more
            assert not banner.isHidden() and status.online_label.text() == "Offline"  # at once

            relay.answer()  # the marketplace answers again: the same entry goes, once
            qtbot.waitUntil(lambda: settled(page) and connectivity.online, timeout=20_000)
            now = on_server(desk, offer.id)
            assert now.stock_units == 40 and now.version == offer.version + 1  # one write on the server
            assert banner.isHidden() and status.online_label.text() == "Online"
            assert page.model.data(pending) == ""
        finally:
            connectivity.stop()
            desk.close()
            client.close()
