"""Checkout, as plain Python: the server's quote in the cart's shape, the remembered company and delivery
details, the checkout request body, the pending-checkout lifecycle and the issues of a refused checkout.

    quote = quote_from_api(client.cart.quote(lines, "EUR"))          # same shape as local_check
    details = DetailsStore(data_dir / "checkout-details.json")
    details.save("buyer@demo.test", CheckoutDetails(company_name="Acme", ...))
    body = build_request(cart.lines(), choices, details, "card", "EUR", guest_email=None)
    key = begin_submission(cart, body)   # kept durably until the order group exists
    ... client.checkout.place(body, idempotency_key=key) ...
    cart.complete_checkout()             # only once the order group exists

The Idempotency-Key is made once when the review opens and written (with the exact body) to the cart
store before anything is sent. A retry, even after a restart, sends that same key and body again, so a
dropped response can never make a second order. Each line carries the unit price the buyer reviewed
(`expected_unit_price`). Refused checkouts (409 `stock_changed` / `price_changed`, 422) create nothing:
the pending record is cleared and the next review makes a new key.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.models.cart import CartLine, NextTier, Quote, QuoteGroup, QuoteIssue, QuoteLine, ShippingMethod
from desktop.models.money import Money

if TYPE_CHECKING:  # pydantic: imported by the client, not with this module
    from desktop.api_client import types as api
    from desktop.models.cart import Cart
from desktop.models.settings import atomic_write_text

PAYMENT_METHODS = ("card", "bank_transfer", "multibanco")
STOCK_CODES = frozenset({"out_of_stock", "insufficient_stock"})

__all__ = [
    "PAYMENT_METHODS",
    "CheckoutChoices",
    "CheckoutDetails",
    "DetailsStore",
    "begin_submission",
    "build_request",
    "expected_unit_prices",
    "issues_from_problem",
    "quote_from_api",
]


# -- the server's quote in the local quote's shape ---------------------------------------------------
def _money(value: Money | api.Money | Mapping[str, Any] | None) -> Money | None:
    if value is None:
        return None
    if isinstance(value, Money):
        return value
    if isinstance(value, Mapping):
        return Money.from_json(value)
    return Money(value.amount, str(value.currency).upper())


def issue_from_json(raw: Mapping[str, Any] | api.Issue) -> QuoteIssue:
    """A server issue (pydantic ``Issue`` with extras, or a problem document's dict) → QuoteIssue."""
    data = raw if isinstance(raw, Mapping) else raw.model_dump()
    return QuoteIssue(
        code=str(data.get("code") or ""),
        offer_id=data.get("offer_id"),
        packaging_id=data.get("packaging_id"),
        available_units=data.get("available_units"),
        moq_units=data.get("moq_units"),
        minimum=_money(data.get("minimum")),
        shortfall=_money(data.get("shortfall")),
        message=str(data.get("message") or ""),
        expected_unit_price=_money(data.get("expected_unit_price")),
        unit_price=_money(data.get("unit_price")),
    )


def _next_tier(value: api.NextTier | None) -> NextTier | None:
    if value is None:
        return None
    return NextTier(value.min_units, _money(value.unit_price), value.units_missing)


def quote_from_api(api_quote: api.Quote) -> Quote:
    """``client.cart.quote(...)``'s answer as a :class:`desktop.models.cart.Quote` (``local=False``)."""
    groups = []
    for group in api_quote.groups:
        lines = tuple(
            QuoteLine(
                offer_id=line.offer_id,
                packaging_id=line.packaging_id,
                quantity=line.quantity,
                units=line.units,
                unit_price=_money(line.unit_price),
                line_total=_money(line.line_total),
                title=line.title,
                sku=line.sku,
                issues=tuple(issue_from_json(i) for i in line.issues),
                tier_min_units=line.tier.min_units if line.tier is not None else None,
                next_tier=_next_tier(line.next_tier),
            )
            for line in group.lines
        )
        groups.append(
            QuoteGroup(
                warehouse_id=group.warehouse.id,
                seller_id=group.seller.id,
                seller_name=group.seller.name,
                warehouse_country=group.warehouse.country,
                warehouse_city=group.warehouse.city,
                lines=lines,
                subtotal=_money(group.subtotal),
                min_order_value=_money(group.warehouse.min_order_value),
                shipping_methods=tuple(
                    ShippingMethod(str(m.id), m.name, _money(m.price), m.days) for m in group.shipping_methods
                ),
                issues=tuple(issue_from_json(i) for i in group.issues),
            )
        )
    return Quote(
        currency=api_quote.currency,
        groups=tuple(groups),
        total=_money(api_quote.total),
        issues=tuple(issue_from_json(i) for i in api_quote.issues),
        local=False,
    )


def issues_from_problem(problem: Mapping[str, Any] | None) -> list[QuoteIssue]:
    """The ``issues`` of a 409 ``stock_changed`` / ``price_changed`` or 422 ``quote_issues`` problem."""
    return [issue_from_json(i) for i in (problem or {}).get("issues") or () if isinstance(i, Mapping)]


# -- remembered details --------------------------------------------------------------------------------
@dataclass(frozen=True)
class CheckoutDetails:
    """Company (invoicing) and delivery details, remembered per account."""

    company_name: str = ""
    vat_number: str = ""
    company_address: str = ""
    delivery_name: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    country: str = ""
    phone: str = ""
    guest_email: str = ""

    REQUIRED = ("company_name", "vat_number", "company_address", "delivery_name", "street", "postcode",
                "city", "country")  # fmt: skip

    def missing(self) -> list[str]:
        """The names of the required fields left empty."""
        return [name for name in self.REQUIRED if not getattr(self, name).strip()]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CheckoutDetails:
        known = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in data.items() if k in known and v is not None})


class DetailsStore:
    """``{account: details}`` as a JSON file in the data folder (written atomically). The guest's
    details are kept under ``""``. No secret is kept here."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def load(self, account: str | None) -> CheckoutDetails:
        entry = self._read().get((account or "").casefold())
        return CheckoutDetails.from_json(entry) if isinstance(entry, Mapping) else CheckoutDetails()

    def save(self, account: str | None, details: CheckoutDetails) -> None:
        data = self._read()
        data[(account or "").casefold()] = asdict(details)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.path, json.dumps(data, indent=2, sort_keys=True))


# -- the request ---------------------------------------------------------------------------------------
@dataclass
class CheckoutChoices:
    """What the wizard collected."""

    details: CheckoutDetails
    #: warehouse id → shipping method id (as the quote gave it)
    shipping: dict[int, str]
    payment_method: str = "bank_transfer"
    currency: str = "EUR"
    guest_email: str | None = None


def expected_unit_prices(lines: Sequence[CartLine], quote: Quote | None, currency: str) -> dict[tuple[int, int], str]:
    """(offer id, packaging id) → the unit price the buyer was shown for that line: the server quote's,
    in the checkout ``currency``. A price depends on all the lines of its offer (volume prices), so a line
    gets one only when the quote was made of exactly the cart's lines of that offer; a local quote (or
    one in another currency) gives none, and the server charges its price as before."""
    if quote is None or quote.local or quote.currency != currency:
        return {}
    quoted: dict[int, set[tuple[int, int]]] = {}
    prices: dict[tuple[int, int], str] = {}
    for group in quote.groups:
        for ql in group.lines:
            quoted.setdefault(ql.offer_id, set()).add((ql.packaging_id, ql.quantity))
            if ql.unit_price is not None:
                prices[(ql.offer_id, ql.packaging_id)] = f"{ql.unit_price.amount:.2f}"
    wanted: dict[int, set[tuple[int, int]]] = {}
    for line in lines:
        wanted.setdefault(line.offer_id, set()).add((line.packaging_id, line.quantity))
    return {
        (line.offer_id, line.packaging_id): prices[(line.offer_id, line.packaging_id)]
        for line in lines
        if quoted.get(line.offer_id) == wanted[line.offer_id] and (line.offer_id, line.packaging_id) in prices
    }


def build_request(lines: Iterable[CartLine], choices: CheckoutChoices, quote: Quote | None = None) -> dict[str, Any]:
    """The ``POST /checkout`` JSON body (validated by the API client's ``CheckoutRequest``); with the
    server ``quote`` the buyer reviewed, each line says the unit price shown (``expected_unit_price``:
    a price changed since is refused with 409 ``price_changed``, nothing ordered)."""
    from desktop.api_client.types import CheckoutRequest

    lines = list(lines)
    expected = expected_unit_prices(lines, quote, choices.currency)
    body_lines = []
    for line in lines:
        entry: dict[str, Any] = line.to_json()
        price = expected.get((line.offer_id, line.packaging_id))
        if price is not None:
            entry["expected_unit_price"] = price
        body_lines.append(entry)

    if choices.payment_method not in PAYMENT_METHODS:
        raise ValueError(f"unknown payment method {choices.payment_method!r}")
    d = choices.details
    delivery: dict[str, Any] = {
        "name": d.delivery_name.strip(),
        "street": d.street.strip(),
        "postcode": d.postcode.strip(),
        "city": d.city.strip(),
        "country": d.country.strip().upper(),
    }
    if d.phone.strip():
        delivery["phone"] = d.phone.strip()
    body: dict[str, Any] = {
        "currency": choices.currency,
        "lines": body_lines,
        "shipping": {str(wid): int(mid) for wid, mid in sorted(choices.shipping.items())},
        "company": {
            "name": d.company_name.strip(),
            "vat_number": d.vat_number.strip(),
            "address": d.company_address.strip(),
        },
        "delivery_address": delivery,
        "payment_method": choices.payment_method,
    }
    if choices.guest_email:
        body["guest"] = {"email": choices.guest_email.strip()}
    CheckoutRequest.model_validate(body)  # a ValueError here is a bug, not a user error
    return body


def to_request(body: Mapping[str, Any]) -> api.CheckoutRequest:
    from desktop.api_client.types import CheckoutRequest

    return CheckoutRequest.model_validate(dict(body))


# -- the pending checkout ------------------------------------------------------------------------------
def begin_submission(cart: Cart, body: Mapping[str, Any]) -> str:
    """The Idempotency-Key for submitting ``body`` from ``cart``, written durably with it.

    The same body as the pending one keeps its key (a retry after a timeout or a restart); another body
    gets a new key (the cart or a choice changed before anything was known to be sent)."""
    pending = cart.pending_checkout()
    normalized = json.loads(json.dumps(dict(body), sort_keys=True, default=str))
    if pending is not None and pending.body == normalized:
        return pending.idempotency_key
    key = str(uuid.uuid4())
    cart.set_pending_checkout(key, normalized)
    return key


def lines_of_body(body: Mapping[str, Any]) -> list[CartLine]:
    return [CartLine(int(x["offer_id"]), int(x["packaging_id"]), int(x["quantity"])) for x in body["lines"]]


def group_issues(issues: Sequence[QuoteIssue], offer_id: int, packaging_id: int) -> list[QuoteIssue]:
    return [i for i in issues if i.offer_id == offer_id and i.packaging_id in (None, packaging_id)]
