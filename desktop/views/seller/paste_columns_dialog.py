"""A pasted block whose columns are not known for sure: the seller says which column is which, over a
preview of its first rows, before any change is previewed (nothing is guessed from the table's order).

    dialog = PasteColumnsDialog(block, fields, parent)   # block: models.seller.paste.PasteBlock
    dialog.chosen.connect(lambda columns: ...)           # a field (or None: left out) per column
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.seller.paste import PasteBlock
from desktop.views.locale.formatting import format_int
from desktop.views.window.keyboard import keyboard_view

from .texts import field_name

__all__ = ["PasteColumnsDialog"]

PREVIEW_ROWS = 8


class PasteColumnsDialog(QDialog):
    #: the seller's answer: the field of each column (None: left out)
    chosen = Signal(list)

    def __init__(self, block: PasteBlock, fields: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Which column is which?"))
        self.block = block
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The pasted cells have no header row the app knows. Choose what each column "
                               "holds; nothing is changed before the next preview."), wordWrap=True)
        layout.addWidget(intro)
        shown = block.rows[:PREVIEW_ROWS]
        self.table = keyboard_view(QTableWidget(len(shown), block.width))
        self.table.setAccessibleName(self.tr("Pasted cells"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        if block.titles:  # a header row the app only partly knows: its names above the choices
            self.table.setHorizontalHeaderLabels(block.titles)
        else:
            self.table.horizontalHeader().hide()
        self.combos: list[QComboBox] = []
        for column in range(block.width):
            combo = QComboBox()
            combo.addItem(self.tr("— Leave out —"), None)
            for name in fields:
                combo.addItem(field_name(name), name)
            known = block.columns[column] if column < len(block.columns) else None
            combo.setCurrentIndex(max(0, combo.findData(known)) if known else 0)
            combo.currentIndexChanged.connect(self._check)
            self.combos.append(combo)
        for row, cells in enumerate(shown):
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(cell))
        # the choices above their columns: a header row of combo boxes
        self.table.insertRow(0)
        for column, combo in enumerate(self.combos):
            self.table.setCellWidget(0, column, combo)
        self.table.resizeColumnsToContents()
        for column, combo in enumerate(self.combos):
            self.table.setColumnWidth(column, max(self.table.columnWidth(column), combo.sizeHint().width()))
        layout.addWidget(self.table, 1)
        if len(block.rows) > PREVIEW_ROWS:
            layout.addWidget(QLabel(self.tr("The first rows of %1 pasted.").replace("%1", format_int(len(block.rows)))))
        self.hint = QLabel(wordWrap=True)
        self.hint.setObjectName("sellerMessage")
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Preview the changes"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(760, 420)
        self._check()

    def columns(self) -> list[str | None]:
        return [combo.currentData() for combo in self.combos]

    def choose(self, column: int, name: str | None) -> None:
        """Set one column's field (as the seller's pick in its box)."""
        self.combos[column].setCurrentIndex(self.combos[column].findData(name) if name else 0)

    def _check(self) -> None:
        chosen = [c for c in self.columns() if c]
        if chosen.count("sku") != 1:
            problem = self.tr("Choose the one column that holds the SKUs.")
        elif len(set(chosen)) != len(chosen):
            problem = self.tr("Each field can come from one column only.")
        elif len(chosen) < 2:
            problem = self.tr("Choose at least one column to change besides the SKU.")
        else:
            problem = ""
        self.hint.setText(problem)
        self.ok_button.setEnabled(not problem)

    def _accept(self) -> None:
        if not self.ok_button.isEnabled():
            return
        self.chosen.emit(self.columns())
        self.accept()
