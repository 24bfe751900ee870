"""The quote rules, shared by `POST /cart/quote` and `POST /checkout`.

Prices: the EUR unit price is converted first (rounded to cents), then line total = unit price ×
units, so what the client shows adds up. Stock and MOQ are checked per offer over all the cart's
lines of that offer. Shipping is priced from the group's EUR subtotal, then converted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..orm import Offer, Packaging, Seller, Warehouse, utcnow
from ..schemas.common import CURRENCY_CODES, two_places
from . import currency as fx
from . import price_tiers

#: codes that only another buyer taking stock can cause (→ 409 at checkout); the rest → 422
STOCK_CODES = frozenset({"out_of_stock", "insufficient_stock"})


@dataclass(frozen=True)
class ShippingMethod:
    id: int
    name: str
    days: int
    price_eur: Decimal


def shipping_methods(subtotal_eur: Decimal) -> list[ShippingMethod]:
    """Standard freight max(€25, 3 %), express 2.2× that, pickup at the warehouse free."""
    standard = two_places(max(Decimal(25), subtotal_eur * Decimal("0.03")))
    return [
        ShippingMethod(1, "Standard freight", 5, standard),
        ShippingMethod(2, "Express freight", 2, two_places(standard * Decimal("2.2"))),
        ShippingMethod(3, "Pickup at the warehouse", 1, Decimal("0.00")),
    ]


@dataclass
class LineRequest:
    offer_id: int
    packaging_id: int
    quantity: int
    #: checkout only: the unit price the buyer was shown, in the checkout's currency
    expected_unit_price: Decimal | None = None


@dataclass
class QuotedLine:
    request: LineRequest
    offer: Offer
    packaging: Packaging | None
    units: int
    unit_price_eur: Decimal
    unit_price: Decimal  # in the quote's currency
    line_total: Decimal
    issues: list[dict[str, Any]] = field(default_factory=list)
    tier: dict[str, Any] | None = None  # the volume price applied: {min_units}
    next_tier: dict[str, Any] | None = None  # {min_units, unit_price, units_missing}


@dataclass
class QuotedGroup:
    warehouse: Warehouse
    seller: Seller
    lines: list[QuotedLine] = field(default_factory=list)
    subtotal: Decimal = Decimal("0.00")
    subtotal_eur: Decimal = Decimal("0.00")
    min_order_value: Decimal = Decimal("0.00")  # in the quote's currency
    issues: list[dict[str, Any]] = field(default_factory=list)
    methods: list[ShippingMethod] = field(default_factory=list)


@dataclass
class Quote:
    currency: str
    rate: Decimal
    groups: list[QuotedGroup]
    issues: list[dict[str, Any]]  # lines with no group (offer_not_found)

    @property
    def total(self) -> Decimal:
        return sum((g.subtotal for g in self.groups), Decimal("0.00"))

    def all_issues(self) -> list[dict[str, Any]]:
        out = list(self.issues)
        for group in self.groups:
            out.extend({"warehouse_id": group.warehouse.id, **i} for i in group.issues)
            for line in group.lines:
                out.extend(line.issues)
        return out

    def convert(self, amount_eur: Decimal) -> Decimal:
        return fx.convert(amount_eur, self.rate)


def pick_currency(session: Session, requested: str | None) -> tuple[str, Decimal]:
    """The requested currency if it is one of the 12 with a known rate, else EUR."""
    code = (requested or "EUR").strip().upper()
    if code in CURRENCY_CODES:
        rate = fx.rates(session).get(code)
        if rate is not None and rate > 0:
            return code, Decimal(rate)
    return "EUR", Decimal(1)


def load_offers(session: Session, ids: Iterable[int], *, lock: bool = False) -> dict[int, Offer]:
    """Live offers by id. With `lock`, PostgreSQL row locks them in id order (no deadlocks);
    SQLite's writer session already holds the database write lock."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    stmt = select(Offer).where(Offer.id.in_(wanted), Offer.deleted_at.is_(None)).order_by(Offer.id)
    if lock:
        stmt = stmt.with_for_update(of=Offer).execution_options(populate_existing=True)
    return {o.id: o for o in session.scalars(stmt).unique()}


def effective_unit_price(offer: Offer) -> Decimal:
    """What the buyer pays per unit now, in EUR (a promotion that just ended no longer counts, even
    before housekeeping resets `unit_price`)."""
    if offer.promotion and offer.promo_ends_at is not None and offer.promo_ends_at <= utcnow():
        return Decimal(offer.list_price)
    return Decimal(offer.unit_price)


def _line_issue(req: LineRequest, code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {
        "code": code,
        "message": message,
        "offer_id": req.offer_id,
        "packaging_id": req.packaging_id,
        **extra,
    }


def _apply_tiers(offer: Offer, lines: list[QuotedLine], units: int, currency: str, rate: Decimal) -> None:
    """The volume price the offer's units over all its lines reach, on each of those lines."""
    tiers = price_tiers.offer_tiers(offer)
    if not tiers:
        return
    reached, following = price_tiers.applicable(tiers, units)
    if following is not None:
        min_units, _list, price_eur = tiers[following]
        next_tier = {
            "min_units": min_units,
            "unit_price": money(fx.convert(price_eur, rate), currency),
            "units_missing": min_units - units,
        }
    else:
        next_tier = None
    for line in lines:
        line.next_tier = next_tier
    if reached is None:
        return
    min_units, _list, price_eur = tiers[reached]
    price = fx.convert(price_eur, rate)
    for line in lines:
        if line.packaging is not None:
            line.tier = {"min_units": min_units}
            line.unit_price_eur = price_eur
            line.unit_price = price
            line.line_total = two_places(price * line.units)


def build_quote(
    session: Session, currency: str | None, lines: Sequence[LineRequest], *, lock: bool = False
) -> Quote:
    code, rate = pick_currency(session, currency)
    offers = load_offers(session, (line.offer_id for line in lines), lock=lock)
    quote = Quote(currency=code, rate=rate, groups=[], issues=[])
    groups: dict[int, QuotedGroup] = {}
    by_offer: dict[int, list[QuotedLine]] = defaultdict(list)

    for req in lines:
        offer = offers.get(req.offer_id)
        if offer is None:
            quote.issues.append(_line_issue(req, "offer_not_found", "This offer is no longer available."))
            continue
        packaging = next((p for p in offer.packagings if p.id == req.packaging_id), None)
        units = req.quantity * packaging.units if packaging else 0
        price_eur = effective_unit_price(offer)
        price = fx.convert(price_eur, rate)
        line = QuotedLine(req, offer, packaging, units, price_eur, price, two_places(price * units))
        if packaging is None:
            line.issues.append(_line_issue(req, "unknown_packaging", "This offer has no such packaging."))
        group = groups.get(offer.warehouse_id)
        if group is None:
            group = groups[offer.warehouse_id] = QuotedGroup(offer.warehouse, offer.seller)
        group.lines.append(line)
        by_offer[offer.id].append(line)

    for offer_id, offer_lines in by_offer.items():
        offer = offers[offer_id]
        wanted = sum(line.units for line in offer_lines)
        _apply_tiers(offer, offer_lines, wanted, code, rate)
        for line in offer_lines:
            if line.packaging is None:
                continue
            if offer.stock_units <= 0:
                line.issues.append(
                    _line_issue(
                        line.request, "out_of_stock", "This offer is out of stock.", available_units=0
                    )
                )
            elif wanted > offer.stock_units:
                line.issues.append(
                    _line_issue(
                        line.request,
                        "insufficient_stock",
                        f"Only {offer.stock_units} units are available.",
                        available_units=offer.stock_units,
                    )
                )
            if wanted < offer.moq_units:
                line.issues.append(
                    _line_issue(
                        line.request,
                        "below_moq",
                        f"The minimum order is {offer.moq_units} units.",
                        moq_units=offer.moq_units,
                    )
                )

    for group in groups.values():
        group.subtotal = sum((line.line_total for line in group.lines), Decimal("0.00"))
        group.subtotal_eur = two_places(
            sum((line.unit_price_eur * line.units for line in group.lines), Decimal("0.00"))
        )
        group.min_order_value = fx.convert(group.warehouse.min_order_value, rate)
        group.methods = shipping_methods(group.subtotal_eur)
        if group.subtotal < group.min_order_value:
            shortfall = group.min_order_value - group.subtotal
            group.issues.append(
                {
                    "code": "below_min_order_value",
                    "message": f"This warehouse's minimum order is {group.min_order_value:.2f} {code}.",
                    "minimum": {"amount": f"{group.min_order_value:.2f}", "currency": code},
                    "shortfall": {"amount": f"{shortfall:.2f}", "currency": code},
                }
            )
        quote.groups.append(group)
    return quote


def money(amount: Decimal, currency: str) -> dict[str, str]:
    return {"amount": f"{two_places(amount):.2f}", "currency": currency}


def quote_json(quote: Quote) -> dict[str, Any]:
    """The quote as the API answers it."""
    cur = quote.currency
    return {
        "currency": cur,
        "groups": [
            {
                "warehouse": {
                    "id": g.warehouse.id,
                    "country": g.warehouse.country,
                    "city": g.warehouse.city,
                    "min_order_value": money(g.min_order_value, cur),
                },
                "seller": {"id": g.seller.id, "name": g.seller.name, "country": g.seller.country},
                "lines": [
                    {
                        "offer_id": ln.offer.id,
                        "packaging_id": ln.request.packaging_id,
                        "quantity": ln.request.quantity,
                        "units": ln.units,
                        "sku": ln.offer.sku,
                        "title": ln.offer.title,
                        "unit_price": money(ln.unit_price, cur),
                        "line_total": money(ln.line_total, cur),
                        "issues": ln.issues,
                        "tier": ln.tier,
                        "next_tier": ln.next_tier,
                    }
                    for ln in g.lines
                ],
                "shipping_methods": [
                    {
                        "id": m.id,
                        "name": m.name,
                        "price": money(quote.convert(m.price_eur), cur),
                        "days": m.days,
                    }
                    for m in g.methods
                ],
                "subtotal": money(g.subtotal, cur),
                "issues": g.issues,
            }
            for g in quote.groups
        ],
        "total": money(quote.total, cur),
        "issues": quote.issues,
    }
