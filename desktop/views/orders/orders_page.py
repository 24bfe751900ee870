"""The Orders page: filters, the orders table (from the local orders cache) and the order detail.

    page = OrdersPage(client, data_dir=paths.data, token_store=store, cart=lambda: cart_store.cart(url, acct),
                      status_bar=window.statusBar())
    page.set_account("buyer@demo.test")   # opens that account's cache and syncs in the background
    page.sync()                          # GET /orders?updated_since=… ; changes → notifications

Filtering and sorting run in SQL on the cache (the same sets as the server's filters), so they work
offline too; offline, a label says how old the cache is.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStatusBar,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api_client import AuthExpiredError, MarketplaceClient, NotFoundError, OfflineError
from desktop.models.order_rules import guest_account
from desktop.models.orders_cache import (
    PAYMENT_STATUSES,
    SHIPPING_STATUSES,
    CacheError,
    OrderQuery,
    OrdersCache,
    SyncResult,
)
from desktop.models.spreadsheet import formula_guard

from .. import errors
from ..formatting import format_datetime
from ..tasks import QueryOp, mutations
from .notifications import OrderNotifier
from .order_detail import OrderDetail
from .orders_model import COLUMNS, REF_ROLE, SORT_KEYS, OrdersTableModel, payment_text, shipping_text

__all__ = ["OrdersPage", "guest_account"]

log = logging.getLogger(__name__)

#: how often the page syncs while the app runs (ms)
SYNC_INTERVAL_MS = 60_000
SEARCH_DELAY_MS = 250
_NO_DATE = QDate(2000, 1, 1)  # the QDateEdit minimum, shown as "—": no bound


class OrdersPage(QWidget):
    synced = Signal(object)  # SyncResult
    filters_applied = Signal(int)  # rows shown

    def __init__(
        self,
        client: Any,
        *,
        data_dir: str | Path,
        token_store: Any = None,
        cart: Callable[[], Any] | None = None,
        status_bar: QStatusBar | None = None,
        auto_sync: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ordersPage")
        self.client = client
        self.data_dir = Path(data_dir)
        self.token_store = token_store
        self.cache: OrdersCache | None = None
        self.account: str | None = None
        self.online = True
        self._sync_op: QueryOp | None = None
        self._sort = "-created_at"
        self.notifier = OrderNotifier(status_bar, self)

        # -- filters ---------------------------------------------------------------------------------
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("ordersSearch")
        self.search_edit.setPlaceholderText(self.tr("Search orders: reference, seller, SKU, title…"))
        self.search_edit.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.apply_filters)

        self.payment_button, self.payment_actions = self._status_menu(
            self.tr("Payment"), PAYMENT_STATUSES, payment_text)
        self.shipping_button, self.shipping_actions = self._status_menu(
            self.tr("Shipping"), SHIPPING_STATUSES, shipping_text)

        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("datePreset")
        for key, text in (("any", self.tr("Any date")), ("7", self.tr("Last 7 days")),
                          ("30", self.tr("Last 30 days")), ("90", self.tr("Last 90 days")),
                          ("year", self.tr("This year")), ("custom", self.tr("Custom dates"))):
            self.preset_combo.addItem(text, key)
        self.preset_combo.activated.connect(self._preset_chosen)
        self.from_edit = self._date_edit()
        self.to_edit = self._date_edit()
        self.from_edit.dateChanged.connect(self._dates_edited)
        self.to_edit.dateChanged.connect(self._dates_edited)

        self.sync_button = QToolButton()
        self.sync_button.setText(self.tr("Refresh"))
        self.sync_button.setToolTip(self.tr("Get the latest orders from the marketplace (F5)"))
        self.sync_button.clicked.connect(lambda: self.sync())
        refresh = QAction(self)
        refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(lambda: self.sync())
        self.addAction(refresh)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.clicked.connect(self.choose_export)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.payment_button)
        filters.addWidget(self.shipping_button)
        filters.addWidget(self.preset_combo)
        self.from_label = QLabel(self.tr("From"))
        self.to_label = QLabel(self.tr("to"))
        filters.addWidget(self.from_label)
        filters.addWidget(self.from_edit)
        filters.addWidget(self.to_label)
        filters.addWidget(self.to_edit)

        # -- chips, count, as-of -------------------------------------------------------------------------
        self.chips_box = QWidget()
        self.chips_layout = QHBoxLayout(self.chips_box)
        self.chips_layout.setContentsMargins(0, 0, 0, 0)
        self.chips_layout.setSpacing(4)
        self.count_label = QLabel()
        self.count_label.setObjectName("ordersCount")
        self.as_of_label = QLabel()
        self.as_of_label.setObjectName("ordersAsOf")
        self.as_of_label.setStyleSheet("color: #8a5a00;")
        self.as_of_label.hide()
        info = QHBoxLayout()
        info.addWidget(self.chips_box, 1)
        info.addWidget(self.as_of_label)
        info.addWidget(self.count_label)
        info.addWidget(self.sync_button)
        info.addWidget(self.export_button)

        # -- table and detail ----------------------------------------------------------------------------
        self.model = OrdersTableModel(None, self)
        self.table = QTableView()
        self.table.setObjectName("ordersTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.sectionClicked.connect(self._header_clicked)
        widths = {"ref": 116, "date": 80, "seller": 160, "items": 48, "total": 124, "payment": 80,
                  "shipping": 140, "tracking": 104}
        for i, name in enumerate(COLUMNS):
            self.table.setColumnWidth(i, widths[name])
        header.setSectionResizeMode(COLUMNS.index("seller"), QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(44)
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
        layout.addLayout(filters)
        layout.addLayout(info)
        layout.addWidget(self.splitter, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(SYNC_INTERVAL_MS)
        self.timer.timeout.connect(lambda: self.sync())
        if auto_sync:
            self.timer.start()
            mutations.changed.connect(self._mutation_done)
        self._update_chips()
        self._update_count()

    # -- widgets -------------------------------------------------------------------------------------
    def _status_menu(self, title: str, statuses: tuple[str, ...],
                     text: Callable[[str], str]) -> tuple[QToolButton, dict[str, QAction]]:
        button = QToolButton()
        button.setText(title)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(button)
        actions: dict[str, QAction] = {}
        for status in statuses:
            action = menu.addAction(text(status))
            action.setCheckable(True)
            action.setData(status)
            action.toggled.connect(lambda _on: self.apply_filters())
            actions[status] = action
        button.setMenu(menu)
        button.setProperty("baseTitle", title)
        return button, actions

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText("—")
        edit.setDate(_NO_DATE)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

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
        self.cache = OrdersCache.for_account(self.data_dir, self.client.server_url, account)
        self.model.set_cache(self.cache)
        self.detail.show_order(None)
        if old is not None:
            old.close()
        self.apply_filters()
        self._update_as_of()
        if sync:
            self.sync()

    def add_guest_group(self, group_ref: str, token: Any = None) -> None:
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
        if self.token_store is None:
            return None
        token = self.token_store.get(self.client.server_url, guest_account(group_ref))
        if token is None:
            return None
        return MarketplaceClient(self.client.config, token=token)

    def _sync_work(self, cache: OrdersCache, cancelled: Callable[[], bool]) -> SyncResult:
        changes = []
        result = None
        guests = 0
        if getattr(self.client, "is_authenticated", False):
            result = cache.sync(self.client, cancelled=cancelled)
            changes = list(result.changes)
        for group_ref in cache.guest_groups():
            if cancelled():
                break
            guest = self._guest_client(group_ref)
            if guest is None:
                continue
            with guest:
                try:
                    group = guest.orders.group(group_ref)
                except NotFoundError:
                    continue
            changes += cache.store_group(group.model_dump(mode="json"))
            guests += len(group.orders)
        if result is None:
            return SyncResult(full=False, pages=0, upserted=guests, changes=changes, duration=0.0,
                              order_count=cache.order_count())
        return SyncResult(full=result.full, pages=result.pages, upserted=result.upserted + guests, changes=changes,
                          duration=result.duration, order_count=result.order_count, cancelled=result.cancelled)

    def sync(self) -> QueryOp | None:
        """Bring the cache up to date in the background (one sync at a time)."""
        if self.cache is None:
            self.set_account(self.account, sync=False)
        cache = self.cache
        assert cache is not None
        if self._sync_op is not None and self._sync_op.is_running:
            return self._sync_op
        if not getattr(self.client, "is_authenticated", False) and not cache.guest_groups():
            return None
        self.sync_button.setEnabled(False)
        cancelled: list = []  # the op's cancel_event.is_set (the worker does not reach the op itself)

        def work() -> SyncResult:
            return self._sync_work(cache, cancelled[0])

        op = QueryOp(self, work, lambda r: self._synced(cache, r), lambda e: self._sync_failed(cache, e))
        cancelled.append(op.cancel_event.is_set)
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

    def _fetch_order(self, ref: str) -> Mapping[str, Any]:
        """A fresh copy of one order (a guest's with its guest token). Runs in a worker."""
        cache = self.cache
        row = None
        if cache is not None:
            try:
                id_ = cache.id_of(ref)
                row = cache.rows([id_]).get(id_) if id_ is not None else None
            except CacheError:  # closed meanwhile (account switched): ask the server with the account
                row = None
        if row is not None and row.guest:
            guest = self._guest_client(row.group_ref)
            if guest is not None:
                with guest:
                    group = guest.orders.group(row.group_ref)
                for order in group.orders:
                    if order.ref == ref:
                        return order.model_dump(mode="json")
        return self.client.orders.get(ref).model_dump(mode="json")

    def _store_fetched(self, order: dict) -> None:
        if self.cache is None:
            return
        id_ = self.cache.id_of(order["ref"])
        guest = bool(id_ is not None and self.cache.rows([id_])[id_].guest)
        changes = self.cache.upsert([order], guest=guest)
        if changes and id_ is not None:
            self.model.refresh_rows([id_])

    # -- filters -------------------------------------------------------------------------------------
    def query(self) -> OrderQuery:
        return OrderQuery(
            payment_status=tuple(s for s, a in self.payment_actions.items() if a.isChecked()),
            shipping_status=tuple(s for s, a in self.shipping_actions.items() if a.isChecked()),
            created_from=_date_or_none(self.from_edit.date()),
            created_to=_date_or_none(self.to_edit.date()),
            q=self.search_edit.text().strip() or None,
            sort=self._sort,  # type: ignore[arg-type]
        )

    def set_filters(self, *, payment_status: tuple[str, ...] | None = None,
                    shipping_status: tuple[str, ...] | None = None, created_from: date | None = None,
                    created_to: date | None = None, q: str | None = None, sort: str | None = None,
                    preset: str | None = None) -> None:
        """Set every filter at once (None = none) and apply them once."""
        self._batch = True
        try:
            for actions, chosen in ((self.payment_actions, payment_status or ()),
                                    (self.shipping_actions, shipping_status or ())):
                for status, action in actions.items():
                    action.setChecked(status in chosen)
            if preset is not None:
                self.preset_combo.setCurrentIndex(self.preset_combo.findData(preset))
                self._preset_chosen()
            else:
                self.from_edit.setDate(_qdate(created_from))
                self.to_edit.setDate(_qdate(created_to))
            self.search_edit.setText(q or "")
            self._search_timer.stop()
            if sort is not None:
                self._sort = sort
                self._show_sort_indicator()
        finally:
            self._batch = False
        self.apply_filters()

    _batch = False

    def apply_filters(self, keep_selection: bool = True) -> list[int]:
        if self._batch:
            return []
        self._search_timer.stop()
        query = self.query()
        current = self.detail.order["ref"] if (keep_selection and self.detail.order) else None
        ids = self.cache.search(query) if self.cache is not None else []
        self.model.set_ids(ids)
        self._update_chips()
        self._update_count()
        if current is not None:
            row = self.model.row_of_ref(current)
            if row >= 0:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.filters_applied.emit(len(ids))
        return ids

    def _preset_chosen(self, *_: object) -> None:
        key = self.preset_combo.currentData()
        today = datetime.now(UTC).date()
        start: date | None
        if key == "any":
            start, end = None, None
        elif key == "year":
            start, end = date(today.year, 1, 1), None
        elif key in ("7", "30", "90"):
            start, end = today - timedelta(days=int(key) - 1), None
        else:
            return
        self._setting_dates = True
        try:
            self.from_edit.setDate(_qdate(start))
            self.to_edit.setDate(_qdate(end))
        finally:
            self._setting_dates = False
        self.apply_filters()

    _setting_dates = False

    def _dates_edited(self, *_: object) -> None:
        if self._setting_dates:
            return
        if not self._batch:
            self.preset_combo.setCurrentIndex(self.preset_combo.findData(
                "any" if self.from_edit.date() == _NO_DATE and self.to_edit.date() == _NO_DATE else "custom"))
        self.apply_filters()

    def _header_clicked(self, section: int) -> None:
        column = COLUMNS[section]
        key = SORT_KEYS.get(column)
        if key is None:
            self._show_sort_indicator()
            return
        if self._sort.lstrip("-") == key:
            self._sort = key if self._sort.startswith("-") else "-" + key
        else:
            self._sort = "-" + key
        self._show_sort_indicator()
        self.apply_filters()

    def _show_sort_indicator(self) -> None:
        column = "date" if self._sort.lstrip("-") == "created_at" else "total"
        order = Qt.SortOrder.DescendingOrder if self._sort.startswith("-") else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(COLUMNS.index(column), order)
        header.blockSignals(False)

    def _update_count(self) -> None:
        n = self.model.rowCount()
        total = self.cache.order_count() if self.cache is not None else 0
        if n == total:
            self.count_label.setText(self.tr("%n order(s)", "", n))
        else:
            self.count_label.setText(self.tr("%1 of %2 orders").replace("%1", str(n)).replace("%2", str(total)))

    def _update_chips(self) -> None:
        while self.chips_layout.count():
            item = self.chips_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        query = self.query()
        self.chips: dict[str, QToolButton] = {}
        if query.payment_status:
            self._chip("payment", self.tr("Payment: %1").replace(
                "%1", ", ".join(payment_text(s) for s in query.payment_status)), self._clear_payment)
        if query.shipping_status:
            self._chip("shipping", self.tr("Shipping: %1").replace(
                "%1", ", ".join(shipping_text(s) for s in query.shipping_status)), self._clear_shipping)
        if query.created_from or query.created_to:
            text = self.preset_combo.currentText() if self.preset_combo.currentData() not in ("custom", "any") \
                else self.tr("%1 – %2").replace("%1", query.created_from.isoformat() if query.created_from else "…") \
                .replace("%2", query.created_to.isoformat() if query.created_to else "…")
            self._chip("dates", self.tr("Date: %1").replace("%1", text), self._clear_dates)
        if query.q:
            self._chip("search", self.tr("Search: “%1”").replace("%1", query.q), lambda: self.search_edit.clear()
                       or self.apply_filters())
        if self.chips:
            self._chip("all", self.tr("Clear all"), self.clear_filters)
        self.chips_layout.addStretch(1)
        for button, actions in ((self.payment_button, self.payment_actions),
                                (self.shipping_button, self.shipping_actions)):
            n = sum(a.isChecked() for a in actions.values())
            base = button.property("baseTitle")
            button.setText(f"{base} ({n})" if n else base)

    def _chip(self, key: str, text: str, clear: Callable[[], Any]) -> None:
        chip = QToolButton()
        chip.setObjectName("filterChip")
        chip.setText(text + (" ✕" if key != "all" else ""))
        chip.setToolTip(self.tr("Clear this filter") if key != "all" else self.tr("Clear every filter"))
        chip.setAutoRaise(key == "all")
        chip.clicked.connect(lambda: clear())
        self.chips[key] = chip
        self.chips_layout.addWidget(chip)

    def _clear_payment(self) -> None:
        self.set_filters(**{**self._current_kwargs(), "payment_status": None})

    def _clear_shipping(self) -> None:
        self.set_filters(**{**self._current_kwargs(), "shipping_status": None})

    def _clear_dates(self) -> None:
        self.set_filters(**{**self._current_kwargs(), "created_from": None, "created_to": None, "preset": "any"})

    def _current_kwargs(self) -> dict[str, Any]:
        q = self.query()
        return {"payment_status": q.payment_status, "shipping_status": q.shipping_status,
                "created_from": q.created_from, "created_to": q.created_to, "q": q.q}

    def clear_filters(self) -> None:
        self.set_filters(preset="any")

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
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export orders"), str(Path.home() / "orders.csv"),
                                              self.tr("CSV files (*.csv)"))
        if not path:
            return None
        try:
            count = self.export_csv(path)
        except OSError as exc:
            errors.report_exception(exc, self)
            return None
        self.notifier.status_bar and self.notifier.status_bar.showMessage(
            self.tr("%1 orders exported to %2").replace("%1", str(count)).replace("%2", path), 8000)
        return path

    def export_csv(self, path: str | Path) -> int:
        """The filtered table (every row, in its order) as CSV; returns the number of orders written."""
        ids = self.model.ids()
        assert self.cache is not None or not ids
        with open(path, "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(["reference", "checkout", "created_at", "seller", "items", "units", "total",
                             "currency", "payment_status", "shipping_status", "tracking_carrier",
                             "tracking_number"])
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                rows = self.cache.rows(chunk) if self.cache is not None else {}
                for id_ in chunk:
                    r = rows.get(id_)
                    if r is None:
                        continue
                    writer.writerow([
                        r.ref, r.group_ref, r.created_at.isoformat().replace("+00:00", "Z"),
                        formula_guard(r.seller_name), r.item_count, r.unit_count, f"{r.total:.2f}", r.currency,
                        r.payment_status, r.shipping_status, r.tracking_carrier or "", r.tracking_number or "",
                    ])
        return len(ids)


def _date_or_none(value: QDate) -> date | None:
    return None if value == _NO_DATE or not value.isValid() else date(value.year(), value.month(), value.day())


def _qdate(value: date | None) -> QDate:
    return _NO_DATE if value is None else QDate(value.year, value.month, value.day)
