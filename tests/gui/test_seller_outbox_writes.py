"""Fulfilment writes and answers through the seller's outbox, against the real server: queued offline
and shown pending on their rows, sent once each in order when back online, refusals shown per order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.models.seller import Status
from desktop.views.order_display.orders_model import COLUMNS
from desktop.views.seller.fulfilment_dialogs import ShipDialog
from tests.api_client.live import SELLER
from tests.gui import fulfilment_support
from tests.seller.support import paid_orders

seller = fulfilment_support.seller  # fixtures
desk = fulfilment_support.desk


@pytest.fixture
def orders(live_server, seller):
    """Two new paid orders to the demo seller and a new question, from a buyer of their own."""
    buyer, offer, refs = paid_orders(live_server.url, seller, 2)
    question = buyer.questions.ask(offer.id, "Can you deliver on a Saturday?")
    yield refs, question
    buyer.close()


def synced(qtbot, page) -> None:
    with qtbot.waitSignal(page.fulfilment.synced, timeout=30_000):
        page.fulfilment.set_account(SELLER)
    with qtbot.waitSignal(page.questions.loaded, timeout=30_000):
        page.questions.load()


def shipping_cell(f, ref: str, role=Qt.ItemDataRole.DisplayRole):
    return f.model.data(f.model.index(f.model.row_of_ref(ref), COLUMNS.index("shipping")), role)


def on_server(seller, ref: str):
    return next(o for o in seller.seller.orders(q=ref) if o.ref == ref)


def test_offline_writes_are_queued_shown_pending_then_sent_once_each(qtbot, desk, seller, orders):
    refs, asked = orders
    f, q, outbox = desk.fulfilment, desk.questions, desk.workspace.desk.outbox
    synced(qtbot, desk)
    qtbot.waitUntil(lambda: not desk.workspace.desk.runner.busy, timeout=30_000)
    desk.connectivity.went_offline()
    f.set_preset("all")
    ref = refs[0]
    f.select_refs([ref])
    assert f.preparing_button.isEnabled()  # offline: writes are queued, not refused
    f.preparing_button.click()
    assert [e.status for e in outbox.entries(kind="shipping")] == [Status.WAITING]
    assert shipping_cell(f, ref) == "Preparing — pending"
    f.select_refs([ref])
    assert f.shipped_button.isEnabled() and not f.preparing_button.isEnabled()  # after the queued "preparing"
    f.shipped_button.click()
    dialog = f.dialog
    assert isinstance(dialog, ShipDialog)
    dialog.all_carrier.setCurrentText("DHL")
    dialog.set_tracking(ref, "JD0999000111")
    dialog.ok_button.click()
    assert shipping_cell(f, ref) == "Shipped — pending"
    q.select_row(q.model.row_of(asked.id))
    q.answer_edit.setPlainText("Yes, Saturdays too.")
    assert q.send_button.isEnabled()  # offline too: the answer is kept in the outbox
    q.send_button.click()
    assert q.model.data(q.model.index(q.model.row_of(asked.id), 0)) == "Pending"
    assert "waiting to be sent" in q.answer_label.text() and not q.answer_edit.isVisible()
    assert desk.count("pending") == 3 and desk.title("pending") == "Pending changes (3)"
    assert on_server(seller, ref).shipping_status == "awaiting_preparation"  # nothing sent offline

    with qtbot.waitSignal(f.applied, timeout=30_000):
        desk.connectivity.retry()  # the marketplace answers: the outbox drains in order
    qtbot.waitUntil(lambda: outbox.open_count() == 0 and not desk.workspace.desk.runner.busy, timeout=30_000)
    sent = outbox.entries()
    assert [e.kind for e in sent] == ["shipping", "shipping", "answer"]
    assert all(e.status == Status.SENT and e.attempts == 1 for e in sent)  # each sent exactly once
    order = on_server(seller, ref)
    assert order.shipping_status == "shipped" and order.tracking.number == "JD0999000111"
    assert order.tracking.carrier == "DHL"
    assert f.cache.order(ref)["shipping_status"] == "shipped" and shipping_cell(f, ref) == "Shipped"
    answer = next(x for x in seller.seller.questions(unanswered=False, limit=500) if x.id == asked.id)
    assert answer.answer == "Yes, Saturdays too."
    qtbot.waitUntil(lambda: q.model.question(q.model.row_of(asked.id)).answer is not None, timeout=10_000)
    assert desk.count("pending") == 0 and desk.title("pending") == "Pending changes"


def test_a_refused_transition_shows_the_servers_message_on_its_order(qtbot, desk, seller, orders):
    refs, _ = orders
    f = desk.fulfilment
    synced(qtbot, desk)
    seller.seller.update_shipping(refs[1], "shipped", carrier="UPS", tracking_number="1Z42")  # on the web
    with qtbot.waitSignal(f.applied, timeout=30_000) as blocker:
        f.mark("preparing", [refs[1]])  # the table still says awaiting preparation
    refused = blocker.args[0][0]
    assert not refused.ok and "cannot become preparing" in refused.message
    assert f"{refs[1]} not changed: {refused.message}" in f.result_label.text()
    assert refused.message in shipping_cell(f, refs[1], Qt.ItemDataRole.ToolTipRole)
    assert shipping_cell(f, refs[1]).startswith("⚠")
    # not by the glyph and the red alone: a screen reader reads the refusal in words (WCAG 1.4.1)
    spoken = shipping_cell(f, refs[1], Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == "Awaiting preparation, refused by the marketplace"
    assert desk.count("pending") == 1  # kept in Pending changes until retried or discarded
    pending = desk.widget("pending")
    pending.reload()
    assert any("cannot become preparing" in pending.table.item(r, 4).text() for r in range(pending.table.rowCount()))


def test_a_tracking_csv_is_checked_then_queued_and_sent_through_the_outbox(qtbot, desk, seller, orders, tmp_path):
    refs, _ = orders
    f, outbox = desk.fulfilment, desk.workspace.desk.outbox
    synced(qtbot, desk)
    path = tmp_path / "tracking.csv"
    path.write_text(f"order_ref;carrier;tracking_number\n{refs[0]};GLS;77810000001\n{refs[1]};UPS;1Z999AA10123455521\n",
                    encoding="utf-8")
    f.tracking_button.click()
    dialog = f.dialog
    with qtbot.waitSignal(dialog.checked, timeout=30_000):
        dialog.load_file(path)
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(f.applied, timeout=30_000):
        dialog.apply_button.click()
    qtbot.waitUntil(lambda: outbox.open_count() == 0 and not desk.workspace.desk.runner.busy, timeout=30_000)
    assert [(e.kind, e.target, e.status) for e in outbox.entries()] == [
        ("shipping", refs[0], Status.SENT), ("shipping", refs[1], Status.SENT)]
    got = on_server(seller, refs[1])
    assert (got.shipping_status, got.tracking.carrier, got.tracking.number) == ("shipped", "UPS", "1Z999AA10123455521")
    dialog.reject()


def test_a_new_write_of_a_refused_order_or_answer_revises_it_in_its_place(qtbot, desk, seller, orders):
    """The outbox's rule (models/seller/plans.py) through the pages: the seller's next word on an order
    or a question whose write was refused is that write, fixed, sent again under its key."""
    refs, asked = orders
    f, q, outbox = desk.fulfilment, desk.questions, desk.workspace.desk.outbox
    synced(qtbot, desk)
    seller.seller.update_shipping(refs[1], "shipped", carrier="UPS", tracking_number="1Z42")  # on the web
    with qtbot.waitSignal(f.applied, timeout=30_000) as blocker:
        f.mark("preparing", [refs[1]])
    assert not blocker.args[0][0].ok
    [refused] = outbox.entries(kind="shipping")
    with qtbot.waitSignal(f.applied, timeout=30_000) as blocker:
        f.mark("delivered", [refs[1]])
    assert blocker.args[0][0].ok
    [sent] = outbox.entries(kind="shipping")
    assert (sent.id, sent.idempotency_key, sent.status) == (refused.id, refused.idempotency_key, Status.SENT)
    assert sent.payload["status"] == "delivered" and on_server(seller, refs[1]).shipping_status == "delivered"

    q.select_row(q.model.row_of(asked.id))
    with qtbot.waitSignal(q.answered, timeout=30_000) as blocker:
        q.answer_current("x" * 2001)  # past the server's limit: refused
    assert not blocker.args[0].ok
    [refused] = outbox.entries(kind="answer")
    q.select_row(q.model.row_of(asked.id))
    with qtbot.waitSignal(q.answered, timeout=30_000) as blocker:
        q.answer_current("Yes, on Saturdays.")
    assert blocker.args[0].ok
    [sent] = outbox.entries(kind="answer")
    assert (sent.id, sent.idempotency_key, sent.status) == (refused.id, refused.idempotency_key, Status.SENT)
    answer = next(x for x in seller.seller.questions(unanswered=False, limit=500) if x.id == asked.id)
    assert answer.answer == "Yes, on Saturdays."


def test_a_refusal_is_announced_to_a_screen_reader(qtbot, desk, seller, orders):
    """A status message (WCAG 4.1.3, issue 30): the pending changes' summary, read out when a write is
    refused, without moving the focus."""
    from desktop.views.window import accessible

    refs, _ = orders
    f = desk.fulfilment
    synced(qtbot, desk)
    pending = desk.widget("pending")
    accessible.announced.clear()
    seller.seller.update_shipping(refs[1], "shipped", carrier="UPS", tracking_number="1Z43")  # on the web
    with qtbot.waitSignal(f.applied, timeout=30_000):
        f.mark("preparing", [refs[1]])
    qtbot.waitUntil(lambda: "need your decision" in pending.summary.text(), timeout=10_000)
    assert (pending.summary.text(), True) in accessible.announced, accessible.announced
