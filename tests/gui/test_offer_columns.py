"""An offer table on a narrow window keeps its title readable: Promotion, then Ships from, then MOQ give
way while the title would be under 200 px, and come back when the window widens."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from desktop.views.catalog.offer_columns import MIN_TITLE, setup_offer_table
from desktop.views.catalog.offer_table_model import Column


def test_optional_columns_give_way_to_the_title_and_come_back(qtbot):
    model = QStandardItemModel(30, Column.COUNT)
    for row in range(30):
        model.setItem(row, Column.TITLE, QStandardItem(f"Pallet of 480 alkaline batteries, lot {row}"))
    table = QTableView()
    table.setModel(model)
    fit = setup_offer_table(table)
    qtbot.addWidget(table)
    table.show()
    seen = {}
    for width in (1200, 760, 660, 560, 1200):
        table.resize(width, 500)
        qtbot.waitUntil(lambda width=width: table.viewport().width() <= width)
        qtbot.wait(10)
        title = table.columnWidth(Column.TITLE)
        seen[width] = fit.hidden()
        assert title >= MIN_TITLE or fit.hidden() == [Column.PROMOTION, Column.COUNTRY, Column.MOQ], (width, title)
    assert seen[1200] == []  # wide: every column, back again after the narrow ones
    assert seen[760] in ([Column.PROMOTION], [])
    assert Column.PROMOTION in seen[660] and Column.COUNTRY in seen[560]
    assert not table.isColumnHidden(Column.SELLER) and not table.isColumnHidden(Column.PRICE)
