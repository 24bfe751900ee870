"""The orders cache's file: its schema, the upsert built from its columns, and its FileSpec."""

from __future__ import annotations

from desktop.models.infrastructure.sqlite_file import FileSpec

from .records import CacheError

SCHEMA_VERSION = 2  # 2: the search text in a side table; covering indexes for the sorts
APPLICATION_ID = 0x42446F63  # "BDoc"

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    group_ref TEXT NOT NULL,
    created_us INTEGER NOT NULL,        -- created_at, microseconds since 1970 UTC
    updated_us INTEGER,
    currency TEXT NOT NULL,
    total TEXT NOT NULL,                -- decimal string in `currency`
    total_eur_cents INTEGER,            -- the sort key of -total/total
    seller_name TEXT NOT NULL,
    payment_status TEXT NOT NULL,
    payment_method TEXT,
    shipping_status TEXT NOT NULL,
    tracking_number TEXT,
    tracking_carrier TEXT,
    item_count INTEGER NOT NULL,        -- lines
    unit_count INTEGER NOT NULL,
    first_title TEXT NOT NULL,
    guest INTEGER NOT NULL DEFAULT 0,   -- from a guest's order group
    seq INTEGER NOT NULL DEFAULT 0      -- tie-break of equal sort keys: follows the server's insertion order
);
-- each sort with its tie-break and the status filters: a filter change reads one index, in order
CREATE INDEX orders_created ON orders(created_us, seq, payment_status, shipping_status);
CREATE INDEX orders_total ON orders(total_eur_cents, seq, payment_status, shipping_status);
CREATE TABLE order_json (id INTEGER PRIMARY KEY, raw TEXT NOT NULL);
-- lower-cased refs, seller name, SKUs, titles (the q filter): scanned on its own, a narrow table
CREATE TABLE order_search (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE guest_groups (ref TEXT PRIMARY KEY, added_at TEXT NOT NULL) WITHOUT ROWID;
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
"""

_COLUMNS = (
    "ref, group_ref, created_us, updated_us, currency, total, total_eur_cents, seller_name, "
    "payment_status, payment_method, shipping_status, tracking_number, tracking_carrier, item_count, "
    "unit_count, first_title, guest"
)
# built from the constant column list above (no user input)
_UPSERT = (
    f"INSERT INTO orders ({_COLUMNS}, seq) VALUES ({', '.join('?' * 18)}) "  # noqa: S608
    "ON CONFLICT(ref) DO UPDATE SET "
    + ", ".join(f"{c.strip()} = excluded.{c.strip()}" for c in _COLUMNS.split(",") if c.strip() != "ref")
)
#: sequence numbers of one sync walk: walk n numbers its orders n × _WALK − position
_WALK = 10**9

_FILE_SPEC = FileSpec(
    label="orders cache",
    version=SCHEMA_VERSION,
    application_id=APPLICATION_ID,
    schema=_SCHEMA,
    probes=("SELECT id, ref FROM orders LIMIT 1",),
    synchronous="NORMAL",  # a cache: a power cut may lose the last sync, which the next one brings back
    # 16 MB of page cache: 20,000 orders' rows and indexes stay in memory
    pragmas={"temp_store": "MEMORY", "cache_size": -16000},
    error=CacheError,
)
