"""Step 2 — company (invoicing) and delivery details, remembered per account."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.models.cart.checkout import CheckoutDetails

__all__ = ["DetailsStep"]


class DetailsStep(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QLineEdit] = {}
        company = QGroupBox(self.tr("Company (invoice)"))
        form = QFormLayout(company)
        self._add(form, "company_name", self.tr("Company name"))
        self._add(form, "vat_number", self.tr("VAT number"), "PT500000000")
        self._add(form, "company_address", self.tr("Address"))
        delivery = QGroupBox(self.tr("Delivery address"))
        form2 = QFormLayout(delivery)
        self._add(form2, "delivery_name", self.tr("Recipient"))
        self._add(form2, "street", self.tr("Street"))
        self._add(form2, "postcode", self.tr("Postcode"))
        self._add(form2, "city", self.tr("City"))
        self._add(form2, "country", self.tr("Country (ISO code)"), "PT")
        self.fields["country"].setMaxLength(2)
        self._add(form2, "phone", self.tr("Phone (optional)"))
        self.error = QLabel()
        self.error.setObjectName("cartIssue")
        self.error.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(company, 1)
        row.addWidget(delivery, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def _add(self, form: QFormLayout, name: str, label: str, placeholder: str = "") -> None:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label)
        form.addRow(label, edit)
        self.fields[name] = edit

    def set_details(self, details: CheckoutDetails) -> None:
        for name, edit in self.fields.items():
            edit.setText(getattr(details, name))

    def details(self, guest_email: str | None = None) -> CheckoutDetails:
        values = {name: edit.text().strip() for name, edit in self.fields.items()}
        values["country"] = values["country"].upper()
        return CheckoutDetails(**values, guest_email=guest_email or "")

    def validate(self) -> bool:
        missing = self.details().missing()
        for name, edit in self.fields.items():
            edit.setProperty("invalid", name in missing)
            edit.setStyleSheet("border: 1px solid #b3261e;" if name in missing else "")
        if missing:
            self.error.setText(self.tr("Fill in the fields marked in red."))
            self.fields[missing[0]].setFocus()
            return False
        country = self.fields["country"].text().strip()
        if len(country) != 2 or not country.isalpha():
            self.error.setText(self.tr("The country is a two-letter code such as PT, FR or DE."))
            self.fields["country"].setFocus()
            return False
        self.error.clear()
        return True
