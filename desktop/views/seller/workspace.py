"""What follows the signed-in seller across the Seller page: the per-account desk (listings copy, outbox,
runner; the Listings, Pending changes and Import tabs), the outbox given to the Orders and Questions
tabs, listings refreshes (page shown, sign-in, back online, an import done), the low-stock default from
the settings, and the watched import folder.

    ws = SellerWorkspace(page, client, listings=open_listings, outboxes=open_outbox,
                         connectivity=connectivity, settings=shell.settings, window=window)
    ws.set_account("seller@demo.test")     # None: signed out (the desk closed, the tabs gone)
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject

from desktop.views.background.tasks import mutations
from desktop.views.window.notices import Notices

from .account_desk import ListingsOpener, OutboxOpener, SellerDesk

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient
    from desktop.models.settings.store import SettingsStore
    from desktop.views.shell.connectivity import Connectivity
    from desktop.views.window.main_window import MainWindow

    from .folder_watch import FolderWatcher
    from .seller_page import SellerPage

__all__ = ["SellerWorkspace"]

#: where the desk's tabs go: Listings first, Pending changes and Import after Orders and Questions
_LISTINGS_AT = 0



class SellerWorkspace(QObject):
    def __init__(self, page: SellerPage, client: MarketplaceClient, *, listings: ListingsOpener, outboxes: OutboxOpener,
                 connectivity: Connectivity | None = None, settings: SettingsStore | None = None,
                 window: MainWindow | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or page)
        self.page, self.client = page, client
        self._listings, self._outboxes = listings, outboxes
        self.connectivity, self.settings, self.window = connectivity, settings, window
        self.desk: SellerDesk | None = None
        self.watcher: FolderWatcher | None = None
        self.notices = Notices(window.status if window is not None else None, icon_name="seller", parent=self)
        self._unsubscribe = settings.subscribe(self.settings_changed) if settings is not None else None
        mutations.changed.connect(self._mutation_done)
        if connectivity is not None:
            connectivity.changed.connect(self._online_changed)
        page.add_closer(self.shutdown)

    # -- the account ----------------------------------------------------------------------------------
    def set_account(self, account: str | None) -> SellerDesk | None:
        """A seller's desk (``account``), or none (signed out, or not a seller)."""
        if self.desk is not None and self.desk.account == account:
            return self.desk
        self._close_desk()
        if account is not None:
            desk = self.desk = SellerDesk(self.client, account, listings=self._listings, outboxes=self._outboxes,
                                          connectivity=self.connectivity, parent=self)
            self.page.add_tab("listings", desk.listings_page, QCoreApplication.translate("SellerPage", "My listings"),
                              at=_LISTINGS_AT)
            self.page.add_tab("pending", desk.pending_view, QCoreApplication.translate("SellerPage", "Pending changes"))
            self.page.add_tab("import", desk.import_page, QCoreApplication.translate("SellerPage", "Import"))
            desk.runner.changed.connect(self._update_pending_badge)
            desk.listings_page.default_threshold.valueChanged.connect(self._threshold_edited)
            self.page.fulfilment.set_runner(desk.runner)
            self.page.questions.set_runner(desk.runner)
            self._apply_low_stock()
            self._update_pending_badge()
            self.refresh()
            desk.runner.kick()  # what an earlier session left in the outbox
        self._restart_watcher()
        return self.desk

    def _close_desk(self) -> None:
        desk, self.desk = self.desk, None
        if desk is None:
            return
        self.page.fulfilment.set_runner(None)
        self.page.questions.set_runner(None)
        for key in ("listings", "pending", "import"):
            self.page.remove_tab(key)
        desk.close()

    def refresh(self) -> None:
        """The listings from the server into the local copy (off the GUI thread); offline, the copy stays
        as it is until the marketplace answers again."""
        offline = self.connectivity is not None and not self.connectivity.online  # back online refreshes
        if self.desk is not None and not offline and self.client.is_authenticated:
            self.desk.listings_page.refresh()

    def _update_pending_badge(self) -> None:
        if self.desk is None:
            return
        n = self.desk.pending_count()
        tip = QCoreApplication.translate("SellerPage", "Changes not yet accepted by the marketplace: %1")
        self.page.set_count("pending", n, tip.replace("%1", str(n)))

    def _mutation_done(self, label: str) -> None:
        if label == "seller-import":  # the Import tab's or the watched folder's
            self.refresh()

    def _online_changed(self, online: bool) -> None:
        if online:
            self.refresh()

    # -- settings ---------------------------------------------------------------------------------------
    def settings_changed(self, fields: frozenset[str] | set[str]) -> None:
        if "low_stock_units" in fields:
            self._apply_low_stock()
        if "seller_watch_folder" in fields:
            self._restart_watcher()

    def _setting(self, name: str) -> Any:  # a setting's value
        return self.settings.get(name) if self.settings is not None else None

    def _apply_low_stock(self) -> None:
        units = self._setting("low_stock_units")
        if self.desk is not None and units is not None:
            self.desk.listings_page.default_threshold.setValue(int(units))

    def _threshold_edited(self, units: int) -> None:
        """The listings' default threshold box is the setting's other face: it saves it."""
        if self.settings is not None and self._setting("low_stock_units") != units:
            self.settings.update({"low_stock_units": int(units)})

    def _restart_watcher(self) -> None:
        from .folder_watch import FolderWatcher

        if self.watcher is not None:
            self.watcher.stop()
            self.watcher.deleteLater()
            self.watcher = None
        folder = self._setting("seller_watch_folder")
        if self.desk is None or not folder:
            return
        self.watcher = FolderWatcher(self.client.seller, Path(folder), parent=self.window,
                                     notify=self.notices.show, update_only=False)
        self.watcher.start()

    # -- life cycle -------------------------------------------------------------------------------------
    def shutdown(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        with contextlib.suppress(RuntimeError, TypeError):
            mutations.changed.disconnect(self._mutation_done)
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
        self._close_desk()
