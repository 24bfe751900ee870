"""The confirmation: the order group ref, one line per seller order (ref, seller, total), the payment
(instructions for a transfer or Multibanco), next steps and "View orders"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.models.money import Money
from desktop.views.locale.formatting import format_money

from .payment_wait import Instructions

if TYPE_CHECKING:
    from desktop.api_client.types import CheckoutResult
    from desktop.api_client.types import Money as ApiMoney

__all__ = ["Confirmation"]


def _m(value: ApiMoney) -> Money:
    return Money(value.amount, value.currency)


class Confirmation(QWidget):
    view_orders_requested = Signal()

    def __init__(self, result: CheckoutResult, *, paid: bool = False, guest_email: str | None = None,
                 parent: QWidget | None = None) -> None:
        # lupdate cannot read tr() inside f-strings: the labels are looked up here
        _t = {
            'Order': self.tr('Order'),
            'Seller': self.tr('Seller'),
            'Total': self.tr('Total'),
        }
        super().__init__(parent)
        group = result.order_group
        payment = result.payment
        self.ref = group.ref
        title = QLabel(self.tr("Thank you — your order is placed"))
        title.setStyleSheet("font-size: 17px; font-weight: 600;")
        self.ref_label = QLabel(self.tr("Order group %1").replace("%1", f"<b>{group.ref}</b>"))
        self.ref_label.setObjectName("groupRef")
        grid = QGridLayout()
        grid.addWidget(QLabel(f"<i>{_t['Order']}</i>"), 0, 0)
        grid.addWidget(QLabel(f"<i>{_t['Seller']}</i>"), 0, 1)
        grid.addWidget(QLabel(f"<i>{_t['Total']}</i>"), 0, 2)
        for r, order in enumerate(group.orders, start=1):
            grid.addWidget(QLabel(order.ref), r, 0)
            grid.addWidget(QLabel(order.seller.name), r, 1)
            grid.addWidget(QLabel(format_money(_m(order.total))), r, 2)
        grid.addWidget(QLabel(f"<b>{_t['Total']}</b>"), len(group.orders) + 1, 1)
        grid.addWidget(QLabel(f"<b>{format_money(_m(group.total))}</b>"), len(group.orders) + 1, 2)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.ref_label)
        layout.addLayout(grid)
        self.instructions: Instructions | None = None
        if payment.method in ("bank_transfer", "multibanco"):
            self.instructions = Instructions(payment, group.ref, self)
            layout.addSpacing(8)
            layout.addWidget(self.instructions)
            steps = self.tr("Next: pay with the details above. Each seller prepares and ships their order "
                            "once the payment has arrived; you can follow them on the Orders page.")
        elif paid:
            self.paid_label = QLabel(self.tr("Payment received."))
            self.paid_label.setObjectName("paymentReceived")
            self.paid_label.setStyleSheet("color: #1e7b34; font-weight: 600;")
            layout.addWidget(self.paid_label)
            steps = self.tr("Next: each seller prepares and ships their order; follow them on the Orders page.")
        else:
            steps = self.tr("Next: finish the card payment; follow the orders on the Orders page.")
        if guest_email:
            steps += " " + self.tr("The confirmation was sent to %1.").replace("%1", guest_email)
        next_steps = QLabel(steps)
        next_steps.setWordWrap(True)
        layout.addWidget(next_steps)
        self.view_orders = QPushButton(self.tr("View orders"))
        self.view_orders.setObjectName("viewOrders")
        self.view_orders.clicked.connect(self.view_orders_requested)
        row = QHBoxLayout()
        row.addWidget(self.view_orders)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
