"""The one place the views format money, numbers, dates and country names (QLocale, the UI language).

    format_money(Decimal("1234.5"), "EUR")    # "€1,234.50" / "1 234,50 €"
    format_money(Money(...))                  # the same from a money.Money (None → "—")
    format_datetime(moment)                   # the locale's short date and time, in local time

Every page uses these, so an amount or a date reads the same on the catalog, the cart, checkout and
the orders. ``html_text`` escapes a value for rich-text labels (``html.escape``); an attribute value
takes ``html.escape(value)`` itself, which also escapes both quotes.
"""

from __future__ import annotations

import html
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from PySide6.QtCore import QDate, QDateTime, QLocale

from desktop.models import money


class MoneyLike(Protocol):
    @property
    def amount(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...

__all__ = [
    "CURRENCY_SYMBOLS",
    "country_name",
    "data_size_suffix",
    "format_data_size",
    "format_date",
    "format_datetime",
    "format_int",
    "format_money",
    "format_short_date",
    "html_text",
]

#: the symbols shown for the marketplace's currencies (QLocale only knows the locale's own currency's
#: symbol). USD is "US$" in every language: a B2B buyer also meets CA$, AU$ and HK$, and "$" alone is
#: ambiguous. Any other currency shows its ISO code ("CHF1,234.50" / "1 234,50 CHF").
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "US$", "GBP": "£"}

#: sizes in one format everywhere: binary multiples under their usual names ("500 MB", "11,68 Mo"; the
#: cache limit is a number of 1024 × 1024 bytes), never a mix of "Mo" and "Mio"
_DATA_SIZE = QLocale.DataSizeFormat.DataSizeTraditionalFormat


def format_data_size(size: int, locale: QLocale | None = None) -> str:
    """12_247_000 → "11.68 MB" / "11,68 Mo"."""
    return (locale or QLocale()).formattedDataSize(int(size), 2, _DATA_SIZE)


def data_size_suffix(locale: QLocale | None = None) -> str:
    """" MB" / " Mo": format_data_size's unit for a number of mebibytes (a spin box's suffix)."""
    locale = locale or QLocale()
    one = locale.formattedDataSize(1024 * 1024, 0, _DATA_SIZE)
    return one[len(locale.toString(1)):]


def format_money(
    value: Decimal | money.Money | MoneyLike | None, currency: str | None = None, locale: QLocale | None = None
) -> str:
    """``(Decimal("1234.5"), "EUR")`` or ``(Money(...))`` → "€1,234.50" / "1 234,50 €"; None → "—".

    The locale decides where the symbol goes and how digits are grouped (QLocale.toCurrencyString).
    """
    if value is None:
        return "—"
    if isinstance(value, Decimal | int):
        amount = Decimal(value)
    else:  # a money.Money, or the API client's Money: anything with an amount and a currency
        amount, currency = value.amount, value.currency
    if currency is None:
        raise ValueError("format_money needs the currency of a bare amount")
    locale = locale or QLocale()
    # QLocale formats a double: the amount is rounded to the cent first, so nothing is lost
    return locale.toCurrencyString(float(money.quantize(amount)), CURRENCY_SYMBOLS.get(currency, currency), 2)


def format_int(value: int, locale: QLocale | None = None) -> str:
    """``1234`` → "1,234" / "1 234"."""
    return (locale or QLocale()).toString(int(value))


def _local(when: datetime) -> datetime:
    """An aware moment in local time; a naive one is taken as already local."""
    return when.astimezone() if when.tzinfo is not None else when


def format_date(when: datetime, locale: QLocale | None = None) -> str:
    """A short day such as "3 Dec" / "3 déc." (with the year when it is not this year)."""
    locale = locale or QLocale()
    local = _local(when)
    date = QDate(local.year, local.month, local.day)
    fmt = "d MMM" if date.year() == QDate.currentDate().year() else "d MMM yyyy"
    return locale.toString(date, fmt)


def format_short_date(when: datetime, locale: QLocale | None = None) -> str:
    """The locale's short date ("03/12/2026" / "03/12/2026"): the orders table's date column."""
    local = _local(when)
    return (locale or QLocale()).toString(QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat)


def format_datetime(
    when: datetime, locale: QLocale | None = None, fmt: QLocale.FormatType = QLocale.FormatType.ShortFormat
) -> str:
    """``when`` (aware, or naive local) in local time: "03/12/2026 14:05" in the locale's ``fmt``."""
    local = _local(when)
    qdt = QDateTime(QDate(local.year, local.month, local.day), local.time().replace(microsecond=0))
    return (locale or QLocale()).toString(qdt, fmt)


def html_text(value: object) -> str:
    """``value`` as text inside rich text: ``&``, ``<`` and ``>`` escaped by ``html.escape``. Quotes are left
    as they are (text content needs no escaping of them; ``label.text()`` keeps "l'huile" readable)."""
    return html.escape(str(value), quote=False)


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
