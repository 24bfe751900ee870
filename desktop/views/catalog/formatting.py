"""Locale-aware formatting for the catalog views: money and dates through QLocale, country names."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale

from desktop.models import money

__all__ = ["CurrencyContext", "country_name", "format_date", "format_datetime", "format_int", "format_money"]

#: symbols QLocale does not know for a foreign currency; others show their ISO code
_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def format_money(amount: Decimal, currency: str, locale: QLocale | None = None) -> str:
    """``1234.5, "EUR"`` → "€1,234.50" / "1 234,50 €" (the locale decides where the symbol goes)."""
    locale = locale or QLocale()
    symbol = _SYMBOLS.get(currency, currency)
    # QLocale formats a double: the amount is already rounded to the cent, so nothing is lost
    return locale.toCurrencyString(float(money.quantize(amount)), symbol, 2)


def format_int(value: int, locale: QLocale | None = None) -> str:
    return (locale or QLocale()).toString(int(value))


def format_date(when: datetime, locale: QLocale | None = None) -> str:
    """A short date such as "3 Dec" / "3 déc." (with the year when it is not this year)."""
    locale = locale or QLocale()
    local = when.astimezone() if when.tzinfo else when
    date = QDate(local.year, local.month, local.day)
    fmt = "d MMM" if date.year() == QDate.currentDate().year() else "d MMM yyyy"
    return locale.toString(date, fmt)


def format_datetime(when: datetime, locale: QLocale | None = None) -> str:
    locale = locale or QLocale()
    local = when.astimezone() if when.tzinfo else when
    qdt = QDateTime(QDate(local.year, local.month, local.day), local.time().replace(microsecond=0))
    return locale.toString(qdt, QLocale.FormatType.ShortFormat)


def country_name(code: str | None, locale: QLocale | None = None) -> str:
    """ISO 3166 alpha-2 → the country's name in the UI language ("FR" → "France"); the code if unknown."""
    if not code:
        return ""
    country = QLocale.codeToTerritory(code.upper())
    if country == QLocale.Country.AnyCountry:
        return code.upper()
    language = (locale or QLocale()).language()
    name = QLocale.territoryToString(country)
    if language == QLocale.Language.French:
        name = _FRENCH_COUNTRIES.get(code.upper(), name)
    return name


# QLocale.territoryToString is English only: the EU countries in French.
_FRENCH_COUNTRIES = {
    "AT": "Autriche", "BE": "Belgique", "BG": "Bulgarie", "CH": "Suisse", "CY": "Chypre",
    "CZ": "Tchéquie", "DE": "Allemagne", "DK": "Danemark", "EE": "Estonie", "ES": "Espagne",
    "FI": "Finlande", "FR": "France", "GB": "Royaume-Uni", "GR": "Grèce", "HR": "Croatie",
    "HU": "Hongrie", "IE": "Irlande", "IT": "Italie", "LT": "Lituanie", "LU": "Luxembourg",
    "LV": "Lettonie", "MT": "Malte", "NL": "Pays-Bas", "NO": "Norvège", "PL": "Pologne",
    "PT": "Portugal", "RO": "Roumanie", "SE": "Suède", "SI": "Slovénie", "SK": "Slovaquie",
    "UA": "Ukraine",
}  # fmt: skip


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
