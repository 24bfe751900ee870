"""The sync controller: delta sync in place, offline and back, a corrupt cache, F5 and cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.api_client import MarketplaceClient, MemoryTokenStore
from desktop.api_client.types.seller import OfferPatch
from desktop.models.catalog_cache import CatalogCache
from desktop.views.catalog.offer_table_model import Column
from tests.gui.catalog_support import CatalogUi


def seller_client(url: str) -> MarketplaceClient:
    client = MarketplaceClient(url, token_store=MemoryTokenStore())
    client.auth.login("seller@demo.test", "demo-password")
    return client


def test_delta_sync_updates_a_row_in_place_and_removes_a_deleted_one(qtbot, private_server, tmp_path):
    ui = CatalogUi(qtbot, private_server.url, tmp_path)
    seller = seller_client(private_server.url)
    try:
        first = ui.sync(qtbot)
        assert first.full and ui.page.model.rowCount() == ui.cache.offer_count() > 0
        own = seller.seller.offers().take(2)
        edited, removed = own
        row = ui.page.model.row_of(edited.id)
        ui.page.show_offer(edited.id)
        seller.seller.update_offer(edited.id, OfferPatch(title="Edited pallet of gloves", stock_units=5),
                                   version=edited.version)
        resets: list[int] = []
        changed: list[int] = []
        ui.page.model.modelReset.connect(lambda: resets.append(1))
        ui.page.model.dataChanged.connect(lambda tl, br, *_: changed.extend(range(tl.row(), br.row() + 1)))
        with qtbot.waitSignal(ui.controller.synced, timeout=30_000) as blocker:
            qtbot.keyClick(ui.window, Qt.Key.Key_F5)  # sync now
        assert not blocker.args[0].full and edited.id in blocker.args[0].changed_ids
        assert resets == [] and row in changed  # in place
        assert ui.page.model.index(row, Column.TITLE).data() == "Edited pallet of gloves"
        assert ui.page.model.index(row, Column.STOCK).data() == "5"
        assert ui.page.detail.title_label.text() == "Edited pallet of gloves"

        seller.seller.delete_offer(removed.id, version=removed.version)
        result = ui.sync(qtbot)
        assert removed.id in result.deleted_ids
        assert ui.page.model.row_of(removed.id) is None
        assert removed.id not in ui.page.model.ids
    finally:
        seller.close()
        ui.close()
        qtbot.waitUntil(lambda: not ui.controller.running, timeout=30_000)


def test_offline_banner_search_goes_on_then_back_online_by_itself(qtbot, private_server, tmp_path):
    ui = CatalogUi(qtbot, private_server.url, tmp_path, probe_ms=300)
    try:
        ui.sync(qtbot)
        banner, status = ui.window.banner, ui.window.status
        assert banner.isHidden() and status.online
        private_server.stop()
        with qtbot.waitSignal(ui.controller.online_changed, timeout=15_000) as blocker:
            ui.controller.sync_now()
        assert blocker.args == [False]
        assert banner.isVisible() and banner.label.text().startswith("Offline — catalog as of")
        assert not status.online

        # browsing and search go on over the cache
        with qtbot.waitSignal(ui.page.results_changed, timeout=3000):
            qtbot.keyClicks(ui.page.search_edit, "pallet")
        assert ui.page.model.rowCount() > 0

        private_server.start()
        with qtbot.waitSignal(ui.controller.synced, timeout=60_000):
            pass  # the probe sees /health answer, then a delta sync runs by itself
        assert ui.controller.online and status.online and banner.isHidden()
    finally:
        ui.close()
        qtbot.waitUntil(lambda: not ui.controller.running and ui.controller.probe_op is None, timeout=30_000)


def test_corrupt_cache_is_rebuilt_user_told_once_and_resynced(qtbot, catalog_server, tmp_path):
    folder = tmp_path / "ui"
    folder.mkdir()
    (folder / "catalog.sqlite3").write_bytes(b"this is not a database at all " * 500)
    ui = CatalogUi(qtbot, catalog_server.url, folder)
    try:
        assert ui.cache.was_rebuilt
        told: list[str] = []
        ui.controller.cache_rebuilt.connect(told.append)
        with qtbot.waitSignal(ui.controller.synced, timeout=30_000) as blocker:
            ui.controller.start()
        assert len(told) == 1 and "damaged" in told[0]
        notice = ui.controller.rebuilt_notice
        assert notice is not None and notice.isVisible() and not notice.isModal()
        assert blocker.args[0].full and ui.cache.offer_count() == 400
        ui.controller._tell_if_rebuilt()  # only once
        assert len(told) == 1
        notice.close()
    finally:
        ui.close()
        qtbot.waitUntil(lambda: not ui.controller.running, timeout=30_000)


def test_cancel_from_the_status_bar_keeps_the_pages_and_resumes(qtbot, catalog_server, tmp_path):
    ui = CatalogUi(qtbot, catalog_server.url, tmp_path)
    try:
        ui.engine.page_size = 50
        ui.controller.progress.connect(lambda done, _t: done >= 50 and ui.window.status.cancel_button.click())
        with qtbot.waitSignal(ui.controller.synced, timeout=30_000) as blocker:
            ui.controller.sync_now()
        result = blocker.args[0]
        assert result.cancelled and 0 < ui.cache.offer_count() < 400
        assert not ui.window.status.in_progress
        ui.controller.progress.disconnect()
        result = ui.sync(qtbot)
        assert not result.full and ui.cache.offer_count() == 400
        reopened = CatalogCache(tmp_path / "check.sqlite3")
        reopened.close()
    finally:
        ui.close()
        qtbot.waitUntil(lambda: not ui.controller.running, timeout=30_000)
