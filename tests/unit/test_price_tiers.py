"""Volume prices: the price for a number of units, the next tier and what is missing; the local cart check
prices every line of an offer by the tier of all its lines; checkout lines carry the price reviewed."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from desktop.models.cart import CartLine, Quote, QuoteGroup, QuoteLine, local_check
from desktop.models.cart.checkout import CheckoutChoices, CheckoutDetails, build_request, expected_unit_prices
from desktop.models.money import Money
from desktop.models.price_tiers import (
    offer_tiers,
    packagings_for,
    packagings_to_reach,
    tier_position,
)
from tests.unit.conftest import NOW
from tests.unit.offer_factory import make_offer


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


def tier(min_units: int, price: str, listed: str | None = None) -> dict:
    return {"min_units": min_units, "unit_price": {"amount": price, "currency": "EUR"},
            "list_price": {"amount": listed or price, "currency": "EUR"}}


def unit_price(offer: dict, units: int, now: datetime = NOW) -> Money:
    return tier_position(offer, units, now).unit_price


def tiered(offer_id: int = 1, **kw) -> dict:
    """3.40 per unit; from 10 units 3.10; from 100 units 2.60; cartons of 12."""
    offer = make_offer(offer_id, unit_price="3.40", packagings=[
        {"id": offer_id * 10 + 1, "label": "Unit", "units": 1},
        {"id": offer_id * 10 + 2, "label": "Carton of 12", "units": 12}], **kw)
    offer["price_tiers"] = [tier(100, "2.60"), tier(10, "3.10")]  # any order in, ascending out
    return offer


def test_an_offer_without_tiers_keeps_its_price():
    old = make_offer(1, unit_price="3.40")  # cached before the server had tiers: no key at all
    assert "price_tiers" not in old and offer_tiers(old) == []
    position = tier_position(old, 1000, NOW)
    assert position.unit_price == eur("3.40")
    assert (position.tier, position.next_tier, position.units_missing,
            packagings_for(position.units_missing, 12)) == (None, None, 0, 0)
    empty = make_offer(2, unit_price="3.40") | {"price_tiers": []}
    assert unit_price(empty, 500, NOW) == eur("3.40")


def test_the_price_follows_the_tier_reached():
    offer = tiered()
    assert [t.min_units for t in offer_tiers(offer)] == [10, 100]
    below = tier_position(offer, 9, NOW)
    assert below.unit_price == eur("3.40") and below.tier is None
    assert below.next_tier.min_units == 10 and below.units_missing == 1 and packagings_for(below.units_missing, 1) == 1
    at = tier_position(offer, 10, NOW)
    assert at.unit_price == eur("3.10") and at.tier.min_units == 10
    assert at.next_tier.min_units == 100 and at.units_missing == 90
    assert packagings_for(at.units_missing, 12) == 8  # ceil(90 / 12)
    top = tier_position(offer, 100, NOW)
    assert top.unit_price == eur("2.60") and top.next_tier is None and packagings_for(top.units_missing, 12) == 0
    assert unit_price(offer, 99, NOW) == eur("3.10")


def test_packagings_missing_is_the_ceiling():
    assert packagings_for(36, 12) == 3
    assert packagings_for(37, 12) == 4
    assert packagings_for(1, 12) == 1
    assert packagings_for(0, 12) == 0
    assert packagings_for(5, 0) == 5  # a bad packaging size counts as one unit


def test_no_packagings_towards_a_tier_beyond_the_stock():
    # 40 units now, the tier from 100 is 60 away: 5 cartons of 12 → 100 units
    assert packagings_to_reach(100, 60, 12, stock_units=100) == 5
    assert packagings_to_reach(100, 60, 12, stock_units=99) is None
    assert packagings_to_reach(100, 60, 7, stock_units=100) is None  # 9 × 7 = 63 → 103 units
    assert packagings_to_reach(100, 60, 12) == 5  # stock unknown


def test_a_promotion_applies_to_the_tiers_while_it_runs():
    offer = make_offer(1, unit_price="9.00", promotion={"discount_percent": 10, "ends_at": "2030-01-01T00:00:00Z"})
    offer["list_price"] = {"amount": "10.00", "currency": "EUR"}
    offer["price_tiers"] = [tier(50, "7.20", "8.00")]
    assert unit_price(offer, 50, NOW) == eur("7.20")
    after = datetime(2031, 1, 1, tzinfo=UTC)  # the cached copy predates the promotion's end
    assert unit_price(offer, 50, after) == eur("8.00")
    assert unit_price(offer, 49, after) == eur("10.00")


def test_local_check_prices_every_line_of_the_offer_by_their_units_together():
    offers = {1: tiered(1, stock_units=1000), 2: make_offer(2, unit_price="1.00")}
    # 4 units + 1 carton = 16 units of offer 1: the 10-unit tier for both lines
    quote = local_check([CartLine(1, 11, 4), CartLine(1, 12, 1), CartLine(2, 21, 3)], offers, NOW)
    lines = {ln.packaging_id: ln for g in quote.groups for ln in g.lines}
    assert lines[11].unit_price == lines[12].unit_price == eur("3.10")
    assert lines[11].tier_min_units == lines[12].tier_min_units == 10
    assert lines[11].line_total == eur("12.40") and lines[12].line_total == eur("37.20")
    assert lines[11].next_tier.min_units == 100 and lines[11].next_tier.units_missing == 84
    assert lines[11].next_tier.unit_price == eur("2.60")
    assert lines[21].tier_min_units is None and lines[21].next_tier is None
    assert quote.total == eur("52.60")  # 12.40 + 37.20 + 3.00
    # three units alone stay below the first tier
    alone = local_check([CartLine(1, 11, 3)], offers, NOW).groups[0].lines[0]
    assert (alone.unit_price, alone.tier_min_units) == (eur("3.40"), None)
    assert (alone.next_tier.min_units, alone.next_tier.units_missing) == (10, 7)


def test_local_check_converts_the_tier_prices():
    rates = {"USD": Decimal("1.085")}
    line = local_check([CartLine(1, 12, 1)], {1: tiered()}, NOW, currency="USD", rates=rates).groups[0].lines[0]
    assert line.unit_price == Money(Decimal("3.36"), "USD")  # 3.10 × 1.085 = 3.3635
    assert line.line_total == Money(Decimal("40.32"), "USD")
    assert line.next_tier.unit_price == Money(Decimal("2.82"), "USD")  # 2.60 × 1.085 = 2.821


def _server_quote(lines: list[QuoteLine], currency: str = "EUR", *, local: bool = False) -> Quote:
    group = QuoteGroup(1, 1, "Seller", "PT", "Porto", tuple(lines), Money.zero(currency), Money.zero(currency))
    return Quote(currency, (group,), Money.zero(currency), local=local)


def _quoted(offer_id: int, packaging_id: int, quantity: int, price: str, currency: str = "EUR") -> QuoteLine:
    unit = Money(Decimal(price), currency)
    return QuoteLine(offer_id, packaging_id, quantity, quantity, unit, unit)


def test_checkout_lines_carry_the_reviewed_price():
    cart = [CartLine(1, 11, 4), CartLine(1, 12, 1), CartLine(2, 21, 3)]
    quote = _server_quote([_quoted(1, 11, 4, "3.10"), _quoted(1, 12, 1, "3.10"), _quoted(2, 21, 3, "1.00")])
    choices = CheckoutChoices(details=CheckoutDetails(), shipping={1: "1"}, currency="EUR")
    body = build_request(cart, choices, quote)
    assert [ln.get("expected_unit_price") for ln in body["lines"]] == ["3.10", "3.10", "1.00"]
    assert "expected_unit_price" not in build_request(cart, choices)["lines"][0]  # no quote: the server's price


def test_no_expected_price_from_a_stale_local_or_foreign_quote():
    cart = [CartLine(1, 11, 4), CartLine(1, 12, 2), CartLine(2, 21, 3)]
    # offer 1's carton line changed since the quote: its price may be another tier, for both its lines
    quote = _server_quote([_quoted(1, 11, 4, "3.10"), _quoted(1, 12, 1, "3.10"), _quoted(2, 21, 3, "1.00")])
    assert expected_unit_prices(cart, quote, "EUR") == {(2, 21): "1.00"}
    assert expected_unit_prices(cart, quote, "USD") == {}
    assert expected_unit_prices(cart, _server_quote([_quoted(2, 21, 3, "1.00")], local=True), "EUR") == {}
    assert expected_unit_prices(cart, None, "EUR") == {}
