"""Volume prices on the buyer's side, against the real server: the cart's line price follows the tier the
offer's lines reach together, with the next tier's hint; the offer detail highlights the tier of the chosen
quantity; a tier changed by the seller between the review and the order is refused per line (409
``price_changed``, nothing ordered) and the next checkout goes through at the new price."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest
from PySide6.QtCore import QLocale

from desktop.api_client import ConflictError
from desktop.models import money
from desktop.models.catalog_cache import OfferQuery
from desktop.models.money import Money
from desktop.views.cart.cart_model import format_money
from marketplace.db import Database
from tests.gui.catalog_support import CatalogUi, synced_ui_fixture, ui_fixture  # noqa: F401 - fixtures
from tests.server.orders_kit import add_offer, new_shop, packs_of, version_of
from tests.support.cart import close_env, make_env, shop_offers
from tests.support.checkout import fast_polling, group_refs, submit, to_review  # noqa: F401 - fixture


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


@pytest.fixture
def env(qtbot, live_server, token_store, app_folders):
    e = make_env(qtbot, live_server, token_store, app_folders)
    yield e
    close_env(qtbot, e)


def test_adding_quantity_crosses_a_tier_and_the_line_price_drops(qtbot, env):
    # 3.40 per unit; from 24 units 3.10; from 120 units 2.60. Cartons of 12 and single units.
    _shop, offer = shop_offers(env, price="3.40", pack_units=12, extra_packs=(1,),
                               tiers=((24, "3.10"), (120, "2.60")))
    single = packs_of(env.db, offer.id)[1]
    env.cart().add(offer.id, offer.packaging_id, 1)  # 12 units: the offer's own price
    env.page.reload()
    quote = env.wait_quote(qtbot)
    line = quote.groups[0].lines[0]
    assert (line.unit_price, line.tier_min_units) == (eur("3.40"), None)
    row = env.page.rows[(offer.id, offer.packaging_id)]
    carton = env.page.packaging_label(line)  # "Pack of 12": this page has no catalog cache
    assert row.tier_hint.text() == f"Add 1 × {carton} to reach {format_money(eur('3.10'))} per unit"

    # 11 single units more: 23 units over the two lines, still below; the hint counts units
    env.cart().add(offer.id, single, 11)
    env.page.reload()
    env.wait_quote(qtbot, lambda q: len(q.groups[0].lines) == 2)
    assert env.page.rows[(offer.id, single)].tier_hint.text() == (
        f"Add 1 more unit to reach {format_money(eur('3.10'))} per unit")

    # one more unit: 24 units of the offer over both lines → 3.10 on both
    env.page.rows[(offer.id, single)].tier_button.click()
    quote = env.wait_quote(qtbot, lambda q: all(ln.tier_min_units == 24 for ln in q.groups[0].lines))
    lines = {ln.packaging_id: ln for ln in quote.groups[0].lines}
    assert lines[offer.packaging_id].unit_price == lines[single].unit_price == eur("3.10")
    assert lines[offer.packaging_id].line_total == eur("37.20") and lines[single].line_total == eur("37.20")
    assert quote.total == quote.groups[0].subtotal == eur("74.40")
    assert env.page.total_label.text() == f"Total {format_money(eur('74.40'))}"
    row = env.page.rows[(offer.id, offer.packaging_id)]
    assert "Volume price from 24 units" in row.unit_label.text()
    assert row.tier_hint.text() == f"Add 8 × {carton} to reach {format_money(eur('2.60'))} per unit"  # 96 missing

    # the hint's button: 8 cartons more → 120 units, the best price; no hint any more
    row.tier_button.click()
    quote = env.wait_quote(qtbot, lambda q: all(ln.tier_min_units == 120 for ln in q.groups[0].lines))
    lines = {ln.packaging_id: ln for ln in quote.groups[0].lines}
    assert lines[offer.packaging_id].quantity == 9
    assert lines[offer.packaging_id].unit_price == eur("2.60") and lines[offer.packaging_id].next_tier is None
    assert quote.total == eur("312.00")  # 108 × 2.60 + 12 × 2.60
    assert sum((ln.line_total for ln in lines.values()), eur("0")) == quote.total
    assert all(r.tier_hint is None for r in env.page.rows.values())
    assert env.page.total_label.text() == f"Total {format_money(eur('312.00'))}"


def test_an_offer_without_tiers_shows_no_hint(qtbot, env):
    _shop, offer = shop_offers(env, price="2.00", pack_units=10)
    env.cart().add(offer.id, offer.packaging_id, 3)
    env.page.reload()
    quote = env.wait_quote(qtbot)
    assert quote.groups[0].lines[0].next_tier is None
    row = env.page.rows[(offer.id, offer.packaging_id)]
    assert row.tier_hint is None and "Volume price" not in row.unit_label.text()


def _tiered_offer(ui):
    """A demo offer with volume prices, no promotion, and stock for its last tier."""
    for offer_id in ui.cache.search(OfferQuery(sort="price")):
        offer = ui.cache.offer(offer_id)
        tiers, smallest = offer.get("price_tiers"), min(p["units"] for p in offer["packagings"])
        if tiers and not offer.get("promotion") and tiers[-1]["min_units"] + smallest <= offer["stock_units"]:
            return offer  # every tier within the stock: the hints show
    raise AssertionError("no offer with volume prices in the demo data")


def test_offer_detail_highlights_the_tier_of_the_quantity(qtbot, synced_ui):
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Ireland))
    try:
        offer = _tiered_offer(synced_ui)
        detail = synced_ui.page.detail
        synced_ui.page.show_offer(offer["id"])
        tiers, table = detail.tiers, detail.tiers.table
        assert tiers.isVisible()
        assert table.rowCount() == 1 + len(offer["price_tiers"])
        first = offer["price_tiers"][0]
        assert table.item(1, 0).text() == f"From {first['min_units']:,} units"
        first_price = money.to_decimal(first["unit_price"]["amount"])
        assert table.item(1, 1).text() == format_money(first_price, "EUR")

        smallest = min(offer["packagings"], key=lambda p: p["units"])
        detail.packaging_combo.setCurrentIndex(detail.packaging_combo.findData(smallest["id"]))
        per = smallest["units"]
        below = -(-offer["moq_units"] // per)  # the fewest packagings meeting the MOQ
        if below * per < first["min_units"]:
            detail.quantity_spin.setValue(below)
            assert tiers.highlighted_row() == 0
            missing = -(-(first["min_units"] - below * per) // per)
            assert tiers.hint.isVisible() and f"{missing:,}" in tiers.hint.text()
            assert format_money(first_price, "EUR") in tiers.hint.text()
            base = money.to_decimal(offer["unit_price"]["amount"])
            assert detail.line_total() == Money(money.quantize(base * below * per), "EUR")
        reach = -(-first["min_units"] // per)
        detail.quantity_spin.setValue(reach)
        assert tiers.highlighted_row() == 1
        assert table.item(1, 0).font().bold() and not table.item(0, 0).font().bold()
        units = reach * per
        assert detail.line_total() == Money(money.quantize(first_price * units), "EUR")
        assert detail.total_label.text() == format_money(first_price * units, "EUR")
        last = offer["price_tiers"][-1]
        detail.quantity_spin.setValue(-(-last["min_units"] // per))
        assert tiers.highlighted_row() == len(offer["price_tiers"])
        assert tiers.hint.isHidden()  # the best price is reached

        # one packaging short of the last tier: a hint, unless that tier is beyond the stock
        short = (-(-last["min_units"] // per) - 1) * per
        tiers.show_offer(offer, datetime.now(UTC))
        tiers.set_units(short, smallest["label"], per)
        assert tiers.hint.isVisible() and tiers.hint.text().startswith(("Add 1 ×", "Add 1 more unit"))
        tiers.show_offer(offer | {"stock_units": last["min_units"] - 1}, datetime.now(UTC))
        tiers.set_units(short, smallest["label"], per)
        assert tiers.hint.isHidden()

        plain = next(o for o in map(synced_ui.cache.offer, synced_ui.cache.search(OfferQuery()))
                     if not o.get("price_tiers"))
        synced_ui.page.show_offer(plain["id"])
        assert not tiers.isVisible()
    finally:
        QLocale.setDefault(QLocale.c())


@pytest.fixture
def split_tier_ui(qtbot, live_server, tmp_path):
    """The catalog synced from live_server with an offer of its own whose first tier is four cartons away
    (cartons of 6, 3.10 a unit from 24 units): some cartons can be in the cart and the rest in the detail,
    whatever the demo data holds. (catalog ui, that offer as the cache holds it)"""
    db = Database(live_server.database_url)
    try:
        shop = new_shop(live_server.api, db)
        ref = add_offer(db, shop.seller_id, shop.warehouse_id, price="3.40", pack_units=6, tiers=((24, "3.10"),))
    finally:
        db.dispose()
    ui = CatalogUi(qtbot, live_server.url, tmp_path / "ui")
    try:
        ui.sync(qtbot)
        yield ui, ui.cache.offer(ref.id)
    finally:
        ui.close()


def test_offer_detail_counts_the_units_already_in_the_cart(qtbot, split_tier_ui):
    synced_ui, offer = split_tier_ui
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Ireland))
    try:
        detail, first = synced_ui.page.detail, offer["price_tiers"][0]
        synced_ui.page.show_offer(offer["id"])
        smallest = min(offer["packagings"], key=lambda p: p["units"])
        detail.packaging_combo.setCurrentIndex(detail.packaging_combo.findData(smallest["id"]))
        per = smallest["units"]
        reach = -(-first["min_units"] // per)  # packagings of the smallest size that reach the first tier
        assert reach >= 2  # something to split between cart and detail
        assert detail.tiers.cart_note.isHidden()
        detail.quantity_spin.setValue(reach - 1)
        assert detail.tiers.highlighted_row() in (0, None)  # alone, these do not reach the tier
        detail.add_to_cart()  # now they are in the cart: one more packaging reaches the tier
        assert detail.tiers.cart_note.isVisible()
        assert f"{(reach - 1) * per:,} unit" in detail.tiers.cart_note.text()
        detail.quantity_spin.setValue(1)
        assert detail.tiers.highlighted_row() == 1
        price = money.to_decimal(first["unit_price"]["amount"])
        assert detail.line_total() == Money(money.quantize(price * per), "EUR")  # the tier's price
        synced_ui.page.show_offer(offer["id"])  # shown again: the cart is read again
        assert detail.tiers.in_cart == (reach - 1) * per and detail.tiers.cart_note.isVisible()
    finally:
        QLocale.setDefault(QLocale.c())


def test_a_tier_changed_before_checkout_is_refused_per_line_then_ordered_at_the_new_price(qtbot, env):
    shop, offer = shop_offers(env, price="3.40", pack_units=12, tiers=((24, "3.10"),))
    _shop2, other = shop_offers(env, price="3.00", pack_units=5)
    env.cart().add(offer.id, offer.packaging_id, 2)  # 24 units: 3.10
    env.cart().add(other.id, other.packaging_id, 1)
    env.page.reload()
    env.wait_quote(qtbot, lambda q: q.ok and len(q.groups) == 2)
    wizard = to_review(qtbot, env, "bank_transfer")
    sent = {ln["offer_id"]: ln.get("expected_unit_price") for ln in wizard.body["lines"]}
    assert sent == {offer.id: "3.10", other.id: "3.00"}

    # the seller raises the volume price meanwhile
    r = httpx.patch(f"{env.server.api}/seller/offers/{offer.id}", timeout=30,
                    json={"price_tiers": [{"min_units": 24, "unit_price": {"amount": "3.25", "currency": "EUR"}}]},
                    headers={**shop.seller.headers, "If-Match": str(version_of(env.db, offer.id))})
    assert r.status_code == 200, r.text
    with qtbot.waitSignal(wizard.refused, timeout=30_000) as blocker:
        wizard.next()
    exc = blocker.args[0]
    assert isinstance(exc, ConflictError) and exc.code == "price_changed"
    assert "Nothing was ordered and nothing was charged" in wizard.review.notice.text()
    assert [(i.code, i.offer_id) for i in wizard.refused_issues] == [("price_changed", offer.id)]
    changed = (f"The price changed from {format_money(eur('3.10'))} to {format_money(eur('3.25'))} per unit.")
    assert changed in wizard.review.summary.toPlainText()
    assert env.cart().pending_checkout() is None
    assert group_refs(env.server, env.buyer.headers) == set()
    assert [(ln.offer_id, ln.quantity) for ln in env.cart().lines()] == [(offer.id, 2), (other.id, 1)]
    # a fresh quote: the cart shows the new price
    env.wait_quote(qtbot, lambda q: any(ln.unit_price == eur("3.25") for g in q.groups for ln in g.lines))
    assert "Volume price from 24 units" in env.page.rows[(offer.id, offer.packaging_id)].unit_label.text()
    wizard.next()  # "Back to the cart"
    qtbot.waitUntil(lambda: env.page.wizard is None)

    again = to_review(qtbot, env, "bank_transfer")
    assert {ln["offer_id"]: ln.get("expected_unit_price") for ln in again.body["lines"]}[offer.id] == "3.25"
    result = submit(qtbot, again)
    ordered = [ln for order in result.order_group.orders for ln in order.lines if ln.offer_id == offer.id]
    assert [ln.unit_price.amount for ln in ordered] == [Decimal("3.25")]
    assert group_refs(env.server, env.buyer.headers) == {result.order_group.ref}
    assert env.cart().lines() == []

