"""The catalog cache's file: its schema, the SQL built from its column lists, and its FileSpec."""

from __future__ import annotations

from desktop.models.infrastructure.sqlite_file import FileSpec

SCHEMA_VERSION = 2  # 2: indexes for the tabs' and categories' newest-first lists
#: PRAGMA application_id of our files ("BDcc"), to tell them from any other SQLite file.
APPLICATION_ID = 0x42446363
#: promo_until for a promotion without an end date: far in the future.
_NO_END = 253402300799.0  # 9999-12-31T23:59:59Z

#: pages at least this big are followed by a WAL checkpoint
_BIG_PAGE = 5000

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE offers (
    id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL COLLATE NOCASE,
    title TEXT NOT NULL,
    category_id INTEGER,
    seller_id INTEGER,
    seller_name TEXT NOT NULL DEFAULT '',
    seller_country TEXT,
    warehouse_id INTEGER,
    warehouse_country TEXT,
    warehouse_city TEXT,
    price_amount TEXT NOT NULL,          -- list price per unit, decimal string, in price_currency
    price_currency TEXT NOT NULL,
    list_cents INTEGER,                  -- list price per unit in EUR cents (NULL: no rate known yet)
    promo_cents INTEGER,                 -- discounted price per unit in EUR cents while promo_until > now
    promo_amount TEXT,                   -- discounted price per unit in price_currency
    promo_discount TEXT,                 -- percent, decimal string
    promo_ends_at TEXT,
    promo_until REAL,                    -- unix time the promotion ends; NULL = no promotion
    moq_units INTEGER NOT NULL DEFAULT 1,
    stock_units INTEGER NOT NULL DEFAULT 0,
    weekly INTEGER NOT NULL DEFAULT 0,
    surplus INTEGER NOT NULL DEFAULT 0,
    promotion INTEGER NOT NULL DEFAULT 0,
    thumbnail_url TEXT,
    updated_at TEXT,
    updated_ts REAL,
    version INTEGER NOT NULL DEFAULT 0
);
-- Kept out of `offers` so that filtering and sorting scan a compact table.
CREATE TABLE offer_json (
    id INTEGER PRIMARY KEY,
    description TEXT NOT NULL,           -- as indexed in offers_fts (needed to remove it from the index)
    raw TEXT NOT NULL                    -- the offer JSON as received
);
CREATE INDEX offers_category ON offers(category_id);
CREATE INDEX offers_seller ON offers(seller_id);
CREATE INDEX offers_country ON offers(warehouse_country);
CREATE INDEX offers_sku ON offers(sku);
CREATE INDEX offers_updated ON offers(updated_ts);
-- the tabs, each in the default order (newest first): a tab's first screen is read without a sort
CREATE INDEX offers_weekly ON offers(updated_ts) WHERE weekly = 1;
CREATE INDEX offers_surplus ON offers(updated_ts) WHERE surplus = 1;
CREATE INDEX offers_promotion ON offers(updated_ts, promo_until) WHERE promotion = 1;

CREATE VIRTUAL TABLE offers_fts USING fts5(
    title, description, sku, seller_name,
    content='',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);

CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    parent_id INTEGER,
    offer_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX categories_parent ON categories(parent_id);

CREATE TABLE sellers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT,
    rating TEXT,
    review_count INTEGER,
    raw TEXT
);

CREATE TABLE currencies (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    rate_per_eur TEXT NOT NULL,
    updated_at TEXT
) WITHOUT ROWID;

CREATE TABLE images (
    url TEXT PRIMARY KEY,
    file_name TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    stored_at REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX images_stored ON images(stored_at);

PRAGMA user_version = {SCHEMA_VERSION};
PRAGMA application_id = {APPLICATION_ID};
"""

#: a sync commits an index segment per page: merge them 16 at a time (FTS5's default is 4): a 100,000-offer
#: sync spends 1.5 s less merging (8.7 s → 7.2 s of cache writes); the merge at its end (optimize) is as quick
_FTS_CONFIG = "INSERT INTO offers_fts (offers_fts, rank) VALUES ('automerge', 16);"

_OFFER_COLUMNS = (
    "id", "sku", "title", "category_id", "seller_id", "seller_name", "seller_country",
    "warehouse_id", "warehouse_country", "warehouse_city", "price_amount", "price_currency", "list_cents",
    "promo_cents", "promo_discount", "promo_ends_at", "promo_until", "moq_units", "stock_units", "weekly",
    "surplus", "promotion", "thumbnail_url", "updated_at", "updated_ts", "version", "promo_amount",
)  # fmt: skip
_LIST_CENTS = _OFFER_COLUMNS.index("list_cents")
_PROMO_CENTS = _OFFER_COLUMNS.index("promo_cents")
# SQL assembled from the constant column names above (no outside input), with str.join.
_UPSERT_OFFER = " ".join([
    "INSERT INTO offers (", ", ".join(_OFFER_COLUMNS), ")",
    "VALUES (", ", ".join("?" * len(_OFFER_COLUMNS)), ")",
    "ON CONFLICT(id) DO UPDATE SET", ", ".join(f"{c} = excluded.{c}" for c in _OFFER_COLUMNS if c != "id"),
])  # fmt: skip
_FTS_DELETE = (
    "INSERT INTO offers_fts (offers_fts, rowid, title, description, sku, seller_name) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_FTS_INSERT = "INSERT INTO offers_fts (rowid, title, description, sku, seller_name) VALUES (?, ?, ?, ?, ?)"
_UPSERT_SELLER_FROM_OFFER = (
    "INSERT INTO sellers (id, name, country, rating) VALUES (?, ?, ?, ?) "
    "ON CONFLICT(id) DO UPDATE SET name = excluded.name, country = excluded.country, "
    "rating = COALESCE(excluded.rating, sellers.rating)"
)
_ROW_COLUMNS = (
    "id, sku, title, category_id, seller_id, seller_name, seller_country, warehouse_id, warehouse_country, "
    "warehouse_city, price_amount, price_currency, list_cents, promo_discount, promo_ends_at, moq_units, "
    "stock_units, weekly, surplus, promotion, thumbnail_url, updated_at, version, promo_amount"
)
_SELECT_ROWS = " ".join(["SELECT", _ROW_COLUMNS, "FROM offers WHERE id IN (SELECT value FROM json_each(?))"])
#: The unit price in EUR cents at :now (the discounted one while a promotion runs).
_PRICE_NOW = "(CASE WHEN o.promo_until > :now THEN o.promo_cents ELSE o.list_cents END)"


class CacheError(Exception):
    """The cache file cannot be used and cannot be rebuilt (e.g. the folder is not writable)."""


FILE_SPEC = FileSpec(
    label="catalog cache",
    version=SCHEMA_VERSION,
    application_id=APPLICATION_ID,
    schema=_SCHEMA + _FTS_CONFIG,
    # a row of every table, and of the text index: its structure record, one term looked up, one row of
    # its data ('a*' here read every term starting with "a": 10-20 ms of every start at 100,000 offers)
    probes=(
        "SELECT key, value FROM meta",
        "SELECT id, sku FROM offers ORDER BY id LIMIT 1",
        "SELECT id, raw FROM offer_json ORDER BY id LIMIT 1",
        "SELECT rowid FROM offers_fts WHERE offers_fts MATCH 'qz*' LIMIT 1",
        "SELECT id, block FROM offers_fts_data ORDER BY id LIMIT 1",
    ),
    keep_corrupt_copy=True,
    synchronous="NORMAL",  # a cache: a power cut may lose the last sync
    pragmas={
        "temp_store": "MEMORY",
        "cache_size": -32000,  # 32 MB per connection
        "journal_size_limit": 67108864,  # a full sync must not leave a huge WAL
        # checkpoint every 32 MB of WAL, not 4 MB: a sync rewrites the same index pages page after page
        "wal_autocheckpoint": 8000,
    },
    error=CacheError,
)
