"""The orders table model: a list of order ids (from the cache's SQL search) and a row cache.

    model = OrdersTableModel(cache)
    model.set_ids(cache.search(query))     # a reset; rows are read from SQLite when first shown
    model.refresh_rows(ids)                # after a sync changed them: dataChanged, no reset

``data()`` never raises and never touches the network: an id whose row is gone shows blanks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.models.orders_cache import OrderRow, OrdersCache
from desktop.views.locale.formatting import format_int, format_money, format_short_date
from desktop.views.window.keyboard import keyboard_view

__all__ = ["COLUMNS", "OrdersTableModel", "orders_table", "payment_text", "shipping_text"]

COLUMNS = ("ref", "date", "seller", "items", "total", "payment", "shipping", "tracking")
#: columns the user can sort by (in SQL), and the sort each gives
SORT_KEYS = {"date": "created_at", "total": "total"}
_BLOCK = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1
REF_ROLE = Qt.ItemDataRole.UserRole + 2


def payment_text(status: str | None) -> str:
    return {
        "pending": QCoreApplication.translate("OrdersTableModel", "Pending"),
        "paid": QCoreApplication.translate("OrdersTableModel", "Paid"),
        "failed": QCoreApplication.translate("OrdersTableModel", "Failed"),
        "refunded": QCoreApplication.translate("OrdersTableModel", "Refunded"),
    }.get(status or "", status or "")


def shipping_text(status: str | None) -> str:
    return {
        "awaiting_preparation": QCoreApplication.translate("OrdersTableModel", "Awaiting preparation"),
        "preparing": QCoreApplication.translate("OrdersTableModel", "Preparing"),
        "shipped": QCoreApplication.translate("OrdersTableModel", "Shipped"),
        "delivered": QCoreApplication.translate("OrdersTableModel", "Delivered"),
        "cancelled": QCoreApplication.translate("OrdersTableModel", "Cancelled"),
    }.get(status or "", status or "")


#: the roles data() answers
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
                    ID_ROLE, REF_ROLE})


class OrdersTableModel(QAbstractTableModel):
    def __init__(self, cache: OrdersCache | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache = cache
        self._ids: list[int] = []
        self._rows: dict[int, OrderRow] = {}

    # -- content -------------------------------------------------------------------------------------
    def set_cache(self, cache: OrdersCache | None) -> None:
        self.beginResetModel()
        self._cache = cache
        self._ids = []
        self._rows = {}
        self.endResetModel()

    def set_ids(self, ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._rows = {}
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def refresh_rows(self, ids: Iterable[int]) -> None:
        wanted = set(ids)
        positions = [i for i, id_ in enumerate(self._ids) if id_ in wanted]
        for id_ in wanted:
            self._rows.pop(id_, None)
        for pos in positions:
            self.dataChanged.emit(self.index(pos, 0), self.index(pos, len(COLUMNS) - 1))

    def row_at(self, row: int) -> OrderRow | None:
        if not 0 <= row < len(self._ids):
            return None
        id_ = self._ids[row]
        found = self._rows.get(id_)
        if found is None and self._cache is not None:
            block = self._ids[max(0, row - _BLOCK // 4): row + _BLOCK]
            missing = [i for i in block if i not in self._rows]
            try:
                self._rows.update(self._cache.rows(missing))
            except Exception:  # a closed cache or a locked file: blanks, never an exception in data()
                return None
            found = self._rows.get(id_)
        return found

    def row_of_ref(self, ref: str) -> int:
        if self._cache is None:
            return -1
        id_ = self._cache.id_of(ref)
        try:
            return self._ids.index(id_) if id_ is not None else -1
        except ValueError:
            return -1

    # -- Qt ------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "ref": QCoreApplication.translate("OrdersTableModel", "Reference"),
                "date": QCoreApplication.translate("OrdersTableModel", "Date"),
                "seller": QCoreApplication.translate("OrdersTableModel", "Seller"),
                "items": QCoreApplication.translate("OrdersTableModel", "Items"),
                "total": QCoreApplication.translate("OrdersTableModel", "Total"),
                "payment": QCoreApplication.translate("OrdersTableModel", "Payment"),
                "shipping": QCoreApplication.translate("OrdersTableModel", "Shipping"),
                "tracking": QCoreApplication.translate("OrdersTableModel", "Tracking"),
            }[COLUMNS[section]]
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section] in ("items", "total"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:  # most of the roles a paint asks for: no row lookup for them
            return None
        if not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "items":
                return row.first_title
            if column == "ref":
                return QCoreApplication.translate("OrdersTableModel", "Checkout %1").replace("%1", row.group_ref)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("items", "total"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return row.id
        if role == REF_ROLE:
            return row.ref
        return None

    def _display(self, row: OrderRow, column: str) -> str:
        if column == "ref":
            return row.ref
        if column == "date":
            return format_short_date(row.created_at)
        if column == "seller":
            return row.seller_name
        if column == "items":
            return format_int(row.item_count)
        if column == "total":
            return format_money(row.total, row.currency)
        if column == "payment":
            return payment_text(row.payment_status)
        if column == "shipping":
            return shipping_text(row.shipping_status)
        if column == "tracking":
            return row.tracking_number or ""
        return ""


_WIDTHS = {"ref": 116, "date": 80, "seller": 160, "items": 48, "total": 124, "payment": 80, "shipping": 140,
           "tracking": 104}


def orders_table(model: OrdersTableModel) -> QTableView:
    """The Orders page's table over ``model``: whole rows, one at a time; sorted by a header click (the
    page runs the sort in SQL), the seller column stretching."""
    table = keyboard_view(QTableView())
    table.setObjectName("ordersTable")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    header = table.horizontalHeader()
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setHighlightSections(False)
    for i, name in enumerate(COLUMNS):
        table.setColumnWidth(i, _WIDTHS[name])
    header.setSectionResizeMode(COLUMNS.index("seller"), QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(44)
    return table
