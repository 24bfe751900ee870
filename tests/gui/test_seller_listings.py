"""The seller's listings page, bulk edit, conflict view and pending changes, driven with qtbot against
the real reference server."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop.api_client.types import OfferPatch
from desktop.models.seller import Edit, Status
from desktop.views.seller.bulk_edit_dialog import BulkEditDialog
from desktop.views.seller.listings_model import COLUMNS, ERROR_ROLE, LOW_MARK
from desktop.views.seller.outbox_runner import OutboxRunner
from desktop.views.seller.pending_changes import PendingChangesView
from tests.api_client.live import SELLER, signed_in
from tests.gui import seller_support
from tests.gui.seller_support import has, listings_page, settled, show_only
from tests.seller.support import fresh_offer, on_server

desk = seller_support.desk  # fixture


@pytest.fixture
def page(qtbot, desk):
    return listings_page(qtbot, desk)


def test_model_passes_the_model_tester(qtmodeltester, desk):
    from desktop.views.seller.listings_model import ListingsTableModel

    model = ListingsTableModel(desk.listings, desk.outbox)
    model.set_ids(desk.listings.search())
    qtmodeltester.check(model, force_py=True)


def test_an_inline_edit_with_a_per_cell_error_then_a_good_value(qtbot, page, desk):
    offer = fresh_offer(desk, stock=30)
    show_only(page, offer.sku)
    stock = page.model.index(0, COLUMNS.index("stock_units"))
    assert not page.model.setData(stock, "12.5")
    assert "whole number" in page.model.data(stock, ERROR_ROLE)
    assert "whole number" in page.message.text()
    assert page.runner.outbox.entries() == []  # nothing queued
    price = page.model.index(0, COLUMNS.index("unit_price"))
    assert page.model.setData(price, "12,50")
    assert page.model.data(price, ERROR_ROLE) is None
    assert len(page.runner.outbox.entries()) == 1
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    assert on_server(desk, offer.id).list_price.amount == Decimal("12.50")
    assert page.model.data(page.model.index(0, 0)) == ""  # no pending mark left


def test_pending_marks_show_while_offline(qtbot, page, desk):
    offer = fresh_offer(desk, stock=30)
    show_only(page, offer.sku)

    class Offline:
        online = False

    page.runner._connectivity = Offline()
    page.model.setData(page.model.index(0, COLUMNS.index("moq_units")), "5")
    assert page.model.data(page.model.index(0, 0)) == "●"
    moq = page.model.index(0, COLUMNS.index("moq_units"))
    assert page.model.data(moq, Qt.ItemDataRole.FontRole).italic()
    assert page.model.data(moq) == "5"  # the seller's value, not yet the server's
    page.runner._connectivity = None
    page.runner.kick()
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    assert on_server(desk, offer.id).moq_units == 5


def test_bulk_preview_apply_and_undo(qtbot, page, desk):
    a, b = fresh_offer(desk, stock=100), fresh_offer(desk, stock=7)
    page.search.setText("Client test pallet")
    page.apply_filters()
    page.table.setSelectionMode(page.table.SelectionMode.MultiSelection)
    page.table.clearSelection()
    page.table.selectRow(page.model.row_of(a.id))
    page.table.selectRow(page.model.row_of(b.id))
    dialog = page.bulk_edit()
    qtbot.addWidget(dialog)
    dialog.operation.setCurrentIndex(dialog.operation.findData("adjust_stock"))
    dialog.value.setText("-10")
    assert dialog.table.rowCount() == 2
    assert "refused" in dialog.summary.text()  # 7 − 10 < 0: shown, left out
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    assert on_server(desk, a.id).stock_units == 90 and on_server(desk, b.id).stock_units == 7
    assert page.undo_button.isEnabled()
    page.undo_button.click()
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    assert on_server(desk, a.id).stock_units == 100
    assert not page.undo_button.isEnabled()


def test_paste_from_a_spreadsheet_previews_then_applies(qtbot, page, desk):
    offer = fresh_offer(desk, stock=3)
    dialog = page.paste(f"sku\tstock\tprice\n{offer.sku}\t44\t9.99\n")
    qtbot.addWidget(dialog)
    assert isinstance(dialog, BulkEditDialog) and dialog.table.rowCount() == 2
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    now = on_server(desk, offer.id)
    assert now.stock_units == 44 and now.list_price.amount == Decimal("9.99")


def test_conflict_view_keep_mine_and_take_theirs(qtbot, page, desk, live_server):
    pending = PendingChangesView(page.runner, desk.listings)
    qtbot.addWidget(pending)
    other = signed_in(live_server.url, SELLER)
    results = {}
    for choice in ("mine", "theirs", "edit"):
        offer = fresh_offer(desk)
        show_only(page, offer.sku)
        page.runner._auto = False
        page.model.setData(page.model.index(0, COLUMNS.index("unit_price")), "55")
        other.seller.update_offer(offer.id, OfferPatch.model_validate(
            {"unit_price": {"amount": "60.00", "currency": "EUR"}}), version=offer.version)
        page.runner._auto = True
        page.runner.kick()
        qtbot.waitUntil(lambda: has(page, Status.CONFLICT), timeout=10_000)
        assert page.model.data(page.model.index(0, 0)) == "⚠"
        assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.AccessibleTextRole) == "Conflict"
        entry = page.runner.outbox.entries((Status.CONFLICT,))[0]
        pending.select_entry(entry.id)
        dialog = pending.resolve_selected()
        qtbot.addWidget(dialog)
        assert dialog.table.item(0, 2).text() != dialog.table.item(0, 3).text()  # mine vs theirs
        if choice == "edit":
            dialog.set_choice("unit_price", "edit", "abc")
            label = dialog.edit_labels["unit_price"]  # labelled, under the table (issue 29)
            assert label.buddy() is dialog.editors["unit_price"] and label.text().startswith("Price")
            assert not dialog.editors["unit_price"].isHidden() and not label.isHidden()
            assert not dialog.apply_button.isEnabled() and dialog.problem.text()  # the rule, at once
            dialog.set_choice("unit_price", "edit", "58,00")
        else:
            (dialog.all_mine if choice == "mine" else dialog.all_theirs).click()
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: settled(page), timeout=10_000)
        results[choice] = on_server(desk, offer.id).list_price.amount
    assert results == {"mine": Decimal("55.00"), "theirs": Decimal("60.00"), "edit": Decimal("58.00")}


def test_pending_changes_retry_and_discard_a_refusal(qtbot, page, desk):
    pending = PendingChangesView(page.runner, desk.listings)
    qtbot.addWidget(pending)
    offer = fresh_offer(desk)
    page.runner.queue_edits(desk.listings, [Edit(offer.id, {"title": "y" * 301})])
    qtbot.waitUntil(lambda: has(page, Status.REFUSED), timeout=10_000)
    pending.reload()
    assert pending.table.item(0, 3).text() == "Refused"
    assert "300" in pending.table.item(0, 4).text()
    pending.table.selectRow(0)
    pending.retry_button.click()
    qtbot.waitUntil(lambda: has(page, Status.REFUSED), timeout=10_000)
    pending.table.selectRow(0)
    pending.discard_button.click()
    assert page.runner.outbox.entries() == []
    assert "Nothing pending" in pending.summary.text()


def test_a_refusal_shows_the_servers_message_on_the_cell_and_the_fix_is_sent(qtbot, page, desk):
    offer = fresh_offer(desk)
    show_only(page, offer.sku)
    page.runner.queue_edits(desk.listings, [Edit(offer.id, {"title": "z" * 301})])  # past the rules: the server's
    qtbot.waitUntil(lambda: has(page, Status.REFUSED), timeout=10_000)
    title = page.model.index(0, COLUMNS.index("title"))
    assert "300" in page.model.data(title, ERROR_ROLE)
    assert page.model.data(page.model.index(0, 0)) == "✖"
    assert page.model.setData(title, "Twelve oak pallets")  # the seller fixes the cell: the same entry
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    assert [e.status for e in page.runner.outbox.entries()] == [Status.SENT]
    assert on_server(desk, offer.id).title == "Twelve oak pallets"
    assert page.model.data(title, ERROR_ROLE) is None


def test_new_offer_form_with_the_warehouse_list_then_delete(qtbot, page, desk):
    import uuid

    from desktop.views.seller.offer_form import NewOfferDialog

    desk.listings.set_categories([(c.id, c.parent_id, c.name) for c in desk.client.catalog.categories()])
    dialog = page.new_offer()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, NewOfferDialog)
    qtbot.waitUntil(lambda: dialog.warehouse.count() > 0, timeout=10_000)
    sku = f"FORM-{uuid.uuid4().hex[:6]}"
    dialog.inputs["sku"].setText(sku)
    dialog.inputs["title"].setText("Sixty crates of tiles")
    dialog.inputs["unit_price"].setText("7,40")
    dialog.inputs["packagings"].setText("crate:0")
    dialog.inputs["packagings"].editingFinished.emit()  # its message shows once the field is left
    assert not dialog.create_button.isEnabled() and "1 to" in dialog.errors["packagings"].text()
    dialog.inputs["packagings"].setText("crate:60")
    dialog.inputs["stock_units"].setText("600")
    assert dialog.create_button.isEnabled(), ({n: e.text() for n, e in dialog.errors.items()},
                                              dialog.category.count(), dialog.warehouse.currentData())
    dialog.create_button.click()
    qtbot.waitUntil(lambda: settled(page) and sku in desk.listings.ids_of_skus([sku]), timeout=10_000)
    offer_id = desk.listings.ids_of_skus([sku])[sku]
    page.search.setText(sku)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # the new offer is listed
    assert on_server(desk, offer_id).list_price.amount == Decimal("7.40")
    show_only(page, sku)
    page.table.selectRow(0)
    page.delete_selected(confirm=False)
    assert page.model.data(page.model.index(0, 0)) == "🗑"
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.AccessibleTextRole) == "Deleting"
    qtbot.waitUntil(lambda: settled(page) and page.model.rowCount() == 0, timeout=10_000)  # gone from the table
    assert sku not in {o.sku for o in desk.client.seller.offers(limit=500)}


def test_low_stock_threshold_per_offer_and_default(qtbot, page, desk):
    offer = fresh_offer(desk, stock=25)
    show_only(page, offer.sku)
    stock = page.model.index(0, COLUMNS.index("stock_units"))
    assert page.model.data(stock, Qt.ItemDataRole.ForegroundRole) is None
    assert page.model.setData(page.model.index(0, COLUMNS.index("threshold")), "30")
    assert page.model.data(stock, Qt.ItemDataRole.ForegroundRole) is not None  # highlighted
    assert page.runner.outbox.entries() == []  # the threshold is the seller's own: nothing sent
    page.stock.setCurrentIndex(page.stock.findData("low"))
    assert page.model.rowCount() == 1
    page.stock.setCurrentIndex(0)
    page.default_threshold.setValue(50)
    qtbot.waitUntil(lambda: page.low_count.text().startswith("1 low") or "low on stock" in page.low_count.text())
    assert page.model.data(stock, Qt.ItemDataRole.ForegroundRole) is not None


def test_a_low_stock_is_said_by_a_glyph_and_in_words_not_by_its_colour_alone(qtbot, page, desk):
    offer = fresh_offer(desk, stock=25)
    show_only(page, offer.sku)
    stock = page.model.index(0, COLUMNS.index("stock_units"))
    assert page.model.data(stock) == "25" and page.model.data(stock, Qt.ItemDataRole.AccessibleTextRole) is None
    assert page.model.setData(page.model.index(0, COLUMNS.index("threshold")), "30")
    assert page.model.data(stock) == f"{LOW_MARK} 25"  # visible without the amber
    assert page.model.data(stock, Qt.ItemDataRole.AccessibleTextRole) == "25, low stock"
    assert page.model.data(stock, Qt.ItemDataRole.EditRole) == "25"  # what an edit starts from: the number


def test_the_outbox_follows_connectivity(qtbot, page, desk):
    from desktop.views.shell.connectivity import Connectivity

    connectivity = Connectivity(probe=desk.client.catalog.health, probe_interval_ms=60_000)
    runner = OutboxRunner(desk.outbox, desk.sender, connectivity, parent=page)
    offer = fresh_offer(desk)
    connectivity.went_offline()
    runner.queue_edits(desk.listings, [Edit(offer.id, {"moq_units": 6})])
    assert runner.op is None and desk.outbox.entries()[0].status == Status.WAITING  # kept, not sent
    with qtbot.waitSignal(runner.drained, timeout=10_000):
        connectivity.retry()  # the marketplace answers: online again, the outbox drains by itself
    assert on_server(desk, offer.id).moq_units == 6
    connectivity.stop()


def test_a_stock_typed_as_a_delta_is_sent_as_one(qtbot, page, desk, live_server):
    from tests.api_client.live import place_order, register_buyer

    offer = fresh_offer(desk, stock=200, price="100.00")
    show_only(page, offer.sku)
    stock = page.model.index(0, COLUMNS.index("stock_units"))
    assert not page.model.setData(stock, "−500 damaged")  # below zero: refused on the cell
    assert "below zero" in page.model.data(stock, ERROR_ROLE)
    page.runner._auto = False
    assert page.model.setData(stock, "+40 received")
    assert page.model.data(stock) == "240"  # shown at once, in italics, as pending
    buyer, _ = register_buyer(live_server.url)
    place_order(buyer, offer, quantity=20)  # meanwhile a buyer takes 20
    page.runner._auto = True
    page.runner.kick()
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    assert on_server(desk, offer.id).stock_units == 220  # 200 − 20 + 40: no conflict
    assert page.runner.outbox.entries()[0].label == "+40 received"
