"""Step 3 — one shipping method per group (warehouse), with its price and delivery days from the quote."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.models.cart import Quote
from desktop.views.locale.formatting import format_money
from desktop.views.locale.server_texts import shipping_method_name

__all__ = ["ShippingStep"]


class ShippingStep(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combos: dict[int, QComboBox] = {}
        self.form = QFormLayout()
        intro = QLabel(self.tr("Each warehouse ships its own order. Choose how each one is delivered."))
        intro.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("cartIssue")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def set_quote(self, quote: Quote, chosen: dict[int, str]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos.clear()
        for group in quote.groups:
            combo = QComboBox()
            combo.setObjectName(f"shipping-{group.warehouse_id}")
            for method in group.shipping_methods:
                days = self.days_text(method.days) if method.days is not None else ""
                combo.addItem(f"{shipping_method_name(method.name)} — {format_money(method.price)} — {days}", method.id)
            index = combo.findData(chosen.get(group.warehouse_id))
            combo.setCurrentIndex(max(0, index))
            place = ", ".join(filter(None, (group.warehouse_city, group.warehouse_country)))
            label = QLabel(f"<b>{group.seller_name}</b><br>{place} · {format_money(group.subtotal)}")
            label.setBuddy(combo)  # the combo box's name: the seller and the warehouse
            self.form.addRow(label, combo)
            self.combos[group.warehouse_id] = combo

    def days_text(self, days: int) -> str:
        return self.tr("%n day(s)", "", days)

    def choices(self) -> dict[int, str]:
        return {wid: combo.currentData() for wid, combo in self.combos.items() if combo.currentData()}

    def validate(self) -> bool:
        if len(self.choices()) != len(self.combos):
            self.error.setText(self.tr("Choose a shipping method for every warehouse."))
            return False
        self.error.clear()
        return True

