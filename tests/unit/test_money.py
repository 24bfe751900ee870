from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from desktop.models import money
from desktop.models.money import Money

RATES = {"USD": Decimal("1.0850"), "HUF": Decimal("395.12"), "GBP": Decimal("0.8571")}
NOW = datetime(2026, 6, 1, tzinfo=UTC)


def test_quantize_rounds_half_up():
    assert money.quantize(Decimal("2.345")) == Decimal("2.35")
    assert money.quantize(Decimal("2.344")) == Decimal("2.34")
    assert money.quantize(Decimal("-2.345")) == Decimal("-2.35")


def test_convert_from_eur():
    assert money.from_eur(Decimal("10.00"), "USD", RATES) == Decimal("10.85")
    assert money.from_eur(Decimal("1.00"), "HUF", RATES) == Decimal("395.12")
    assert money.from_eur(Decimal("0.05"), "GBP", RATES) == Decimal("0.04")  # 0.042855 → 0.04
    assert money.from_eur(Decimal("12.5"), "EUR", RATES) == Decimal("12.50")


def test_convert_between_currencies_rounds_once():
    # 100 USD → EUR → GBP without rounding in the middle: 100 / 1.085 * 0.8571 = 78.99539…
    assert money.convert(Decimal("100"), "USD", "GBP", RATES) == Decimal("79.00")
    assert money.to_eur(Decimal("10.85"), "USD", RATES) == Decimal("10.00")


def test_unknown_rate_raises_and_display_currency_falls_back_to_eur():
    with pytest.raises(ValueError, match="no exchange rate for SEK"):
        money.from_eur(Decimal(1), "SEK", RATES)
    assert money.display_currency("SEK", RATES) == "EUR"
    assert money.display_currency("usd", RATES) == "USD"
    assert money.display_currency(None, RATES) == "EUR"


def test_money_json_round_trip_and_arithmetic():
    price = Money.from_json({"amount": "12.50", "currency": "eur"})
    assert price == Money(Decimal("12.50"), "EUR")
    assert price.to_json() == {"amount": "12.50", "currency": "EUR"}
    assert (price + Money(Decimal("0.5"), "EUR")).to_json()["amount"] == "13.00"
    with pytest.raises(ValueError):
        price + Money(Decimal(1), "USD")


@pytest.mark.parametrize("bad", [1.5, "abc", "NaN", "Infinity", True])
def test_to_decimal_refuses_floats_and_garbage(bad):
    with pytest.raises((TypeError, ValueError)):
        money.to_decimal(bad)


def test_effective_price_while_promotion_runs():
    ends = datetime(2026, 6, 1, 12, tzinfo=UTC)
    promotion = {"discount_percent": 15, "ends_at": "2026-06-01T12:00:00Z"}
    before = ends - timedelta(seconds=1)
    assert money.effective_unit_price(Decimal("9.99"), promotion, before) == Decimal("8.49")  # 8.4915
    assert money.effective_unit_price(Decimal("9.99"), promotion, ends) == Decimal("9.99")  # ended
    assert money.effective_unit_price(Decimal("9.99"), None, before) == Decimal("9.99")


def test_promotion_ends_exactly_at_ends_at():
    ends = datetime(2026, 6, 1, tzinfo=UTC)
    promotion = {"discount_percent": "10", "ends_at": ends.isoformat()}
    assert money.promotion_active(promotion, ends - timedelta(microseconds=1))
    assert not money.promotion_active(promotion, ends)
    assert money.promotion_active({"discount_percent": 10, "ends_at": None}, NOW)  # no end date
    assert not money.promotion_active({"discount_percent": 0, "ends_at": None}, NOW)


def test_naive_now_is_taken_as_utc():
    promotion = {"discount_percent": 50, "ends_at": "2026-06-01T12:00:00+02:00"}  # 10:00 UTC
    assert money.promotion_active(promotion, datetime(2026, 6, 1, 9, 59))
    assert not money.promotion_active(promotion, datetime(2026, 6, 1, 10, 0))


def test_offer_prices_use_the_servers_list_and_unit_price():
    offer = {
        "list_price": {"amount": "10.00", "currency": "EUR"},
        "unit_price": {"amount": "8.50", "currency": "EUR"},
        "promotion": {"discount_percent": 15, "ends_at": "2026-07-01T00:00:00Z"},
    }
    assert money.offer_unit_price(offer, NOW) == Money(Decimal("8.50"), "EUR")
    after = datetime(2026, 7, 1, tzinfo=UTC)
    assert money.offer_unit_price(offer, after) == Money(Decimal("10.00"), "EUR")


def test_offer_without_list_price_gets_the_discount_applied_here():
    offer = {
        "unit_price": {"amount": "10.00", "currency": "EUR"},
        "promotion": {"discount_percent": 25, "ends_at": "2026-07-01T00:00:00Z"},
    }
    assert money.offer_unit_price(offer, NOW) == Money(Decimal("7.50"), "EUR")
    assert money.offer_list_price(offer) == Money(Decimal("10.00"), "EUR")
