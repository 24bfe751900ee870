"""The offer detail: quantity → units and line total, warnings, add to cart, seller profile, contact."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QLocale

from desktop.models import money
from desktop.models.catalog_cache import OfferQuery
from tests.gui.catalog_support import synced_ui_fixture, ui_fixture  # noqa: F401 - fixtures


def pick(ui, *, promotion: bool = False):
    """An offer with at least two packagings (and a running promotion when asked), without volume prices
    (test_volume_prices.py has those): its line total is its unit price × units."""
    query = OfferQuery(collection="promotion") if promotion else OfferQuery(sort="price")
    for offer_id in ui.cache.search(query):
        offer = ui.cache.offer(offer_id)
        if len(offer["packagings"]) >= 2 and offer["stock_units"] > 0 and not offer.get("price_tiers"):
            return offer
    raise AssertionError("no suitable offer in the demo data")


def test_quantity_gives_units_and_line_total(qtbot, synced_ui):
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Ireland))
    offer = pick(synced_ui, promotion=True)
    synced_ui.page.show_offer(offer["id"])
    detail = synced_ui.page.detail
    assert detail.title_label.text() == offer["title"]
    percent = offer["promotion"]["discount_percent"]
    assert detail.promotion_label.text().startswith(f"Promotion −{percent} % until ")
    big = offer["packagings"][1]
    detail.packaging_combo.setCurrentIndex(1)
    detail.quantity_spin.setValue(3)
    units = 3 * big["units"]
    assert detail.units() == units
    assert detail.units_label.text() == f"{units:,} units"
    unit_price = money.to_decimal(offer["unit_price"]["amount"])
    assert detail.line_total() == money.Money(money.quantize(unit_price * units), "EUR")
    assert detail.total_label.text() == QLocale().toCurrencyString(float(unit_price * units), "€", 2)

    # MOQ and stock warnings
    detail.packaging_combo.setCurrentIndex(0)
    small = offer["packagings"][0]["units"]
    if offer["moq_units"] > small:
        detail.quantity_spin.setValue(1)
        assert not detail.warning_label.isHidden()
        assert "minimum order" in detail.warning_label.text()
    detail.quantity_spin.setValue(detail.quantity_spin.maximum())
    assert "in stock" in detail.warning_label.text()
    QLocale.setDefault(QLocale.c())


def test_line_total_in_the_display_currency(qtbot, synced_ui):
    offer = pick(synced_ui)
    page = synced_ui.page
    page.set_currency("GBP")
    page.show_offer(offer["id"])
    rate = synced_ui.cache.rates()["GBP"]
    unit = money.convert(money.to_decimal(offer["unit_price"]["amount"]), "EUR", "GBP", {"GBP": rate})
    assert page.detail.line_total() == money.Money(money.quantize(unit * page.detail.units()), "GBP")
    assert "£" in page.model.index(0, 4).data()
    assert isinstance(unit, Decimal)


def test_add_to_cart_lands_in_the_cart_store(qtbot, synced_ui):
    offer = pick(synced_ui)
    page = synced_ui.page
    page.show_offer(offer["id"])
    page.detail.packaging_combo.setCurrentIndex(1)
    page.detail.quantity_spin.setValue(2)
    with qtbot.waitSignal(page.status_message, timeout=2000) as blocker:
        page.detail.add_button.click()
    lines = synced_ui.cart().lines()
    assert [(line.offer_id, line.packaging_id, line.quantity) for line in lines] == [
        (offer["id"], offer["packagings"][1]["id"], 2)
    ]
    assert offer["title"] in blocker.args[0]
    assert offer["title"] in synced_ui.window.status.currentMessage()


def test_sold_by_opens_the_seller_profile(qtbot, synced_ui):
    offer = pick(synced_ui)
    page = synced_ui.page
    page.show_offer(offer["id"])
    seller_id = offer["seller"]["id"]
    page.detail.seller_label.linkActivated.emit(f"seller:{seller_id}")
    dialog = page.seller_dialog
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        pass
    profile = synced_ui.client.catalog.seller(seller_id)
    assert dialog.name_label.text() == profile.name
    assert f"({profile.review_count} reviews)" in dialog.facts_label.text().replace(",", "")
    assert set(dialog.model.ids) == set(synced_ui.cache.search(OfferQuery(seller_id=seller_id)))
    qtmodel_rows = dialog.model.rowCount()
    assert dialog.offers_label.text() == f"Offers ({qtmodel_rows})"
    dialog.close()


def test_contact_the_seller_needs_sign_in_then_sends(qtbot, synced_ui):
    offer = pick(synced_ui)
    page = synced_ui.page
    page.show_offer(offer["id"])
    with qtbot.waitSignal(page.sign_in_requested, timeout=1000):
        page.detail.contact_button.click()
    assert page.detail.contact_dialog is None

    synced_ui.client.auth.login("buyer@demo.test", "demo-password")
    page.detail.contact_button.click()
    dialog = page.detail.contact_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.message_edit, "Can you ship to Lisbon next week?")
    with qtbot.waitSignal(dialog.sent, timeout=15_000):
        dialog.send_button.click()
    assert "was sent" in dialog.status_label.text()
    assert any(q.message == "Can you ship to Lisbon next week?" for q in synced_ui.client.questions.list())
    dialog.close()
    synced_ui.client.auth.logout()
