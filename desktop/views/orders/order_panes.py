"""The order detail's panes under its title and actions: the lines, the totals, the payment, the
shipping (method and status, tracking, timeline) and the seller with the origin warehouse."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop.api_client.types import Order
from desktop.views.locale.formatting import format_money
from desktop.views.locale.server_texts import shipping_method_name

from ..order_display import order_text
from ..order_display.order_text import OrderLines, rich_label
from ..order_display.orders_model import shipping_text
from ..order_display.timeline import timeline_html

__all__ = ["OrderPanes"]


class OrderPanes(QWidget):
    def __init__(self, open_url: Callable[[str], object], parent: QWidget | None = None) -> None:
        """``open_url``: what a click on a tracking or seller link does (the system browser)."""
        super().__init__(parent)
        self.lines = OrderLines()

        self.subtotal_label, self.shipping_price_label, self.total_label = QLabel(), QLabel(), QLabel()
        for label in (self.subtotal_label, self.shipping_price_label, self.total_label):
            label.setAlignment(Qt.AlignmentFlag.AlignRight)
        bold = self.total_label.font()
        bold.setBold(True)
        self.total_label.setFont(bold)
        totals = QFormLayout()
        totals.addRow(self.tr("Subtotal"), self.subtotal_label)
        totals.addRow(self.tr("Shipping"), self.shipping_price_label)
        totals.addRow(self.tr("Total"), self.total_label)

        self.payment_label = QLabel()
        self.payment_label.setWordWrap(True)
        payment_box = QGroupBox(self.tr("Payment"))
        QVBoxLayout(payment_box).addWidget(self.payment_label)

        self.shipping_label = QLabel()
        self.shipping_label.setWordWrap(True)
        self.tracking_label = rich_label(lambda url: open_url(url), wrap=False)
        self.timeline = rich_label()
        shipping_box = QGroupBox(self.tr("Shipping"))
        sl = QVBoxLayout(shipping_box)
        sl.addWidget(self.shipping_label)
        sl.addWidget(self.tracking_label)
        sl.addWidget(self.timeline)

        self.seller_label = rich_label(lambda url: open_url(url))
        self.origin_label = QLabel()
        self.origin_label.setWordWrap(True)
        seller_box = QGroupBox(self.tr("Seller"))
        seller_layout = QFormLayout(seller_box)
        seller_layout.addRow(self.seller_label)
        seller_layout.addRow(self.tr("Ships from"), self.origin_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lines)
        layout.addLayout(totals)
        layout.addWidget(payment_box)
        layout.addWidget(shipping_box)
        layout.addWidget(seller_box)

    def fill(self, o: Order) -> None:
        self.lines.show_lines(o.lines)
        self.subtotal_label.setText(format_money(o.subtotal))
        self.shipping_price_label.setText(format_money(o.shipping_price))
        self.total_label.setText(format_money(o.total))
        self.payment_label.setText(order_text.method_text(o))
        self.shipping_label.setText(shipping_method_name(o.shipping_method) + " — " + shipping_text(o.shipping_status))
        if o.tracking is not None:
            self.tracking_label.setText(order_text.tracking_html(o.tracking))
            self.tracking_label.show()
        else:
            self.tracking_label.hide()
        self.timeline.setText(timeline_html(o))
        self.seller_label.setText(order_text.seller_html(o.seller))
        self.origin_label.setText(order_text.origin_text(o.origin))
