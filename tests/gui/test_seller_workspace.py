"""The Seller page against the real server: shown to sellers only, its tabs and badges; fulfilment
(presets, preparing → shipped with tracking on a selection, the server's refusals, cancel with the
refund shown first); the questions inbox (unanswered first, answered inline, the badge drops)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from desktop.models.orders_cache import OrderQuery, OrdersCache
from desktop.models.seller import ListingsStore, Outbox, fulfilment
from desktop.views.background import tasks
from desktop.views.seller.build import seller_page
from desktop.views.seller.fulfilment_dialogs import SellerCancelDialog, ShipDialog
from desktop.views.seller.questions_model import QuestionsModel
from desktop.views.seller.seller_page import SellerPage
from desktop.views.seller.workspace import SellerWorkspace
from desktop.views.shell.shell import Shell
from tests.api_client.live import SELLER, register_buyer, signed_in
from tests.seller.support import paid_orders


@pytest.fixture
def seller(live_server):
    client = signed_in(live_server.url, SELLER)
    yield client
    client.close()


def openers(folders, url):
    return {"caches": lambda account: OrdersCache.for_account(folders.data, url, account),
            "listings": lambda account: ListingsStore.for_account(folders.data, url, account),
            "outboxes": lambda account: Outbox.for_account(folders.data, url, account)}


@pytest.fixture
def page(qtbot, seller, app_folders):
    page = seller_page(seller, **openers(app_folders, seller.server_url), state_path=app_folders.config / "w.ini",
                       auto_sync=False)
    qtbot.addWidget(page, before_close_func=lambda w: (qtbot.waitUntil(lambda: tasks.running_ops() == 0,
                                                                       timeout=30_000), w.shutdown()))
    page.resize(1280, 760)
    page.workspace = SellerWorkspace(page, seller, listings=page.openers[0], outboxes=page.openers[1])
    page.workspace.set_account(SELLER)
    with qtbot.waitSignal(page.fulfilment.synced, timeout=30_000) as blocker:
        page.fulfilment.set_account(SELLER)
    assert blocker.args[0] is not None
    with qtbot.waitSignal(page.questions.loaded, timeout=30_000):
        page.questions.load()
    return page


@pytest.fixture
def fresh_orders(live_server, seller):
    """Three new paid orders to the demo seller, placed by a buyer of their own (by bank transfer, which
    the admin marks received)."""
    buyer, _offer, refs = paid_orders(live_server.url, seller, 3)
    yield refs
    buyer.close()


def shown(page) -> list[str]:
    model = page.fulfilment.model
    return [model.row_at(r).ref for r in range(model.rowCount())]


def server_status(seller, ref: str) -> str:
    return next(o for o in seller.seller.orders(q=ref) if o.ref == ref).shipping_status


def resync(qtbot, page) -> None:
    with qtbot.waitSignal(page.fulfilment.synced, timeout=30_000):
        page.fulfilment.sync()


# -- the container -------------------------------------------------------------------------------------


def test_seller_page_shows_for_a_seller_and_not_for_a_buyer(qtbot, live_server, app_folders, token_store,
                                                             error_channel):
    shell = Shell(live_server.url, paths=app_folders, token_store=token_store, channel=error_channel)
    qtbot.addWidget(shell.window)
    try:
        w = shell.window
        assert isinstance(w.page("seller"), SellerPage)
        assert "seller" not in w.page_keys()
        shell.session.signed_in_with(shell.client.auth.login("buyer@demo.test", "demo-password"))
        assert "seller" not in w.page_keys() and not w.show_page("seller")
        shell.session.signed_in_with(shell.client.auth.login(SELLER, "demo-password"))
        assert w.show_page("seller")
        page = w.page("seller")
        assert page.keys() == ["listings", "orders", "questions", "pending", "import"]
        qtbot.waitUntil(lambda: page.count("questions") >= 3 and page.count("orders") >= 1, timeout=30_000)
        assert page.title("questions") == f"Questions ({page.count('questions')})"
        assert page.tabs.tabToolTip(2) == f"Questions waiting for your answer: {page.count('questions')}"
        offer_id = page.questions.model.question(0).offer_id
        page.questions.offer_requested.emit(offer_id)  # "About <offer>" opens it in the catalog
        assert w.current_page_key() == "catalog"
        qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)  # the offer's detail loads
        assert error_channel.current_dialog() is None, error_channel.current_dialog().details_text()
        shell.session.sign_out()
        assert "seller" not in w.page_keys() and page.count("questions") == 0
        qtbot.waitUntil(lambda: tasks.running_ops() == 0, timeout=30_000)
        dialog = error_channel.current_dialog()
        assert dialog is None, dialog.details_text()
    finally:
        shell.shutdown()


def test_tabs_by_key_badges_and_the_last_tab_remembered(qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel

    state = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    first = SellerPage(state=state)
    qtbot.addWidget(first)
    for key in ("orders", "questions", "listings"):
        first.add_tab(key, QLabel(key), key.title())
    first.set_count("questions", 3)
    assert first.title("questions") == "Questions (3)"
    first.set_count("questions", 0)
    assert first.title("questions") == "Questions"
    with pytest.raises(ValueError):
        first.add_tab("orders", QLabel(), "Again")
    assert first.show_tab("listings") and first.current_key() == "listings"
    again = SellerPage(state=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    again.add_tab("orders", QLabel(), "Orders")
    assert again.current_key() == "orders"
    again.add_tab("listings", QLabel(), "Listings")  # added later (at merge, another screen's tab)
    assert again.current_key() == "listings"


# -- fulfilment ---------------------------------------------------------------------------------------


def test_presets_filter_as_the_server_does(page, seller):
    f = page.fulfilment
    for preset, (payment, shipping) in (("to_prepare", (("paid",), ("awaiting_preparation",))),
                                        ("to_ship", (("paid",), ("preparing",))), ("in_transit", ((), ("shipped",)))):
        f.set_preset(preset)
        expected = [o.ref for o in seller.seller.orders(limit=500, payment_status=list(payment) or None,
                                                        shipping_status=list(shipping))]
        assert shown(page) == expected and expected, preset
        rows = [f.model.row_at(r) for r in range(f.model.rowCount())]
        assert {r.shipping_status for r in rows} == set(shipping)
    f.set_preset("all")
    assert len(shown(page)) == len(list(seller.seller.orders(limit=500)))
    f.days_combo.setCurrentIndex(f.days_combo.findData(30))
    f.table.horizontalHeader().sectionClicked.emit(4)  # Total: largest first
    query = f.query()
    assert query.sort == "-total" and query.created_from is not None
    assert shown(page) == [o.ref for o in seller.seller.orders(limit=500, **query.server_params())]
    f.days_combo.setCurrentIndex(0)
    f.set_preset("to_prepare")
    assert page.count("orders") == f.model.rowCount() >= 1


def test_mark_preparing_then_shipped_with_tracking_on_a_selection(qtbot, page, seller, fresh_orders):
    f = page.fulfilment
    resync(qtbot, page)
    f.set_preset("all")
    f.select_refs(fresh_orders)
    assert f.selected_refs() == sorted(f.selected_refs(), key=shown(page).index) and len(f.selected_refs()) == 3
    assert f.preparing_button.isEnabled() and f.shipped_button.isEnabled() and not f.delivered_button.isEnabled()
    with qtbot.waitSignal(f.applied, timeout=30_000) as blocker:
        f.preparing_button.click()
    assert all(o.ok for o in blocker.args[0])
    assert {server_status(seller, r) for r in fresh_orders} == {"preparing"}
    assert {f.cache.order(r)["shipping_status"] for r in fresh_orders} == {"preparing"}
    f.set_preset("to_ship")
    assert set(fresh_orders) <= set(shown(page))
    f.select_refs(fresh_orders)
    f.shipped_button.click()
    dialog = f.dialog
    assert isinstance(dialog, ShipDialog) and not dialog.ok_button.isEnabled()
    dialog.all_carrier.setCurrentText("DHL")
    for n, ref in enumerate(fresh_orders):
        dialog.set_tracking(ref, f"JD01460000{n}")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(f.applied, timeout=30_000):
        dialog.ok_button.click()
    for n, ref in enumerate(fresh_orders):
        order = next(o for o in seller.seller.orders(q=ref) if o.ref == ref)
        assert order.shipping_status == "shipped"
        assert order.tracking.carrier == "DHL" and order.tracking.number == f"JD01460000{n}"
        assert order.tracking.url and "dhl" in order.tracking.url
    assert not set(fresh_orders) & set(shown(page))  # no longer "to ship"
    f.set_preset("in_transit")
    rows = {f.model.row_at(r).ref: f.model.row_at(r) for r in range(f.model.rowCount())}
    assert rows[fresh_orders[0]].tracking_number == "JD014600000"


def test_a_forbidden_transition_shows_the_servers_message(qtbot, page, seller, fresh_orders):
    f = page.fulfilment
    resync(qtbot, page)
    seller.seller.update_shipping(fresh_orders[0], "shipped", carrier="UPS", tracking_number="1Z999")
    # the table still says awaiting preparation (not synced): the server refuses, per order
    with qtbot.waitSignal(f.applied, timeout=30_000) as blocker:
        f.mark("preparing", fresh_orders[:2])
    outcomes = {o.key: o for o in blocker.args[0]}
    assert outcomes[fresh_orders[1]].ok
    refused = outcomes[fresh_orders[0]]
    assert refused.status == 409 and refused.code == "invalid_transition"  # kept in the outbox with its words
    assert "cannot become preparing" in refused.message
    assert f"{fresh_orders[0]} not changed" in f.result_label.text() and refused.message in f.result_label.text()
    assert "Orders updated: 1." in f.result_label.text()
    assert server_status(seller, fresh_orders[0]) == "shipped"
    # a 422 (here: no tracking number, which the dialog never lets through) is shown the same way
    with qtbot.waitSignal(f.applied, timeout=30_000) as blocker:
        f.send("shipping", [{"ref": fresh_orders[2], "status": "shipped", "tracking_number": None}])
    refused = blocker.args[0][0]
    assert (refused.status, refused.code) == (422, "tracking_number_required")
    assert f"{fresh_orders[2]} not changed: {refused.message}" in f.result_label.text()


def test_cancel_shows_the_refund_first_and_ends_cancelled_and_refunded(qtbot, page, seller, fresh_orders):
    ref = fresh_orders[0]
    f = page.fulfilment
    resync(qtbot, page)
    f.set_preset("all")
    f.select_refs([ref])
    order = f.cache.order(ref)
    assert order["payment_status"] == "paid"
    f.cancel_button.click()
    dialog = f.dialog
    assert isinstance(dialog, SellerCancelDialog)
    total = order["total"]
    assert total["currency"] in dialog.refund_label.text() and "Bank transfer" in dialog.refund_label.text()
    assert total["amount"].split(".")[0] in dialog.refund_label.text().replace(",", "")
    assert server_status(seller, ref) == "awaiting_preparation"  # nothing sent before confirming
    dialog.reason_edit.setText("Damaged in the warehouse")
    with qtbot.waitSignal(f.applied, timeout=30_000) as blocker:
        dialog.confirm_button.click()
    assert blocker.args[0][0].ok
    got = next(o for o in seller.seller.orders(q=ref))
    assert (got.shipping_status, got.payment_status) == ("cancelled", "refunded")
    assert (f.cache.order(ref)["shipping_status"], f.cache.order(ref)["payment_status"]) == ("cancelled", "refunded")
    assert f"Order {ref} cancelled" in f.result_label.text()


# -- questions ------------------------------------------------------------------------------------------


def test_questions_unanswered_first_answer_inline_and_the_badge_drops(qtbot, live_server, page, seller, qtmodeltester):
    buyer, _ = register_buyer(live_server.url)
    offer = next(iter(seller.seller.offers(limit=5)))
    asked = buyer.questions.ask(offer.id, "Could you ship half now and half next month?")
    q = page.questions
    with qtbot.waitSignal(q.loaded, timeout=30_000):
        q.load()
    qtmodeltester.check(q.model)
    items = q.model.questions()
    answered = [i.answer is not None for i in items]
    assert answered == sorted(answered) and False in answered and True in answered  # unanswered first
    before = page.count("questions")
    assert before == answered.count(False) and page.title("questions") == f"Questions ({before})"
    q.select_row(q.model.row_of(asked.id))
    assert offer.title in q.offer_label.text() and offer.sku in q.offer_label.text()
    assert not q.send_button.isEnabled()
    q.answer_edit.setPlainText("Yes: two deliveries, two weeks apart.")
    assert q.send_button.isEnabled()
    with qtbot.waitSignal(q.answered, timeout=30_000) as blocker:
        q.send_button.click()
    assert blocker.args[0].ok
    assert page.count("questions") == before - 1
    mine = next(t for t in buyer.questions.list() if t.id == asked.id)
    assert mine.answer == "Yes: two deliveries, two weeks apart."
    row = q.model.row_of(asked.id)
    assert q.model.question(row).answer is not None and row >= before - 1  # among the answered now
    with qtbot.waitSignal(q.answered, timeout=30_000):  # answered elsewhere meanwhile: the server's words
        other = buyer.questions.ask(offer.id, "And a third pallet?")
        with qtbot.waitSignal(q.loaded, timeout=30_000):
            q.load()
        q.select_row(q.model.row_of(other.id))
        seller.seller.answer(other.id, "Answered on the web")
        q.answer_current("Too late")
    assert "already" in q.result_label.text().lower() or "Not sent" in q.result_label.text()
    buyer.close()


def test_models(qtmodeltester, page):
    qtmodeltester.check(page.fulfilment.model)
    qtmodeltester.check(QuestionsModel())
    assert fulfilment.can_mark("awaiting_preparation", "shipped") and not fulfilment.can_mark("preparing", "delivered")
    assert page.fulfilment.cache.search(OrderQuery())
