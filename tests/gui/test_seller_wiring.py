"""The Seller page as the shell wires it for a signed-in seller: the per-account tabs over the root's
stores, listings refreshed at sign-in and after an import, the low-stock default and the watched folder
following the settings, everything closed at sign-out."""

from __future__ import annotations

from desktop.api_client.types import OfferPatch
from desktop.views.background import tasks
from desktop.views.seller.listings_page import ListingsPage
from desktop.views.shell.shell import Shell
from tests.api_client.live import SELLER


def test_a_sellers_tabs_follow_the_account_and_the_settings(qtbot, live_server, app_folders, token_store,
                                                            error_channel, tmp_path):
    shell = Shell(live_server.url, paths=app_folders, token_store=token_store, channel=error_channel)
    qtbot.addWidget(shell.window)
    try:
        page = shell.window.page("seller")
        shell.settings.update({"low_stock_units": 25})
        shell.session.signed_in_with(shell.client.auth.login(SELLER, "demo-password"))
        assert page.keys() == ["listings", "orders", "questions", "pending", "import"]
        desk = page.workspace.desk
        listings = page.widget("listings")
        assert isinstance(listings, ListingsPage) and listings.listings is desk.listings
        assert page.fulfilment.runner is desk.runner and page.questions.runner is desk.runner
        qtbot.waitUntil(lambda: listings.model.rowCount() > 0, timeout=30_000)  # refreshed at sign-in
        assert listings.default_threshold.value() == 25 and desk.listings.default_threshold() == 25
        shell.settings.update({"low_stock_units": 3})  # the settings dialog's save: followed at once
        assert listings.default_threshold.value() == 3
        listings.default_threshold.setValue(7)  # and the box saves the setting
        assert shell.settings.get("low_stock_units") == 7
        assert desk.listings.count_low_stock() > 0
        shell.settings.update({"low_stock_units": 0})  # "Never": out-of-stock offers are not "low" either
        assert desk.listings.count_low_stock() == 0
        qtbot.waitUntil(lambda: listings.low_count.text() == "0 low on stock", timeout=5_000)
        assert listings.default_threshold.text() == "Low stock: never"
        # an import done elsewhere (the Import tab, the watched folder) refreshes the local copy
        offer = next(iter(shell.client.seller.offers(limit=1)))
        shell.client.seller.update_offer(offer.id, OfferPatch(moq_units=offer.moq_units + 1), version=offer.version)
        qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
        tasks.mutations.changed.emit("seller-import")
        qtbot.waitUntil(lambda: desk.listings.row(offer.id).version > offer.version, timeout=30_000)
        # the watched folder starts when the setting is set, restarts on a change
        folder = tmp_path / "drop"
        folder.mkdir()
        shell.settings.update({"seller_watch_folder": str(folder)})
        watcher = page.workspace.watcher
        assert watcher is not None and watcher.fs.directories() == [str(folder)]
        shell.settings.update({"seller_watch_folder": None})
        assert page.workspace.watcher is None and watcher.fs.directories() == []
        shell.settings.update({"seller_watch_folder": str(folder)})
        with qtbot.waitSignal(page.workspace.notices.shown, timeout=30_000) as notice:  # to the status bar
            (folder / "sheet.csv").write_bytes(b"PK\x03\x04\x00\x00binary workbook")
        assert notice.args[0] == "Import folder" and "sheet.csv cannot be read" in notice.args[1]
        assert "sheet.csv cannot be read" in shell.window.status.currentMessage()
        qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
        shell.session.sign_out()
        assert page.keys() == ["orders", "questions"] and page.workspace.desk is None
        assert page.workspace.watcher is None and desk.closed
        qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
        assert error_channel.current_dialog() is None, error_channel.current_dialog().details_text()
    finally:
        shell.shutdown()
