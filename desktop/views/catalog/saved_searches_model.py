"""The saved searches list's model: one row per saved search of the account, "Paper Iberia · 3 new".

A small list (a user keeps a handful): it holds the `SavedSearch` records read from the store, and is
reset when they are read again (after a save, a rename, a sync's evaluation, an opening).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.models.saved_searches import SavedSearch

__all__ = ["ALERTS_ROLE", "NEW_COUNT_ROLE", "SEARCH_ID_ROLE", "SavedSearchesModel"]

SEARCH_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NEW_COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
ALERTS_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


class SavedSearchesModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._searches: list[SavedSearch] = []
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def searches(self) -> list[SavedSearch]:
        return list(self._searches)

    def set_searches(self, searches: Sequence[SavedSearch]) -> None:
        self.beginResetModel()
        self._searches = list(searches)
        self.endResetModel()

    def row_of(self, search_id: int) -> int | None:
        return next((n for n, s in enumerate(self._searches) if s.id == search_id), None)

    def search_at(self, row: int) -> SavedSearch | None:
        return self._searches[row] if 0 <= row < len(self._searches) else None

    def new_text(self, n: int) -> str:
        """"3 new" (plural forms through Qt's %n)."""
        return self.tr("%Ln new", "", n)

    # -- Qt model ----------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._searches)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        search = self.search_at(index.row()) if index.isValid() and not index.parent().isValid() else None
        if search is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{search.name} · {self.new_text(search.new_count)}" if search.new_count else search.name
        if role == Qt.ItemDataRole.ToolTipRole:
            alerts = self.tr("Alerts on") if search.alerts else self.tr("Alerts off")
            return f"{search.name}\n{alerts}"
        if role == Qt.ItemDataRole.FontRole and search.new_count:
            return self._bold
        if role == SEARCH_ID_ROLE:
            return search.id
        if role == NEW_COUNT_ROLE:
            return search.new_count
        if role == ALERTS_ROLE:
            return search.alerts
        return None
