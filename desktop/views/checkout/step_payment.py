"""Step 4 — the payment method: card (Stripe, in the browser), bank transfer or Multibanco."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QVBoxLayout, QWidget

__all__ = ["PaymentStep"]


class PaymentStep(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.radios: dict[str, QRadioButton] = {
            "card": QRadioButton(self.tr("&Card")),
            "bank_transfer": QRadioButton(self.tr("Bank &transfer")),
            "multibanco": QRadioButton(self.tr("&Multibanco")),
        }
        notes = {
            "card": self.tr("You pay on the marketplace's secure page, opened in your browser."),
            "bank_transfer": self.tr("You receive the IBAN and a reference; the order ships once the "
                                     "transfer has arrived."),
            "multibanco": self.tr("You receive an entity and reference to pay at an ATM or in your "
                                  "bank's app (Portugal)."),
        }
        group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for key, radio in self.radios.items():
            radio.setObjectName(f"pay-{key}")
            group.addButton(radio)
            note = QLabel(notes[key])
            note.setObjectName("cartIssueNote")
            note.setWordWrap(True)
            note.setContentsMargins(24, 0, 0, 8)
            layout.addWidget(radio)
            layout.addWidget(note)
        layout.addStretch(1)
        self.radios["card"].setChecked(True)

    def method(self) -> str:
        return next(key for key, radio in self.radios.items() if radio.isChecked())

    def set_method(self, method: str) -> None:
        if method in self.radios:
            self.radios[method].setChecked(True)

    def method_label(self, method: str) -> str:
        return self.radios[method].text().replace("&", "") if method in self.radios else method  # no mnemonic

    def validate(self) -> bool:
        return True
