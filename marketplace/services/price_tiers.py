"""Volume prices (quantity tiers): how they are stored, checked, priced and shown.

An offer's tiers are list prices per unit in EUR, kept as JSON text in `offers.price_tiers`
(`[[10, "3.10"], [100, "2.60"]]`, NULL for none). A running promotion discounts them as it does the
offer's own price. The tier that applies is the highest whose `min_units` the units of the offer over
all the cart's lines reach. One rule checks every way a tier list is written (the JSON API and the CSV
import): `problem()`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

import orjson

from ..orm import Offer, utcnow
from .offer_edit import discounted

#: a tier: (min_units, price per unit in EUR)
Tier = tuple[int, Decimal]

MAX_TIERS = 5
CODE = "invalid_price_tiers"


def load(raw: str | None) -> list[Tier]:
    """The stored JSON text → [(min_units, list price EUR)], ascending."""
    if not raw:
        return []
    return [(int(units), Decimal(price)) for units, price in orjson.loads(raw)]  # read on every page


def dump(tiers: Sequence[Tier]) -> str | None:
    return json.dumps([[units, f"{price:.2f}"] for units, price in tiers]) if tiers else None


def problem(tiers: Sequence[Tier], moq_units: int, list_price: Decimal) -> str | None:
    """What is wrong with these tiers for an offer with this MOQ and list price (EUR), or None."""
    if len(tiers) > MAX_TIERS:
        return f"At most {MAX_TIERS} volume prices per offer."
    previous_units, previous_price = moq_units, Decimal(list_price)
    for units, price in tiers:
        if units < 2:
            return "A volume price starts at 2 units or more."
        if units <= previous_units:
            if previous_units == moq_units and units <= moq_units:
                return f"A volume price must start above the minimum order ({moq_units} units)."
            return "Volume prices must be in rising quantities, each from more units than the one before."
        if price <= 0:
            return "A volume price must be above 0."
        if price >= previous_price:
            if previous_units == moq_units:
                return "The first volume price must be below the unit price."
            return "Each volume price must be below the one before."
        previous_units, previous_price = units, price
    return None


def set_tiers(offer: Offer, tiers: Sequence[Tier]) -> bool:
    """Make the offer's tiers exactly these; returns whether anything changed."""
    if load(offer.price_tiers) == list(tiers):
        return False
    offer.price_tiers = dump(tiers)
    return True


def promotion_percent(promotion: bool, percent: int | None, ends_at: datetime | None, *, now=None) -> int | None:
    """The discount that applies now, if any (a promotion past its end no longer counts)."""
    if not promotion or not percent:
        return None
    if ends_at is not None and ends_at <= (now or utcnow()):
        return None
    return percent


def selling_prices(tiers: Sequence[Tier], percent: int | None) -> list[tuple[int, Decimal, Decimal]]:
    """[(min_units, list price, price the buyer pays)] in EUR, the promotion applied."""
    return [(units, price, discounted(price, percent) if percent else price) for units, price in tiers]


def offer_tiers(offer: Offer) -> list[tuple[int, Decimal, Decimal]]:
    """The offer's tiers as the quote prices them now."""
    percent = promotion_percent(offer.promotion, offer.promo_discount_percent, offer.promo_ends_at)
    return selling_prices(load(offer.price_tiers), percent)


def applicable(tiers: Sequence[tuple[int, Decimal, Decimal]], units: int) -> tuple[int | None, int | None]:
    """(index of the tier these units reach or None, index of the next tier up or None)."""
    reached = None
    for i, (min_units, _list, _price) in enumerate(tiers):
        if units >= min_units:
            reached = i
        else:
            return reached, i
    return reached, None


def render(raw: str | None, percent: int | None, amount) -> list[dict[str, Any]]:
    """The offer JSON's `price_tiers`; `amount` shows an EUR amount in the response's currency."""
    if not raw:
        return []
    return [
        {
            "min_units": units,
            "unit_price": amount(price),
            "list_price": amount(list_price),
        }
        for units, list_price, price in selling_prices(load(raw), percent)
    ]
