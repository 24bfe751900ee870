"""The offer detail's watches: "Notify me when back in stock" (while the offer is out of stock) and
"Notify me when the price drops below …" (an amount in the display currency); the offer's watches are
shown with a "Remove" each. Kept per account on this computer (`AccountSearches.watch`); the alerts
come after a sync (`saved_search_alerts.py`).

    box = OfferWatches(cache, currency)
    box.set_account(account)                 # None: no store, the box is hidden
    box.show_offer(offer_id, stock_units)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models import money
from desktop.models.saved_searches import price_eur
from desktop.views.locale.formatting import format_money

from .currency import CurrencyContext

if TYPE_CHECKING:
    from desktop.models.catalog_cache import CatalogCache
    from desktop.models.saved_searches import AccountSearches, Watch, WatchKind

__all__ = ["OfferWatches"]

log = logging.getLogger(__name__)


class OfferWatches(QWidget):
    #: a watch was added or removed: a confirmation for the status bar
    changed = Signal(str)

    def __init__(self, cache: CatalogCache, currency: CurrencyContext, now: Callable[[], datetime] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offerWatches")
        self.cache = cache
        self.currency = currency
        self._now = now or (lambda: datetime.now(UTC))
        self.account: AccountSearches | None = None
        self.offer_id: int | None = None
        self._stock = 0

        self.stock_button = QPushButton(self.tr("Notify me when back in stock"))
        self.stock_button.setObjectName("watchStock")
        self.stock_button.clicked.connect(lambda: self.watch("back_in_stock"))
        self.price_label = QLabel()
        self.price_edit = QLineEdit()
        self.price_edit.setObjectName("watchPrice")
        self.price_label.setBuddy(self.price_edit)
        self.price_edit.setFixedWidth(80)
        validator = QDoubleValidator(0.0, 1e9, 2, self)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        self.price_edit.setValidator(validator)
        self.price_edit.returnPressed.connect(lambda: self.watch("price_below"))
        self.price_button = QPushButton(self.tr("No&tify me"))
        self.price_button.clicked.connect(lambda: self.watch("price_below"))
        price_row = QHBoxLayout()
        price_row.setContentsMargins(0, 0, 0, 0)
        price_row.addWidget(self.price_edit)
        price_row.addWidget(self.price_button)
        price_row.addStretch(1)
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.watch_grid = QGridLayout()  # the offer's watches: what each says, and "Remove"
        self.watch_grid.setContentsMargins(0, 0, 0, 0)
        self.watch_grid.setColumnStretch(0, 1)
        self.watch_rows: list[tuple[QLabel, QPushButton]] = []

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.title = QLabel(self.tr("Alerts"))
        self.title.setObjectName("mutedText")
        stock_row = QHBoxLayout()
        stock_row.setContentsMargins(0, 0, 0, 0)
        stock_row.addWidget(self.stock_button)
        stock_row.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 6, 0, 0)
        col.setSpacing(4)
        col.addWidget(line)
        col.addWidget(self.title)
        col.addLayout(self.watch_grid)
        col.addLayout(stock_row)
        col.addWidget(self.price_label)
        col.addLayout(price_row)
        col.addWidget(self.error_label)
        self.hide()

    def set_account(self, account: AccountSearches | None) -> None:
        self.account = account
        self._update()

    def show_offer(self, offer_id: int | None, stock_units: int = 0) -> None:
        if offer_id != self.offer_id:
            self.price_edit.clear()
            self.error_label.hide()
        self.offer_id, self._stock = offer_id, stock_units
        self._update()

    def watches(self) -> list[Watch]:
        if self.account is None or self.offer_id is None:
            return []
        try:
            return self.account.watches(self.offer_id)
        except Exception as exc:
            log.warning("could not read the watches of offer %s: %s", self.offer_id, exc)
            return []

    def _update(self) -> None:
        self.setVisible(self.account is not None and self.offer_id is not None)
        if self.account is None or self.offer_id is None:
            return
        watches = self.watches()
        kinds = {w.kind for w in watches}
        self.stock_button.setVisible(self._stock <= 0 and "back_in_stock" not in kinds)
        price_free = "price_below" not in kinds
        self.price_label.setText(self.tr("Notify me when the price drops below (%1):")
                                 .replace("%1", self.currency.currency))
        for w in (self.price_label, self.price_edit, self.price_button):
            w.setVisible(price_free)
        self.price_edit.setPlaceholderText(self.tr("Price"))
        self._show_watches(watches)

    def _show_watches(self, watches: list[Watch]) -> None:
        for label, button in self.watch_rows:
            label.deleteLater()
            button.deleteLater()
        self.watch_rows = []
        for n, watch in enumerate(watches):
            label = QLabel(self.describe(watch))
            label.setWordWrap(True)
            button = QPushButton(self.tr("Remove"))
            button.setAccessibleName(self.tr("Remove the alert: %1").replace("%1", label.text()))
            button.clicked.connect(lambda _c=False, kind=watch.kind: self.unwatch(kind))
            self.watch_grid.addWidget(label, n, 0)
            self.watch_grid.addWidget(button, n, 1)
            self.watch_rows.append((label, button))

    def describe(self, watch: Watch) -> str:
        if watch.kind == "back_in_stock":
            return self.tr("You will be notified when it is back in stock.")
        amount = format_money(watch.threshold or Decimal(0), watch.currency or "EUR")
        return self.tr("You will be notified when the price drops below %1.").replace("%1", amount)

    # -- actions ---------------------------------------------------------------------------------------
    def watch(self, kind: WatchKind) -> Watch | None:
        if self.account is None or self.offer_id is None:
            return None
        threshold = None
        currency = None
        if kind == "price_below":
            threshold = self._typed_price()
            if threshold is None:
                self.error_label.setText(self.tr("Type a price above zero, e.g. %1.")
                                         .replace("%1", QLocale().toString(2.5, "f", 2)))
                self.error_label.show()
                self.price_edit.setFocus()
                return None
            currency = self.currency.currency
        row = self.cache.rows([self.offer_id]).get(self.offer_id)
        stock = None if row is None else row.stock_units
        price = None if row is None else price_eur(row, self.currency.rates, self._now())
        watch = self.account.watch(self.offer_id, kind, stock=stock, price_eur=price, threshold=threshold,
                                   currency=currency)
        self.error_label.hide()
        self.price_edit.clear()
        self._update()
        self.changed.emit(self.describe(watch))
        return watch

    def unwatch(self, kind: WatchKind) -> None:
        if self.account is None or self.offer_id is None:
            return
        self.account.unwatch(self.offer_id, kind)
        self._update()
        self.changed.emit(self.tr("Alert removed."))

    def _typed_price(self) -> Decimal | None:
        text = self.price_edit.text().strip()
        value, ok = QLocale().toDouble(text)
        if not ok or value <= 0:
            return None
        amount = money.quantize(Decimal(str(value)))
        return amount if amount > 0 else None
