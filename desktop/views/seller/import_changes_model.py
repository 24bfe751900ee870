"""What a checked import changes, a line per field (row, SKU, the stale mark, column, on the server now →
in the file), the rows whose offer changed on the server after the file was exported marked (issue 29,
bug 5). The mark comes before the values, and long values (titles) are capped to MAX_VALUE_WIDTH with
their whole text in the tooltip, so the mark is always in view at 1280 × 800."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.models.seller.import_check import FieldChange
from desktop.views.locale.formatting import format_int
from desktop.views.window.keyboard import keyboard_view

__all__ = ["ImportChangesModel", "changes_table", "stale_note"]

_Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate
#: a stale row's background: the conflict view's amber
_STALE = QColor(255, 236, 179)
#: the widest a value column grows when the report comes (the seller may widen it)
MAX_VALUE_WIDTH = 320


def stale_note(change: FieldChange) -> str:
    """"Edited on the server after the export (version 1 → 3): importing undoes it." for a stale row."""
    if not change.stale:
        return ""
    text = translate("SellerImport", "Edited on the server after the export (version %1 → %2): importing the "
                     "file's value undoes that edit.")
    text = text.replace("%1", format_int(change.file_version or 0))
    return text.replace("%2", format_int(change.server_version or 0))


class ImportChangesModel(QAbstractTableModel):
    """The changes of one dry run (a list: an import names at most a few thousand fields in practice)."""

    COLUMNS = ("row", "sku", "note", "field", "old", "new")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FieldChange] = []
        self._views: list[QTableView] = []

    def set_rows(self, rows: Sequence[FieldChange]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
        for view in self._views:
            view.resizeColumnsToContents()
            for column in (self.COLUMNS.index("old"), self.COLUMNS.index("new")):
                view.setColumnWidth(column, min(view.columnWidth(column), MAX_VALUE_WIDTH))

    def attach(self, view: QTableView) -> None:
        self._views.append(view)

    def change(self, row: int) -> FieldChange:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        titles = (translate("SellerImport", "Row"), translate("SellerImport", "SKU"),
                  translate("SellerImport", "Note"), translate("SellerImport", "Column"),
                  translate("SellerImport", "On the server now"), translate("SellerImport", "In the file"))
        return titles[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "row":
                return format_int(c.row)
            if column == "note":
                return translate("SellerImport", "Changed on the server since the export") if c.stale else ""
            return getattr(c, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in ("old", "new"):
                return "\n\n".join(filter(None, (getattr(c, column), stale_note(c)))) or None
            return stale_note(c) or None
        if role == Qt.ItemDataRole.BackgroundRole and c.stale:
            return QBrush(_STALE)
        if role == Qt.ItemDataRole.ForegroundRole and c.stale:
            return QBrush(QColor(Qt.GlobalColor.black))  # readable on the amber in a dark theme too
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "row":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def changes_table(model: ImportChangesModel) -> QTableView:
    table = keyboard_view(QTableView())
    table.setAccessibleName(QCoreApplication.translate("ImportChangesModel", "Changes"))
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setResizeContentsPrecision(0)  # the visible rows only
    header.setStretchLastSection(True)
    model.attach(table)
    table.resizeColumnsToContents()
    return table
