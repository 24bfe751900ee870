"""The offer detail's volume prices: a small table ("From 10 units" | price per unit) with the row that
applies to the chosen quantity highlighted, the hint "Add 3 × Carton of 12 to reach €2.60 per unit",
and the unit price / line total those units reach (the detail's "Line total" follows the tier).
Hidden when the offer has no tiers. Prices in the catalog's display currency.

The units counted are the detail's packaging × quantity plus the units of the offer already in the cart
(``in_cart``), as the quote counts every line of the offer; a note says so when there are any.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models import money
from desktop.models.price_tiers import offer_tiers, packagings_to_reach, tier_position
from desktop.views.locale.counts import counts
from desktop.views.window.keyboard import keyboard_view

from .currency import CurrencyContext

if TYPE_CHECKING:
    from desktop.models.cart import Cart

__all__ = ["PriceTiersTable", "units_in_cart"]


def units_in_cart(cart: Cart | None, offer: Mapping[str, Any]) -> int:
    """The units of ``offer`` on the cart's lines (quantity × packaging units, every packaging)."""
    if cart is None:
        return 0
    sizes = {int(p["id"]): int(p.get("units") or 1) for p in offer.get("packagings") or []}
    return sum(line.quantity * sizes.get(line.packaging_id, 0) for line in cart.lines()
               if line.offer_id == int(offer["id"]))


class PriceTiersTable(QWidget):
    def __init__(self, currency: CurrencyContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("priceTiers")
        self.currency = currency
        self.offer: Mapping[str, Any] | None = None
        self.now: datetime | None = None
        self._row: int | None = None
        # units of the offer already in the cart: the tier counts them with the quantity chosen
        self.in_cart = 0
        self.title = QLabel(self.tr("Volume prices"))
        self.title.setStyleSheet("font-weight: 600;")
        self.table = keyboard_view(QTableWidget(0, 2))
        self.table.setObjectName("priceTiersTable")
        self.table.setHorizontalHeaderLabels([self.tr("Quantity"), self.tr("Price per unit")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setAccessibleName(self.tr("Volume prices"))
        self.hint = QLabel()
        self.hint.setObjectName("tierHint")
        self.hint.setStyleSheet("color: #1f6f3f;")
        self.hint.setWordWrap(True)
        self.cart_note = QLabel(wordWrap=True)
        self.cart_note.setObjectName("tierCartNote")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.hint)
        layout.addWidget(self.cart_note)
        self.hide()

    # -- the offer ---------------------------------------------------------------------------------
    def show_offer(self, offer: Mapping[str, Any], now: datetime, in_cart: int = 0) -> None:
        """The offer's rows: its own price from its MOQ, then each tier; hidden without tiers.
        ``in_cart``: the offer's units already in the cart (see ``units_in_cart``)."""
        self.offer, self.now, self._row = offer, now, None
        self.set_in_cart(in_cart)
        tiers = offer_tiers(offer)
        rows = [(max(1, int(offer.get("moq_units") or 1)), money.offer_unit_price(offer, now))]
        rows += [(t.min_units, t.price_at(offer, now)) for t in tiers]
        self.table.setRowCount(len(rows) if tiers else 0)
        if tiers:
            for n, (min_units, price) in enumerate(rows):
                self._set_row(n, counts().tier_from(min_units), self.currency.format(price.amount, price.currency))
            self.table.resizeRowsToContents()
            height = self.table.horizontalHeader().height() + sum(self.table.rowHeight(n) for n in range(len(rows)))
            self.table.setFixedHeight(height + 2 * self.table.frameWidth())
        self.hint.clear()
        self.setVisible(bool(tiers))

    def _set_row(self, row: int, quantity: str, price: str) -> None:
        for column, text in enumerate((quantity, price)):
            item = QTableWidgetItem(text)
            if column == 1:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)

    def set_in_cart(self, units: int) -> None:
        self.in_cart = max(0, units)
        self.cart_note.setText(self.tr("Counting the %Ln unit(s) of this offer already in your cart.", "",
                                       self.in_cart) if self.in_cart else "")
        self.cart_note.setVisible(bool(self.in_cart))

    # -- the chosen quantity -----------------------------------------------------------------------
    def unit_price(self, units: int) -> money.Money | None:
        """The price per unit ``units`` more units reach with those in the cart, in the display currency
        (the offer's when it has no known rate); None without an offer."""
        if self.offer is None or self.now is None:
            return None
        price = tier_position(self.offer, units + self.in_cart, self.now).unit_price
        converted = self.currency.convert(price.amount, price.currency)
        return price if converted is None else money.Money(converted, self.currency.currency)

    def line_total(self, units: int) -> money.Money | None:
        """Units × the unit price of the tier they reach (converted per unit first, as the quote does)."""
        unit = self.unit_price(units)
        return None if unit is None else money.Money(money.quantize(unit.amount * units), unit.currency)

    def set_units(self, units: int, packaging_label: str, packaging_units: int) -> None:
        """Highlight the row ``units`` reach; the hint says how many packagings reach the next tier (none
        when that tier is beyond the stock)."""
        if self.offer is None or self.now is None or not self.table.rowCount():
            return
        units += self.in_cart
        position = tier_position(self.offer, units, self.now)
        tiers = offer_tiers(self.offer)
        row = 0 if position.tier is None else 1 + tiers.index(position.tier)
        base_reached = units >= int(self.offer.get("moq_units") or 1)
        self._highlight(row if position.tier is not None or base_reached else None)
        upcoming = position.next_tier
        packs = None
        if upcoming is not None:  # no hint towards a tier beyond the stock
            stock = int(self.offer.get("stock_units") or 0)
            packs = packagings_to_reach(upcoming.min_units, position.units_missing, packaging_units, stock)
        if upcoming is None or not packs:
            self.hint.clear()
            self.hint.hide()
            return
        price = upcoming.price_at(self.offer, self.now)
        self.hint.setText(counts().next_tier_hint(packs, packaging_label, packaging_units,
                                                  self.currency.format(price.amount, price.currency)))
        self.hint.show()

    def highlighted_row(self) -> int | None:
        """The row of the price that applies (0: the offer's own price), None below the MOQ."""
        return self._row

    def _highlight(self, row: int | None) -> None:
        self._row = row
        background = QColor(self.palette().highlight().color())
        background.setAlpha(70)
        for n in range(self.table.rowCount()):
            for column in range(2):
                item = self.table.item(n, column)
                font = QFont(item.font())
                font.setBold(n == row)
                item.setFont(font)
                item.setBackground(background if n == row else QColor(Qt.GlobalColor.transparent))
