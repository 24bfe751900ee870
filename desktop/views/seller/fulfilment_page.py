"""Fulfilment: the seller's incoming orders (``GET /seller/orders``) in the buyer's orders table, kept in
a local orders cache of their own, with presets, and the writes a seller makes on them.

    page = FulfilmentPage(client, caches=seller_orders_caches)   # the root's opener of an account's cache
    page.set_account("seller@demo.test")          # opens that seller's cache and syncs in the background
    page.set_preset("to_prepare")                  # paid, awaiting preparation (SQL on the cache)
    page.set_runner(runner)                        # the account's OutboxRunner: every write goes there
    page.mark("preparing")                         # the selection, one outbox entry per order
    page.request_ship()                            # a ShipDialog: carrier and tracking number per order
    page.request_cancel()                          # the current order, with its refund shown first

Writes are queued in the seller's durable outbox (kinds ``shipping``, ``cancel_order``: the handlers of
:mod:`desktop.models.seller.fulfilment`) and sent in order when online; until then their rows show the
status they ask for as pending, and the buttons follow it ("shipped" after a queued "preparing"). Each
order's answer updates its row; each refusal (409 ``invalid_transition``, 422…) is listed with the
server's words and marked on its row, and stays in Pending changes until the seller retries or discards it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.orders_cache import OrderQuery, OrdersCache, SyncResult
from desktop.models.seller import fulfilment
from desktop.views.background.tasks import OpContext, QueryOp
from desktop.views.errors import channel as errors
from desktop.views.locale.formatting import format_datetime
from desktop.views.window import accessible

from ..order_display.orders_model import COLUMNS, REF_ROLE, SORT_KEYS
from .fulfilment_model import FulfilmentModel
from .fulfilment_writes import FulfilmentWrites
from .order_summary import OrderSummary, make_table

if TYPE_CHECKING:
    from desktop.api_client import MarketplaceClient
    from desktop.views.shell.collaborators import OrdersCacheOpener

    from .outbox_runner import OutboxRunner

__all__ = ["PRESETS", "FulfilmentPage"]

#: preset → the cache query's status filters (payment, shipping)
PRESETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "all": ((), ()),
    "to_prepare": (("paid",), ("awaiting_preparation",)),
    "to_ship": (("paid",), ("preparing",)),
    "in_transit": ((), ("shipped",)),
    "delivered": ((), ("delivered",)),
    "cancelled": ((), ("cancelled",)),
}
SYNC_INTERVAL_MS = 60_000
SEARCH_DELAY_MS = 250


class FulfilmentPage(FulfilmentWrites, QWidget):
    synced = Signal(object)  # SyncResult, or None after a failure
    applied = Signal(list)  # the Outcomes of a mark / cancel, once shown
    to_prepare_changed = Signal(int)  # paid orders awaiting preparation (the tab's badge)

    def __init__(self, client: MarketplaceClient, *, caches: OrdersCacheOpener, auto_sync: bool = True,
                 parent: QWidget | None = None) -> None:
        """``caches``: the seller's orders cache of an account (from the root; the page closes it)."""
        super().__init__(parent)
        self.setObjectName("fulfilmentPage")
        self.client = client
        self._caches = caches
        self.cache: OrdersCache | None = None
        self.account: str | None = None
        self.online = True
        self.runner: OutboxRunner | None = None
        self.dialog: QDialog | None = None
        self._sync_op: QueryOp | None = None
        self.last_outcomes: list[fulfilment.Outcome] = []
        self._sort = "-created_at"
        self.model = FulfilmentModel(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(self._filter_bar())
        layout.addWidget(self._actions_row())
        layout.addWidget(self._result_line())
        layout.addWidget(self._table_and_summary(), 1)

        self.timer = QTimer(self, interval=SYNC_INTERVAL_MS)
        self.timer.timeout.connect(lambda: self.sync())
        if auto_sync:
            self.timer.start()
        self._header_clicked(COLUMNS.index("ref"))  # shows the sort indicator
        self._selection_changed()
        self._update_count()

    # -- the page's parts ------------------------------------------------------------------------------
    def _filter_bar(self) -> QHBoxLayout:
        """Preset, date range, search; when the list was last synced, its count, Refresh."""
        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("fulfilmentPreset")
        for key, text in (("all", self.tr("All orders")), ("to_prepare", self.tr("To prepare")),
                          ("to_ship", self.tr("To ship")), ("in_transit", self.tr("In transit")),
                          ("delivered", self.tr("Delivered")), ("cancelled", self.tr("Cancelled"))):
            self.preset_combo.addItem(text, key)
        self.preset_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.days_combo = QComboBox()  # the buyer page's date presets, as a seller looks back
        for days, text in ((0, self.tr("Any date")), (7, self.tr("Last 7 days")), (30, self.tr("Last 30 days")),
                           (90, self.tr("Last 90 days"))):
            self.days_combo.addItem(text, days)
        self.days_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search: reference, SKU, title…"))
        self.search_edit.setAccessibleName(self.search_edit.placeholderText())
        accessible.name(self.preset_combo, self.tr("Status"))
        accessible.name(self.days_combo, self.tr("Date"))
        self.search_edit.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.count_label = QLabel()
        self.as_of_label = QLabel()
        self.as_of_label.setStyleSheet("color: #8a5a00;")
        self.as_of_label.hide()
        self.sync_button = QToolButton()
        self.sync_button.setText(self.tr("&Refresh"))
        self.sync_button.clicked.connect(lambda: self.sync())
        bar = QHBoxLayout()
        bar.addWidget(self.preset_combo)
        bar.addWidget(self.days_combo)
        bar.addWidget(self.search_edit, 1)
        for widget in (self.as_of_label, self.count_label, self.sync_button):
            bar.addWidget(widget)
        return bar

    def _actions_row(self) -> QWidget:
        """What the selection is, and the writes on it."""
        self.preparing_button = QPushButton(self.tr("Mark &preparing"))
        self.shipped_button = QPushButton(self.tr("Mark &shipped…"))
        self.delivered_button = QPushButton(self.tr("Mark &delivered"))
        self.cancel_button = QPushButton(self.tr("&Cancel order…"))
        self.tracking_button = QPushButton(self.tr("Upload &tracking CSV…"))
        self.tracking_button.clicked.connect(lambda: self.request_tracking_upload())
        self.preparing_button.clicked.connect(lambda: self.mark("preparing"))
        self.shipped_button.clicked.connect(lambda: self.request_ship())
        self.delivered_button.clicked.connect(lambda: self.mark("delivered"))
        self.cancel_button.clicked.connect(lambda: self.request_cancel())
        self.actions_box = QWidget()
        actions = QHBoxLayout(self.actions_box)
        actions.setContentsMargins(0, 0, 0, 0)
        self.selection_label = QLabel()
        actions.addWidget(self.selection_label)
        actions.addStretch(1)
        for button in (self.preparing_button, self.shipped_button, self.delivered_button, self.cancel_button,
                       self.tracking_button):
            actions.addWidget(button)
        return self.actions_box

    def _result_line(self) -> QLabel:
        """The last write's answers (hidden until there are some)."""
        self.result_label = QLabel()
        self.result_label.setObjectName("fulfilmentResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        return self.result_label

    def _table_and_summary(self) -> QSplitter:
        """The orders table (multi-selection, sorted by its headers) beside the current order's summary."""
        self.table = make_table(self.model, "fulfilmentTable", multi=True)
        self.table.setAccessibleName(self.tr("Orders"))
        widths = {"ref": 120, "date": 84, "items": 52, "total": 120, "payment": 84, "shipping": 200, "tracking": 120}
        for name, width in widths.items():
            self.table.setColumnWidth(COLUMNS.index(name), width)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._header_clicked)
        self.table.setColumnHidden(COLUMNS.index("seller"), True)  # the seller's own name on every row
        header.setSectionResizeMode(COLUMNS.index("tracking"), QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.summary = OrderSummary()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.summary)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([7000, 3000])  # the table first (a remembered split wins)
        return self.splitter

    # -- account, cache, sync ------------------------------------------------------------------------
    def set_account(self, account: str | None, *, sync: bool = True) -> None:
        """The seller ``account``'s incoming orders (None: nobody, an empty table)."""
        if account == self.account and (self.cache is not None or account is None):
            if sync and account is not None:
                self.sync()
            return
        self.close_cache()
        self.account = account
        if account is not None:
            self.cache = self._caches(account)
            self.model.set_cache(self.cache)
        self.apply_filters()
        if sync and account is not None:
            self.sync()

    def close_cache(self) -> None:
        if self._sync_op is not None:
            self._sync_op.cancel()
            self._sync_op = None
        if self.cache is not None:
            self.model.set_cache(None)
            self.cache.close()
            self.cache = None

    def sync(self) -> QueryOp | None:
        """``GET /seller/orders?updated_since=…`` into the cache, in the background (one at a time)."""
        cache = self.cache
        if cache is None or not self.client.is_authenticated:
            return None
        if self._sync_op is not None and self._sync_op.is_running:
            return self._sync_op
        self.sync_button.setEnabled(False)

        def work(context: OpContext) -> SyncResult:
            return cache.sync(self.client, path="/seller/orders", cancelled=context.cancelled)

        op = QueryOp.with_context(self, work, lambda r: self._synced(cache, r), lambda e: self._sync_failed(e))
        op.finished.connect(self._sync_finished)
        self._sync_op = op
        return op.run_in_background()

    def _sync_finished(self) -> None:
        self.sync_button.setEnabled(True)

    def _synced(self, cache: OrdersCache, result: SyncResult) -> None:
        if cache is not self.cache:
            return
        self.set_online(True)
        self.apply_filters()
        self.synced.emit(result)

    def _sync_failed(self, exc: BaseException) -> None:
        errors.report_exception(exc, self)  # offline: the window's banner; a 401: sign in again
        self.synced.emit(None)

    def set_online(self, online: bool) -> None:
        self.online = online
        when = self.cache.last_synced_at() if (self.cache is not None and not online) else None
        self.as_of_label.setVisible(not online)
        self.as_of_label.setText(self.tr("Offline — orders as of %1").replace("%1", format_datetime(when))
                                 if when else self.tr("Offline"))
        self._selection_changed()

    # -- filters -------------------------------------------------------------------------------------
    def set_preset(self, key: str) -> None:
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(key))
        self.apply_filters()

    def query(self) -> OrderQuery:
        payment, shipping = PRESETS[self.preset_combo.currentData() or "all"]
        days = int(self.days_combo.currentData() or 0)
        since = datetime.now(UTC).date() - timedelta(days=days - 1) if days else None
        return OrderQuery(payment_status=payment, shipping_status=shipping, created_from=since,
                          q=self.search_edit.text().strip() or None, sort=self._sort)  # type: ignore[arg-type]

    def _header_clicked(self, section: int) -> None:
        """Date and total sort (in SQL), newest / largest first on the first click, as on the buyer's page."""
        key = SORT_KEYS.get(COLUMNS[section])
        if key is not None:
            self._sort = (key if self._sort == "-" + key else "-" + key)
            self.apply_filters()
        column = "date" if self._sort.endswith("created_at") else "total"
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(COLUMNS.index(column), Qt.SortOrder.DescendingOrder if self._sort.startswith("-")
                                else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)

    def apply_filters(self) -> list[int]:
        self._search_timer.stop()
        current = self.current_ref()
        ids = self.cache.search(self.query()) if self.cache is not None else []
        self.model.set_ids(ids)
        if current is not None and (row := self.model.row_of_ref(current)) >= 0:
            self.table.selectRow(row)
        else:
            self.summary.show_order(None)
        self._update_count()
        self._selection_changed()
        return ids

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(self.tr("Orders: %1").replace("%1", str(n)))
        to_prepare = 0
        if self.cache is not None:
            payment, shipping = PRESETS["to_prepare"]
            ids = set(self.cache.search(OrderQuery(payment_status=payment, shipping_status=shipping)))
            moving = {self.cache.id_of(ref) for ref, entries in self.model.pending.items()
                      if fulfilment.queued_status(entries) not in (None, "awaiting_preparation")}
            to_prepare = len(ids - moving)  # a "preparing" queued offline is the seller's done work
        self.to_prepare_changed.emit(to_prepare)

    # -- selection -----------------------------------------------------------------------------------
    def selected_refs(self) -> list[str]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [ref for r in rows if (ref := self.model.data(self.model.index(r, 0), REF_ROLE))]

    def select_refs(self, refs: Sequence[str]) -> None:
        self.table.clearSelection()
        flags = self.table.selectionModel().SelectionFlag
        for ref in refs:
            row = self.model.row_of_ref(ref)
            if row >= 0:
                self.table.selectionModel().select(self.model.index(row, 0), flags.Select | flags.Rows)
        self._selection_changed()

    def current_ref(self) -> str | None:
        refs = self.selected_refs()
        return refs[0] if refs else None

    def _statuses(self) -> list[tuple[str, str]]:
        """(shipping status once queued writes are sent, payment status) of each selected order."""
        rows = [self.model.row_at(i.row()) for i in self.table.selectionModel().selectedRows()]
        return [(self.model.effective_status(r), r.payment_status) for r in rows if r is not None]

    def _selection_changed(self) -> None:
        statuses = self._statuses()
        n = len(statuses)
        self.selection_label.setText(self.tr("Selected: %1").replace("%1", str(n)) if n
                                     else self.tr("Select orders to update"))
        for button, target in ((self.preparing_button, "preparing"), (self.shipped_button, "shipped"),
                               (self.delivered_button, "delivered")):
            button.setEnabled(self.runner is not None and any(fulfilment.can_mark(s, target, p) for s, p in statuses))
        self.cancel_button.setEnabled(self.runner is not None and n == 1 and fulfilment.can_cancel(*statuses[0]))
        self.tracking_button.setEnabled(self.runner is not None and self.online)  # its check reads the server

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        ref = self.model.data(current, REF_ROLE) if current.isValid() else None
        self.summary.show_order(self.cache.order(ref) if (ref and self.cache is not None) else None)
