"""My listings in French at 1280 × 800 (issue 29): no header is clipped ("Conditionnements"), a promotion
("−40 % jusqu'au 31/12/2026") fits its column, and the search's hint is read whole."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.views.seller.listings_model import COLUMNS
from desktop.views.seller.texts import value_text
from tests.gui import seller_support
from tests.gui.seller_support import listings_page

desk = seller_support.desk  # fixture


def test_french_headers_promotions_and_search_hint_fit(qtbot, french, desk):
    page = listings_page(qtbot, desk, width=1280 - 170)  # the window less the navigation pane
    header = page.table.horizontalHeader()
    metrics = header.fontMetrics()
    clipped = {page.model.headerData(c, Qt.Orientation.Horizontal): page.table.columnWidth(c)
               for c in range(len(COLUMNS)) if c != COLUMNS.index("title")
               and metrics.horizontalAdvance(page.model.headerData(c, Qt.Orientation.Horizontal)) + 8
               > page.table.columnWidth(c)}
    assert clipped == {}
    assert page.model.headerData(COLUMNS.index("packagings"), Qt.Orientation.Horizontal) == "Conditionnements"
    promotion = value_text("promotion", {"discount_percent": 40, "ends_at": "2026-12-31T12:00:00+00:00"})
    assert promotion.startswith("−40 % jusqu’au")
    room = page.table.columnWidth(COLUMNS.index("promotion"))
    assert page.table.fontMetrics().horizontalAdvance(promotion) + 8 <= room
    hint = page.search.placeholderText()
    assert page.search.fontMetrics().horizontalAdvance(hint) + 24 <= page.search.width(), (hint, page.search.width())
