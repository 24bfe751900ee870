"""The seller screens' shared parts: ``make_table`` (whole rows, one or several selected) and
``OrderSummary``, one incoming order at a glance beside the fulfilment table: its subtitle, shipping
method and tracking link, lines, what the total is made of (subtotal + shipping cost) and timeline (the
buyer detail's parts, `orders/order_text.py`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.models.orders_cache.rules import read_order
from desktop.views.locale.formatting import format_money, html_text
from desktop.views.locale.server_texts import shipping_method_name

from ..order_display.links import open_url
from ..order_display.order_text import OrderLines, rich_label, subtitle, tracking_html
from ..order_display.timeline import timeline_html

__all__ = ["OrderSummary", "make_table"]


def make_table(model: QAbstractItemModel, name: str, *, multi: bool = False) -> QTableView:
    """A table of whole rows as the seller's screens show them (one or several rows selected)."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection if multi
                           else QTableView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    return table


class OrderSummary(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(300)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 15px;")
        self.text = rich_label(lambda url: open_url(url))
        self.lines = OrderLines()
        self.totals = self._totals()
        self.timeline = rich_label()
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 0, 0, 0)
        for w in (self.title, self.text, self.lines, self.totals, self.timeline):
            column.addWidget(w)
        column.addStretch(1)
        self.show_order(None)

    def _totals(self) -> QWidget:
        """Subtotal, shipping cost and total, right-aligned (the total in bold), as the buyer sees them."""
        box = QWidget()
        box.setObjectName("orderSummaryTotals")
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        self.subtotal_label, self.shipping_price_label, self.total_label = QLabel(), QLabel(), QLabel()
        for label in (self.subtotal_label, self.shipping_price_label, self.total_label):
            label.setAlignment(Qt.AlignmentFlag.AlignRight)
        bold = self.total_label.font()
        bold.setBold(True)
        self.total_label.setFont(bold)
        form.addRow(self.tr("Subtotal"), self.subtotal_label)
        form.addRow(self.tr("Shipping cost"), self.shipping_price_label)
        form.addRow(self.tr("Total"), self.total_label)
        return box

    def show_order(self, data: Mapping[str, Any] | None) -> None:
        """The order JSON as the cache keeps it (None: the empty state)."""
        if data is None:
            self.title.setText(self.tr("No order selected"))
            self.text.setText(self.tr("Select an order to see its lines and history; select several "
                                      "to update them together."))
            self.lines.hide()
            self.totals.hide()
            self.timeline.clear()
            return
        order = read_order(data)
        self.title.setText(order.ref)
        parts = [html_text(subtitle(order))]
        if order.shipping_method:
            parts.append(html_text(self.tr("Shipping: %1").replace("%1", shipping_method_name(order.shipping_method))))
        if order.tracking is not None:
            parts.append(tracking_html(order.tracking))
        self.text.setText("<br>".join(parts))
        self.lines.show()
        self.lines.show_lines(order.lines)
        self.subtotal_label.setText(format_money(order.subtotal))
        self.shipping_price_label.setText(format_money(order.shipping_price))
        self.total_label.setText(format_money(order.total))
        self.totals.show()
        self.timeline.setText(timeline_html(order))
