"""The checkout wizard through every step against the real server: bank transfer, Multibanco, card, a
guest; remembered details; a dropped response then "Submit again" (one order group); a restart with a
pending checkout; 409 stock_changed shown on the line with nothing charged."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from desktop.api_client import ApiConnectionError, ConflictError
from desktop.models.cart import CartStore
from desktop.views.areas.openers import checkout_factory
from desktop.views.cart import CartPage
from desktop.views.checkout.wizard import REVIEW
from tests.api_client.helpers import DroppingProxy
from tests.server.orders_kit import buy, register
from tests.support.cart import close_env, make_env, shop_offers
from tests.support.checkout import fast_polling, fill_cart, group_refs, submit, to_review  # noqa: F401 - fixture


@pytest.fixture
def env(qtbot, live_server, token_store, app_folders):
    e = make_env(qtbot, live_server, token_store, app_folders)
    yield e
    close_env(qtbot, e)


@pytest.fixture
def guest_env(qtbot, live_server, token_store, app_folders):
    e = make_env(qtbot, live_server, token_store, app_folders, signed_in=False)
    yield e
    close_env(qtbot, e)


def test_bank_transfer_through_every_step(qtbot, env, tmp_path: Path):
    fill_cart(qtbot, env)
    wizard = to_review(qtbot, env, "bank_transfer")
    pending = env.cart().pending_checkout()
    assert pending is not None and pending.idempotency_key == wizard.key  # made when the review opened
    html = wizard.review.summary.toHtml()
    assert "Acme Lda" in html and "Express freight" in html and "Bank transfer" in html
    result = submit(qtbot, wizard)
    assert len(result.order_group.orders) == 2
    assert env.cart().lines() == [] and env.cart().pending_checkout() is None
    confirmation = wizard.confirmation
    assert wizard.stack.currentWidget() is confirmation
    assert result.order_group.ref in confirmation.ref_label.text()
    assert confirmation.instructions is not None
    assert result.payment.iban in confirmation.instructions.values.values()
    assert result.payment.reference in confirmation.instructions.values.values()
    pdf = confirmation.instructions.save_pdf(str(tmp_path / "pay.pdf"))
    assert Path(pdf).read_bytes().startswith(b"%PDF")
    assert group_refs(env.server, env.buyer.headers) == {result.order_group.ref}
    with qtbot.waitSignal(env.page.view_orders_requested, timeout=5000):
        confirmation.view_orders.click()

    # the details are remembered for this account
    _s, offer = shop_offers(env)
    env.cart().add(offer.id, offer.packaging_id, 1)
    env.page.reload()
    env.wait_quote(qtbot, lambda q: q.ok)
    qtbot.waitUntil(lambda: env.page.wizard is None)
    again = env.page.open_checkout()
    assert again.details.fields["company_name"].text() == "Acme Lda"
    assert again.details.fields["city"].text() == "Lisboa"
    again.reject()


def test_multibanco(qtbot, env):
    fill_cart(qtbot, env)
    wizard = to_review(qtbot, env, "multibanco")
    result = submit(qtbot, wizard)
    values = wizard.confirmation.instructions.values
    assert result.payment.entity in values.values()
    assert result.payment.reference in values.values()
    assert "Pay before" in values


def test_guest_checkout_keeps_the_guest_token(qtbot, guest_env, token_store):
    env = guest_env
    fill_cart(qtbot, env)
    wizard = to_review(qtbot, env, "bank_transfer", guest="guest-buyer@example.com")
    assert "guest-buyer@example.com" in wizard.review.summary.toPlainText()
    result = submit(qtbot, wizard)
    ref = result.order_group.ref
    token = token_store.get(env.client.server_url, f"guest:{ref}")
    assert token is not None
    r = httpx.get(f"{env.server.api}/order-groups/{ref}",
                  headers={"Authorization": f"Bearer {token.get_secret_value()}"}, timeout=30)
    assert r.status_code == 200
    assert env.cart().lines() == []


def test_card_opens_the_payment_page_and_waits(qtbot, env, browser):
    fill_cart(qtbot, env)
    wizard = to_review(qtbot, env, "card")
    result = submit(qtbot, wizard)
    assert wizard.card_wait is not None and wizard.stack.currentWidget() is wizard.card_wait
    assert browser.urls == [result.payment.checkout_url]
    assert "/pay/" in browser.urls[0]
    assert wizard.card_wait.title.text() == "Waiting for payment"
    wizard.card_wait.open_again.click()
    assert len(browser.urls) == 2
    qtbot.waitUntil(lambda: wizard.card_wait._op is not None and not wizard.card_wait._op.is_running,
                    timeout=10_000)
    assert wizard.card_wait.status == "pending"


def test_a_dropped_response_then_submit_again_makes_one_order_group(qtbot, live_server, token_store,
                                                                     app_folders):
    with DroppingProxy(live_server.port, drop_marker=b"POST /api/v1/checkout") as proxy:
        env = make_env(qtbot, live_server, token_store, app_folders, server_url=proxy.url, max_retries=0)
        try:
            fill_cart(qtbot, env)
            wizard = to_review(qtbot, env, "bank_transfer")
            key = wizard.key
            with qtbot.waitSignal(wizard.refused, timeout=30_000) as blocker:
                wizard.next()
            assert isinstance(blocker.args[0], ApiConnectionError)
            assert proxy.dropped == 1
            # the server made the order; the app does not know: the cart and the key are kept
            assert len(group_refs(live_server, env.buyer.headers)) == 1
            assert env.cart().lines() != []
            assert env.cart().pending_checkout().idempotency_key == key
            assert wizard.locked and wizard.next_button.text() == "Submit again"
            assert not wizard.back_button.isEnabled()
            result = submit(qtbot, wizard)
            assert result.replayed
            assert group_refs(live_server, env.buyer.headers) == {result.order_group.ref}
            assert env.cart().lines() == []
        finally:
            close_env(qtbot, env)


def test_a_restart_with_a_pending_checkout_offers_to_finish_it(qtbot, live_server, token_store, app_folders):
    with DroppingProxy(live_server.port, drop_marker=b"POST /api/v1/checkout") as proxy:
        env = make_env(qtbot, live_server, token_store, app_folders, server_url=proxy.url, max_retries=0)
        try:
            fill_cart(qtbot, env)
            wizard = to_review(qtbot, env, "multibanco")
            with qtbot.waitSignal(wizard.refused, timeout=30_000):
                wizard.next()
            wizard.reject()  # the app "stops" here
            qtbot.waitUntil(lambda: env.page.wizard is None)
            env.page.quoter.stop()
            env.page.close()
            # a new app on the same data folder
            store = CartStore(env.store.path)
            page = CartPage(store, env.client, env.session, server_url=live_server.url,
                            checkout=checkout_factory(app_folders.data / "checkout-details.json", env.client,
                                                      token_store))
            qtbot.addWidget(page)
            page.show()
            assert page.pending_frame.isVisible()
            assert "An order was being submitted" in page.pending_label.text()
            resumed = page.resume_checkout()
            assert resumed.current() == REVIEW and resumed.locked
            result = submit(qtbot, resumed)
            assert result.replayed
            assert group_refs(live_server, env.buyer.headers) == {result.order_group.ref}
            assert page.cart().lines() == [] and page.cart().pending_checkout() is None
            resumed.reject()
            qtbot.waitUntil(lambda: page.wizard is None)
            page.quoter.stop()
            qtbot.waitUntil(lambda: not page.quoter.pending, timeout=10_000)
            store.close()
        finally:
            close_env(qtbot, env)


def test_stock_changed_is_shown_on_the_line_and_nothing_is_charged(qtbot, env):
    offer, _other = fill_cart(qtbot, env, stock=20, quantity=2)
    wizard = to_review(qtbot, env, "card")
    rival = register(env.server.api)
    with httpx.Client(base_url=env.server.api, timeout=60) as api:
        buy(api, rival, [offer], quantity=1)  # 10 of the 20 units are gone
    with qtbot.waitSignal(wizard.refused, timeout=30_000) as blocker:
        wizard.next()
    exc = blocker.args[0]
    assert isinstance(exc, ConflictError) and exc.code == "stock_changed"
    assert "Nothing was ordered and nothing was charged" in wizard.review.notice.text()
    assert [i.code for i in wizard.refused_issues] == ["insufficient_stock"]
    assert "Only 10 units available." in wizard.review.summary.toPlainText()
    assert env.cart().pending_checkout() is None
    assert group_refs(env.server, env.buyer.headers) == set()
    # the cart is quoted again and shows the line's issue with its fix
    quote = env.wait_quote(qtbot, lambda q: not q.ok)
    assert "insufficient_stock" in {i.code for i in quote.all_issues}
    wizard.next()  # "Back to the cart"
    qtbot.waitUntil(lambda: env.page.wizard is None)
    row = env.page.rows[(offer.id, offer.packaging_id)]
    assert row.fix_buttons and row.fix_buttons[0].text() == "Lower to 10 units"
