"""Fixtures of the catalog GUI tests: a synced cache, the catalog page inside the real main window
(for its status bar and offline banner), and the sync controller. Import the fixtures by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.api_client import MarketplaceClient, MemoryTokenStore
from desktop.models.cart import CartStore
from desktop.models.catalog_cache import CatalogCache
from desktop.models.catalog_cache.sync import SyncEngine
from desktop.models.saved_searches import SavedSearchStore
from desktop.views.areas.catalog import wire_saved_search_alerts
from desktop.views.catalog import CatalogPage, SyncController
from desktop.views.catalog.saved_search_alerts import SavedSearchAlerts
from desktop.views.window.main_window import EmptyState, MainWindow, Page


class CatalogUi:
    def __init__(self, qtbot, server_url: str, folder: Path, *, probe_ms: int = 300,
                 saved_searches: SavedSearchStore | None = None) -> None:
        self.client = MarketplaceClient(server_url, token_store=MemoryTokenStore())
        self.cache = CatalogCache(folder / "catalog.sqlite3")
        self.carts = CartStore(folder / "cart.sqlite3")
        self.server_url = server_url
        self.page = CatalogPage(self.cache, self.client, cart=self.cart, currency="EUR",
                                signed_in=lambda: self.client.is_authenticated,
                                saved_searches=saved_searches, server_url=server_url)
        self.window = MainWindow([Page("catalog", "Catalog", self.page, icon="catalog"),
                                  Page("cart", "Cart", EmptyState("cart", "", ""), icon="cart")])
        qtbot.addWidget(self.window)
        self.engine = SyncEngine(self.client, self.cache, page_size=100)
        self.controller = SyncController(
            self.engine, self.client, self.cache, status=self.window.status, banner=self.window.banner,
            shortcut_parent=self.window, interval_minutes=15, probe_interval_ms=probe_ms, parent=self.window,
        )
        self.controller.synced.connect(self.page.catalog_synced)
        self.controller.started.connect(lambda _full: self.page.set_syncing(True))
        self.controller.synced.connect(lambda _r: self.page.set_syncing(False))
        self.controller.online_changed.connect(lambda online: online and self.page.back_online())
        self.page.status_message.connect(lambda text: self.window.status.showMessage(text, 5000))
        # saved searches' alerts after each sync, wired as the shell does
        self.alerts = SavedSearchAlerts(self.cache, lambda: self.page.saved.account, status_bar=self.window.status,
                                        parent=self.window)
        wire_saved_search_alerts(self.page, self.controller, self.alerts, lambda: self.window.show_page("catalog"))
        self.window.resize(1300, 800)
        self.window.show()
        qtbot.waitExposed(self.window)

    def cart(self):
        return self.carts.cart(self.server_url, self.client.account)

    def sync(self, qtbot, timeout: int = 30_000):
        with qtbot.waitSignal(self.controller.synced, timeout=timeout) as blocker:
            assert self.controller.sync_now() is not None
        return blocker.args[0]

    def close(self) -> None:
        self.controller.stop()
        self.page.thumbnails.close()
        self.client.close()


def server_ids(client: MarketplaceClient, **filters) -> set[int]:
    return {offer.id for offer in client.catalog.offers(limit=500, **filters)}


@pytest.fixture(name="ui")
def ui_fixture(qtbot, catalog_server, tmp_path):
    catalog = CatalogUi(qtbot, catalog_server.url, tmp_path / "ui")
    yield catalog
    catalog.close()
    qtbot.waitUntil(lambda: not catalog.controller.running, timeout=30_000)


@pytest.fixture(name="synced_ui")
def synced_ui_fixture(qtbot, ui):
    ui.sync(qtbot)
    return ui
