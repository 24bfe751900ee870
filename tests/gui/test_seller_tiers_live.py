"""Volume prices edited in the seller's listings (the tier cell, the tiers dialog, the new-offer form,
the bulk price change and its undo, the conflict view), driven with qtbot against the real server."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from desktop.api_client.types import OfferPatch
from desktop.models.seller import Status
from desktop.views.seller.listings_model import COLUMNS
from desktop.views.seller.pending_changes import PendingChangesView
from tests.api_client.live import SELLER, signed_in
from tests.gui import seller_support
from tests.gui.seller_support import has, listings_page, settled, show_only
from tests.seller.support import on_server, tiered_offer, tiers_of

desk = seller_support.desk  # fixture


@pytest.fixture
def page(qtbot, desk):
    return listings_page(qtbot, desk, 1300)


def tier_cell(page):
    return page.model.index(0, COLUMNS.index("price_tiers"))


def test_a_tier_cell_edit_reaches_the_server_and_comes_back_in_the_table(qtbot, page, desk):
    offer = tiered_offer(desk)
    show_only(page, offer.sku)
    assert not page.model.setData(tier_cell(page), "10:3.10|100:3.20")  # flagged at once, nothing queued
    assert page.runner.outbox.entries() == []
    assert page.model.setData(tier_cell(page), "25:3,40|250:2,90")
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    assert tiers_of(on_server(desk, offer.id)) == [(25, "3.40"), (250, "2.90")]
    assert page.model.data(tier_cell(page), 2) == "25:3.40|250:2.90"  # the local copy holds the server's answer
    assert page.model.data(page.model.index(0, 0)) == ""


def test_the_tiers_dialog_saves_through_the_outbox(qtbot, page, desk):
    offer = tiered_offer(desk)
    show_only(page, offer.sku)
    page.table.selectRow(0)
    dialog = page.edit_tiers()
    qtbot.addWidget(dialog)
    dialog.editor.remove_row(dialog.editor.rows[0])
    dialog.editor.add_row().price.setText("2.20")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    assert tiers_of(on_server(desk, offer.id)) == [(100, "2.60"), (1000, "2.20")]


def test_a_new_offer_with_tiers_from_the_form(qtbot, page, desk):
    desk.listings.set_categories([(c.id, c.parent_id, c.name) for c in desk.client.catalog.categories()])
    dialog = page.new_offer()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.warehouse.count() > 0, timeout=10_000)
    sku = f"TIER-{uuid.uuid4().hex[:6]}"
    for name, text in (("sku", sku), ("title", "Crates of tiles"), ("unit_price", "7,40"), ("stock_units", "600"),
                       ("moq_units", "6"), ("packagings", "crate:6")):
        dialog.inputs[name].setText(text)
    dialog.tiers.add_row(60, "6,90")
    dialog.tiers.add_row(600, "6,10")
    assert dialog.create_button.isEnabled(), dialog.errors["price_tiers"].text()
    dialog.create_button.click()
    qtbot.waitUntil(lambda: settled(page) and sku in desk.listings.ids_of_skus([sku]), timeout=10_000)
    assert tiers_of(on_server(desk, desk.listings.ids_of_skus([sku])[sku])) == [(60, "6.90"), (600, "6.10")]


def test_bulk_minus_ten_percent_scales_the_tiers_then_undo(qtbot, page, desk):
    offer = tiered_offer(desk)
    show_only(page, offer.sku)
    page.table.selectRow(0)
    dialog = page.bulk_edit()
    qtbot.addWidget(dialog)
    dialog.operation.setCurrentIndex(dialog.operation.findData("price_percent"))
    dialog.value.setText("-10")
    assert dialog.table.rowCount() == 2 and dialog.table.item(1, 1).text() == "Volume prices"
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    now = on_server(desk, offer.id)
    assert now.list_price.amount == Decimal("3.60") and tiers_of(now) == [(10, "2.79"), (100, "2.34")]
    page.undo_button.click()
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    now = on_server(desk, offer.id)
    assert now.list_price.amount == Decimal("4.00") and tiers_of(now) == [(10, "3.10"), (100, "2.60")]


def test_a_tier_conflict_is_shown_by_field_name(qtbot, page, desk, live_server):
    offer = tiered_offer(desk)
    show_only(page, offer.sku)
    page.runner._auto = False
    assert page.model.setData(tier_cell(page), "20:3.00")
    other = signed_in(live_server.url, SELLER)
    other.seller.update_offer(offer.id, OfferPatch.model_validate({"price_tiers": [
        {"min_units": 30, "unit_price": {"amount": "2.90", "currency": "EUR"}}]}),
        version=on_server(desk, offer.id).version)
    page.runner._auto = True
    page.runner.kick()
    qtbot.waitUntil(lambda: has(page, Status.CONFLICT), timeout=10_000)
    pending = PendingChangesView(page.runner, desk.listings)
    qtbot.addWidget(pending)
    pending.select_entry(page.runner.outbox.entries((Status.CONFLICT,))[0].id)
    dialog = pending.resolve_selected()
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 0).text() == "Volume prices"
    assert "20+" in dialog.table.item(0, 2).text() and "30+" in dialog.table.item(0, 3).text()
    dialog.set_choice("price_tiers", "edit", "20:4.50")  # not below the price (4.00): said at once
    assert not dialog.apply_button.isEnabled() and "below the price" in dialog.problem.text()
    dialog.all_mine.click()
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: settled(page), timeout=10_000)
    assert tiers_of(on_server(desk, offer.id)) == [(20, "3.00")]
    other.close()
