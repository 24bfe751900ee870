"""The shell's areas are parts it builds and owns (desktop/views/areas/), and "Last sync" has one owner."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.api_client import OfflineError
from desktop.models.catalog_cache import CatalogCache
from desktop.models.infrastructure.demo_server import free_port
from desktop.views.areas import Area, CartArea, CatalogArea, OrdersArea, SellerArea
from desktop.views.shell.shell import Shell

SYNCED_AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def test_the_shell_builds_its_areas_and_closes_each_once(qtbot, app_folders, token_store, error_channel,
                                                          monkeypatch):
    closed: list[str] = []
    for cls in (CatalogArea, CartArea, OrdersArea, SellerArea):
        def close(self: Area, _real=cls.close) -> None:
            closed.append(self.key)
            _real(self)

        monkeypatch.setattr(cls, "close", close)
    shell = Shell(f"http://127.0.0.1:{free_port()}", paths=app_folders, token_store=token_store,
                  channel=error_channel)
    qtbot.addWidget(shell.window)
    areas = shell.areas
    assert [area.key for area in areas] == ["catalog", "cart", "orders", "seller"]
    for area in areas:  # each area's page is the window's page of its key, and the shell's read of it
        assert area.page is shell.window.page(area.key)
    assert (shell.catalog_page, shell.cart_page, shell.orders_page, shell.seller_page) == (
        areas.catalog.page, areas.cart.page, areas.orders.page, areas.seller.page)
    assert shell.sync_controller is areas.catalog.sync_controller is not None
    catalog = areas.catalog
    shell.shutdown()
    assert closed == ["catalog", "cart", "orders", "seller"]
    assert not catalog.sync_controller.timer.isActive()


def test_the_offline_banner_dates_the_cached_catalog_before_any_sync_of_this_run(qtbot, app_folders, token_store,
                                                                                  error_channel):
    """The banner read the shell's own copy of the time, set only by a sync of this run: offline at start
    over a cached catalog, it said "no catalog downloaded yet". Now the one owner (LastSync) has the cache's."""
    cache = CatalogCache(app_folders.cache / "catalog.sqlite3")
    cache.apply_changes([], [], "token-1", synced_at=SYNCED_AT)
    cache.close()
    shell = Shell(f"http://127.0.0.1:{free_port()}", paths=app_folders, token_store=token_store,
                  channel=error_channel, staged=True)
    qtbot.addWidget(shell.window)
    try:
        assert shell.last_sync == SYNCED_AT  # stage 1, from the cache
        assert shell.window.status.sync_label.text().startswith("Last sync: ")
        error_channel.report(OfflineError("GET /offers: connection refused"))
        banner = shell.window.banner
        assert banner.label.text().startswith("Offline — catalog as of ")
        assert "no catalog downloaded yet" not in banner.label.text()
    finally:
        shell.shutdown()
