"""Decimal money helpers: currency conversion and promotion prices. No formatting (views use QLocale).

Money is never a float. Amounts are `Decimal`, rounded to cents with ROUND_HALF_UP, the same rule the
server uses. Rates are "units of the currency per 1 EUR" (`rate_per_eur` of `GET /currencies`).

Price rules, in this order (the cache, the cart check and the views all go through these functions):
1. the offer's list price per unit, in the offer's currency (EUR for every demo offer);
2. while a promotion runs (`now < ends_at`), the unit price is list × (1 − discount/100), to the cent;
3. conversion to the display currency, to the cent; a line is that converted unit price × units.
(The same order as the server's quote, marketplace/services/quote.py.) The server's offer JSON has
both `list_price` and `unit_price` (promotion applied); `offer_unit_price` uses them as sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

CURRENCY_CODES: tuple[str, ...] = (
    "EUR", "USD", "CHF", "CZK", "DKK", "GBP", "HUF", "NOK", "PLN", "RON", "SEK", "UAH",
)  # fmt: skip
BASE_CURRENCY = "EUR"
CENT = Decimal("0.01")
_HUNDRED = Decimal(100)

Rates = Mapping[str, Decimal]
"""Currency code → units of that currency per 1 EUR. EUR may be absent (it is always 1)."""


def quantize(amount: Decimal) -> Decimal:
    """Round to cents, half up (2.345 → 2.35, −2.345 → −2.35)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def to_decimal(value: object) -> Decimal:
    """A decimal from the API's decimal strings (or ints). Floats are refused: they are not money."""
    if isinstance(value, float | bool):
        raise TypeError(f"money must not be a {type(value).__name__}: {value!r}")
    try:
        result = Decimal(value) if isinstance(value, int | Decimal) else Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"not a decimal amount: {value!r}") from None
    if not result.is_finite():
        raise ValueError(f"not a finite amount: {value!r}")
    return result


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Money:
        """`{"amount": "12.50", "currency": "EUR"}` → Money."""
        return cls(to_decimal(data["amount"]), str(data["currency"]).upper())

    def to_json(self) -> dict[str, str]:
        return {"amount": f"{quantize(self.amount):.2f}", "currency": self.currency}

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal("0.00"), currency)

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise ValueError(f"cannot subtract {other.currency} from {self.currency}")
        return Money(self.amount - other.amount, self.currency)


def display_currency(code: str | None, rates: Rates) -> str:
    """The currency prices are shown in: `code` when it is known, else EUR (as the server does)."""
    code = (code or BASE_CURRENCY).upper()
    if code == BASE_CURRENCY or code in rates:
        return code
    return BASE_CURRENCY


def _rate(code: str, rates: Rates) -> Decimal:
    if code == BASE_CURRENCY:
        return Decimal(1)
    try:
        rate = to_decimal(rates[code])
    except KeyError:
        raise ValueError(f"no exchange rate for {code}") from None
    if rate <= 0:
        raise ValueError(f"exchange rate for {code} must be positive, got {rate}")
    return rate


def convert(amount: Decimal, from_currency: str, to_currency: str, rates: Rates) -> Decimal:
    """Convert between two currencies through EUR, rounding once at the end (to the cent).

    Raises ValueError when a non-EUR currency has no rate; call `display_currency` first to fall back.
    """
    from_currency, to_currency = from_currency.upper(), to_currency.upper()
    if from_currency == to_currency:
        return quantize(amount)
    return quantize(amount / _rate(from_currency, rates) * _rate(to_currency, rates))


def from_eur(amount_eur: Decimal, currency: str, rates: Rates) -> Decimal:
    """EUR → `currency`, to the cent."""
    return convert(amount_eur, BASE_CURRENCY, currency, rates)


def to_eur(amount: Decimal, currency: str, rates: Rates) -> Decimal:
    """`currency` → EUR, to the cent."""
    return convert(amount, currency, BASE_CURRENCY, rates)


def convert_money(money: Money, currency: str, rates: Rates) -> Money:
    return Money(convert(money.amount, money.currency, currency, rates), currency.upper())


def parse_timestamp(value: str | datetime | None) -> datetime | None:
    """An RFC 3339 timestamp → an aware UTC datetime (naive input is taken as UTC)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def promotion_active(promotion: Mapping[str, Any] | None, now: datetime) -> bool:
    """True while `now < ends_at` (a promotion without an end date runs until removed)."""
    if not promotion:
        return False
    if promotion.get("discount_percent") in (None, "", 0, "0"):
        return False
    ends_at = parse_timestamp(promotion.get("ends_at"))
    return ends_at is None or _aware(now) < ends_at


def discounted(list_price: Decimal, discount_percent: Decimal | int | str) -> Decimal:
    """list × (1 − discount/100), to the cent. The discount is clamped to 0..100."""
    discount = min(max(to_decimal(discount_percent), Decimal(0)), _HUNDRED)
    return quantize(list_price * (_HUNDRED - discount) / _HUNDRED)


def effective_unit_price(list_price: Decimal, promotion: Mapping[str, Any] | None, now: datetime) -> Decimal:
    """The unit price the buyer pays at `now`: discounted while the promotion runs, else the list price."""
    if promotion_active(promotion, now):
        return discounted(list_price, promotion["discount_percent"])  # type: ignore[index]
    return quantize(list_price)


def offer_list_price(offer: Mapping[str, Any]) -> Money:
    """The undiscounted unit price of an offer JSON: `list_price` (the server sends it), else `unit_price`."""
    return Money.from_json(offer.get("list_price") or offer["unit_price"])


def offer_promotion_price(offer: Mapping[str, Any]) -> Money | None:
    """The unit price while the offer's promotion runs, or None without a promotion.

    When the offer has both `list_price` and `unit_price`, the server has applied the promotion to
    `unit_price`: that exact amount is used. Otherwise the discount is applied to the list price here.
    """
    promotion = offer.get("promotion")
    if not promotion or promotion.get("discount_percent") in (None, "", 0, "0"):
        return None
    if offer.get("list_price") and offer.get("unit_price"):
        return Money.from_json(offer["unit_price"])
    price = offer_list_price(offer)
    return Money(discounted(price.amount, promotion["discount_percent"]), price.currency)


def offer_unit_price(offer: Mapping[str, Any], now: datetime) -> Money:
    """The unit price of an offer JSON at `now`, in the offer's currency (the promotion price while
    the promotion runs, even if the cached copy predates its end; the list price after)."""
    promo = offer_promotion_price(offer)
    if promo is not None and promotion_active(offer.get("promotion"), now):
        return promo
    price = offer_list_price(offer)
    return Money(quantize(price.amount), price.currency)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
