"""Volume prices (quantity tiers) of an offer JSON, as plain Python: which price applies to a number of
units, the next tier up and what is missing to reach it. No Qt (views format the money).

A tier applies when the units of the offer over all the cart's lines reach its ``min_units``: the highest
such tier's price replaces the offer's unit price for every line of that offer; below the first tier the
offer's own unit price (``money.offer_unit_price``) applies. The offer JSON's ``price_tiers`` is
``[{min_units, unit_price, list_price}]`` (ascending ``min_units``, falling prices; ``unit_price`` with
any running promotion applied, ``list_price`` before it). Offers cached before the server had tiers have
no ``price_tiers`` at all: no tiers.

    position = tier_position(offer, units=40, now=now)
    position.unit_price          # Money: the price per unit for 40 units
    position.next_tier           # the tier from 100 units, or None
    position.units_missing       # 60
    packagings_to_reach(100, 60, 12, stock_units=500)  # 5 cartons of 12 (None beyond the stock)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.models import money
from desktop.models.money import Money

__all__ = [
    "PriceTier",
    "TierPosition",
    "offer_tiers",
    "packagings_for",
    "packagings_to_reach",
    "tier_position",
]


@dataclass(frozen=True, slots=True)
class PriceTier:
    """From ``min_units`` units, each costs ``unit_price`` (promotion applied) / ``list_price`` (before)."""

    min_units: int
    unit_price: Money
    list_price: Money

    def price_at(self, offer: Mapping[str, Any], now: datetime) -> Money:
        """The tier's price at ``now``: the promotion price while the offer's promotion runs (as the
        server sent it), the list price once it has ended (the same rule as ``offer_unit_price``)."""
        promotion = offer.get("promotion")
        if promotion and not money.promotion_active(promotion, now):
            return Money(money.quantize(self.list_price.amount), self.list_price.currency)
        return Money(money.quantize(self.unit_price.amount), self.unit_price.currency)


@dataclass(frozen=True, slots=True)
class TierPosition:
    """Where a number of units of an offer stands among its tiers (prices in the offer's currency)."""

    units: int
    #: the price per unit that applies (the tier's, or the offer's own below the first tier)
    unit_price: Money
    #: the tier applied; None: the offer's own price
    tier: PriceTier | None
    #: the next tier up; None: the best price is reached (or the offer has no tiers)
    next_tier: PriceTier | None
    #: units still missing to reach ``next_tier`` (0 without a next tier)
    units_missing: int


def offer_tiers(offer: Mapping[str, Any]) -> list[PriceTier]:
    """The offer's tiers, ascending ``min_units`` (none for an offer cached before tiers existed)."""
    tiers = []
    for raw in offer.get("price_tiers") or ():
        unit_price = Money.from_json(raw["unit_price"])
        list_price = Money.from_json(raw["list_price"]) if raw.get("list_price") else unit_price
        tiers.append(PriceTier(int(raw["min_units"]), unit_price, list_price))
    return sorted(tiers, key=lambda t: t.min_units)


def packagings_for(units: int, packaging_units: int) -> int:
    """The fewest packagings of ``packaging_units`` holding at least ``units`` units."""
    return max(0, math.ceil(units / max(1, packaging_units)))


def packagings_to_reach(
    min_units: int, units_missing: int, packaging_units: int, stock_units: int | None = None
) -> int | None:
    """The packagings of ``packaging_units`` to add to reach a tier from ``min_units``, ``units_missing``
    units away; None when they would take more than the offer's ``stock_units`` (None: stock unknown)."""
    packs = packagings_for(units_missing, packaging_units)
    if stock_units is not None and min_units - units_missing + packs * max(1, packaging_units) > stock_units:
        return None
    return packs


def tier_position(offer: Mapping[str, Any], units: int, now: datetime) -> TierPosition:
    """The price for ``units`` units of ``offer`` (over all the cart's lines of it) at ``now``, the tier
    applied, the next one and the units missing to reach it (``packagings_to_reach`` counts packagings)."""
    tiers = offer_tiers(offer)
    applied = next((t for t in reversed(tiers) if units >= t.min_units), None)
    upcoming = next((t for t in tiers if units < t.min_units), None)
    price = applied.price_at(offer, now) if applied is not None else money.offer_unit_price(offer, now)
    missing = upcoming.min_units - units if upcoming is not None else 0
    return TierPosition(units, price, applied, upcoming, missing)
