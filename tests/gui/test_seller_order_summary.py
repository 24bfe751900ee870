"""Issue 29: the seller's order panel beside the fulfilment table says what its total is made of — the
subtotal and the shipping cost — so the total is explained."""

from __future__ import annotations

from decimal import Decimal

from desktop.views.locale.formatting import format_money
from desktop.views.seller.order_summary import OrderSummary
from tests.support.order_factory import order_json


def test_the_panel_shows_subtotal_shipping_cost_and_total(qtbot):
    summary = OrderSummary()
    qtbot.addWidget(summary)
    summary.show()
    assert summary.totals.isHidden()  # nothing selected
    summary.show_order(order_json())  # 60.00 of goods + 5.00 shipping = 65.00
    assert summary.totals.isVisible()
    shown = (summary.subtotal_label.text(), summary.shipping_price_label.text(), summary.total_label.text())
    assert shown == tuple(format_money(Decimal(a), "EUR") for a in ("60.00", "5.00", "65.00"))
    assert summary.totals.layout().labelForField(summary.shipping_price_label).text() == "Shipping cost"
    summary.show_order(None)
    assert summary.totals.isHidden()
