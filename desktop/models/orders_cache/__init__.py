"""The orders cache: the buyer's orders in a SQLite file, kept in step with ``GET /orders?updated_since=``.

    cache = OrdersCache.for_account(paths.data, server_url, "buyer@demo.test")
    result = cache.sync(client)                # full when empty, else a delta; result.changes for notices
    ids = cache.search(OrderQuery(payment_status=("paid",), created_from=date(2026, 1, 1), sort="-total"))
    rows = cache.rows(ids[:50])                # OrderRow per id, for a table's row cache
    order = cache.order(ref)                   # the order JSON as the server sent it

One row per order with a column per filter and sort key, and the JSON in a side table (filter scans stay
on a compact table). Filters are the server's, to the letter (marketplace/services/order_views.py):
payment and shipping status lists (OR inside a list, AND between filters), ``created_from``/``created_to``
as UTC dates, both inclusive, ``q`` a lower-cased substring of the refs, seller name, SKUs and titles,
and the four sorts (``-total``/``total`` compare EUR totals; equal keys in the server's id order, which
the sync records from the order of its walk).

Sync walks every page of ``GET /orders?updated_since=<last>`` where ``<last>`` is the largest
``updated_at`` seen (capped by the server's clock when the walk started) minus :data:`OVERLAP`: an
update committed late with an older time is still caught, and seeing an order twice is harmless (an
upsert). With an empty cache the walk has no ``updated_since`` (a full sync). The statuses and tracking
number an order had before are compared with the new ones: those changes are the sync's ``changes``,
which the app turns into notifications.

A guest's order group (``GET /order-groups/{ref}`` with its guest token) is stored with
:meth:`store_group`; its ref is remembered here (never the token: that lives in the keyring).

Threads: each thread gets its own connection (WAL: the GUI reads while a worker syncs; see `sqlite_file`).
It is a cache: a file that is corrupt or of another schema version is deleted and rebuilt empty.

The package, by concern: `records` (the query, rows and results), `schema` (the tables and the file's
settings), `rows` (order JSON → table values), `store` (the cache: sync, writes, reads).
"""

from __future__ import annotations

from .records import (
    OVERLAP,
    PAGE_SIZE,
    PAYMENT_STATUSES,
    SHIPPING_STATUSES,
    SORTS,
    CacheError,
    OrderQuery,
    OrderRow,
    Sort,
    StatusChange,
    SyncResult,
)
from .schema import APPLICATION_ID, SCHEMA_VERSION
from .store import OrdersCache

__all__ = [
    "APPLICATION_ID",
    "OVERLAP",
    "PAGE_SIZE",
    "PAYMENT_STATUSES",
    "SCHEMA_VERSION",
    "SHIPPING_STATUSES",
    "SORTS",
    "CacheError",
    "OrderQuery",
    "OrderRow",
    "OrdersCache",
    "Sort",
    "StatusChange",
    "SyncResult",
]

