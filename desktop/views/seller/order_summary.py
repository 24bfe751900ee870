"""The seller screens' shared parts: ``make_table`` (whole rows, one or several selected) and
``OrderSummary``, one incoming order at a glance beside the fulfilment table: its subtitle, shipping
method and tracking link, lines and timeline (the buyer detail's parts, `orders/order_text.py`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from desktop.models.orders_cache.rules import read_order
from desktop.views.locale.formatting import html_text
from desktop.views.locale.server_texts import shipping_method_name
from desktop.views.window.keyboard import keyboard_view

from ..order_display.links import open_url
from ..order_display.order_text import OrderLines, rich_label, subtitle, tracking_html
from ..order_display.timeline import timeline_html

__all__ = ["OrderSummary", "make_table"]


def make_table(model: QAbstractItemModel, name: str, *, multi: bool = False) -> QTableView:
    """A table of whole rows as the seller's screens show them (one or several rows selected)."""
    table = keyboard_view(QTableView())
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
        self.timeline = rich_label()
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 0, 0, 0)
        for w in (self.title, self.text, self.lines, self.timeline):
            column.addWidget(w)
        column.addStretch(1)
        self.show_order(None)

    def show_order(self, data: Mapping[str, Any] | None) -> None:
        """The order JSON as the cache keeps it (None: the empty state)."""
        if data is None:
            self.title.setText(self.tr("No order selected"))
            self.text.setText(self.tr("Select an order to see its lines and history; select several "
                                      "to update them together."))
            self.lines.hide()
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
        self.timeline.setText(timeline_html(order))
