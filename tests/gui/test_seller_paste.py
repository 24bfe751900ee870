"""Paste from a spreadsheet and the cell editors, driven with qtbot against the real reference server
(issue 29 bugs 3 and 6): a paste means what typing means, unknown columns are asked with a preview,
editors take the words the cells show in the user's language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop.models.seller import Edit
from desktop.models.seller.fields import to_wire
from desktop.views.seller.bulk_edit_dialog import BulkEditDialog
from desktop.views.seller.listings_model import COLUMNS, ERROR_ROLE
from desktop.views.seller.paste_columns_dialog import PasteColumnsDialog
from desktop.views.seller.texts import parse_typed, value_text
from tests.gui import seller_support
from tests.gui.seller_support import listings_page, settled, show_only
from tests.seller.support import fresh_offer, on_server

desk = seller_support.desk  # fixture


@pytest.fixture
def page(qtbot, desk):
    return listings_page(qtbot, desk)


def test_a_pasted_plus_ten_adds_ten_as_typing_it_does(qtbot, page, desk):
    offer = fresh_offer(desk, stock=30)
    dialog = page.paste(f"sku\tstock\n{offer.sku}\t+10\n")
    qtbot.addWidget(dialog)
    assert isinstance(dialog, BulkEditDialog) and dialog.table.rowCount() == 1
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    assert on_server(desk, offer.id).stock_units == 40  # not 10


def test_a_block_without_headers_asks_which_column_is_which_with_a_preview(qtbot, page, desk):
    offer = fresh_offer(desk, stock=30, price="20.00")
    dialog = page.paste(f"{offer.sku}\t4300\t9.99\n")  # a sheet of sku, stock, price
    qtbot.addWidget(dialog)
    assert isinstance(dialog, PasteColumnsDialog)  # not a preview writing 4300 into the title
    assert dialog.table.item(1, 1).text() == "4300" and dialog.table.item(1, 0).text() == offer.sku
    assert dialog.columns() == ["sku", None, None]  # the SKUs are known by content, the numbers are not
    assert not dialog.ok_button.isEnabled() and dialog.hint.text()
    dialog.choose(1, "stock_units")
    dialog.choose(2, "stock_units")
    assert not dialog.ok_button.isEnabled()  # one field, two columns
    dialog.choose(2, "unit_price")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    preview = page.paste_preview
    qtbot.addWidget(preview)
    assert preview.table.rowCount() == 2  # stock and price, seen before anything is sent
    preview.apply_button.click()
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    now = on_server(desk, offer.id)
    assert now.stock_units == 4300 and now.list_price.amount == Decimal("9.99") and now.title == offer.title


def test_headers_as_the_table_shows_them_in_french(qtbot, french, desk):
    page = listings_page(qtbot, desk)
    offer = fresh_offer(desk, stock=30, price="20.00")
    dialog = page.paste(f"Prix\tRéférence\tStock\n12,50\t{offer.sku}\t+5\n")
    qtbot.addWidget(dialog)
    assert isinstance(dialog, BulkEditDialog) and dialog.table.rowCount() == 2
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    now = on_server(desk, offer.id)
    assert now.stock_units == 35 and now.list_price.amount == Decimal("12.50")


def test_collections_are_edited_in_the_words_the_cell_shows_in_french(qtbot, french, desk):
    page = listings_page(qtbot, desk)
    offer = fresh_offer(desk)
    show_only(page, offer.sku)
    cell = page.model.index(0, COLUMNS.index("collections"))
    assert not page.model.setData(cell, "Soldes")
    assert "Opportunités de la semaine, Surstocks" in page.model.data(cell, ERROR_ROLE)  # not "weekly, surplus"
    assert page.model.setData(cell, "Surstocks")
    assert page.model.data(cell) == "Surstocks"
    assert page.model.data(cell, Qt.ItemDataRole.EditRole) == "Surstocks"  # the editor shows the cell's word
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    assert on_server(desk, offer.id).collections == ["surplus"]
    assert page.model.setData(cell, page.model.data(cell, Qt.ItemDataRole.EditRole) + ", Opportunités de la semaine")
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    assert sorted(on_server(desk, offer.id).collections) == ["surplus", "weekly"]


def test_enter_on_an_unchanged_cell_sends_nothing(qtbot, page, desk):
    offer = fresh_offer(desk, stock=30, price="20.00")
    show_only(page, offer.sku)
    for name in ("unit_price", "stock_units", "title", "packagings", "collections"):
        cell = page.model.index(0, COLUMNS.index(name))
        assert page.model.setData(cell, page.model.data(cell, Qt.ItemDataRole.EditRole))
    assert page.runner.outbox.entries() == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_editor_shows_what_its_cell_shows_and_takes_it_back(qtbot, qapp, desk, language, request):
    if language == "fr":
        request.getfixturevalue("french")
    page = listings_page(qtbot, desk)
    offer = fresh_offer(desk, stock=1234, price="1234.50")
    page.runner.queue_edits(desk.listings, [Edit(offer.id, {
        "collections": ["surplus", "weekly"], "packagings": [["carton", 12], ["pallet", 600]],
        "price_tiers": [[10, "1200.00"], [100, "1100.00"]],
        "promotion": {"discount_percent": 15, "ends_at": "2031-01-31T23:59:00Z"}})])
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    show_only(page, offer.sku)
    sent = len(page.runner.outbox.entries())
    for name in ("sku", "title", "stock_units", "unit_price", "price_tiers", "moq_units", "packagings",
                 "collections", "promotion"):
        cell = page.model.index(0, COLUMNS.index(name))
        shown = page.model.data(cell)
        if name != "price_tiers":  # their editor keeps the CSV's 10:3.10|100:2.60 (test_seller_tiers)
            assert page.model.data(cell, Qt.ItemDataRole.EditRole) == shown, name
        parsed = parse_typed(name, shown)  # what the cell shows reads back as the value it shows
        assert value_text(name, to_wire(name, parsed)) == shown, name
    promotion = page.model.index(0, COLUMNS.index("promotion"))
    assert page.model.setData(promotion, page.model.data(promotion).replace("15", "20", 1))
    qtbot.waitUntil(lambda: settled(page) and len(page.runner.outbox.entries()) == sent + 1, timeout=10_000)
    now = on_server(desk, offer.id)
    assert now.promotion.discount_percent == 20 and now.promotion.ends_at.date().isoformat() == "2031-01-31"


def test_a_promotions_day_reads_back_as_typed_east_of_utc(qapp, monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        shown = value_text("promotion", {"discount_percent": 15, "ends_at": "2031-01-31T23:59:00Z"})
        assert to_wire("promotion", parse_typed("promotion", shown))["ends_at"] == "2031-01-31T23:59:00Z"
    finally:
        monkeypatch.undo()
        time.tzset()
