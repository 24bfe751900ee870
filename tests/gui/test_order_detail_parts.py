"""The order detail's parts that need no server: the typed order shown, HTML escaping in attributes,
an order the app cannot read, and the shared contact-the-seller dialog's two shapes."""

from __future__ import annotations

import shiboken6

from desktop.views.order_display import order_text, timeline
from desktop.views.orders import OrderDetail
from desktop.views.questions.contact_seller import ContactSellerDialog
from tests.support.order_factory import order, order_json


def test_tracking_and_seller_links_escape_quotes_in_attributes_and_markup_in_text(qtbot):
    o = order(tracking={"carrier": "<DHL>", "number": "A&B", "url": 'https://t.test/?n=1&x="><script>'},
              seller={"id": 3, "name": "L'Atelier <Surplus>", "email": 'a"b@x.test', "phone": None, "country": "PT"})
    link = order_text.tracking_html(o.tracking)
    assert 'href="https://t.test/?n=1&amp;x=&quot;&gt;&lt;script&gt;"' in link
    assert "&lt;DHL&gt;" in link and ">A&amp;B</a>" in link
    seller = order_text.seller_html(o.seller)
    assert 'href="mailto:a&quot;b@x.test"' in seller
    assert "<b>L'Atelier &lt;Surplus&gt;</b>" in seller  # text keeps its apostrophe readable


def test_the_detail_reads_the_typed_order_and_keeps_its_json(qtbot):
    detail = OrderDetail(client=None)
    qtbot.addWidget(detail)
    data = order_json(shipping_status="delivered", can_cancel=False, can_review=True)
    detail.show_order(data)
    assert detail.current is not None and detail.current.ref == "O-1"
    assert detail.order == data
    assert detail.title.text() == "Order O-1"
    assert detail.lines.topLevelItemCount() == 3
    assert detail.review_button.isEnabled() and not detail.cancel_button.isEnabled()
    assert not detail.pay_button.isVisibleTo(detail)
    detail.show_order(order_json(payment_status="failed"))
    assert detail.pay_button.isVisibleTo(detail) and detail.pay_button.isEnabled()


def test_an_order_that_cannot_be_read_shows_a_message_not_a_crash(qtbot):
    detail = OrderDetail(client=None)
    qtbot.addWidget(detail)
    detail.show_order(order_json(total={"amount": 1.5, "currency": "EUR"}))
    assert detail.current is None and detail.order is None
    assert "cannot be shown" in detail.empty_label.text()
    assert not detail.copy_button.isEnabled()


def test_an_offer_is_named_an_order_offers_a_choice(qtbot):
    one = ContactSellerDialog(None, "Lisboa Surplus", [(7, "Gloves")])
    qtbot.addWidget(one)
    assert one.windowTitle() == "Contact the seller"
    assert "“Gloves”" in one.intro_label.text() and one.offer_combo.isHidden()
    assert not one.send_button.isEnabled()  # nothing to send yet
    several = ContactSellerDialog(None, "Lisboa Surplus", [(7, "SKU-7 — Gloves"), (8, "SKU-8 — Masks")],
                                  order_ref="O-1")
    qtbot.addWidget(several)
    assert several.windowTitle() == "Contact Lisboa Surplus"
    assert several.intro_label.isHidden() and not several.offer_combo.isHidden()
    assert several.status_label.isHidden()  # no blank line under an order's question until it is sent
    several.offer_combo.setCurrentIndex(1)
    assert several.offer_id() == 8
    assert several.message() == "About order O-1:"
    assert several.send_button.isEnabled()


def test_the_order_detail_offers_each_offer_once(qtbot):
    detail = OrderDetail(client=None)
    qtbot.addWidget(detail)
    detail.show_order(order_json())
    dialog = detail.request_contact()
    assert [dialog.offer_combo.itemData(i) for i in range(dialog.offer_combo.count())] == [7, 8]
    assert dialog.close_when_sent
    dialog.reject()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=2000)  # deleted on close, before the detail
    assert detail.dialog is None


def _timeline_order():
    at = "2026-05-01T10:00:00Z"
    return order(history=[
        {"at": at, "event": "created", "detail": "Order placed; payment by bank transfer.",
         "params": {"payment_method": "bank_transfer"}},
        {"at": at, "event": "shipped", "detail": "DHL 123", "params": {"carrier": "DHL", "tracking_number": "123"}},
        {"at": at, "event": "cancelled", "detail": "Cancelled by the seller: Rupture", "params": {
            "by": "seller", "reason": "Rupture"}},
        {"at": at, "event": "refunded", "detail": "65.00 EUR refunded.", "params": {"amount": "65.00",
                                                                                   "currency": "EUR"}},
        {"at": at, "event": "returned_to_sender", "detail": "Back at the warehouse.", "params": {}},
    ])


def test_the_timeline_words_each_event_from_its_code_and_params(qtbot):
    details = [timeline.event_detail(e) for e in _timeline_order().history]
    assert details[:3] == ["Payment by bank transfer.", "DHL 123", "Cancelled by the seller: Rupture"]
    assert details[3].endswith("refunded.") and "65.00" in details[3]
    assert details[4] == "Back at the warehouse."  # an event this client does not know: the server's words
    older = order(history=[{"at": "2026-05-01T10:00:00Z", "event": "shipped", "detail": "UPS 1Z9"}])
    assert timeline.event_detail(older.history[0]) == "UPS 1Z9"  # recorded before events had params


def test_the_timeline_in_french(qtbot, french):
    o = _timeline_order()
    details = [timeline.event_detail(e) for e in o.history]
    assert details[:3] == ["Paiement par virement bancaire.", "DHL 123", "Annulée par le vendeur : Rupture"]
    assert details[3] == "65,00\u00a0€ remboursés."
    html = timeline.timeline_html(o)
    assert "Commande passée" in html and "Expédiée" in html and "Order placed" not in html
