"""The shared formatting of the views (desktop/views/locale/formatting.py), in English and in French."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QLocale

from desktop.api_client.types import Money as ApiMoney
from desktop.models.money import Money
from desktop.views.locale import formatting
from desktop.views.locale.formatting import (
    country_name,
    format_date,
    format_datetime,
    format_int,
    format_money,
    format_short_date,
    html_text,
)

EN = QLocale(QLocale.Language.English, QLocale.Country.Ireland)
FR = QLocale(QLocale.Language.French, QLocale.Country.France)
NBSP, NNBSP = "\u00a0", "\u202f"  # French: a no-break space before the symbol, a narrow one between thousands


@pytest.mark.parametrize(("currency", "en", "fr"), [
    ("EUR", "€1,234.50", f"1{NNBSP}234,50{NBSP}€"),
    ("USD", "US$1,234.50", f"1{NNBSP}234,50{NBSP}US$"),  # the one USD form, in both languages
    ("GBP", "£1,234.50", f"1{NNBSP}234,50{NBSP}£"),
    ("CHF", "CHF1,234.50", f"1{NNBSP}234,50{NBSP}CHF"),  # any other currency: its ISO code
])
def test_money_in_english_and_french(currency, en, fr):
    amount = Decimal("1234.5")
    assert format_money(amount, currency, EN) == en
    assert format_money(amount, currency, FR) == fr
    # the same from either money type, and rounded to the cent
    assert format_money(Money(amount, currency), locale=EN) == en
    assert format_money(ApiMoney(amount="1234.50", currency=currency), locale=FR) == fr
    assert format_money(Decimal("1234.4951"), currency, EN) == en


def test_money_rounds_to_the_cent_and_shows_a_dash_for_nothing():
    assert format_money(Decimal("0.005"), "EUR", EN) == "€0.01"
    assert format_money(None) == "—"
    with pytest.raises(ValueError):
        format_money(Decimal("1"))


def test_the_default_locale_is_used(monkeypatch):
    previous = QLocale()
    try:
        QLocale.setDefault(FR)
        assert format_money(Decimal("2"), "USD") == f"2,00{NBSP}US$"
        QLocale.setDefault(EN)
        assert format_money(Decimal("2"), "USD") == "US$2.00"
    finally:
        QLocale.setDefault(previous)


def test_integers():
    assert format_int(1234567, EN) == "1,234,567"
    assert format_int(1234567, FR) == f"1{NNBSP}234{NNBSP}567"


def test_datetime_in_local_time():
    moment = datetime(2025, 3, 7, 9, 5, 42, 123, tzinfo=UTC)
    local = moment.astimezone()
    en, fr = format_datetime(moment, EN), format_datetime(moment, FR)
    assert f"{local.hour:02d}:05" in en and f"{local.hour:02d}:05" in fr
    assert "42" not in en  # short format: no seconds
    assert en == f"{local.day:02d}/{local.month:02d}/{local.year} {local.hour:02d}:05"
    assert fr == f"{local.day:02d}/{local.month:02d}/{local.year} {local.hour:02d}:05"
    long_fr = format_datetime(moment, FR, QLocale.FormatType.LongFormat)
    assert "mars" in long_fr and "2025" in long_fr


def test_short_date_and_day():
    moment = datetime(2024, 12, 3, 12, 0, tzinfo=UTC)
    assert format_short_date(moment, EN) == "03/12/2024"
    assert format_short_date(moment, FR) == "03/12/2024"
    assert format_date(moment, EN) == "3 Dec 2024"
    assert format_date(moment, FR) == "3 déc. 2024"
    this_year = datetime(QDate.currentDate().year(), 6, 15, 12, 0, tzinfo=UTC)
    assert format_date(this_year, EN) == "15 Jun"
    assert format_date(this_year, FR) == "15 juin"


def test_country_names():
    assert country_name("de", EN) == "Germany"
    assert country_name("DE", FR) == "Allemagne"
    assert country_name("ZZ", FR) == "ZZ"
    assert country_name(None, EN) == ""


def test_html_text_escapes_markup_but_keeps_quotes_readable():
    assert html_text("<b>Tom & Jerry's</b>") == "&lt;b&gt;Tom &amp; Jerry's&lt;/b&gt;"
    assert html_text(12) == "12"


def test_there_is_one_format_money():
    """The pages read the shared functions (not copies of their own)."""
    from desktop.views.cart import cart_model
    from desktop.views.catalog import currency, offer_detail
    from desktop.views.checkout import step_review
    from desktop.views.order_display import orders_model

    for module in (cart_model, currency, offer_detail, step_review, orders_model):
        assert module.format_money is formatting.format_money


@pytest.mark.parametrize(("setting", "system", "expected"), [
    ("system", "C", "en_GB"),  # LANG unset: English UI, British formats (not "2 12 2026", "14.88€")
    ("fr", "C", "fr_FR"),
    ("en", "C", "en_GB"),
    ("system", "fr_CH", "fr_CH"),  # the user's region is kept
    ("fr", "fr_CH", "fr_CH"),
    ("fr", "de_DE", "fr_FR"),
    ("system", "de_DE", "de_DE"),  # an unsupported language: English UI, the system's formats
])
def test_the_locale_that_formats_money_and_dates(setting, system, expected):
    from desktop.views.locale.i18n import choose_locale

    assert choose_locale(setting, QLocale(system)).name() == expected


def test_with_no_system_locale_dates_and_money_read_naturally(monkeypatch):
    from desktop.views.locale.i18n import choose_locale

    when = datetime(2026, 12, 2, 8, 20, tzinfo=UTC).astimezone()
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("C")))
    shown = []
    for setting in ("en", "fr", "system"):
        QLocale.setDefault(choose_locale(setting))
        try:
            shown.append((formatting.format_datetime(when), formatting.format_money(Decimal("14.88"), "EUR")))
        finally:
            QLocale.setDefault(QLocale("en_US"))
    local = f"{when:%d/%m/%Y %H:%M}"
    assert shown == [(local, "€14.88"), (local, "14,88\u00a0€"), (local, "€14.88")]


def test_counts_read_naturally_in_english_and_french(qapp):
    from PySide6.QtCore import QCoreApplication

    from desktop.views.catalog.currency import CurrencyContext
    from desktop.views.catalog.offer_text import facts_text
    from desktop.views.locale.i18n import install_translations

    offer = {"warehouse": {"city": "Porto", "country": "PT"}}

    shown = []
    for language in ("en", "fr"):
        translators = install_translations(qapp, language)
        try:
            shown += [QCoreApplication.translate("OrdersPage", "%Ln order(s)", "", n) for n in (1, 2)]
            shown += [text for n in (1, 2) for text in facts_text(offer | {"moq_units": n, "stock_units": n},
                                                                  CurrencyContext("EUR")).split(" · ")[1:3]]
        finally:
            for translator in translators:
                QCoreApplication.removeTranslator(translator)
            QLocale.setDefault(QLocale("en_US"))
    assert shown == ["1 order", "2 orders", "MOQ 1 unit", "1 unit in stock", "MOQ 2 units", "2 units in stock",
                     "1 commande", "2 commandes", "MOQ 1 unité", "1 unité en stock",
                     "MOQ 2 unités", "2 unités en stock"]
