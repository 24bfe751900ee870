"""The fulfilment page's dialogs: the tracking of a shipment (one or a selection of orders), and the
confirmation of a cancel that says what the buyer will be refunded, how, before anything is sent."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.api_client.types import Order
from desktop.models.seller import fulfilment
from desktop.views.locale.formatting import format_money
from desktop.views.window import accessible

__all__ = ["SellerCancelDialog", "ShipDialog", "method_name"]


def method_name(method: str | None) -> str:
    """"Card", "Bank transfer", "Multibanco" (the order detail's words, and translations)."""
    return {
        "card": QCoreApplication.translate("OrderDetail", "Card"),
        "bank_transfer": QCoreApplication.translate("OrderDetail", "Bank transfer"),
        "multibanco": QCoreApplication.translate("OrderDetail", "Multibanco"),
    }.get(method or "", method or "")


def _carrier_box(parent: QWidget | None = None) -> QComboBox:
    box = QComboBox(parent)
    box.setEditable(True)  # a carrier of the seller's own is accepted (no tracking link for it)
    box.addItems(fulfilment.CARRIERS)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setMinimumWidth(130)
    return box


class ShipDialog(QDialog):
    """The carrier and tracking number of each order to mark shipped (a carrier for all at the top)."""

    def __init__(self, refs: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refs = list(refs)
        self.setWindowTitle(self.tr("Mark shipped (%1)").replace("%1", str(len(self.refs))))
        self.all_carrier = _carrier_box()
        self.all_carrier.currentTextChanged.connect(self._carrier_for_all)
        top = QFormLayout()
        top.addRow(self.tr("&Carrier for all"), self.all_carrier)
        rows = QWidget()
        form = QFormLayout(rows)
        self.carriers: dict[str, QComboBox] = {}
        self.numbers: dict[str, QLineEdit] = {}
        for ref in self.refs:
            carrier = _carrier_box()
            number = QLineEdit()
            number.setPlaceholderText(self.tr("Tracking number"))
            number.setMaxLength(64)
            number.setAccessibleName(self.tr("Tracking number for %1").replace("%1", ref))
            accessible.name(carrier, self.tr("Carrier for %1").replace("%1", ref))
            number.textChanged.connect(self._update_ok)
            form.addRow(ref, _pair(carrier, number))
            self.carriers[ref], self.numbers[ref] = carrier, number
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(rows)
        scroll.setMaximumHeight(320)
        self.hint = QLabel(self.tr("The buyer sees the number, with a link to the carrier's tracking page."))
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(self.tr("&Mark shipped"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._update_ok()

    def _carrier_for_all(self, text: str) -> None:
        for box in self.carriers.values():
            box.setCurrentText(text)

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(all(e.text().strip() for e in self.numbers.values()))

    def set_tracking(self, ref: str, number: str, carrier: str | None = None) -> None:
        if carrier is not None:
            self.carriers[ref].setCurrentText(carrier)
        self.numbers[ref].setText(number)

    def payloads(self) -> list[dict[str, Any]]:
        return [fulfilment.shipping_payload(ref, "shipped", carrier=self.carriers[ref].currentText(),
                                            tracking_number=self.numbers[ref].text()) for ref in self.refs]


def _pair(left: QWidget, right: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(left)
    row.addWidget(right, 1)
    return box


class SellerCancelDialog(QDialog):
    """Confirms the cancel of an order the seller cannot fulfil: the refund the buyer will get (amount,
    currency, method) or that nothing was paid; ``reason()`` once accepted."""

    def __init__(self, order: Order, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cancel order %1").replace("%1", order.ref))
        refund = fulfilment.refund_of(order)
        if refund is not None:
            self.refund_text = self.tr("The buyer will be refunded %1 (%2) by %3.").replace(
                "%1", format_money(refund.amount)).replace("%2", refund.amount.currency).replace(
                "%3", method_name(refund.method))
        else:
            self.refund_text = self.tr("Nothing has been paid for this order: there is nothing to refund.")
        self.text = QLabel(self.tr("Cancel order %1? Its stock goes back on sale and the buyer is told.")
                           .replace("%1", order.ref))
        self.text.setWordWrap(True)
        self.refund_label = QLabel(self.refund_text)
        self.refund_label.setObjectName("refundText")
        self.refund_label.setWordWrap(True)
        self.refund_label.setStyleSheet("font-weight: bold;")
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("Reason, shown to the buyer (optional)"))
        self.reason_edit.setAccessibleName(self.reason_edit.placeholderText())
        self.reason_edit.setMaxLength(500)
        buttons = QDialogButtonBox()
        self.confirm_button = buttons.addButton(self.tr("Cancel and &refund") if refund else self.tr("&Cancel order"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("&Keep order"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.refund_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def reason(self) -> str:
        return self.reason_edit.text().strip()
