"""The category tree with offer counts: a small QAbstractItemModel over ``cache.categories()``.

The first row is "All categories" (no filter); the server's categories hang below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.views.locale.formatting import format_int

if TYPE_CHECKING:
    from desktop.models.catalog_cache import Category

__all__ = ["CATEGORY_ID_ROLE", "CategoryTreeModel"]

CATEGORY_ID_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


class _Node:
    __slots__ = ("category_id", "children", "count", "name", "parent", "row")

    def __init__(self, category_id: int | None, name: str, count: int, parent: _Node | None) -> None:
        self.category_id = category_id
        self.name = name
        self.count = count
        self.parent = parent
        self.children: list[_Node] = []
        self.row = 0


class CategoryTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = _Node(None, "", 0, None)

    def set_categories(self, categories: Sequence[Category]) -> None:
        """``categories``: objects with id, name, parent_id, offer_count (the cache's Category)."""
        self.beginResetModel()
        self._root = _Node(None, "", 0, None)
        nodes = {c.id: _Node(c.id, c.name, int(c.offer_count or 0), None) for c in categories}
        total = sum(int(c.offer_count or 0) for c in categories if c.parent_id not in nodes)
        everything = _Node(None, self.tr("All categories"), total, self._root)
        self._root.children.append(everything)
        for c in sorted(categories, key=lambda c: c.name.casefold()):
            node = nodes[c.id]
            parent = nodes.get(c.parent_id, everything) if c.parent_id is not None else everything
            if parent is node:
                parent = everything
            node.parent = parent
            parent.children.append(node)
        _number(self._root)
        self.endResetModel()

    def index_of(self, category_id: int | None) -> QModelIndex:
        """The index of a category (None: "All categories"); invalid when unknown."""
        stack = list(self._root.children)
        while stack:
            node = stack.pop()
            if node.category_id == category_id:
                return self.createIndex(node.row, 0, node)
            stack.extend(node.children)
        return QModelIndex()

    # -- Qt model ----------------------------------------------------------------------------------
    def _node(self, index: _Index) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        node = self._node(parent)
        if not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node: _Node = index.internalPointer()
        parent = node.parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 2

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._node(index).children:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Category"), self.tr("Offers"))[section] if 0 <= section < 2 else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return node.name if column == 0 else format_int(node.count)
        if role == CATEGORY_ID_ROLE:
            return node.category_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("%1: %2 offers").replace("%1", node.name).replace("%2", format_int(node.count))
        return None


def _number(node: _Node) -> None:
    for row, child in enumerate(node.children):
        child.row = row
        _number(child)
