"""Volume prices, edited as rows: from N units, a price per unit (the offer's list price currency, EUR
on the seller's side); up to 5, added and removed; the server's rules checked at every keystroke.

    editor = TiersEditor()
    editor.set_tiers([[10, "3.10"], [100, "2.60"]])   # JSON form (models.seller.fields)
    tiers, problem = editor.read(moq_units=5, unit_price=Decimal("4.00"))   # None + a Problem when bad

    dialog = TiersDialog(offer_id, sku, shown_fields, parent)   # an existing offer's volume prices
    dialog.edited.connect(lambda offer_id, tiers: ...)          # JSON form, valid for that offer
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.seller import rules
from desktop.models.seller.fields import FieldValue, to_wire
from desktop.views.locale.formatting import CURRENCY_SYMBOLS, format_money

from .texts import problem_text

__all__ = ["TiersDialog", "TiersEditor"]

_BAD_ROW = "QLineEdit { border: 1px solid #c53030; }"  # a spin box styled loses its arrows


class TierRow(QWidget):
    def __init__(self, units: int, price: str, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.units = QSpinBox(minimum=2, maximum=rules.MAX_UNITS, value=units)
        self.units.setGroupSeparatorShown(True)
        self.units.setMaximumWidth(110)
        self.price = QLineEdit(price, placeholderText="0.00")
        self.price.setMaximumWidth(110)
        self.remove = QToolButton(text="✕")
        self.remove.setToolTip(self.tr("Remove this volume price"))
        start = QLabel(self.tr("From"))
        start.setBuddy(self.units)
        self.price.setAccessibleName(self.tr("Unit price"))
        layout.addWidget(start)
        layout.addWidget(self.units)
        layout.addWidget(QLabel(self.tr("units:")))
        layout.addWidget(self.price)
        layout.addWidget(QLabel(self.tr("%1 per unit").replace("%1", CURRENCY_SYMBOLS.get(currency, currency))))
        layout.addWidget(self.remove)
        layout.addStretch(1)


class TiersEditor(QWidget):
    """Rows of volume prices; ``changed`` at every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, currency: str = "EUR") -> None:
        super().__init__(parent)
        self.currency = currency
        self.rows: list[TierRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout = QVBoxLayout()
        layout.addLayout(self._rows_layout)
        self.empty = QLabel(self.tr("No volume prices: every quantity pays the price."))
        layout.addWidget(self.empty)
        self.add_button = QPushButton(self.tr("&Add a volume price"))
        self.add_button.clicked.connect(lambda: self.add_row())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._update()

    def add_row(self, units: int | None = None, price: str = "") -> TierRow:
        if units is None:  # ten times the last one, or 10 for the first
            units = min(rules.MAX_UNITS, self.rows[-1].units.value() * 10) if self.rows else 10
        row = TierRow(units, price, self.currency, self)
        row.units.valueChanged.connect(self.changed)
        row.price.textChanged.connect(self.changed)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        self._update()
        self.changed.emit()
        return row

    def remove_row(self, row: TierRow) -> None:
        self.rows.remove(row)
        row.hide()
        row.deleteLater()
        self._update()
        self.changed.emit()

    def set_tiers(self, tiers: FieldValue) -> None:
        for row in list(self.rows):
            self.rows.remove(row)
            row.hide()
            row.deleteLater()
        for units, price in tiers or ():
            self.add_row(int(units), str(price))
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        self.add_button.setEnabled(len(self.rows) < rules.MAX_TIERS)
        self.empty.setVisible(not self.rows)

    def read(self, moq_units: int | None = None, unit_price: Decimal | None = None
             ) -> tuple[list[list[Any]] | None, rules.Problem | None]:
        """The tiers (JSON form) and None, or None and the rule they break. With the offer's MOQ and
        price, the rules that need them too."""
        def check(tiers: list[tuple[int, Decimal]]) -> rules.Problem | None:
            if moq_units is None or unit_price is None:
                return rules.check("price_tiers", tiers)
            return rules.check_tiers(tiers, moq_units, unit_price)

        tiers: list[tuple[int, Decimal]] = []
        problem = bad = None
        for row in self.rows:  # the first row that breaks a rule is marked, and its rule said
            try:
                tiers.append((row.units.value(), rules.parse_cell("unit_price", row.price.text())))
                problem = check(tiers)
            except rules.RuleError as exc:
                problem = exc.problem
            if problem is not None:
                bad = row
                break
        for row in self.rows:
            row.setStyleSheet(_BAD_ROW if row is bad else "")
        return (None, problem) if problem else (to_wire("price_tiers", tiers), None)


class TiersDialog(QDialog):
    # (offer id, tiers in JSON form): valid for the offer as the seller sees it
    edited = Signal(int, list)

    def __init__(self, offer_id: int, sku: str, shown: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offer_id = offer_id
        self.shown = dict(shown)
        self.setWindowTitle(self.tr("Volume prices: %1").replace("%1", sku))
        layout = QVBoxLayout(self)
        price = Decimal(str(self.shown["unit_price"]))
        moq = int(self.shown["moq_units"])
        layout.addWidget(QLabel(self.tr("Price %1 per unit, MOQ %Ln unit(s). Each volume price starts above the "
                                        "MOQ and is below the one before.", "", moq)
                                .replace("%1", format_money(price, "EUR")), wordWrap=True))
        self.editor = TiersEditor(self)
        self.editor.set_tiers(self.shown.get("price_tiers"))
        self.editor.changed.connect(self.validate)
        layout.addWidget(self.editor)
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet("color: #c53030")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.validate()

    def tiers(self) -> list[list[Any]] | None:
        tiers, problem = self.editor.read(int(self.shown["moq_units"]), Decimal(str(self.shown["unit_price"])))
        self.problem.setText(problem_text(problem) if problem else "")
        return tiers

    def validate(self) -> bool:
        ok = self.tiers() is not None
        self.save_button.setEnabled(ok)
        return ok

    def submit(self) -> None:
        tiers = self.tiers()
        if tiers is None:
            return
        self.edited.emit(self.offer_id, tiers)
        self.accept()
