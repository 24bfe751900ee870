"""The checkout wizard driven step by step on a cart of tests/support/cart.py: a cart of two shops'
offers (``fill_cart``), every step filled up to the review (``to_review``), the order placed
(``submit``), the buyer's order groups as the server lists them (``group_refs``).

``fast_polling`` (autouse where imported) makes the wizard poll a pending payment every 200 ms."""

from __future__ import annotations

import httpx
import pytest

from desktop.views.checkout.wizard import DETAILS, PAYMENT, REVIEW, SHIPPING, WHO, CheckoutWizard
from tests.support.cart import CartEnv, shop_offers

DETAILS_VALUES = {
    "company_name": "Acme Lda", "vat_number": "PT500000000", "company_address": "Rua A 1, Lisboa",
    "delivery_name": "Ana Silva", "street": "Rua B 2", "postcode": "1000-001", "city": "Lisboa",
    "country": "PT", "phone": "+351 900 000 000",
}  # fmt: skip


@pytest.fixture(autouse=True)
def fast_polling(monkeypatch):
    monkeypatch.setattr(CheckoutWizard, "poll_ms", 200)


def fill_cart(qtbot, env: CartEnv, *, stock: int = 1000, quantity: int = 2):
    _shop, offer = shop_offers(env, price="12.50", pack_units=10, stock=stock)
    _shop2, other = shop_offers(env, price="3.00", pack_units=5)
    env.cart().add(offer.id, offer.packaging_id, quantity)
    env.cart().add(other.id, other.packaging_id, 1)
    env.page.reload()
    env.wait_quote(qtbot, lambda q: q.ok and len(q.groups) == 2)
    return offer, other


def to_review(qtbot, env: CartEnv, method: str, *, guest: str | None = None) -> CheckoutWizard:
    wizard = env.page.open_checkout()
    if guest:
        assert wizard.current() == WHO
        wizard.who.email.setText(guest)
        wizard.next()
    assert wizard.current() == DETAILS
    for name, value in DETAILS_VALUES.items():
        wizard.details.fields[name].setText(value)
    wizard.next()
    assert wizard.current() == SHIPPING
    assert len(wizard.shipping.combos) == 2
    for combo in wizard.shipping.combos.values():
        combo.setCurrentIndex(1)  # express
        assert "day" in combo.currentText()
    wizard.next()
    assert wizard.current() == PAYMENT
    wizard.payment.radios[method].setChecked(True)
    wizard.next()
    assert wizard.current() == REVIEW
    assert wizard.next_button.text() == "&Submit order"
    return wizard


def submit(qtbot, wizard: CheckoutWizard):
    with qtbot.waitSignal(wizard.placed, timeout=30_000) as blocker:
        wizard.next()
    return blocker.args[0]


def group_refs(server, headers) -> set[str]:
    r = httpx.get(server.api + "/orders", headers=headers, timeout=30)
    assert r.status_code == 200, r.text
    return {o["group_ref"] for o in r.json()["items"]}
