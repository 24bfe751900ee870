"""Bulk edit of a selection (or a pasted block): choose the operation, see every change, then apply.

    dialog = BulkEditDialog(targets, parent)          # targets: models.seller.Target per selected offer
    dialog.applied.connect(lambda edits, group: runner.apply(ListingEdits(listings, edits, group_id=group)))

The preview lists each offer's field: before, after, or the rule it breaks (those are left out when
applying). Apply queues the rest as one group in the outbox: the page's "Undo last bulk edit" queues
its inverse.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.seller import BulkOp, Change, Target, edits_of, new_group, preview
from desktop.views.locale.formatting import format_int
from desktop.views.window.keyboard import keyboard_view

from .texts import collection_text, field_name, problem_text, value_text

__all__ = ["BulkEditDialog"]


class BulkEditDialog(QDialog):
    #: (edits, group id): the seller applied the preview
    applied = Signal(list, str)

    def __init__(self, targets: list[Target], parent: QWidget | None = None, *,
                 changes: list[Change] | None = None, title: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Bulk edit"))
        self.targets = targets
        self.changes: list[Change] = list(changes or [])
        self._fixed = changes is not None  # a paste: the changes are given, no operation to choose
        layout = QVBoxLayout(self)
        if not self._fixed:
            form = QFormLayout()
            self.operation = QComboBox()
            for kind, text in (("set_stock", self.tr("Set stock to")), ("adjust_stock", self.tr("Adjust stock by ±")),
                               ("set_price", self.tr("Set price to")), ("price_percent", self.tr("Change price by %")),
                               ("start_promotion", self.tr("Start a promotion (%)")),
                               ("end_promotion", self.tr("End the promotion")),
                               ("add_collection", self.tr("Add to collection")),
                               ("remove_collection", self.tr("Remove from collection"))):
                self.operation.addItem(text, kind)
            self.value = QLineEdit(placeholderText=self.tr("e.g. 40, -12, 9.90 or -10"))
            self.value.setAccessibleName(self.tr("Value"))  # its form row holds a layout: no buddy
            self.collection = QComboBox()
            for name in ("weekly", "surplus"):
                self.collection.addItem(collection_text(name), name)
            self.ends = QDateEdit(QDate.currentDate().addDays(14), calendarPopup=True)
            row = QHBoxLayout()
            row.addWidget(self.value, 1)
            row.addWidget(self.collection)
            row.addWidget(self.ends)
            form.addRow(self.tr("&Operation"), self.operation)
            form.addRow(self.tr("Value"), row)
            layout.addWidget(QLabel(self.tr("%Ln offer(s) selected", "", len(targets))))
            layout.addLayout(form)
            self.operation.currentIndexChanged.connect(self._operation_changed)
            self.value.textChanged.connect(self.update_preview)
            self.collection.currentIndexChanged.connect(self.update_preview)
            self.ends.dateChanged.connect(self.update_preview)
        self.table = keyboard_view(QTableWidget(0, 4))
        self.table.setAccessibleName(self.tr("Preview"))
        self.table.setHorizontalHeaderLabels([self.tr("Offer"), self.tr("Field"), self.tr("Before"), self.tr("After")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.summary = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton(self.tr("&Apply"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(720, 480)
        if self._fixed:
            self._show(self.changes)
        else:
            self._operation_changed()

    def _operation_changed(self) -> None:
        kind = self.operation.currentData()
        self.value.setVisible(kind not in ("end_promotion", "add_collection", "remove_collection"))
        self.collection.setVisible(kind in ("add_collection", "remove_collection"))
        self.ends.setVisible(kind == "start_promotion")
        self.update_preview()

    def op(self) -> BulkOp | None:
        """The operation as the form has it (None while its value cannot be read)."""
        kind = self.operation.currentData()
        text = self.value.text().strip().replace(",", ".").replace("−", "-").replace("%", "")
        if kind in ("add_collection", "remove_collection"):
            return BulkOp(kind, self.collection.currentData())
        if kind == "end_promotion":
            return BulkOp(kind)
        try:
            if kind in ("set_stock", "adjust_stock", "start_promotion"):
                value: object = int(text)
            else:
                value = Decimal(text)
        except (ValueError, InvalidOperation):
            return None
        if kind == "start_promotion":
            ends = datetime.combine(self.ends.date().toPython(), time(23, 59), tzinfo=UTC)
            return BulkOp(kind, value, ends)
        return BulkOp(kind, value)

    def update_preview(self) -> None:
        op = self.op()
        self.changes = preview(op, self.targets) if op is not None else []
        self._show(self.changes)

    def _show(self, changes: list[Change]) -> None:
        self.table.setRowCount(len(changes))
        for row, change in enumerate(changes):
            after = problem_text(change.refusal) if change.refusal else value_text(change.field, change.after)
            if change.stock_delta is not None and not change.refusal:
                after += f"  ({change.stock_delta:+d})"
            cells = (change.sku, field_name(change.field), value_text(change.field, change.before), after)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if change.refusal and column == 3:
                    item.setForeground(QBrush(QColor("#c53030")))
                    item.setToolTip(text)
                self.table.setItem(row, column, item)
        ok = sum(1 for c in changes if c.refusal is None)
        refused = len(changes) - ok
        text = self.tr("%Ln change(s)", "", ok)
        if refused:
            text += " · " + self.tr("%1 refused (left out)").replace("%1", format_int(refused))
        if not changes:
            text = self.tr("Nothing would change.")
        self.summary.setText(text)
        self.apply_button.setEnabled(ok > 0)

    def apply(self) -> None:
        edits = edits_of(self.changes)
        if edits:
            self.applied.emit(edits, new_group())
        self.accept()


