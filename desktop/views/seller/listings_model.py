"""The seller's listings table: a list of offer ids (the store's SQL search), a row cache, pending marks.

    model = ListingsTableModel(listings, runner)    # the marks read its open entries (an Outbox works too)
    model.set_ids(listings.search(query))     # a reset; rows are read when first shown
    model.refresh_rows(ids)                   # after an answer changed them: dataChanged over ranges
    model.edit_requested.connect(page.queue)  # (offer_id, field, JSON value): a valid cell edit (threshold too)

A cell shows the seller's value (the local copy with the open edits over it, in italics), the row a
mark for its pending state, a low stock in the warning colour. ``setData`` checks the server's rule for
the field, and the offer's volume prices as the edit leaves it (an MOQ or price a tier no longer fits):
a bad value is refused with the message on the cell (tooltip and ``problem`` signal) and nothing is
queued. Volume prices show as "10+ €3.10 · 100+ €2.60" and are edited as ``10:3.10|100:2.60``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.models.seller import ListingRow, ListingsStore, Mark, effective_fields, pending_marks, rules
from desktop.models.seller.edits import OpenEntries
from desktop.models.seller.fields import same, to_wire
from desktop.views.locale.formatting import format_int, format_short_date
from desktop.views.window.theme import status_colour

from .texts import conflict_text, edit_text, field_name, parse_typed, problem_text, status_text, value_text

__all__ = ["COLUMNS", "EDITABLE", "ID_ROLE", "ListingsTableModel"]

COLUMNS = ("pending", "sku", "title", "stock_units", "threshold", "unit_price", "price_tiers", "moq_units",
           "packagings", "collections", "promotion", "warehouse", "updated_at")
EDITABLE = frozenset(rules.EDITABLE_FIELDS)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ERROR_ROLE = Qt.ItemDataRole.UserRole + 2  # the cell's error message (a rule, or the server's refusal)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
_BLOCK = 64
_KEEP_ROWS = 5_000
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_NUMERIC = {"stock_units", "threshold", "unit_price", "moq_units", "promotion"}
_MARK = {"waiting": "●", "sending": "↻", "conflict": "⚠", "refused": "✖"}
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
                    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.AccessibleTextRole, ID_ROLE, ERROR_ROLE,
                    STATUS_ROLE})
#: the glyph a low stock shows before its number (not the colour alone: WCAG 1.4.1)
LOW_MARK = "▼"



class ListingsTableModel(QAbstractTableModel):
    #: a valid edit of one cell: (offer id, field, JSON value); the page queues it in the outbox
    edit_requested = Signal(int, str, object)
    #: a refused cell edit: (offer id, field, message)
    problem = Signal(int, str, str)
    #: a stock adjustment typed as a delta ("+40 received", "−12 damaged"): (offer id, delta, note)
    delta_requested = Signal(int, int, str)

    def __init__(self, listings: ListingsStore | None = None, outbox: OpenEntries | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._listings = listings
        self._outbox = outbox
        self._ids: list[int] = []
        self._rows: dict[int, ListingRow] = {}
        self._marks: dict[int, Mark] = {}
        self._cell_errors: dict[tuple[int, str], str] = {}
        #: what the seller typed into a cell the rules refused: shown (in red, explained) until fixed
        self._refused_text: dict[tuple[int, str], str] = {}
        self._cells: dict[int, list[dict[int, Any]]] = {}
        self._marks_loaded = False

    # -- content ---------------------------------------------------------------------------------------
    def set_ids(self, ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        # rows are cached by id: a filter change keeps those already read (they change only through
        # refresh_rows); the cache is dropped when it grows past a few screens' worth
        if len(self._rows) > _KEEP_ROWS:
            self._rows, self._cells = {}, {}
        if not self._marks_loaded:  # afterwards the marks follow the outbox (refresh_rows)
            self._reload_marks()
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, offer_id: int) -> int:
        try:
            return self._ids.index(offer_id)
        except ValueError:
            return -1

    def _reload_marks(self) -> None:
        self._marks_loaded = True
        try:
            self._marks = pending_marks(self._outbox) if self._outbox is not None else {}
        except Exception:
            self._marks = {}

    def refresh_rows(self, ids: Iterable[int] | None = None) -> None:
        """Rows changed (an answer, a queued edit): re-read them and their marks; dataChanged per range."""
        before = dict(self._marks)
        self._reload_marks()
        wanted = set(ids) if ids is not None else set(before) | set(self._marks)
        for id_ in wanted:
            self._rows.pop(id_, None)
            self._cells.pop(id_, None)
        positions = sorted(i for i, id_ in enumerate(self._ids) if id_ in wanted)
        last = len(COLUMNS) - 1
        start = prev = None
        for pos in [*positions, None]:
            if pos is not None and prev is not None and pos == prev + 1:
                prev = pos
                continue
            if start is not None:
                self.dataChanged.emit(self.index(start, 0), self.index(prev, last))
            start = prev = pos

    def row_at(self, row: int) -> ListingRow | None:
        if not 0 <= row < len(self._ids):
            return None
        id_ = self._ids[row]
        found = self._rows.get(id_)
        if found is None and self._listings is not None:
            block = self._ids[max(0, row - _BLOCK // 4): row + _BLOCK]
            try:
                self._rows.update(self._listings.rows([i for i in block if i not in self._rows]))
            except Exception:  # a closed store: blanks, never an exception in data()
                return None
            found = self._rows.get(id_)
        return found

    def mark(self, offer_id: int) -> Mark | None:
        return self._marks.get(offer_id)

    def shown_fields(self, row: int) -> dict[str, Any] | None:
        found = self.row_at(row)
        return effective_fields(found, self._marks.get(found.id)) if found else None

    def cell_error(self, offer_id: int, name: str) -> str | None:
        local = self._cell_errors.get((offer_id, name))
        if local:
            return local
        mark = self._marks.get(offer_id)
        return mark.errors.get(name) if mark else None

    # -- Qt --------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        name = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if name == "pending" else field_name(name)
        if role == Qt.ItemDataRole.ToolTipRole and name == "pending":
            return field_name("pending")
        if role == Qt.ItemDataRole.TextAlignmentRole and name in _NUMERIC:
            return _RIGHT
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()] == "threshold":
            flags |= Qt.ItemFlag.ItemIsEditable
        elif COLUMNS[index.column()] in EDITABLE:
            mark = self._marks.get(self.id_at(index.row()) or -1)
            if mark is None or not mark.deleting:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # a paint asks each cell for ~10 roles: the cached row first, the rest only on a miss
        if role not in _ROLES:
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._ids) or not 0 <= column < len(COLUMNS):
            return None
        cells = self._cells.get(self._ids[row]) or self._cells_at(row)
        return None if cells is None else cells[column].get(role)

    def _cells_at(self, row_number: int) -> list[dict[int, Any]] | None:
        """Every cell of the row, all roles, computed once per row (a paint asks ~6 roles per cell)."""
        id_ = self.id_at(row_number)
        if id_ is None:
            return None
        cells = self._cells.get(id_)
        if cells is None:
            row = self.row_at(row_number)
            if row is None:
                return None
            mark = self._marks.get(row.id)
            shown = effective_fields(row, mark)  # once per row, not per cell
            cells = self._cells[id_] = [self._cell(row, name, mark, shown) for name in COLUMNS]
        return cells

    def _cell(self, row: ListingRow, name: str, mark: Mark | None, shown: dict[str, Any]) -> dict[int, Any]:
        low = shown["stock_units"] <= row.threshold
        roles: dict[int, Any] = {ID_ROLE: row.id, STATUS_ROLE: mark.status if mark else None}
        error = self.cell_error(row.id, name) if name in EDITABLE else None
        if error and mark is not None and mark.status == "conflict" and (row.id, name) not in self._cell_errors:
            error = conflict_text([name])
        roles[ERROR_ROLE] = error
        pending = mark is not None and (name in mark.fields or (name == "stock_units" and bool(mark.stock_delta)))
        roles[Qt.ItemDataRole.DisplayRole] = self._display(row, mark, name, shown, edit=False)
        if name == "threshold":
            roles[Qt.ItemDataRole.EditRole] = str(row.threshold)
        elif name in EDITABLE:
            roles[Qt.ItemDataRole.EditRole] = self._display(row, mark, name, shown, edit=True)
        typed = self._refused_text.get((row.id, name))
        tooltip = error
        if typed is not None and error:  # the seller's text stays, to fix; the value it would replace said
            roles[Qt.ItemDataRole.DisplayRole] = roles[Qt.ItemDataRole.EditRole] = typed
            tooltip = QCoreApplication.translate("ListingsTableModel", "%1 (still %2: nothing was changed)").replace(
                "%1", error).replace("%2", self._display(row, mark, name, shown, edit=False) or "—")
        if not tooltip and name == "pending" and mark is not None:
            text = status_text(mark.status)
            message = conflict_text() if mark.status == "conflict" else mark.message
            tooltip = f"{text}: {message}" if message else text
        elif not tooltip and name == "stock_units" and low:
            tooltip = QCoreApplication.translate("ListingsTableModel", "Low stock: at or below %1").replace(
                "%1", format_int(row.threshold))
        elif not tooltip and name in ("title", "price_tiers", "packagings", "collections", "promotion"):
            tooltip = roles[Qt.ItemDataRole.DisplayRole] or None  # columns often too narrow for it all
        roles[Qt.ItemDataRole.ToolTipRole] = tooltip
        if name == "stock_units" and low and typed is None:  # said by a glyph and in words, not by colour only
            number = roles[Qt.ItemDataRole.DisplayRole]
            roles[Qt.ItemDataRole.DisplayRole] = f"{LOW_MARK} {number}"
            roles[Qt.ItemDataRole.AccessibleTextRole] = QCoreApplication.translate(
                "ListingsTableModel", "%1, low stock").replace("%1", number)
        elif name == "pending" and mark is not None:  # the glyph's meaning, for a screen reader
            roles[Qt.ItemDataRole.AccessibleTextRole] = (QCoreApplication.translate("ListingsTableModel", "Deleting")
                                                         if mark.deleting else status_text(mark.status))
        if name in _NUMERIC:
            roles[Qt.ItemDataRole.TextAlignmentRole] = _RIGHT
        if error or (name == "pending" and mark is not None and mark.status in ("conflict", "refused")):
            roles[Qt.ItemDataRole.ForegroundRole] = QBrush(status_colour("error"))
        elif name == "stock_units" and low:
            roles[Qt.ItemDataRole.ForegroundRole] = QBrush(status_colour("warning"))
        if pending or (name == "stock_units" and low):
            font = QFont()
            font.setItalic(bool(pending))
            font.setBold(name == "stock_units" and low)
            roles[Qt.ItemDataRole.FontRole] = font
        if error:
            roles[Qt.ItemDataRole.BackgroundRole] = QBrush(QColor(197, 48, 48, 40))
        return roles

    def _display(self, row: ListingRow, mark: Mark | None, name: str, shown: dict[str, Any], *, edit: bool) -> str:
        if name == "pending":
            return "" if mark is None else ("🗑" if mark.deleting else _MARK.get(mark.status, ""))
        if name == "warehouse":
            return row.warehouse_label
        if name == "updated_at":
            return format_short_date(row.updated_at)
        if name == "threshold":
            return format_int(row.threshold)
        value = shown.get(name)
        return edit_text(name, value) if edit else value_text(name, value)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        name = COLUMNS[index.column()]
        row = self.row_at(index.row())
        if row is not None and name == "threshold":
            return self._set_threshold(index, row, str(value))
        if row is None or name not in EDITABLE:
            return False
        key = (row.id, name)
        delta = rules.parse_delta(str(value)) if name == "stock_units" else None
        if delta is not None:
            return self._set_delta(index, row, *delta, typed=str(value))
        try:
            parsed = to_wire(name, parse_typed(name, str(value)))
        except rules.RuleError as exc:
            return self._refuse(index, row, name, exc.problem, str(value))
        shown = effective_fields(row, self._marks.get(row.id))
        after = rules.check_after(shown, {name: parsed})
        if name in after:  # an MOQ or a price that the offer's volume prices no longer fit
            return self._refuse(index, row, name, after[name], str(value))
        self._cell_errors.pop(key, None)
        self._refused_text.pop(key, None)
        self._cells.pop(row.id, None)
        unchanged = same(name, shown.get(name), parsed) or str(value).strip() == edit_text(name, shown.get(name))
        if not unchanged:  # Enter on an unchanged cell sends nothing
            self.edit_requested.emit(row.id, name, parsed)
        self.dataChanged.emit(index, index)
        return True

    def _refuse(self, index: QModelIndex | QPersistentModelIndex, row: ListingRow, name: str,
                problem: rules.Problem, typed: str | None = None) -> bool:
        """A cell edit breaking a rule: the message on the cell, the seller's text kept in it (to fix),
        nothing queued."""
        message = problem_text(problem)
        self._cell_errors[(row.id, name)] = message
        if typed is not None:
            self._refused_text[(row.id, name)] = typed
        self._cells.pop(row.id, None)
        self.dataChanged.emit(index, index)
        self.problem.emit(row.id, name, message)
        return False

    def _set_delta(self, index: QModelIndex | QPersistentModelIndex, row: ListingRow, units: int, note: str, *,
                   typed: str) -> bool:
        shown = effective_fields(row, self._marks.get(row.id))["stock_units"]
        key = (row.id, "stock_units")
        problem = rules.check_delta(shown, units)
        if problem is not None:
            return self._refuse(index, row, "stock_units", problem, typed)
        self._cell_errors.pop(key, None)
        self._refused_text.pop(key, None)
        self._cells.pop(row.id, None)
        self.delta_requested.emit(row.id, units, note)
        self.dataChanged.emit(index, index)
        return True

    def _set_threshold(self, index: QModelIndex | QPersistentModelIndex, row: ListingRow, text: str) -> bool:
        """The offer's own low-stock threshold (empty: the default again): an edit like the others (the
        page hands it on; ``cell_edit`` keeps it locally, never sent), then the whole row repaints."""
        try:
            units = rules.parse_cell("stock_units", text) if text.strip() else None
        except rules.RuleError as exc:
            self.problem.emit(row.id, "threshold", problem_text(exc.problem))
            return False
        self.edit_requested.emit(row.id, "threshold", units)
        self._rows.pop(row.id, None)
        self._cells.pop(row.id, None)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(COLUMNS) - 1))
        return True
