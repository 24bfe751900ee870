"""The catalog page's filter row: country, seller, unit price range (typed in the display currency,
searched in EUR), in stock only, "Clear filters", and the result count at its end.

    bar = CatalogFilterBar(currency)
    bar.changed.connect(page.run_search)
    bar.set_choices(cache.countries(), cache.sellers())   # keeps the current choice when it is still there
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.models import money
from desktop.models.catalog_cache import Seller
from desktop.views.locale.formatting import country_name
from desktop.views.window import accessible

from .currency import CurrencyContext

__all__ = ["CatalogFilterBar"]


class CatalogFilterBar(QWidget):
    #: a filter changed: search again
    changed = Signal()
    #: "Clear filters": the page clears these and its own (search box, category, tab)
    clear_requested = Signal()

    def __init__(self, currency: CurrencyContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = currency
        self.country_combo = QComboBox()
        self.country_combo.setAccessibleName(self.tr("Country"))
        self.country_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.seller_combo = QComboBox()
        self.seller_combo.setAccessibleName(self.tr("Seller"))
        self.seller_combo.setMinimumContentsLength(16)
        self.seller_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        validator = QDoubleValidator(0.0, 1e9, 2, self)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        self.min_price_edit = QLineEdit()
        self.max_price_edit = QLineEdit()
        for edit, text in ((self.min_price_edit, self.tr("Min")), (self.max_price_edit, self.tr("Max"))):
            edit.setPlaceholderText(text)
            edit.setValidator(validator)
            edit.setFixedWidth(70)
            edit.setClearButtonEnabled(False)
        self.min_price_edit.setAccessibleName(self.tr("Minimum unit price"))
        accessible.name(self.country_combo, self.tr("Country"))
        accessible.name(self.seller_combo, self.tr("Seller"))
        self.max_price_edit.setAccessibleName(self.tr("Maximum unit price"))
        self.price_label = QLabel()
        self.price_label.setBuddy(self.min_price_edit)
        self.in_stock_check = QCheckBox(self.tr("In stock o&nly"))
        self.clear_button = QPushButton(self.tr("C&lear filters"))
        self.clear_button.setFlat(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.country_combo)
        row.addWidget(self.seller_combo)
        row.addSpacing(6)
        row.addWidget(self.price_label)
        row.addWidget(self.min_price_edit)
        row.addWidget(QLabel("–"))
        row.addWidget(self.max_price_edit)
        row.addSpacing(6)
        row.addWidget(self.in_stock_check)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        row.addWidget(self.count_label)

        self.country_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.seller_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.in_stock_check.toggled.connect(lambda _c: self.changed.emit())
        self.min_price_edit.editingFinished.connect(self.changed)
        self.max_price_edit.editingFinished.connect(self.changed)
        self.clear_button.clicked.connect(self.clear_requested)
        self.update_price_label()

    def _widgets(self) -> tuple[QWidget, ...]:
        return (self.country_combo, self.seller_combo, self.in_stock_check, self.min_price_edit,
                self.max_price_edit)

    # -- choices and values --------------------------------------------------------------------------
    def set_choices(self, countries: Iterable[str], sellers: Iterable[Seller]) -> None:
        """The countries and sellers the cache has (the current choice kept when it is still there)."""
        _fill_combo(self.country_combo, self.tr("All countries"), [(country_name(c), c) for c in countries])
        _fill_combo(self.seller_combo, self.tr("All sellers"), [(s.name, s.id) for s in sellers])

    def update_price_label(self) -> None:
        self.price_label.setText(self.tr("Unit price (%1)").replace("%1", self.currency.currency))

    def country(self) -> str | None:
        return self.country_combo.currentData()

    def seller_id(self) -> int | None:
        return self.seller_combo.currentData()

    def min_price(self) -> Decimal | None:
        """The minimum unit price in EUR (typed in the display currency); None: no bound."""
        return self._price_in_eur(self.min_price_edit)

    def max_price(self) -> Decimal | None:
        return self._price_in_eur(self.max_price_edit)

    def in_stock(self) -> bool:
        return self.in_stock_check.isChecked()

    def _price_in_eur(self, edit: QLineEdit) -> Decimal | None:
        text = edit.text().strip()
        if not text:
            return None
        value, ok = QLocale().toDouble(text)
        if not ok:
            try:
                amount = Decimal(text.replace(",", "."))
            except InvalidOperation:
                return None
        else:
            amount = Decimal(str(value))
        try:
            return money.to_eur(amount, self.currency.currency, self.currency.rates)
        except ValueError:
            return amount

    def apply(self, country: str | None, seller_id: int | None, min_price: Decimal | None,
              max_price: Decimal | None, in_stock: bool) -> None:
        """Show these filters (a saved search's; prices in EUR, shown in the display currency), without
        ``changed`` (the caller searches once). A country or seller the cache no longer has: "all"."""
        for w in self._widgets():
            w.blockSignals(True)
        self.country_combo.setCurrentIndex(max(0, self.country_combo.findData(country)) if country else 0)
        self.seller_combo.setCurrentIndex(max(0, self.seller_combo.findData(seller_id)) if seller_id else 0)
        self.in_stock_check.setChecked(in_stock)
        for edit, amount in ((self.min_price_edit, min_price), (self.max_price_edit, max_price)):
            shown = None if amount is None else self.currency.convert(amount, "EUR")
            edit.setText("" if shown is None else QLocale().toString(float(money.quantize(shown)), "f", 2))
        for w in self._widgets():
            w.blockSignals(False)

    def clear(self) -> None:
        """Every filter of the row back to "all", without ``changed`` (the caller searches once)."""
        for w in self._widgets():
            w.blockSignals(True)
        self.country_combo.setCurrentIndex(0)
        self.seller_combo.setCurrentIndex(0)
        self.in_stock_check.setChecked(False)
        self.min_price_edit.clear()
        self.max_price_edit.clear()
        for w in self._widgets():
            w.blockSignals(False)


def _fill_combo(combo: QComboBox, everything: str, items: list[tuple[str, str | int]]) -> None:
    keep = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, None)
    for text, data in sorted(items, key=lambda item: item[0].casefold()):
        combo.addItem(text, data)
    index = combo.findData(keep) if keep is not None else 0
    combo.setCurrentIndex(max(0, index))
    combo.blockSignals(False)
