"""The Cart page against the real server: groups per warehouse, the quote's issues with one-click fixes,
the minimum order value, the offline local check, quick order with an unknown SKU, CSV export.

The page and its buyer come from tests/support/cart.py (shared with the checkout tests)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.models.cart import CartStore
from desktop.models.money import Money
from desktop.views.cart.cart_model import format_money
from tests.server.orders_kit import add_offer, add_warehouse, register
from tests.support.cart import CartEnv, close_env, make_env, shop_offers


@pytest.fixture
def cart_env(qtbot, live_server, token_store, app_folders) -> Iterator[CartEnv]:
    env = make_env(qtbot, live_server, token_store, app_folders)
    yield env
    close_env(qtbot, env)


# -- tests ---------------------------------------------------------------------------------------------
def test_empty_cart_shows_the_empty_state(qtbot, cart_env):
    assert cart_env.page.stack.currentWidget() is cart_env.page.empty
    assert not cart_env.page.footer.isVisible()
    assert cart_env.page.is_online()
    assert "Offline" not in cart_env.page.status_label.text()  # online, nothing to check: no stale word


def test_lines_grouped_per_warehouse_with_prices_and_total(qtbot, cart_env):
    env = cart_env
    _shop_a, a = shop_offers(env, price="2.50", pack_units=10)
    shop_b, b = shop_offers(env, price="1.00", pack_units=5)
    b2 = add_offer(env.db, shop_b.seller_id, shop_b.warehouse_id, price="3.00", pack_units=2)
    env.cart().add(a.id, a.packaging_id, 4)
    env.cart().add(b.id, b.packaging_id, 2)
    env.cart().add(b2.id, b2.packaging_id, 1)
    env.page.reload()
    quote = env.wait_quote(qtbot)
    assert len(quote.groups) == 2
    assert set(env.page.group_boxes) == {a.warehouse_id, b.warehouse_id}
    assert quote.ok
    assert env.page.checkout_button.isEnabled()
    assert "€" in env.page.total_label.text() and "116.00" in env.page.total_label.text().replace(",", "")
    assert env.page.rows[(a.id, a.packaging_id)].spin.value() == 4


def test_quote_issues_are_shown_and_the_one_click_fixes_work(qtbot, cart_env):
    env = cart_env
    _s, moq = shop_offers(env, price="1.00", moq=50, pack_units=10, stock=1000)
    _s, scarce = shop_offers(env, price="1.00", stock=30, pack_units=10)
    shop, cheap = shop_offers(env, min_order_value="100", price="1.00", pack_units=10)
    env.cart().add(moq.id, moq.packaging_id, 2)  # 20 units < MOQ 50
    env.cart().add(scarce.id, scarce.packaging_id, 5)  # 50 units > 30 in stock
    env.cart().add(cheap.id, cheap.packaging_id, 2)  # €20 < €100 minimum
    env.page.reload()
    quote = env.wait_quote(qtbot)
    codes = {i.code for i in quote.all_issues}
    assert {"below_moq", "insufficient_stock", "below_min_order_value"} <= codes
    assert not env.page.checkout_button.isEnabled()
    box = env.page.group_boxes[shop.warehouse_id]
    texts = " ".join(label.text() for label in box.findChildren(type(env.page.total_label)))
    eighty = format_money(Money(Decimal("80.00"), "EUR"))
    assert f"Add {eighty} from this warehouse" in texts
    from PySide6.QtWidgets import QProgressBar

    assert box.findChild(QProgressBar, "minOrderProgress").value() == 20

    raise_button = env.page.rows[(moq.id, moq.packaging_id)].fix_buttons[0]
    assert raise_button.text() == "Raise to 50 units"
    raise_button.click()
    env.wait_quote(qtbot, lambda q: "below_moq" not in {i.code for i in q.all_issues})
    assert env.cart().lines()[0].quantity == 5

    lower = env.page.rows[(scarce.id, scarce.packaging_id)].fix_buttons[0]
    assert lower.text() == "Lower to 30 units"
    lower.click()
    quote = env.wait_quote(qtbot, lambda q: "insufficient_stock" not in {i.code for i in q.all_issues})
    assert {ln.quantity for ln in env.cart().lines() if ln.offer_id == scarce.id} == {3}

    env.page.set_quantity(cheap.id, cheap.packaging_id, 10)  # €100: the minimum is reached
    quote = env.wait_quote(qtbot, lambda q: q.ok)
    assert env.page.checkout_button.isEnabled()


def test_a_vanished_offer_is_removed_in_one_click(qtbot, cart_env):
    env = cart_env
    _s, offer = shop_offers(env)
    env.cart().add(offer.id, offer.packaging_id, 1)
    env.cart().add(99_999_999, 1, 1)
    env.page.reload()
    quote = env.wait_quote(qtbot, lambda q: bool(q.issues))
    assert quote.issues[0].code == "offer_not_found"
    assert len(env.page.orphan_buttons) == 1
    env.page.orphan_buttons[0].click()
    env.wait_quote(qtbot, lambda q: not q.issues)
    assert [ln.offer_id for ln in env.cart().lines()] == [offer.id]


def test_quantity_editor_changes_the_durable_cart_and_stale_answers_are_ignored(qtbot, cart_env):
    env = cart_env
    _s, offer = shop_offers(env, price="1.00", pack_units=10)
    env.cart().add(offer.id, offer.packaging_id, 1)
    env.page.reload()
    env.wait_quote(qtbot)
    for value in (2, 3, 7):  # quick edits: only the last cart's answer is shown
        env.page.rows[(offer.id, offer.packaging_id)].spin.setValue(value)
    quote = env.wait_quote(qtbot, lambda q: q.groups[0].lines[0].quantity == 7)
    assert str(quote.total.amount) == "70.00"
    reopened = CartStore(env.store.path)
    try:
        assert reopened.cart(env.server.url, env.page.account()).lines()[0].quantity == 7
    finally:
        reopened.close()


class _Cache:
    """The catalog cache's read side (offers, rates, last sync, SKU lookup) over offer JSON dicts."""

    def __init__(self, offers: list[dict], synced: datetime) -> None:
        self._offers = {o["id"]: o for o in offers}
        self._synced = synced

    def offers(self, ids):
        return {i: self._offers[i] for i in ids if i in self._offers}

    def rates(self):
        return {}

    def last_synced_at(self):
        return self._synced

    def offer_ids_by_sku(self, skus):
        return {s: [o["id"] for o in self._offers.values() if o["sku"].casefold() == s.casefold()] for s in skus}


def test_offline_the_same_rules_run_locally_with_the_sync_time(qtbot, live_server, token_store, app_folders):
    import httpx

    offers = httpx.get(live_server.api + "/offers", params={"limit": 5, "in_stock": True}).json()["items"]
    offer = next(o for o in offers if o["moq_units"] > o["packagings"][0]["units"])
    cache = _Cache(offers, datetime(2026, 3, 2, 8, 45, tzinfo=UTC))
    env = make_env(qtbot, live_server, token_store, app_folders, signed_in=False, cache=cache)
    env.page._online = lambda: False
    try:
        env.cart().add(offer["id"], offer["packagings"][0]["id"], 1)
        env.page.reload()
        quote = env.wait_quote(qtbot, server=False)
        assert quote.local
        assert "below_moq" in {i.code for i in quote.all_issues}
        assert env.page.status_label.text().startswith("Offline — stock as of")
        assert env.page.packaging_label(quote.groups[0].lines[0]) == offer["packagings"][0]["label"]
        assert not env.page.checkout_button.isEnabled()
    finally:
        close_env(qtbot, env)


def test_quick_order_paste_reports_the_unknown_sku(qtbot, cart_env):
    env = cart_env
    _s, offer = shop_offers(env, price="1.00", pack_units=10)
    dialog = env.page.open_quick_order()
    qtbot.addWidget(dialog)
    assert dialog.add_button.isDefault() and not dialog.import_button.isDefault()  # what Enter would press
    dialog.text.setPlainText(f"sku;quantity\n{offer.sku};3\nNOPE-0000;2\n{offer.sku};many\n")
    with qtbot.waitSignal(dialog.added, timeout=20_000) as blocker:
        dialog.submit()
    added, rejected = blocker.args
    assert added == 1
    reasons = " ".join(r.reason for r in rejected)
    assert "NOPE-0000" in reasons and "not a whole number" in reasons
    assert "NOPE-0000" in dialog.report.text()
    assert [(ln.offer_id, ln.quantity) for ln in env.cart().lines()] == [(offer.id, 3)]


def test_export_to_csv_reads_back_with_quick_order(qtbot, cart_env, tmp_path: Path):
    from desktop.models.cart import parse_quick_order

    env = cart_env
    _s, offer = shop_offers(env, price="1.00", pack_units=10)
    env.cart().add(offer.id, offer.packaging_id, 4)
    env.page.reload()
    env.wait_quote(qtbot)
    path = env.page.export_csv(str(tmp_path / "cart.csv"))
    rows = parse_quick_order(Path(path).read_text()).accepted
    assert [(r.sku, r.quantity) for r in rows] == [(offer.sku, 4)]


def test_signing_in_merges_the_guest_cart(qtbot, live_server, token_store, app_folders):
    env = make_env(qtbot, live_server, token_store, app_folders, signed_in=False)
    try:
        _s, offer = shop_offers(env)
        env.cart().add(offer.id, offer.packaging_id, 2)
        buyer = register(live_server.api)
        env.session.sign_in(buyer.email, "long-enough-password")
        assert env.page.account() == buyer.email
        assert [(ln.offer_id, ln.quantity) for ln in env.cart().lines()] == [(offer.id, 2)]
        assert len(env.store.cart(live_server.url, None)) == 0
    finally:
        close_env(qtbot, env)


_ = add_warehouse
