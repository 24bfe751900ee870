"""The listings' rough edges a seller noticed (issue 29): a refused cell keeps the seller's text and says
why, a server refusal is said, the undo's words go once it is through, the Title column can be widened,
"abc is not a price" keeps the seller's spelling."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from desktop.models.seller import Edit, Status
from desktop.models.seller.csv_files import ReadProblem
from desktop.views.seller.import_report_model import problem_text
from desktop.views.seller.listings_model import COLUMNS, ERROR_ROLE
from tests.gui import seller_support
from tests.gui.seller_support import has, listings_page, settled, show_only
from tests.seller.support import fresh_offer, on_server

desk = seller_support.desk  # fixture


@pytest.fixture
def page(qtbot, desk):
    return listings_page(qtbot, desk)


def test_a_refused_cell_keeps_the_typed_text_and_says_why_and_what_is_kept(qtbot, page, desk):
    offer = fresh_offer(desk, stock=30)
    show_only(page, offer.sku)
    stock = page.model.index(0, COLUMNS.index("stock_units"))
    assert not page.model.setData(stock, "12.5")
    assert page.model.data(stock) == "12.5"  # not the old 30 in red with nothing said
    assert page.model.data(stock, Qt.ItemDataRole.EditRole) == "12.5"  # the editor opens on it, to fix
    tooltip = page.model.data(stock, Qt.ItemDataRole.ToolTipRole)
    assert "whole number" in tooltip and "30" in tooltip
    assert page.model.setData(stock, "31")
    assert page.model.data(stock) == "31" and page.model.data(stock, ERROR_ROLE) is None
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    assert on_server(desk, offer.id).stock_units == 31


def test_a_refusal_from_the_marketplace_is_said_on_the_status_line(qtbot, page, desk):
    offer = fresh_offer(desk)
    page.runner.queue_edits(desk.listings, [Edit(offer.id, {"title": "z" * 301})])
    qtbot.waitUntil(lambda: has(page, Status.REFUSED), timeout=10_000)
    qtbot.waitUntil(lambda: "300" in page.message.text(), timeout=5_000)
    assert offer.sku in page.message.text() and "Title" in page.message.text()


def test_the_undo_message_goes_once_the_undo_is_through(qtbot, page, desk):
    offer = fresh_offer(desk, stock=100)
    show_only(page, offer.sku)
    page.table.selectRow(0)
    dialog = page.bulk_edit()
    qtbot.addWidget(dialog)
    dialog.operation.setCurrentIndex(dialog.operation.findData("adjust_stock"))
    dialog.value.setText("-10")
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    page.undo_last()
    assert page.message.text() == "The last bulk edit is being undone."
    qtbot.waitUntil(lambda: settled(page) and page.message.text() == "", timeout=10_000)
    assert on_server(desk, offer.id).stock_units == 100


def test_the_title_column_is_wide_at_1280_and_the_seller_can_widen_it(qtbot, desk):
    page = listings_page(qtbot, desk, width=1280)
    page.resize(1280, 800)
    header = page.table.horizontalHeader()
    title = COLUMNS.index("title")
    qtbot.waitUntil(lambda: page.table.isVisible())
    assert page.table.columnWidth(title) >= 200  # was ~100 px
    assert header.sectionResizeMode(title) == QHeaderView.ResizeMode.Interactive
    before = page.table.columnWidth(title)
    header.resizeSection(COLUMNS.index("sku"), 300)  # dragging a neighbour
    assert page.table.columnWidth(title) == before  # not squeezed to ~38 px
    header.resizeSection(title, 420)
    assert page.table.columnWidth(title) == 420


def test_a_problem_that_begins_with_the_sellers_text_keeps_its_spelling(qapp):
    text = problem_text(ReadProblem(3, "unit_price", "not_a_price", "abc"), located=False)
    assert text.startswith("abc is not a price")
    assert problem_text(ReadProblem(1, None, "empty_file"), located=False).startswith("The file is empty")
