"""The local quote check: the contract's quote rules run on cached offers, in `POST /cart/quote`'s shape.

`local_check` lets the cart show problems and totals while offline; it returns the same shape as the
server's quote (as dataclasses), so the cart view renders either. Offline there are no shipping methods,
and the server's answer always wins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.models import money
from desktop.models.money import Money
from desktop.models.price_tiers import tier_position

from .lines import CartLine


@dataclass(frozen=True, slots=True)
class QuoteIssue:
    """A line or group issue, as in the quote response. Fields not relevant to the code are None."""

    code: str  # offer_not_found | out_of_stock | insufficient_stock | below_moq | unknown_packaging
    # | below_min_order_value | price_changed (a refused checkout)
    offer_id: int | None = None
    packaging_id: int | None = None
    available_units: int | None = None  # insufficient_stock
    moq_units: int | None = None  # below_moq
    minimum: Money | None = None  # below_min_order_value
    shortfall: Money | None = None  # below_min_order_value
    message: str = ""  # a sentence for the user (the server's, or the local check's English one)
    expected_unit_price: Money | None = None  # price_changed: the price the buyer was shown
    unit_price: Money | None = None  # price_changed: the price the server charges now


@dataclass(frozen=True, slots=True)
class NextTier:
    """The next volume price up: ``units_missing`` more units of the offer (over all its lines) reach
    ``unit_price`` (in the quote's currency)."""

    min_units: int
    unit_price: Money
    units_missing: int


@dataclass(frozen=True, slots=True)
class QuoteLine:
    offer_id: int
    packaging_id: int
    quantity: int
    units: int | None  # None when the packaging is unknown
    unit_price: Money | None
    line_total: Money | None
    title: str = ""
    sku: str = ""
    issues: tuple[QuoteIssue, ...] = ()
    #: the ``min_units`` of the volume price applied (None: the offer's own price), and the next one up
    tier_min_units: int | None = None
    next_tier: NextTier | None = None


@dataclass(frozen=True, slots=True)
class ShippingMethod:
    id: str
    name: str
    price: Money
    days: int | None = None


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """One warehouse = one seller order."""

    warehouse_id: int
    seller_id: int | None
    seller_name: str
    warehouse_country: str | None
    warehouse_city: str | None
    lines: tuple[QuoteLine, ...]
    subtotal: Money
    min_order_value: Money
    shipping_methods: tuple[ShippingMethod, ...] = ()  # unknown offline
    issues: tuple[QuoteIssue, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    currency: str
    groups: tuple[QuoteGroup, ...]
    total: Money  # sum of the subtotals (shipping not included: it is chosen per group)
    issues: tuple[QuoteIssue, ...] = ()  # issues of lines that belong to no group (offer_not_found)
    local: bool = True  # computed from the offline cache, not by the server

    @property
    def all_issues(self) -> list[QuoteIssue]:
        found = list(self.issues)
        for group in self.groups:
            found.extend(group.issues)
            for line in group.lines:
                found.extend(line.issues)
        return found

    @property
    def ok(self) -> bool:
        return not self.all_issues


def local_check(
    lines: Sequence[CartLine],
    offers_by_id: Mapping[int, Mapping[str, Any]],
    now: datetime,
    *,
    currency: str = money.BASE_CURRENCY,
    rates: money.Rates | None = None,
) -> Quote:
    """The contract's quote rules, run on cached offers (offer JSON dicts).

    Stock, MOQ and volume prices are per offer: the units of every line of the same offer (in any
    packaging) count together, and a problem is reported on each of those lines. Prices: the offer's
    tier for those units (`price_tiers.tier_position`, else `money.offer_unit_price`) at `now`,
    converted to `currency` (EUR if that currency has no rate); line = unit price × units.
    """
    rates = rates or {}
    currency = money.display_currency(currency, rates)
    zero = Money.zero(currency)

    units_by_offer: dict[int, int] = {}
    for line in lines:
        offer = offers_by_id.get(line.offer_id)
        packaging = _packaging(offer, line.packaging_id) if offer else None
        if packaging is not None:
            units_by_offer[line.offer_id] = units_by_offer.get(line.offer_id, 0) + line.quantity * int(
                packaging["units"]
            )

    orphan_issues: list[QuoteIssue] = []
    grouped: dict[int, list[QuoteLine]] = {}
    group_offer: dict[int, Mapping[str, Any]] = {}
    for line in lines:
        offer = offers_by_id.get(line.offer_id)
        if offer is None:
            orphan_issues.append(
                QuoteIssue(
                    "offer_not_found", line.offer_id, line.packaging_id,
                    message="This offer is no longer available.",
                )
            )  # fmt: skip
            continue
        warehouse_id = int((offer.get("warehouse") or {}).get("id") or 0)
        group_offer.setdefault(warehouse_id, offer)
        grouped.setdefault(warehouse_id, []).append(
            _quote_line(line, offer, units_by_offer, now, currency, rates)
        )

    groups = []
    for warehouse_id, quote_lines in grouped.items():
        offer = group_offer[warehouse_id]
        warehouse = offer.get("warehouse") or {}
        seller = offer.get("seller") or {}
        subtotal = sum((ql.line_total for ql in quote_lines if ql.line_total is not None), zero)
        minimum_json = warehouse.get("min_order_value")
        minimum = (
            money.convert_money(Money.from_json(minimum_json), currency, rates) if minimum_json else zero
        )
        issues: tuple[QuoteIssue, ...] = ()
        if subtotal.amount < minimum.amount:
            issues = (
                QuoteIssue(
                    "below_min_order_value", minimum=minimum, shortfall=minimum - subtotal,
                    message=f"This warehouse's minimum order is {minimum.amount:.2f} {currency}.",
                ),
            )  # fmt: skip
        groups.append(
            QuoteGroup(
                warehouse_id=warehouse_id,
                seller_id=seller.get("id"),
                seller_name=str(seller.get("name") or ""),
                warehouse_country=warehouse.get("country"),
                warehouse_city=warehouse.get("city"),
                lines=tuple(quote_lines),
                subtotal=subtotal,
                min_order_value=minimum,
                issues=issues,
            )
        )
    total = sum((g.subtotal for g in groups), zero)
    return Quote(currency=currency, groups=tuple(groups), total=total, issues=tuple(orphan_issues))


def _packaging(offer: Mapping[str, Any], packaging_id: int) -> Mapping[str, Any] | None:
    for packaging in offer.get("packagings") or ():
        if int(packaging["id"]) == packaging_id:
            return packaging
    return None


def _quote_line(
    line: CartLine,
    offer: Mapping[str, Any],
    units_by_offer: Mapping[int, int],
    now: datetime,
    currency: str,
    rates: money.Rates,
) -> QuoteLine:
    title, sku = str(offer.get("title") or ""), str(offer.get("sku") or "")
    packaging = _packaging(offer, line.packaging_id)
    if packaging is None:
        issue = QuoteIssue(
            "unknown_packaging", line.offer_id, line.packaging_id, message="This offer has no such packaging."
        )
        return QuoteLine(
            line.offer_id, line.packaging_id, line.quantity, None, None, None, title, sku, (issue,)
        )
    units = line.quantity * int(packaging["units"])
    offer_units = units_by_offer[line.offer_id]
    stock = int(offer.get("stock_units") or 0)
    moq = int(offer.get("moq_units") or 1)
    issues = []
    if stock <= 0:
        issues.append(
            QuoteIssue(
                "out_of_stock",
                line.offer_id,
                line.packaging_id,
                available_units=0,
                message="This offer is out of stock.",
            )
        )
    elif offer_units > stock:
        issues.append(
            QuoteIssue(
                "insufficient_stock",
                line.offer_id,
                line.packaging_id,
                available_units=stock,
                message=f"Only {stock} units are available.",
            )
        )
    if offer_units < moq:
        issues.append(
            QuoteIssue(
                "below_moq",
                line.offer_id,
                line.packaging_id,
                moq_units=moq,
                message=f"The minimum order is {moq} units.",
            )
        )
    position = tier_position(offer, offer_units, now)
    unit_price = money.convert_money(position.unit_price, currency, rates)
    line_total = Money(unit_price.amount * units, currency)
    upcoming = position.next_tier
    next_tier = None
    if upcoming is not None:
        price = money.convert_money(upcoming.price_at(offer, now), currency, rates)
        next_tier = NextTier(upcoming.min_units, price, position.units_missing)
    return QuoteLine(
        line.offer_id,
        line.packaging_id,
        line.quantity,
        units,
        unit_price,
        line_total,
        title,
        sku,
        tuple(issues),
        tier_min_units=position.tier.min_units if position.tier is not None else None,
        next_tier=next_tier,
    )

