"""How an offer table is laid out (the catalog's, a seller profile's): rows of two lines, default column
widths, the title stretching, and the columns that give way on a narrow window.

A table too narrow for every column would squeeze the title, the one column a buyer reads first, to a
sliver behind a horizontal scroll bar (a 1280-pixel window with the detail pane open). ``FitColumns``
hides Promotion, then Ships from, then MOQ while the title would get under ``MIN_TITLE`` pixels, and shows
them again as soon as there is room; the detail pane shows all three for the selected offer.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from .offer_table_model import Column

__all__ = ["MIN_TITLE", "FitColumns", "setup_offer_table"]

#: the least width (px) the title column keeps before optional columns give way
MIN_TITLE = 200
#: the columns that give way, the first first
OPTIONAL = (Column.PROMOTION, Column.COUNTRY, Column.MOQ)


def setup_offer_table(table: QTableView) -> FitColumns:
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(True)  # titles on two lines, the second elided
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(38)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(24)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    for column, width in enumerate(Column.WIDTHS):
        table.setColumnWidth(column, width)
    header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(Column.THUMBNAIL, QHeaderView.ResizeMode.Fixed)
    return FitColumns(table)


class FitColumns(QObject):
    """Keeps the title at least ``MIN_TITLE`` wide by hiding optional columns (see the module's doc)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _width(self, column: int) -> int:
        header = self.table.horizontalHeader()
        return Column.WIDTHS[column] if header.isSectionHidden(column) else header.sectionSize(column)

    def fit(self) -> None:
        room = self.table.viewport().width() - sum(
            self._width(c) for c in range(Column.COUNT) if c != Column.TITLE)
        hidden = set()
        for column in OPTIONAL:
            if room >= MIN_TITLE:
                break
            room += self._width(column)
            hidden.add(column)
        for column in OPTIONAL:
            if self.table.isColumnHidden(column) != (column in hidden):
                self.table.setColumnHidden(column, column in hidden)

    def hidden(self) -> list[int]:
        return [c for c in OPTIONAL if self.table.isColumnHidden(c)]
