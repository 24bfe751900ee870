"""The catalog area: the Catalog page (stage 1, painted with the window, over the offline cache), its
saved searches and watches, then (stage 2) the API client, the sync controller and the alerts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from .base import Area

if TYPE_CHECKING:
    from desktop.models.saved_searches import SavedSearchStore
    from desktop.views.catalog.catalog_page import CatalogPage
    from desktop.views.catalog.saved_search_alerts import SavedSearchAlerts
    from desktop.views.catalog.sync_controller import SyncController
    from desktop.views.window.main_window import MainWindow

    from .base import Connected, Services

__all__ = ["CatalogArea", "wire_saved_search_alerts"]


class CatalogArea(Area):
    key = "catalog"

    def __init__(self) -> None:
        self.page: CatalogPage | None = None
        #: saved searches and offer watches, per account, on this computer
        self.saved_searches: SavedSearchStore | None = None
        self.sync_controller: SyncController | None = None  # stage 2
        self.alerts: SavedSearchAlerts | None = None  # stage 2

    def build(self, services: Services) -> CatalogPage:
        from desktop.models.saved_searches import SavedSearchStore
        from desktop.views.catalog.catalog_page import CatalogPage
        from desktop.views.catalog.thumbnails import ThumbnailLoader

        # no worker, no download before the first paint (see Shell._after_first_paint)
        thumbnails = ThumbnailLoader(services.catalog_cache, fetch=services.downloader.fetch, held=services.held)
        thumbnails.loaded.connect(services.settings_effects.downloaded)  # the cache limit, after downloads
        self.saved_searches = SavedSearchStore(services.paths.data / "saved_searches.sqlite3")
        connectivity = services.connectivity
        page = self.page = CatalogPage(
            services.catalog_cache, None, cart=services.cart, currency=str(services.settings.get("currency")),
            signed_in=services.signed_in, online=lambda: connectivity.online, thumbnails=thumbnails,
            held=services.held, saved_searches=self.saved_searches, server_url=services.server_url,
        )
        thumbnails.setParent(page)
        return page

    def wire(self, window: MainWindow, services: Services) -> None:
        page = self._page()
        page.status_message.connect(lambda text: window.status.showMessage(text, 5000))
        page.sign_in_requested.connect(
            lambda: services.sign_in(QCoreApplication.translate("app", "Sign in to contact the seller."))
        )
        window.remember_splitter(page.splitter, "catalog")
        window.remember_splitter(page.side, "catalog-side")  # the category tree above the saved searches
        page.set_account(services.account_hint)  # as the session restore shows it, until the session says
        services.last_sync.refresh()  # the cache's; the sync controller refreshes it when it starts

    def connect(self, window: MainWindow, services: Connected) -> None:
        """The client and the sync controller; the account's saved searches follow the session."""
        from desktop.models.catalog_cache.sync import SyncEngine
        from desktop.views.catalog.saved_search_alerts import SavedSearchAlerts
        from desktop.views.catalog.sync_controller import SyncController

        page, client, cache = self._page(), services.client, services.catalog_cache
        page.set_client(client)
        sc = self.sync_controller = SyncController(
            SyncEngine(client, cache), client, cache, status=window.status, banner=window.banner,
            shortcut_parent=window, interval_minutes=int(services.settings.get("sync_interval_minutes")),
            connectivity=services.connectivity, last_sync=services.last_sync, parent=page,
        )
        sc.synced.connect(page.catalog_synced)
        sc.started.connect(lambda _full: page.set_syncing(True))
        sc.synced.connect(lambda _r: page.set_syncing(False))
        sc.failed.connect(lambda _e: page.set_syncing(False))
        services.connectivity.changed.connect(lambda online: online and page.back_online())
        sc.synced.connect(services.settings_effects.trim_cache)  # a sync brings pictures' URLs, the limit stays
        # saved searches: evaluated after each sync in a worker, one notification per search or watch
        alerts = self.alerts = SavedSearchAlerts(cache, lambda: page.saved.account, status_bar=window.status,
                                                 parent=page)
        wire_saved_search_alerts(page, sc, alerts, lambda: window.show_page("catalog"))
        session = services.session  # the account's saved searches and watches follow sign-in changes
        session.changed.connect(lambda: page.set_account(session.email))
        page.set_account(session.email)

    def release(self) -> None:
        """A staged start, once the window is painted: the page's background work may begin."""
        if self.page is not None:
            self.page.release()

    def start(self) -> None:
        if self.sync_controller is not None:
            self.sync_controller.start()

    def sync_now(self) -> None:
        if self.sync_controller is not None:
            self.sync_controller.sync_now()

    def show_offer(self, offer_id: int) -> None:
        """The offer on the catalog page (the seller area opens its questions' offers here)."""
        if self.page is not None:
            self.page.show_offer(offer_id)

    def close(self) -> None:
        if self.sync_controller is not None:
            self.sync_controller.stop()
        if self.page is not None:
            self.page.thumbnails.close()
        if self.saved_searches is not None:
            self.saved_searches.close()

    def _page(self) -> CatalogPage:
        assert self.page is not None, "the catalog area is built in stage 1"
        return self.page


def wire_saved_search_alerts(page: CatalogPage, controller: SyncController, alerts: SavedSearchAlerts,
                             show_catalog: Callable[[], object]) -> None:
    """After each sync the alerts' evaluation; a notification clicked opens its search (new matches
    marked) or its offer on the catalog page; the list's counts follow each evaluation."""
    controller.synced.connect(alerts.evaluate)
    alerts.evaluated.connect(lambda _alerts: page.saved.refresh())
    alerts.search_clicked.connect(lambda search_id: (show_catalog(), page.saved.open_search(search_id)))
    alerts.offer_clicked.connect(lambda offer_id: (show_catalog(), page.show_offer(offer_id)))
