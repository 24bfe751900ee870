"""The durable cart, the local quote check, the pending checkout record and CSV quick order.

The cart lives on the client (the server reserves nothing). It is a SQLite file in the user data folder,
WAL with synchronous=FULL, and every change is committed before the method returns: killing the app at
any moment loses no line. There is one cart per (server URL, account) and one guest cart per server.

A line is `{offer_id, packaging_id, quantity}`; the quantity counts packagings.

`local_check` applies the contract's quote rules to cached offers so the cart can show problems and
totals while offline; it returns the same shape as `POST /cart/quote` (as dataclasses), so the cart view
renders either. Offline there are no shipping methods, and the server's answer always wins.

The package, by concern: `lines` (a line and its checks), `store` (the carts file), `quote` (the local
quote check), `quick_order` (CSV in and out).
"""

from __future__ import annotations

from .lines import MAX_QUANTITY, CartLine, PendingCheckout, normalize_server_url, validate_quantity
from .quick_order import (
    QuickOrderParse,
    QuickOrderRow,
    RejectedRow,
    cart_to_csv,
    parse_quick_order,
    resolve_quick_order,
)
from .quote import NextTier, Quote, QuoteGroup, QuoteIssue, QuoteLine, ShippingMethod, local_check
from .store import SCHEMA_VERSION, Cart, CartStore

__all__ = [
    "MAX_QUANTITY",
    "SCHEMA_VERSION",
    "Cart",
    "CartLine",
    "CartStore",
    "NextTier",
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
