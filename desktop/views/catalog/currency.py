"""The catalog's display currency: offer prices converted with the cached rates, then formatted.

Formatting itself is ``desktop.views.locale.formatting`` (shared by every page).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from PySide6.QtCore import QLocale

from desktop.models import money
from desktop.views.locale.formatting import format_money

__all__ = ["CurrencyContext"]


class CurrencyContext:
    """The display currency and the cached rates: converts offer prices for display."""

    def __init__(self, currency: str = "EUR", rates: Mapping[str, Decimal] | None = None) -> None:
        self.rates: dict[str, Decimal] = dict(rates or {})
        self.currency = money.display_currency(currency, self.rates)
        self._wanted = currency

    def set_rates(self, rates: Mapping[str, Decimal]) -> None:
        self.rates = dict(rates)
        self.currency = money.display_currency(self._wanted, self.rates)

    def set_currency(self, currency: str) -> None:
        self._wanted = currency
        self.currency = money.display_currency(currency, self.rates)

    def convert(self, amount: Decimal, from_currency: str) -> Decimal | None:
        """``amount`` in the display currency; None when ``from_currency`` has no known rate."""
        try:
            return money.convert(amount, from_currency, self.currency, self.rates)
        except ValueError:
            return None

    def format(self, amount: Decimal, from_currency: str, locale: QLocale | None = None) -> str:
        converted = self.convert(amount, from_currency)
        if converted is None:
            return format_money(amount, from_currency, locale)
        return format_money(converted, self.currency, locale)
