"""What follows the signed-in seller across the Seller page: the per-account desk (listings copy, outbox,
runner; the Listings, Pending changes and Import tabs), the outbox given to the Orders and Questions
tabs, listings refreshes (page shown, sign-in, back online, an import done), the low-stock default from
the settings, and the watched import folder.

    ws = SellerWorkspace(page, client, listings=open_listings, outboxes=open_outbox,
                         connectivity=connectivity, settings=shell.settings, window=window, files=files)
    ws.set_account("seller@demo.test")     # None: signed out (the desk closed, the tabs gone)

With ``files`` (:class:`~desktop.models.seller.SellerFiles`, what the openers open through), each desk
opened asks the marketplace who it is, off the GUI thread (:meth:`SellerFiles.identify`): the same
marketplace under another key (a new address) reopens the desk on its own files, with what the address's
old files held carried over; the changes kept for other marketplaces show above Pending changes.
``identified`` is emitted after each answer (or offline, the remembered identity).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.views.background.tasks import QueryOp, mutations
from desktop.views.window.notices import Notices

from .account_desk import ListingsOpener, OutboxOpener, SellerDesk

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient
    from desktop.models.seller import Identified, KeptElsewhere, SellerFiles
    from desktop.models.settings.store import SettingsStore
    from desktop.views.shell.connectivity import Connectivity
    from desktop.views.window.main_window import MainWindow

    from .folder_watch import FolderWatcher
    from .seller_page import SellerPage

__all__ = ["SellerWorkspace"]

#: where the desk's tabs go: Listings first, Pending changes and Import after Orders and Questions
_LISTINGS_AT = 0



class SellerWorkspace(QObject):
    # the marketplace said who it is (or, offline, the remembered identity stands): an Identified
    identified = Signal(object)

    def __init__(self, page: SellerPage, client: MarketplaceClient, *, listings: ListingsOpener, outboxes: OutboxOpener,
                 connectivity: Connectivity | None = None, settings: SettingsStore | None = None,
                 window: MainWindow | None = None, files: SellerFiles | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or page)
        self.files = files
        self.identify_op: QueryOp | None = None
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
    def set_account(self, account: str | None, *, identify: bool = True) -> SellerDesk | None:
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
            desk.kept_elsewhere.discard_requested.connect(self._discard_elsewhere)
            if identify and self.files is not None:  # sent once the marketplace has said who it is
                desk.runner.hold()
                self._identify(account)
            desk.runner.kick()  # what an earlier session left in the outbox
        self._restart_watcher()
        return self.desk

    # -- whose files (the marketplace's identity) ---------------------------------------------------------
    def _identify(self, account: str) -> None:
        files, client = self.files, self.client
        if files is None:
            return
        if self.identify_op is not None:
            self.identify_op.cancel()
        self.identify_op = QueryOp(self, lambda: files.identify(account, client.catalog.marketplace),
                                   self._identified)
        self.identify_op.run_in_background()

    def _identified(self, result: Identified) -> None:
        self.identify_op = None
        if self.files is None or self.desk is None or self.desk.account != result.account:
            return  # another account (or none) since
        if self.files.use(result):  # the same account's files are another marketplace's, or under a new key
            self._close_desk()
            self.set_account(result.account, identify=False)
        if self.desk is not None:
            if not result.offline:
                self.desk.runner.release()
            elif self.connectivity is not None:  # asked again when the marketplace answers (_online_changed)
                self.connectivity.went_offline()
            self.desk.kept_elsewhere.show_kept(result.elsewhere)
            if result.moved and result.previous is not None and result.marketplace is not None:
                text = QCoreApplication.translate(
                    "SellerPage", "%1 now answers as %2: the changes kept for %3 stay kept for it.")
                self.notices.show(QCoreApplication.translate("SellerPage", "Another marketplace"),
                                  text.replace("%1", self.files.server_url).replace("%2", result.marketplace.name)
                                  .replace("%3", result.previous.name))
        self.identified.emit(result)

    def _discard_elsewhere(self, kept: KeptElsewhere) -> None:
        files, desk = self.files, self.desk
        if files is None or desk is None:
            return
        account = desk.account

        def done(_count: int) -> None:
            if self.desk is not None and self.desk.account == account:
                self.desk.kept_elsewhere.show_kept([k for k in self.desk.kept_elsewhere.kept if k != kept])

        QueryOp(self, lambda: files.discard_elsewhere(account, kept.marketplace), done).run_in_background()

    def _close_desk(self) -> None:
        desk, self.desk = self.desk, None
        if desk is None:
            return
        if self.identify_op is not None:
            self.identify_op.cancel()
            self.identify_op = None
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
            if self.desk is not None and self.desk.runner.held and self.identify_op is None:
                self._identify(self.desk.account)
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
