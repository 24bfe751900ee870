"""The fulfilment table's model: the buyer's orders model with the outbox's marks on the shipping cell —
a write still waiting shows the status it asks for ("Shipped — pending", "… sending…"), a refused one
the server's message.

    model = FulfilmentModel(parent=page)
    model.set_pending(outbox.open_by_target(ORDER_KINDS))   # after every change of the outbox
    model.effective_status(row)                              # what the order will be once sent
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from desktop.models.orders_cache import OrderRow
from desktop.models.seller import Entry, Status, fulfilment

from ..order_display.orders_model import COLUMNS, OrdersTableModel, shipping_text
from ..window.theme import status_colour

__all__ = ["ORDER_KINDS", "FulfilmentModel"]

ORDER_KINDS = (fulfilment.KIND_SHIPPING, fulfilment.KIND_CANCEL)
_SHIPPING = COLUMNS.index("shipping")



class FulfilmentModel(OrdersTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(None, parent)
        self.pending: dict[str, list[Entry]] = {}

    def set_pending(self, pending: dict[str, list[Entry]]) -> None:
        self.pending = pending
        if self.rowCount():
            self.dataChanged.emit(self.index(0, _SHIPPING), self.index(self.rowCount() - 1, _SHIPPING))

    def effective_status(self, row: OrderRow) -> str:
        """The order's shipping status once its queued writes are sent."""
        return fulfilment.queued_status(self.pending.get(row.ref, ())) or row.shipping_status

    def refusal(self, ref: str) -> Entry | None:
        return next((e for e in self.pending.get(ref, ()) if e.status in (Status.REFUSED, Status.CONFLICT)), None)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == _SHIPPING and (row := self.row_at(index.row())) is not None \
                and (entries := self.pending.get(row.ref)):
            marked = self._mark(row, entries, role)
            if marked is not None:
                return marked
        return super().data(index, role)

    def _mark(self, row: OrderRow, entries: list[Entry], role: int) -> Any:
        queued = fulfilment.queued_status(entries)
        refused = self.refusal(row.ref)
        if role == Qt.ItemDataRole.DisplayRole:
            if queued is not None:
                sending = any(e.status == Status.SENDING for e in entries)
                text = QCoreApplication.translate("FulfilmentModel", "%1 — sending…") if sending else \
                    QCoreApplication.translate("FulfilmentModel", "%1 — pending")
                return text.replace("%1", shipping_text(queued))
            if refused is not None:
                return "⚠ " + shipping_text(row.shipping_status)
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole and refused is not None and queued is None:
            return QCoreApplication.translate("FulfilmentModel", "%1, refused by the marketplace").replace(
                "%1", shipping_text(row.shipping_status))  # the glyph and the red, in words
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = []
            if queued is not None:
                lines.append(QCoreApplication.translate(
                    "FulfilmentModel", "Waiting to be sent to the marketplace (see Pending changes)."))
            if refused is not None:
                lines.append(QCoreApplication.translate("FulfilmentModel", "Refused by the marketplace: %1").replace(
                    "%1", refused.message or ""))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(status_colour("error" if refused is not None and queued is None else "warning"))
        if role == Qt.ItemDataRole.FontRole and queued is not None:
            font = QFont()
            font.setItalic(True)
            return font
        return None
