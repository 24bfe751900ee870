"""The durable cart, the local quote check, the pending checkout record and CSV quick order.

The cart lives on the client (the server reserves nothing). It is a SQLite file in the user data folder,
WAL with synchronous=FULL, and every change is committed before the method returns: killing the app at
any moment loses no line. There is one cart per (server URL, account) and one guest cart per server.

A line is `{offer_id, packaging_id, quantity}`; the quantity counts packagings.

`local_check` applies the contract's quote rules to cached offers so the cart can show problems and
totals while offline; it returns the same shape as `POST /cart/quote` (as dataclasses), so the cart view
renders either. Offline there are no shipping methods, and the server's answer always wins.

The cart store is used from one thread (the GUI thread: every call is one small transaction).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from desktop.models import money
from desktop.models.money import Money
from desktop.models.spreadsheet import formula_guard, strip_formula_guard

from .sqlite_tx import immediate_transaction

MAX_QUANTITY = 1_000_000
SCHEMA_VERSION = 1

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS carts (
    id INTEGER PRIMARY KEY,
    server_url TEXT NOT NULL,
    account TEXT NOT NULL,               -- '' = the guest cart of that server
    created_at TEXT NOT NULL,
    UNIQUE (server_url, account)
);
CREATE TABLE IF NOT EXISTS cart_lines (
    cart_id INTEGER NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
    offer_id INTEGER NOT NULL,
    packaging_id INTEGER NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND {MAX_QUANTITY}),
    position INTEGER NOT NULL,           -- the order lines were first added in
    PRIMARY KEY (cart_id, offer_id, packaging_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pending_checkout (
    cart_id INTEGER PRIMARY KEY REFERENCES carts(id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL,
    body TEXT NOT NULL,                  -- the exact JSON request body sent with that key
    created_at TEXT NOT NULL
);
PRAGMA user_version = {SCHEMA_VERSION};
"""


# -- lines and validation ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CartLine:
    offer_id: int
    packaging_id: int
    quantity: int  # packagings

    def to_json(self) -> dict[str, int]:
        return {"offer_id": self.offer_id, "packaging_id": self.packaging_id, "quantity": self.quantity}


def validate_quantity(quantity: object) -> int:
    """The quantity as an int, or a ValueError whose message can be shown to the user."""
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise ValueError(f"The quantity must be a whole number of packagings, not {quantity!r}.")
    if quantity < 1:
        raise ValueError(f"The quantity must be at least 1 packaging (got {quantity}).")
    if quantity > MAX_QUANTITY:
        raise ValueError(f"The quantity must be at most {MAX_QUANTITY:,} packagings (got {quantity:,}).")
    return quantity


def _validate_id(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive integer, not {value!r}.")
    return value


def normalize_server_url(url: str) -> str:
    """`HTTP://Host:8000/api/` → `http://host:8000/api`: one cart whatever way the URL was typed."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), "", ""))


@dataclass(frozen=True, slots=True)
class PendingCheckout:
    idempotency_key: str
    body: dict[str, Any]
    created_at: datetime


# -- the store ----------------------------------------------------------------------------------------


class CartStore:
    """The carts file. `cart(server_url, account)` gives one cart; account None is the guest cart."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, timeout=10.0, isolation_level=None)
        self._conn.execute("PRAGMA busy_timeout = 10000")
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = FULL")  # a committed line survives a power cut too
        self._conn.execute("PRAGMA foreign_keys = ON")
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            self._conn.close()
            raise RuntimeError(
                f"{self.path} was written by a newer Bulkdesk (cart schema {version}); update the app"
            )
        self._conn.executescript("BEGIN IMMEDIATE;" + _SCHEMA + "COMMIT;")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> CartStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def cart(self, server_url: str, account: str | None = None) -> Cart:
        """The cart of `account` (a stable account id, e.g. the user id) on that server; None = guest."""
        server = normalize_server_url(server_url)
        key = (account or "").strip()
        self._conn.execute(
            "INSERT INTO carts (server_url, account, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT(server_url, account) DO NOTHING",
            (server, key, _now_text()),
        )
        row = self._conn.execute(
            "SELECT id FROM carts WHERE server_url = ? AND account = ?", (server, key)
        ).fetchone()
        return Cart(self._conn, row[0], server, key or None)

    def merge_guest_cart(self, server_url: str, account: str) -> Cart:
        """After signing in: move the guest cart's lines into the account's cart (merging quantities,
        capped at the maximum) and empty the guest cart. One transaction."""
        guest = self.cart(server_url, None)
        target = self.cart(server_url, account)
        with immediate_transaction(self._conn):
            for line in guest.lines():
                existing = target._quantity(line.offer_id, line.packaging_id)
                quantity = min(MAX_QUANTITY, existing + line.quantity)
                target._write_line(line.offer_id, line.packaging_id, quantity)
            self._conn.execute("DELETE FROM cart_lines WHERE cart_id = ?", (guest.cart_id,))
        return target


class Cart:
    """One cart. Every method commits before returning."""

    def __init__(self, conn: sqlite3.Connection, cart_id: int, server_url: str, account: str | None) -> None:
        self._conn = conn
        self.cart_id = cart_id
        self.server_url = server_url
        self.account = account  # None: the guest cart

    def lines(self) -> list[CartLine]:
        cursor = self._conn.execute(
            "SELECT offer_id, packaging_id, quantity FROM cart_lines WHERE cart_id = ? ORDER BY position",
            (self.cart_id,),
        )
        return [CartLine(*row) for row in cursor]

    def __len__(self) -> int:
        return self._conn.execute(
            "SELECT count(*) FROM cart_lines WHERE cart_id = ?", (self.cart_id,)
        ).fetchone()[0]

    def add(self, offer_id: int, packaging_id: int, quantity: int) -> CartLine:
        """Add packagings; a line for the same offer and packaging gets the quantities summed."""
        _validate_id("offer_id", offer_id)
        _validate_id("packaging_id", packaging_id)
        validate_quantity(quantity)
        with immediate_transaction(self._conn):
            total = self._quantity(offer_id, packaging_id) + quantity
            if total > MAX_QUANTITY:
                raise ValueError(
                    f"The quantity must be at most {MAX_QUANTITY:,} packagings "
                    f"(the cart already holds {total - quantity:,} of these)."
                )
            self._write_line(offer_id, packaging_id, total)
        return CartLine(offer_id, packaging_id, total)

    def set_quantity(self, offer_id: int, packaging_id: int, quantity: int) -> CartLine:
        """Change a line's quantity (KeyError if there is no such line; use `remove` for zero)."""
        validate_quantity(quantity)
        with immediate_transaction(self._conn):
            cursor = self._conn.execute(
                "UPDATE cart_lines SET quantity = ? WHERE cart_id = ? AND offer_id = ? AND packaging_id = ?",
                (quantity, self.cart_id, offer_id, packaging_id),
            )
            if cursor.rowcount == 0:
                raise KeyError((offer_id, packaging_id))
        return CartLine(offer_id, packaging_id, quantity)

    def remove(self, offer_id: int, packaging_id: int) -> bool:
        """Remove a line; False if it was not there."""
        cursor = self._conn.execute(
            "DELETE FROM cart_lines WHERE cart_id = ? AND offer_id = ? AND packaging_id = ?",
            (self.cart_id, offer_id, packaging_id),
        )
        return cursor.rowcount > 0

    def clear(self) -> None:
        self._conn.execute("DELETE FROM cart_lines WHERE cart_id = ?", (self.cart_id,))

    # -- pending checkout: the idempotency key and body of a checkout not known to have succeeded --

    def set_pending_checkout(self, idempotency_key: str, body: Mapping[str, Any]) -> None:
        """Record the key and exact body before sending `POST /checkout`, so a retry (even after a
        restart) sends the same key with the same body and can never create a second order."""
        if not idempotency_key:
            raise ValueError("an idempotency key is required")
        self._conn.execute(
            "INSERT INTO pending_checkout (cart_id, idempotency_key, body, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(cart_id) DO UPDATE SET idempotency_key = excluded.idempotency_key, "
            "body = excluded.body, created_at = excluded.created_at",
            (self.cart_id, idempotency_key, json.dumps(body, sort_keys=True, default=str), _now_text()),
        )

    def pending_checkout(self) -> PendingCheckout | None:
        row = self._conn.execute(
            "SELECT idempotency_key, body, created_at FROM pending_checkout WHERE cart_id = ?",
            (self.cart_id,),
        ).fetchone()
        if row is None:
            return None
        return PendingCheckout(row[0], json.loads(row[1]), datetime.fromisoformat(row[2]))

    def clear_pending_checkout(self) -> None:
        self._conn.execute("DELETE FROM pending_checkout WHERE cart_id = ?", (self.cart_id,))

    def complete_checkout(self) -> None:
        """The order exists: empty the cart and forget the pending checkout, together."""
        with immediate_transaction(self._conn):
            self._conn.execute("DELETE FROM cart_lines WHERE cart_id = ?", (self.cart_id,))
            self._conn.execute("DELETE FROM pending_checkout WHERE cart_id = ?", (self.cart_id,))

    # -- internals (called inside a transaction) --

    def _quantity(self, offer_id: int, packaging_id: int) -> int:
        row = self._conn.execute(
            "SELECT quantity FROM cart_lines WHERE cart_id = ? AND offer_id = ? AND packaging_id = ?",
            (self.cart_id, offer_id, packaging_id),
        ).fetchone()
        return 0 if row is None else row[0]

    def _write_line(self, offer_id: int, packaging_id: int, quantity: int) -> None:
        self._conn.execute(
            "INSERT INTO cart_lines (cart_id, offer_id, packaging_id, quantity, position) "
            "VALUES (?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM cart_lines WHERE cart_id = ?)) "
            "ON CONFLICT(cart_id, offer_id, packaging_id) DO UPDATE SET quantity = excluded.quantity",
            (self.cart_id, offer_id, packaging_id, quantity, self.cart_id),
        )


def _now_text() -> str:
    return datetime.now(UTC).isoformat()


# -- local quote check ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuoteIssue:
    """A line or group issue, as in the quote response. Fields not relevant to the code are None."""

    code: str  # offer_not_found | out_of_stock | insufficient_stock | below_moq | unknown_packaging
    # | below_min_order_value
    offer_id: int | None = None
    packaging_id: int | None = None
    available_units: int | None = None  # insufficient_stock
    moq_units: int | None = None  # below_moq
    minimum: Money | None = None  # below_min_order_value
    shortfall: Money | None = None  # below_min_order_value
    message: str = ""  # a sentence for the user (the server's, or the local check's English one)


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

    Stock and MOQ are per offer: the units of every line of the same offer (in any packaging) count
    together, and a problem is reported on each of those lines. Prices: `money.offer_unit_price` at
    `now`, converted to `currency` (EUR if that currency has no rate); line = unit price × units.
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
    unit_price = money.convert_money(money.offer_unit_price(offer, now), currency, rates)
    line_total = Money(unit_price.amount * units, currency)
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
    )


# -- CSV quick order ------------------------------------------------------------------------------------

_HEADER_NAMES = {
    "sku": "sku", "article": "sku", "reference": "sku", "ref": "sku", "item": "sku", "product": "sku",
    "quantity": "quantity", "qty": "quantity", "quantité": "quantity", "quantite": "quantity",
    "amount": "quantity", "packaging": "packaging", "pack": "packaging", "package": "packaging",
    "conditionnement": "packaging", "packaging_id": "packaging",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class QuickOrderRow:
    line_number: int  # 1-based line in the text, for messages
    sku: str
    quantity: int  # packagings
    packaging: str | None  # a packaging id or label as typed; None = the offer's default packaging


@dataclass(frozen=True, slots=True)
class RejectedRow:
    line_number: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class QuickOrderParse:
    accepted: list[QuickOrderRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)


def _dialect(text: str) -> type[csv.Dialect]:
    """Excel's dialect with the sniffed delimiter. Only the delimiter: from rows without quotes,
    csv.Sniffer guesses that quotes are not doubled, and then misreads a later quoted cell that has
    doubled quotes in it (a packaging label with a quote, as the cart's CSV export writes it)."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        # One column, or too little to tell: take the separator that occurs most.
        counts = {d: sample.count(d) for d in ";,\t"}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","

    class _Dialect(csv.excel):
        pass

    _Dialect.delimiter = delimiter
    return _Dialect


def parse_quick_order(text: str) -> QuickOrderParse:
    """Parse pasted or imported `sku,quantity[,packaging]` rows.

    The delimiter (`,` `;` or tab) is sniffed by `csv.Sniffer`; quoting is Excel's. A first row naming the
    columns (sku / quantity / packaging, in any order, English or French) is used as a header; blank
    lines are skipped. Every other row is accepted or rejected with a reason; nothing is resolved
    against the catalog here (see `resolve_quick_order`).
    """
    text = text.lstrip("\ufeff")
    result = QuickOrderParse()
    if not text.strip():
        return result
    source_lines = text.splitlines()
    reader = csv.reader(io.StringIO(text), _dialect(text))
    columns = {"sku": 0, "quantity": 1, "packaging": 2}
    first = True
    for cells in reader:
        line_number = reader.line_num
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        raw = source_lines[line_number - 1] if 0 < line_number <= len(source_lines) else ",".join(cells)
        if first:
            first = False
            header = {_HEADER_NAMES.get(cell.casefold()) for cell in cells}
            if "sku" in header and "quantity" in header:
                columns = {}
                for index, cell in enumerate(cells):
                    name = _HEADER_NAMES.get(cell.casefold())
                    if name is not None and name not in columns:
                        columns[name] = index
                continue

        sku = strip_formula_guard(_cell(cells, columns, "sku"))
        quantity_text = _cell(cells, columns, "quantity").replace("\u00a0", "").replace(" ", "")
        packaging = strip_formula_guard(_cell(cells, columns, "packaging")) or None
        if not sku:
            result.rejected.append(RejectedRow(line_number, raw, "The SKU is missing."))
            continue
        if not quantity_text:
            result.rejected.append(RejectedRow(line_number, raw, "The quantity is missing."))
            continue
        if not quantity_text.isdecimal():
            result.rejected.append(
                RejectedRow(line_number, raw, f"The quantity {quantity_text!r} is not a whole number.")
            )
            continue
        try:
            quantity = validate_quantity(int(quantity_text))
        except ValueError as exc:
            result.rejected.append(RejectedRow(line_number, raw, str(exc)))
            continue
        result.accepted.append(QuickOrderRow(line_number, sku, quantity, packaging))
    return result


def _cell(cells: list[str], columns: Mapping[str, int], name: str) -> str:
    index = columns.get(name)
    return cells[index] if index is not None and index < len(cells) else ""


def resolve_quick_order(
    rows: Iterable[QuickOrderRow], offers_by_sku: Mapping[str, Sequence[Mapping[str, Any]]]
) -> tuple[list[CartLine], list[RejectedRow]]:
    """Turn parsed rows into cart lines, given the offers with each SKU (e.g. from the catalog cache).

    The packaging may be a packaging id or label (case-insensitive); when absent, the offer's
    smallest packaging. A SKU sold by several sellers is ambiguous and rejected.
    """
    lines: list[CartLine] = []
    rejected: list[RejectedRow] = []
    for row in rows:
        text = ",".join(filter(None, (row.sku, str(row.quantity), row.packaging)))
        candidates = offers_by_sku.get(row.sku) or ()
        if not candidates:
            rejected.append(RejectedRow(row.line_number, text, f"No offer has the SKU {row.sku!r}."))
            continue
        if len(candidates) > 1:
            rejected.append(
                RejectedRow(
                    row.line_number,
                    text,
                    f"Several sellers offer the SKU {row.sku!r}; add it from the catalog.",
                )
            )
            continue
        offer = candidates[0]
        packagings = list(offer.get("packagings") or ())
        if not packagings:
            rejected.append(RejectedRow(row.line_number, text, f"The offer {row.sku!r} has no packaging."))
            continue
        if row.packaging is None:
            chosen = min(packagings, key=lambda p: int(p["units"]))
        else:
            wanted = row.packaging.casefold()
            chosen = next(
                (
                    p
                    for p in packagings
                    if str(p["id"]) == row.packaging or str(p.get("label", "")).casefold() == wanted
                ),
                None,
            )
            if chosen is None:
                labels = ", ".join(str(p.get("label")) for p in packagings)
                rejected.append(
                    RejectedRow(
                        row.line_number,
                        text,
                        f"Unknown packaging {row.packaging!r}; choose one of: {labels}.",
                    )
                )
                continue
        lines.append(CartLine(int(offer["id"]), int(chosen["id"]), row.quantity))
    return lines, rejected


def cart_to_csv(lines: Iterable[CartLine], offers_by_id: Mapping[int, Mapping[str, Any]]) -> str:
    """The cart as `sku,quantity,packaging` CSV (packaging by label), readable by `parse_quick_order`.

    Lines whose offer is unknown are left out (they have no SKU to write). Cells that a spreadsheet
    would run as a formula are prefixed with an apostrophe.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["sku", "quantity", "packaging"])
    for line in lines:
        offer = offers_by_id.get(line.offer_id)
        if offer is None:
            continue
        packaging = _packaging(offer, line.packaging_id)
        label = str(packaging.get("label") or packaging["id"]) if packaging else str(line.packaging_id)
        writer.writerow([formula_guard(str(offer["sku"])), line.quantity, formula_guard(label)])
    return out.getvalue()


__all__ = [
    "MAX_QUANTITY",
    "Cart",
    "CartLine",
    "CartStore",
    "PendingCheckout",
    "QuickOrderParse",
    "QuickOrderRow",
    "Quote",
    "QuoteGroup",
    "QuoteIssue",
    "QuoteLine",
    "RejectedRow",
    "ShippingMethod",
    "cart_to_csv",
    "local_check",
    "normalize_server_url",
    "parse_quick_order",
    "resolve_quick_order",
    "validate_quantity",
]
