"""Volume prices in the seller's workspace, driven with qtbot: the offer form's tier rows, the table's
tier cell and the tiers dialog flag a bad tier set at once and queue nothing; the bulk preview shows
the tiers scaled with the price. (The round trips to the real server: tests/gui/test_seller_tiers_live.py.)"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.models.seller import ListingsStore, Outbox, Sender
from desktop.views.seller.listings_model import COLUMNS, ERROR_ROLE
from desktop.views.seller.listings_page import ListingsPage
from desktop.views.seller.offer_form import NewOfferDialog
from desktop.views.seller.outbox_runner import OutboxRunner
from tests.seller.support import offer_json


@pytest.fixture
def page(qtbot, tmp_path):
    listings = ListingsStore(tmp_path / "listings.sqlite3")
    listings.replace_all([offer_json(1, [(10, "3.10"), (100, "2.60")]), offer_json(2)])
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    runner = OutboxRunner(outbox, Sender(outbox, None), auto=False)  # nothing is sent from these tests
    page = ListingsPage(None, listings, runner)
    qtbot.addWidget(page)
    yield page
    listings.close()
    outbox.close()


def test_the_table_shows_tiers_and_refuses_a_bad_set_or_an_moq_they_no_longer_fit(page):
    row = page.model.row_of(1)
    tiers = page.model.index(row, COLUMNS.index("price_tiers"))
    assert page.model.data(tiers).count("+") == 2 and "·" in page.model.data(tiers)  # "10+ €3.10 · 100+ €2.60"
    assert page.model.data(tiers, 2) == "10:3.10|100:2.60"  # the editor's text
    assert page.model.data(page.model.index(page.model.row_of(2), COLUMNS.index("price_tiers"))) == "—"
    assert not page.model.setData(tiers, "10:2.60|100:3.10")
    assert "below the one before" in page.model.data(tiers, ERROR_ROLE)
    assert not page.model.setData(tiers, "10:4.50")
    assert "below the price" in page.model.data(tiers, ERROR_ROLE) and "4" in page.message.text()
    moq = page.model.index(row, COLUMNS.index("moq_units"))
    assert not page.model.setData(moq, "10")  # the first tier starts at 10: the MOQ must stay below
    assert "above the MOQ" in page.model.data(moq, ERROR_ROLE)
    price = page.model.index(row, COLUMNS.index("unit_price"))
    assert not page.model.setData(price, "3,10")
    assert page.runner.outbox.entries() == []  # nothing queued
    assert page.model.setData(tiers, "20:3.50|200:3.00")
    entry, = page.runner.outbox.entries()
    assert entry.payload["fields"] == {"price_tiers": [[20, "3.50"], [200, "3.00"]]}
    assert entry.base["fields"] == {"price_tiers": [[10, "3.10"], [100, "2.60"]]}
    assert page.model.data(tiers, ERROR_ROLE) is None and page.model.data(page.model.index(row, 0)) == "●"


def test_the_tiers_dialog_checks_rows_against_the_offer(qtbot, page):
    page.table.selectRow(page.model.row_of(1))
    dialog = page.edit_tiers()
    qtbot.addWidget(dialog)
    assert len(dialog.editor.rows) == 2 and dialog.save_button.isEnabled()
    dialog.editor.rows[0].units.setValue(5)  # not above the MOQ (5)
    assert not dialog.save_button.isEnabled() and "MOQ" in dialog.problem.text()
    dialog.editor.rows[0].units.setValue(12)
    dialog.editor.add_row().price.setText("2,10")
    assert dialog.editor.rows[2].units.value() == 1000 and dialog.save_button.isEnabled()
    for _ in range(2):
        dialog.editor.add_row().price.setText("1")
    assert not dialog.editor.add_button.isEnabled()  # at most 5
    dialog.editor.remove_row(dialog.editor.rows[-1])
    dialog.editor.remove_row(dialog.editor.rows[-1])
    dialog.save_button.click()
    entry, = page.runner.outbox.entries()
    assert entry.payload["fields"]["price_tiers"] == [[12, "3.10"], [100, "2.60"], [1000, "2.10"]]


def test_the_offer_form_flags_tiers_at_once_and_sends_them_with_the_offer(qtbot):
    warehouses = [SimpleNamespace(id=7, code="LYS", city="Lyon", country="FR")]
    dialog = NewOfferDialog(None, [(3, None, "Wood")], warehouses=warehouses)
    qtbot.addWidget(dialog)
    for name, text in (("sku", "OAK-1"), ("title", "Oak boards"), ("unit_price", "4,00"), ("moq_units", "5")):
        dialog.inputs[name].setText(text)
    assert dialog.create_button.isEnabled()
    dialog.tiers.add_row(10, "3,10")
    dialog.tiers.add_row(100, "3,20")
    assert not dialog.create_button.isEnabled() and "below the one before" in dialog.errors["price_tiers"].text()
    dialog.tiers.rows[1].price.setText("2,60")
    assert dialog.create_button.isEnabled()
    dialog.inputs["moq_units"].setText("10")  # an MOQ edit the tiers no longer fit
    assert not dialog.create_button.isEnabled() and "MOQ" in dialog.errors["price_tiers"].text()
    dialog.inputs["moq_units"].setText("8")
    with qtbot.waitSignal(dialog.created) as created:
        dialog.create_button.click()
    assert created.args[0]["price_tiers"] == [
        {"min_units": 10, "unit_price": {"amount": "3.10", "currency": "EUR"}},
        {"min_units": 100, "unit_price": {"amount": "2.60", "currency": "EUR"}}]


def test_the_bulk_preview_shows_the_tiers_scaled(qtbot, page):
    page.table.setSelectionMode(page.table.SelectionMode.MultiSelection)
    page.table.selectRow(page.model.row_of(1))
    page.table.selectRow(page.model.row_of(2))
    dialog = page.bulk_edit()
    qtbot.addWidget(dialog)
    dialog.operation.setCurrentIndex(dialog.operation.findData("price_percent"))
    dialog.value.setText("-10")
    rows = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
    assert [r[0] for r in rows] == ["SKU-001", "SKU-001", "SKU-002"]
    assert rows[1][1] == "Volume prices" and "2.79" in rows[1][3].replace(",", ".") and "·" in rows[1][3]
    dialog.apply_button.click()
    entries = page.runner.outbox.entries()
    assert entries[0].payload["fields"] == {"unit_price": "3.60", "price_tiers": [[10, "2.79"], [100, "2.34"]]}


def test_in_french_the_tiers_read_french(qtbot, page, french):
    page.apply_filters()
    row = page.model.row_of(1)
    header = page.model.headerData(COLUMNS.index("price_tiers"), Qt.Orientation.Horizontal)
    assert header == "Prix dégressifs"
    shown = page.model.data(page.model.index(row, COLUMNS.index("price_tiers")))
    assert shown.replace("\xa0", " ") == "10+ 3,10 € · 100+ 2,60 €"  # QLocale's French money
    assert not page.model.setData(page.model.index(row, COLUMNS.index("moq_units")), "10")
    assert "quantité minimale" in page.message.text()
    page.table.selectRow(row)
    dialog = page.edit_tiers()
    qtbot.addWidget(dialog)
    widgets = dialog.findChildren(QLabel) + dialog.findChildren(QPushButton)
    texts = [w.text().replace("\xa0", " ") for w in widgets if w.isVisible()]
    assert "À partir de" in texts and "€ l’unité" in texts and "&Ajouter un prix dégressif" in texts
    assert any(t.startswith("Prix 4,00 € l’unité, quantité minimale 5 unités") for t in texts), texts
    dialog.editor.rows[0].price.setText("abc")
    assert dialog.problem.text() == "Saisissez un prix comme 12,50."


def test_the_row_that_breaks_a_rule_is_marked(qtbot):
    from desktop.views.seller.tiers_editor import TiersEditor

    editor = TiersEditor()
    qtbot.addWidget(editor)
    editor.set_tiers([[10, "3.10"], [100, "3.20"], [1000, "2.00"]])
    tiers, problem = editor.read(5, Decimal("4.00"))
    assert tiers is None and problem.code == "tier_price_not_falling"
    assert [bool(r.styleSheet()) for r in editor.rows] == [False, True, False]
    editor.rows[1].price.setText("2.60")
    assert editor.read(5, Decimal("4.00")) == ([[10, "3.10"], [100, "2.60"], [1000, "2.00"]], None)
    assert not any(r.styleSheet() for r in editor.rows)
