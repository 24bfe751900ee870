"""The Orders page: filters, the orders table (from the local orders cache) and the order detail.

    page = OrdersPage(client, caches=opener, guest_client=guest_clients, token_store=store,
                      cart=lambda: cart_store.cart(url, acct), status_bar=window.statusBar())
    page.set_account("buyer@demo.test")   # opens that account's cache (``caches(account)``), syncs it
    page.sync()                          # GET /orders?updated_since=… ; changes → notifications

The composition root (desktop/views/areas/) gives it how to open an account's orders cache and
how to make a guest checkout's client; the page builds neither. Filtering and sorting run in SQL on the
cache (the same sets as the server's filters), so they work offline too; offline, a label says how old
the cache is. The filter row is :mod:`.filter_bar`, the background work :mod:`.orders_sync`, the CSV
:mod:`.orders_export`.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api_client import AuthExpiredError, OfflineError
from desktop.models.orders_cache import OrderQuery, OrdersCache, SyncResult
from desktop.models.orders_cache.rules import guest_account
from desktop.views.background.tasks import OpContext, QueryOp, mutations
from desktop.views.errors import channel as errors
from desktop.views.locale.formatting import format_datetime
from desktop.views.window.file_dialogs import remember_folder, start_folder
from desktop.views.window.keyboard import focus_first, install, take_key

from ..order_display.orders_model import COLUMNS, REF_ROLE, SORT_KEYS, OrdersTableModel, orders_table
from .filter_bar import OrderFilterBar
from .notifications import OrderNotifier
from .order_detail import OrderDetail
from .orders_export import write_orders_csv
from .orders_sync import fetch_order, sync_orders

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient, TokenStore
    from desktop.views.shell.collaborators import CartSource, GuestClientFactory, OrdersCacheOpener

__all__ = ["OrdersPage", "guest_account"]

log = logging.getLogger(__name__)

#: how often the page syncs while the app runs (ms)
SYNC_INTERVAL_MS = 60_000


class OrdersPage(QWidget):
    synced = Signal(object)  # SyncResult
    filters_applied = Signal(int)  # rows shown

    def __init__(
        self,
        client: MarketplaceClient,
        *,
        caches: OrdersCacheOpener,
        guest_client: GuestClientFactory | None = None,
        token_store: TokenStore | None = None,
        cart: CartSource | None = None,
        status_bar: QStatusBar | None = None,
        auto_sync: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ordersPage")
        self.client = client
        self._caches = caches
        self._guest_clients = guest_client
        self.token_store = token_store
        self.cache: OrdersCache | None = None
        self.account: str | None = None
        self.online = True
        self._sync_op: QueryOp | None = None
        self.notifier = OrderNotifier(status_bar, self)

        # -- filters (the page's names for the bar's widgets, as before the bar had its module) ---------
        self.filter_bar = bar = OrderFilterBar()
        bar.changed.connect(self.apply_filters)
        self.search_edit, self._search_timer = bar.search_edit, bar.search_timer
        self.payment_button, self.payment_actions = bar.payment_button, bar.payment_actions
        self.shipping_button, self.shipping_actions = bar.shipping_button, bar.shipping_actions
        self.preset_combo, self.from_edit, self.to_edit = bar.preset_combo, bar.from_edit, bar.to_edit
        self.from_label, self.to_label = bar.from_label, bar.to_label

        self.sync_button = QToolButton()
        self.sync_button.setText(self.tr("&Refresh"))
        self.sync_button.setToolTip(self.tr("Get the latest orders from the marketplace (F5)"))
        self.sync_button.clicked.connect(lambda: self.sync())
        self.export_button = QPushButton(self.tr("E&xport CSV…"))
        self.export_button.clicked.connect(self.choose_export)

        # -- chips, count, as-of -------------------------------------------------------------------------
        self.count_label = QLabel()
        self.count_label.setObjectName("ordersCount")
        self.as_of_label = QLabel()
        self.as_of_label.setObjectName("ordersAsOf")
        self.as_of_label.setStyleSheet("color: #8a5a00;")
        self.as_of_label.hide()
        info = QHBoxLayout()
        info.addWidget(bar.chips_box, 1)
        info.addWidget(self.as_of_label)
        info.addWidget(self.count_label)
        info.addWidget(self.sync_button)
        info.addWidget(self.export_button)

        # -- table and detail ----------------------------------------------------------------------------
        self.model = OrdersTableModel(None, self)
        self.table = orders_table(self.model)
        self.table.setAccessibleName(self.tr("Orders"))
        self.table.horizontalHeader().sectionClicked.connect(self._header_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._show_sort_indicator()
        self.detail = OrderDetail(client, cart, fetch=self._fetch_order)
        self.detail.setMinimumWidth(330)
        self.detail.fetched.connect(self._store_fetched)
        self.detail.changed.connect(lambda _ref: self.sync())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("ordersSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([900, 340])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(bar)
        layout.addLayout(info)
        layout.addWidget(self.splitter, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(SYNC_INTERVAL_MS)
        self.timer.timeout.connect(lambda: self.sync())
        if auto_sync:
            self.timer.start()
            mutations.changed.connect(self._mutation_done)
        bar.update_chips()
        self._update_count()
        self._keyboard()

    def _keyboard(self) -> None:
        """Ctrl+F to the search, Return there to the results, Return on a row to its detail."""
        install(self, "orders_filter", self._focus_search, context=Qt.ShortcutContext.WindowShortcut)
        take_key(self, "orders_refresh", lambda: self.sync())  # F5 here; the catalog's sync F5 elsewhere
        self.search_edit.returnPressed.connect(lambda: self.table.setFocus(Qt.FocusReason.OtherFocusReason))
        self.table.activated.connect(lambda _index: focus_first(self.detail))

    def regions(self) -> list[QWidget | tuple[QWidget, ...]]:
        """The page's regions for F6: the filters (and the refresh and export row), the orders, the detail."""
        return [(self.filter_bar, self.sync_button, self.export_button), self.table, self.detail]

    def _focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    @property
    def chips(self) -> dict[str, QToolButton]:
        return self.filter_bar.chips

    # -- account and cache ---------------------------------------------------------------------------
    def set_account(self, account: str | None, *, sync: bool = True) -> None:
        """Switch to ``account``'s cache (None: signed out — only guest orders kept on this computer)."""
        if self.cache is not None and account == self.account:
            if sync:
                self.sync()
            return
        if self._sync_op is not None:
            self._sync_op.cancel()
            self._sync_op = None
        old = self.cache
        self.account = account
        self.cache = self._caches(account)
        self.model.set_cache(self.cache)
        self.detail.show_order(None)
        if old is not None:
            old.close()
        self.apply_filters()
        self._update_as_of()
        if sync:
            self.sync()

    def add_guest_group(self, group_ref: str, token: str | None = None) -> None:
        """Show a guest checkout's orders here; ``token`` (its guest token) goes to the token store."""
        if self.cache is None:
            self.set_account(self.account, sync=False)
        assert self.cache is not None
        if token is not None and self.token_store is not None:
            self.token_store.set(self.client.server_url, guest_account(group_ref), token)
        self.cache.add_guest_group(group_ref)

    def close_cache(self) -> None:
        if self._sync_op is not None:
            self._sync_op.cancel()
        if self.detail._fetch_op is not None:
            self.detail._fetch_op.cancel()
        if self.cache is not None:
            self.model.set_cache(None)
            self.cache.close()
            self.cache = None

    # -- sync ----------------------------------------------------------------------------------------
    def _guest_client(self, group_ref: str) -> MarketplaceClient | None:
        """The client of a guest checkout kept here (its token from the token store), else None."""
        if self.token_store is None or self._guest_clients is None:
            return None
        token = self.token_store.get(self.client.server_url, guest_account(group_ref))
        if token is None:
            return None
        return self._guest_clients(token)

    def sync(self) -> QueryOp | None:
        """Bring the cache up to date in the background (one sync at a time)."""
        if self.cache is None:
            self.set_account(self.account, sync=False)
        cache = self.cache
        assert cache is not None
        if self._sync_op is not None and self._sync_op.is_running:
            return self._sync_op
        if not self.client.is_authenticated and not cache.guest_groups():
            return None
        self.sync_button.setEnabled(False)
        client, guest_client = self.client, self._guest_client

        def work(context: OpContext) -> SyncResult:
            return sync_orders(client, cache, guest_client, context.cancelled)

        op = QueryOp.with_context(self, work, lambda r: self._synced(cache, r), lambda e: self._sync_failed(cache, e))
        op.finished.connect(self._sync_finished)
        self._sync_op = op
        return op.run_in_background()

    def _sync_finished(self) -> None:
        self.sync_button.setEnabled(True)

    def _synced(self, cache: OrdersCache, result: SyncResult) -> None:
        if cache is not self.cache:
            return
        self.set_online(True)
        if result.upserted or result.changes or result.full:
            self.apply_filters(keep_selection=True)
        self.notifier.notify_changes(result.changes)
        if self.detail.order is not None:
            fresh = cache.order(self.detail.order["ref"])
            if fresh is not None and fresh != self.detail.order:
                self.detail.show_order(fresh)
        self._update_as_of()
        self.synced.emit(result)

    def _sync_failed(self, cache: OrdersCache, exc: BaseException) -> None:
        if isinstance(exc, OfflineError):
            self.set_online(False)
            errors.report_exception(exc, self)  # the window's offline banner
        elif isinstance(exc, AuthExpiredError):
            errors.report_exception(exc, self)
        else:
            errors.report_exception(exc, self)
        self.synced.emit(None)

    def set_online(self, online: bool) -> None:
        self.online = online
        self.detail.set_online(online)
        self._update_as_of()

    def _update_as_of(self) -> None:
        if self.online or self.cache is None:
            self.as_of_label.hide()
            return
        when = self.cache.last_synced_at()
        if when is None:
            self.as_of_label.setText(self.tr("Offline — no orders downloaded yet"))
        else:
            self.as_of_label.setText(self.tr("Offline — orders as of %1").replace("%1", format_datetime(when)))
        self.as_of_label.show()

    def _mutation_done(self, label: str) -> None:
        if label in ("checkout_placed", "order_placed", "payment_confirmed"):
            self.sync()

    def _fetch_order(self, ref: str) -> dict[str, Any]:
        """A fresh copy of one order, as JSON (a guest's with its guest token). Runs in a worker."""
        return fetch_order(self.client, self.cache, ref, self._guest_client)

    def _store_fetched(self, order: dict[str, Any]) -> None:  # an order as JSON: the cache's row data
        if self.cache is None:
            return
        id_ = self.cache.id_of(order["ref"])
        guest = bool(id_ is not None and self.cache.rows([id_])[id_].guest)
        changes = self.cache.upsert([order], guest=guest)
        if changes and id_ is not None:
            self.model.refresh_rows([id_])

    # -- filters (desktop/views/orders/filter_bar.py) ------------------------------------------------
    def query(self) -> OrderQuery:
        return self.filter_bar.query()

    def set_filters(self, *, payment_status: tuple[str, ...] | None = None,
                    shipping_status: tuple[str, ...] | None = None, created_from: date | None = None,
                    created_to: date | None = None, q: str | None = None, sort: str | None = None,
                    preset: str | None = None) -> None:
        """Set every filter at once (None = none) and apply them once."""
        self.filter_bar.set_filters(payment_status=payment_status, shipping_status=shipping_status,
                                    created_from=created_from, created_to=created_to, q=q, sort=sort,
                                    preset=preset)

    def clear_filters(self) -> None:
        self.filter_bar.clear_filters()

    def _preset_chosen(self, *_: object) -> None:
        self.filter_bar.preset_chosen()

    def apply_filters(self, keep_selection: bool = True) -> list[int]:
        if self.filter_bar.batching:
            return []
        self._search_timer.stop()
        query = self.query()
        current = self.detail.order["ref"] if (keep_selection and self.detail.order) else None
        ids = self.cache.search(query) if self.cache is not None else []
        self.model.set_ids(ids)
        self.filter_bar.update_chips()
        self._show_sort_indicator()
        self._update_count()
        if current is not None:
            row = self.model.row_of_ref(current)
            if row >= 0:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.filters_applied.emit(len(ids))
        return ids

    def _header_clicked(self, section: int) -> None:
        column = COLUMNS[section]
        key = SORT_KEYS.get(column)
        if key is None:
            self._show_sort_indicator()
            return
        # the same column again: the other way; another column: descending first
        self.filter_bar.set_sort(key if self.filter_bar.sort == "-" + key else "-" + key)  # → apply_filters

    def _show_sort_indicator(self) -> None:
        sort = self.filter_bar.sort
        column = "date" if sort.lstrip("-") == "created_at" else "total"
        order = Qt.SortOrder.DescendingOrder if sort.startswith("-") else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(COLUMNS.index(column), order)
        header.blockSignals(False)

    def _update_count(self) -> None:
        n = self.model.rowCount()
        total = self.cache.order_count() if self.cache is not None else 0
        if n == total:
            self.count_label.setText(self.tr("%Ln order(s)", "", n))
        else:
            self.count_label.setText(self.tr("%1 of %2 orders").replace("%1", str(n)).replace("%2", str(total)))

    # -- selection -----------------------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        ref = self.model.data(current, REF_ROLE) if current.isValid() else None
        if ref is None or self.cache is None:
            return
        if self.detail.order is not None and self.detail.order.get("ref") == ref:
            return
        self.detail.show_order(self.cache.order(ref), refresh=self.online)

    def select_ref(self, ref: str) -> bool:
        row = self.model.row_of_ref(ref)
        if row < 0:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # -- export --------------------------------------------------------------------------------------
    def choose_export(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export orders"), start_folder("csv", "orders.csv"),
                                              self.tr("CSV files (*.csv)"))
        if not path:
            return None
        remember_folder("csv", path)
        try:
            count = self.export_csv(path)
        except OSError as exc:
            errors.report_exception(exc, self)
            return None
        self.notifier.status_bar and self.notifier.status_bar.showMessage(
            self.tr("%Ln order(s) exported to %1", "", count).replace("%1", path), 8000)
        return path

    def export_csv(self, path: str | Path) -> int:
        """The filtered table (every row, in its order) as CSV; returns the number of orders written."""
        return write_orders_csv(path, self.cache, self.model.ids())
