"""The offline catalog cache: a SQLite file the delta feed (`GET /offers/changes`) keeps in step.

What it holds: offers (a column per filter and sort key; the offer's JSON in a side table so that
filter scans stay on a compact table), categories, sellers, currencies, the sync token, and downloaded
thumbnails (files in a folder next to the database, indexed by a table). Text search is a contentless
FTS5 index over title, description, SKU and seller name, updated by `apply_changes` in the same
transaction as the offers, and only for offers whose text changed (a stock change does not touch it).
(Direct executemany into FTS5 measured about three times faster than the same work done by triggers.)

It is a cache: nothing in it is precious. A file that is corrupt, unreadable, or of another schema
version is moved aside (corrupt) or deleted (other schema) and rebuilt empty; `was_rebuilt` and
`rebuild_reason` tell the UI, which can say so and sync everything again.

Threads: every thread gets its own SQLite connection (created on first use, kept in a thread-local).
The GUI thread may call the quick readers (`search`, `rows`, `offer`, ...); writes (`apply_changes`,
`replace_*`, `store_image`, `clear`) belong in a worker thread. WAL lets readers go on while a worker
writes. Connections are opened with `check_same_thread=False` only so that `close()` can close every
thread's connection: each connection has its own lock, held while it is used and while it is closed,
and no connection is ever used by a thread other than its owner.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from desktop.models import money

from .sqlite_tx import immediate_transaction

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2  # 2: indexes for the tabs' and categories' newest-first lists
#: PRAGMA application_id of our files ("BDcc"), to tell them from any other SQLite file.
APPLICATION_ID = 0x42446363
#: promo_until for a promotion without an end date: far in the future.
_NO_END = 253402300799.0  # 9999-12-31T23:59:59Z

Collection = Literal["weekly", "surplus", "promotion"]
Sort = Literal["relevance", "price", "-price", "newest"]
COLLECTIONS: tuple[str, ...] = ("weekly", "surplus", "promotion")
SORTS: tuple[str, ...] = ("relevance", "price", "-price", "newest")
#: bm25 weights of the FTS columns: title, description, sku, seller_name.
_BM25_WEIGHTS = "10.0, 1.0, 6.0, 3.0"
_MAX_QUERY_TOKENS = 16
#: a word shorter than this is not searched for (a lone letter would match most of the catalog)
MIN_WORD_CHARS = 2
#: a search of one word shorter than this is not ranked by bm25: see CatalogCache.search
RANKED_WORD_CHARS = 3
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


class RebuildReason(StrEnum):
    CORRUPT = "corrupt"  # not a database, malformed, failed the integrity check: tell the user
    SCHEMA_CHANGED = "schema_changed"  # written by another version of the app: routine, a full sync follows


class CacheError(Exception):
    """The cache file cannot be used and cannot be rebuilt (e.g. the folder is not writable)."""


@dataclass(frozen=True, slots=True)
class OfferQuery:
    """What the catalog table shows. Every field narrows the result; None means "any"."""

    text: str = ""
    category_id: int | None = None  # includes its sub-categories
    collection: Collection | None = None  # "promotion": only running promotions
    country: str | None = None  # the warehouse's country (where the goods ship from), ISO 3166 alpha-2
    seller_id: int | None = None
    min_price: Decimal | None = None  # per unit, EUR, the price the buyer pays now
    max_price: Decimal | None = None
    in_stock: bool = False
    sort: Sort = "relevance"  # relevance without text = newest first

    def __post_init__(self) -> None:
        if self.collection is not None and self.collection not in COLLECTIONS:
            raise ValueError(f"unknown collection {self.collection!r}; expected one of {COLLECTIONS}")
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}; expected one of {SORTS}")


@dataclass(frozen=True, slots=True)
class OfferRow:
    """What a catalog table row shows: read in batches by `CatalogCache.rows`."""

    id: int
    sku: str
    title: str
    category_id: int | None
    seller_id: int | None
    seller_name: str
    seller_country: str | None
    warehouse_id: int | None
    warehouse_country: str | None
    warehouse_city: str | None
    currency: str  # the currency of list_price (EUR for the demo's offers)
    list_price: Decimal  # per unit, before any promotion
    list_price_eur: Decimal | None  # None while the offer's currency has no known rate
    promo_discount: Decimal | None  # percent
    promo_price: Decimal | None  # per unit while the promotion runs, in `currency`
    promo_ends_at: datetime | None
    moq_units: int
    stock_units: int
    collections: tuple[str, ...]
    thumbnail_url: str | None
    updated_at: datetime | None
    version: int

    @property
    def promotion(self) -> dict[str, Any] | None:
        if self.promo_discount is None:
            return None
        ends = self.promo_ends_at.isoformat() if self.promo_ends_at else None
        return {"discount_percent": self.promo_discount, "ends_at": ends}

    def promotion_active(self, now: datetime) -> bool:
        return money.promotion_active(self.promotion, now)

    def unit_price(self, now: datetime) -> money.Money:
        """The price per unit the buyer pays at `now`, in the offer's currency."""
        if self.promo_price is not None and self.promotion_active(now):
            return money.Money(self.promo_price, self.currency)
        return money.Money(money.quantize(self.list_price), self.currency)

    @property
    def in_stock(self) -> bool:
        return self.stock_units > 0


@dataclass(frozen=True, slots=True)
class Category:
    id: int
    name: str
    parent_id: int | None
    offer_count: int


@dataclass(frozen=True, slots=True)
class Currency:
    code: str
    name: str
    rate_per_eur: Decimal
    updated_at: datetime | None


@dataclass(frozen=True, slots=True)
class Seller:
    id: int
    name: str
    country: str | None
    rating: Decimal | None
    review_count: int | None


class _Connection:
    __slots__ = ("conn", "lock", "thread")

    def __init__(self, conn: sqlite3.Connection, thread: threading.Thread) -> None:
        self.conn: sqlite3.Connection | None = conn
        self.lock = threading.Lock()
        self.thread = weakref.ref(thread)


def fts_match_expression(text: str) -> str | None:
    """Search-as-you-type: every word must match, each as a prefix (so a half-typed word matches too).

    Each word becomes a quoted FTS5 string followed by `*` (a prefix query), so operators, quotes,
    parentheses, column filters or NEAR typed by the user are searched for as text, never interpreted.
    Words shorter than MIN_WORD_CHARS are left out (a lone letter would match most of the catalog and
    rank all of it: the first letter typed shows what the empty box shows, the second one narrows).
    Returns None when the text has no word to search for (no text filter).
    """
    return _match_of(search_words(text))


def _match_of(words: list[str]) -> str | None:
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def search_words(text: str) -> list[str]:
    """The words of a search box's text that are searched for (see :func:`fts_match_expression`)."""
    return [w for w in re.findall(r"\w+", text) if len(w) >= MIN_WORD_CHARS][:_MAX_QUERY_TOKENS]


class CatalogCache:
    """The offline catalog. `CatalogCache(path)` opens (or creates, or rebuilds) the file at `path`."""

    def __init__(self, path: str | os.PathLike[str], *, images_dir: str | os.PathLike[str] | None = None):
        self.path = Path(path)
        self.images_dir = Path(images_dir) if images_dir is not None else self.path.parent / "images"
        self.was_rebuilt = False
        self.rebuild_reason: RebuildReason | None = None
        self.rebuild_detail: str | None = None
        #: where a corrupt file was moved to (kept for a bug report; replaced by the next one)
        self.corrupt_copy: Path | None = None
        #: connection of each thread, by thread id (not a threading.local: a Qt pool thread gets a new
        #: Python thread state, hence a new threading.local, for every task it runs)
        self._by_thread: dict[int, _Connection] = {}
        self._connections: list[_Connection] = []
        self._registry_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._closed = False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._open_or_rebuild()

    # -- opening, checking, rebuilding -------------------------------------------------------------

    def _new_connection(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # a cache: a power cut may lose the last sync
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("PRAGMA cache_size = -32000")  # 32 MB per connection
            conn.execute("PRAGMA journal_size_limit = 67108864")  # a full sync must not leave a huge WAL
            # checkpoint every 32 MB of WAL, not 4 MB: a sync rewrites the same index pages page after page
            conn.execute("PRAGMA wal_autocheckpoint = 8000")
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_or_rebuild(self) -> None:
        problem = self._check_existing_file()
        if problem is not None:
            reason, detail = problem
            log.warning("catalog cache %s rebuilt (%s): %s", self.path, reason, detail)
            self.was_rebuilt, self.rebuild_reason, self.rebuild_detail = True, reason, detail
            self._discard_file(keep_copy=reason is RebuildReason.CORRUPT)
        try:
            conn = self._new_connection()
            try:
                if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                    conn.executescript("BEGIN IMMEDIATE;" + _SCHEMA + _FTS_CONFIG + "COMMIT;")
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise CacheError(f"cannot create the catalog cache at {self.path}: {exc}") from exc

    def _check_existing_file(self) -> tuple[RebuildReason, str] | None:
        """None if the file is absent, empty or ours and healthy; else why it must be rebuilt."""
        if not self.path.exists() or (self.path.stat().st_size == 0 and not _wal_path(self.path).exists()):
            return None
        conn: sqlite3.Connection | None = None
        try:
            conn = self._new_connection()
            # The full check reads the whole file (~0.2 s at 100,000 offers): at start-up only when the
            # last background check (`verify_integrity`) found a problem; otherwise the header, the
            # schema and a row of every table, below, catch a file that is not ours or badly damaged.
            if _suspect_path(self.path).exists():
                check = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
                if check != ["ok"]:
                    return RebuildReason.CORRUPT, "integrity check failed: " + "; ".join(map(str, check))
                _suspect_path(self.path).unlink(missing_ok=True)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if version == 0 and app_id == 0:
                tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
                if tables == 0:
                    return None  # an empty database: create the schema in it
                return RebuildReason.CORRUPT, "not a Bulkdesk catalog cache"
            if app_id != APPLICATION_ID:
                return RebuildReason.CORRUPT, "not a Bulkdesk catalog cache"
            if version != SCHEMA_VERSION:
                return RebuildReason.SCHEMA_CHANGED, f"schema version {version}, expected {SCHEMA_VERSION}"
            conn.execute("SELECT key, value FROM meta").fetchall()
            conn.execute("SELECT id, sku FROM offers ORDER BY id LIMIT 1").fetchall()
            conn.execute("SELECT id, raw FROM offer_json ORDER BY id LIMIT 1").fetchall()
            # the text index: its structure record, one term looked up, one row of its data ('a*' here
            # read every term starting with "a": 10-20 ms of every start at 100,000 offers)
            conn.execute("SELECT rowid FROM offers_fts WHERE offers_fts MATCH 'qz*' LIMIT 1").fetchall()
            conn.execute("SELECT id, block FROM offers_fts_data ORDER BY id LIMIT 1").fetchall()
            return None
        except sqlite3.DatabaseError as exc:
            if _is_transient(exc):
                raise CacheError(f"the catalog cache {self.path} is in use: {exc}") from exc
            return RebuildReason.CORRUPT, f"{type(exc).__name__}: {exc}"
        finally:
            if conn is not None:
                conn.close()

    def verify_integrity(self) -> str | None:
        """The full integrity check (PRAGMA quick_check) that opening skips: call it off the GUI thread.

        Returns None when the file is sound; else what is wrong, and the next opening rebuilds the file
        (it is told as a corrupt cache, like a damage found at opening)."""
        try:
            with self._read() as conn:
                check = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        except sqlite3.DatabaseError as exc:
            if _is_transient(exc):
                return None
            check = [f"{type(exc).__name__}: {exc}"]
        if check == ["ok"]:
            return None
        problem = "integrity check failed: " + "; ".join(map(str, check))
        log.warning("catalog cache %s: %s; it is rebuilt at the next start", self.path, problem)
        with contextlib.suppress(OSError):
            _suspect_path(self.path).touch()
        return problem

    def _discard_file(self, *, keep_copy: bool) -> None:
        self.corrupt_copy = None
        if keep_copy:
            aside = self.path.with_name(self.path.name + ".corrupt")
            try:
                os.replace(self.path, aside)
                self.corrupt_copy = aside
            except OSError as exc:
                log.warning("could not move %s aside: %s", self.path, exc)
        for victim in (self.path, _wal_path(self.path), self.path.with_name(self.path.name + "-shm"),
                       _suspect_path(self.path)):
            with contextlib.suppress(FileNotFoundError):
                victim.unlink()
        # The image index lived in the discarded file: the files it listed are orphans now.
        shutil.rmtree(self.images_dir, ignore_errors=True)

    # -- connections --------------------------------------------------------------------------------

    def _connection(self) -> _Connection:
        ident = threading.get_ident()
        entry = self._by_thread.get(ident)
        if entry is not None and entry.conn is not None:
            return entry
        if self._closed:
            raise CacheError("the catalog cache is closed")
        entry = _Connection(self._new_connection(), threading.current_thread())
        with self._registry_lock:
            self._prune_dead_threads()
            self._connections.append(entry)
            self._by_thread[ident] = entry
        return entry

    def _prune_dead_threads(self) -> None:
        alive = []
        for entry in self._connections:
            thread = entry.thread()
            if thread is None or not thread.is_alive() or entry.conn is None:
                with entry.lock:
                    if entry.conn is not None:
                        entry.conn.close()
                        entry.conn = None
            else:
                alive.append(entry)
        self._connections = alive
        self._by_thread = {i: e for i, e in self._by_thread.items() if e.conn is not None}

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        entry = self._connection()
        with entry.lock:
            if entry.conn is None:
                raise CacheError("the catalog cache is closed")
            yield entry.conn

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: everything in the block is committed together, or nothing is."""
        with self._write_lock, self._read() as conn, immediate_transaction(conn):
            yield conn

    def close(self) -> None:
        """Close every thread's connection. The store cannot be used afterwards."""
        self._closed = True
        with self._registry_lock:
            for entry in self._connections:
                with entry.lock:
                    if entry.conn is not None:
                        entry.conn.close()
                        entry.conn = None
            self._connections.clear()
            self._by_thread = {}

    def __enter__(self) -> CatalogCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- sync ---------------------------------------------------------------------------------------

    def apply_changes(
        self,
        items: Sequence[Mapping[str, Any]],
        deleted: Iterable[int],
        next_since: str,
        *,
        synced_at: datetime | None = None,
    ) -> None:
        """Apply one page of `GET /offers/changes` in one transaction: upserts, deletions and the token.

        If anything fails (a malformed offer included), nothing of the page is written and the token
        stays where it was, so the next sync asks for the same page again.
        """
        synced_at = synced_at or datetime.now(UTC)
        deleted_ids = {int(i) for i in deleted}
        # One row per id (the last wins); an id both changed and deleted in a page is deleted.
        latest = {int(item["id"]): item for item in items}
        for offer_id in deleted_ids:
            latest.pop(offer_id, None)
        with self._write() as conn:
            rates = _rates(conn)
            offer_rows = [_offer_row(item, rates) for item in latest.values()]
            json_rows = [
                (offer_id, str(item.get("description") or ""), _dump(item))
                for offer_id, item in latest.items()
            ]
            old_text = {
                row[0]: row[1:]
                for row in conn.execute(
                    "SELECT o.id, o.title, j.description, o.sku, o.seller_name FROM offers o "
                    "JOIN offer_json j ON j.id = o.id WHERE o.id IN (SELECT value FROM json_each(?))",
                    (json.dumps([*latest, *deleted_ids]),),
                )
            }
            fts_delete = [("delete", i, *old_text[i]) for i in deleted_ids if i in old_text]
            fts_insert = []
            for row, (_, description, _) in zip(offer_rows, json_rows, strict=True):
                text = (row[2], description, row[1], row[5])  # title, description, sku, seller_name
                previous = old_text.get(row[0])
                if previous != text:
                    if previous is not None:
                        fts_delete.append(("delete", row[0], *previous))
                    fts_insert.append((row[0], *text))
            conn.executemany(_FTS_DELETE, fts_delete)
            conn.executemany(_UPSERT_OFFER, offer_rows)
            conn.executemany(
                "INSERT INTO offer_json (id, description, raw) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET description = excluded.description, raw = excluded.raw",
                json_rows,
            )
            conn.executemany("DELETE FROM offers WHERE id = ?", [(i,) for i in deleted_ids])
            conn.executemany("DELETE FROM offer_json WHERE id = ?", [(i,) for i in deleted_ids])
            conn.executemany(_FTS_INSERT, fts_insert)
            sellers = {}
            for item in latest.values():
                seller = item.get("seller") or {}
                if seller.get("id") is not None:
                    rating = seller.get("rating")
                    sellers[seller["id"]] = (
                        int(seller["id"]), str(seller.get("name") or ""), seller.get("country"),
                        None if rating is None else str(money.to_decimal(rating)),
                    )  # fmt: skip
            conn.executemany(_UPSERT_SELLER_FROM_OFFER, list(sellers.values()))
            _set_meta(conn, next_since=next_since, last_synced_at=synced_at.astimezone(UTC).isoformat())
        if len(offer_rows) + len(deleted_ids) >= _BIG_PAGE:
            self.checkpoint()

    def optimize_text_index(self) -> None:
        """Merge the text index into one segment (a worker's job: ~0.5 s at 100,000 offers).

        A sync leaves a segment per page, merged only partly as it goes; searches over one segment are
        faster (the broad prefixes typed first, such as "pa", about 40 %)."""
        with self._write() as conn:
            conn.execute("INSERT INTO offers_fts (offers_fts) VALUES ('optimize')")
        self.checkpoint()

    def checkpoint(self) -> None:
        """Fold the WAL into the database and truncate it (after a full sync it holds the whole catalog)."""
        with self._read() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def replace_categories(self, categories: Iterable[Mapping[str, Any]]) -> None:
        """Replace the category tree with `GET /categories` (`{id, name, parent_id, offer_count}`)."""
        rows = [
            (int(c["id"]), str(c["name"]), None if c.get("parent_id") is None else int(c["parent_id"]),
             int(c.get("offer_count") or 0))
            for c in categories
        ]  # fmt: skip
        with self._write() as conn:
            conn.execute("DELETE FROM categories")
            conn.executemany(
                "INSERT INTO categories (id, name, parent_id, offer_count) VALUES (?,?,?,?)", rows
            )

    def replace_currencies(self, currencies: Iterable[Mapping[str, Any]]) -> None:
        """Replace the currencies with `GET /currencies`; re-prices offers not priced in EUR."""
        rows = []
        for c in currencies:
            rate = money.to_decimal(c["rate_per_eur"])
            if rate <= 0:
                raise ValueError(f"rate_per_eur of {c['code']} must be positive, got {rate}")
            rows.append(
                (str(c["code"]).upper(), str(c.get("name") or c["code"]), str(rate), c.get("updated_at"))
            )
        with self._write() as conn:
            conn.execute("DELETE FROM currencies")
            conn.executemany(
                "INSERT INTO currencies (code, name, rate_per_eur, updated_at) VALUES (?,?,?,?)", rows
            )
            rates = _rates(conn)
            foreign = conn.execute(
                "SELECT o.id, j.raw FROM offers o JOIN offer_json j ON j.id = o.id "
                "WHERE o.price_currency != 'EUR'"
            ).fetchall()
            conn.executemany(
                "UPDATE offers SET list_cents = ?, promo_cents = ? WHERE id = ?",
                [
                    (row[_LIST_CENTS], row[_PROMO_CENTS], row[0])
                    for row in (_offer_row(json.loads(raw), rates) for _, raw in foreign)
                ],
            )

    def upsert_sellers(self, sellers: Iterable[Mapping[str, Any]]) -> None:
        """Insert or update seller profiles (`GET /sellers/{id}`: id, name, country, rating, review_count)."""
        rows = []
        for s in sellers:
            rating = s.get("rating")
            review_count = s.get("review_count")
            rows.append((
                int(s["id"]), str(s.get("name") or ""), s.get("country"),
                None if rating is None else str(money.to_decimal(rating)),
                None if review_count is None else int(review_count),
                json.dumps(dict(s), separators=(",", ":"), default=str),
            ))  # fmt: skip
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO sellers (id, name, country, rating, review_count, raw) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET name = excluded.name, country = excluded.country, "
                "rating = excluded.rating, "
                "review_count = COALESCE(excluded.review_count, sellers.review_count), "
                "raw = excluded.raw",
                rows,
            )

    def sync_token(self) -> str | None:
        """The `next_since` of the last applied page; None = never synced (ask for everything)."""
        return self._meta("next_since")

    def last_synced_at(self) -> datetime | None:
        return money.parse_timestamp(self._meta("last_synced_at"))

    def offer_count(self) -> int:
        with self._read() as conn:
            return conn.execute("SELECT count(*) FROM offers").fetchone()[0]

    def _meta(self, key: str) -> str | None:
        with self._read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    # -- reading ------------------------------------------------------------------------------------

    def search(self, query: OfferQuery, *, now: datetime | None = None, limit: int | None = None) -> list[int]:
        """The ids of the offers matching `query`, in the requested order (the first `limit` of them:
        a first screen, quick even when the whole result is big).

        By relevance, the text's matches are ranked by bm25 (column weights: title, description, SKU,
        seller). Except while the text is one word of two letters, the first ones typed: such a prefix
        matches a good part of the catalog (half of it for "de" at 100,000 offers) and ranking all of that
        took 40 ms a keystroke for an order that says little; then offers whose *title* has a word
        starting so come first, then the others, newest listed first in each (FTS5 reads its index
        backwards and stops after a screen: 0.2 ms)."""
        words = search_words(query.text) if query.text else []
        match = _match_of(words)
        if query.sort == "relevance" and len(words) == 1 and len(words[0]) < RANKED_WORD_CHARS:
            first = self._search_sql(query, "{title} : " + match, "listed", now, limit)
            rest_limit = None if limit is None else limit + len(first)
            seen = set(first)
            rest = [i for i in self._search_sql(query, match, "listed", now, rest_limit) if i not in seen]
            ids = first + rest
            return ids if limit is None else ids[: max(0, int(limit))]
        return self._search_sql(query, match, query.sort, now, limit)

    def _search_sql(
        self, query: OfferQuery, match: str | None, order_by: str, now: datetime | None, limit: int | None
    ) -> list[int]:
        """`query`'s filters, `match` (an FTS5 expression) as its text, in the order `order_by` (a sort,
        or "listed": newest listed first, by id)."""
        now_ts = (now or datetime.now(UTC)).timestamp()
        params: dict[str, Any] = {"now": now_ts}
        where: list[str] = []
        ctes: list[str] = []
        source = "offers o"
        if match is not None:
            source = "offers_fts JOIN offers o ON o.id = offers_fts.rowid"
            where.append("offers_fts MATCH :match")
            params["match"] = match
        if query.category_id is not None:
            ctes.append(
                "subtree(id) AS (SELECT :category UNION "
                "SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id)"
            )
            where.append("o.category_id IN (SELECT id FROM subtree)")
            params["category"] = int(query.category_id)
        if query.collection == "promotion":
            where.append("o.promotion = 1 AND o.promo_until > :now")
        elif query.collection is not None:
            where.append(f"o.{query.collection} = 1")  # one of COLLECTIONS, checked by OfferQuery
        if query.country:
            where.append("o.warehouse_country = :country")
            params["country"] = query.country.strip().upper()
        if query.seller_id is not None:
            where.append("o.seller_id = :seller")
            params["seller"] = int(query.seller_id)
        if query.min_price is not None:
            where.append(f"{_PRICE_NOW} >= :min_cents")
            params["min_cents"] = _cents(money.to_decimal(query.min_price))
        if query.max_price is not None:
            where.append(f"{_PRICE_NOW} <= :max_cents")
            params["max_cents"] = _cents(money.to_decimal(query.max_price))
        if query.in_stock:
            where.append("o.stock_units > 0")

        if order_by == "listed" and match is not None:
            order = "offers_fts.rowid DESC"  # the index's own order, read backwards: no sort
        elif order_by == "relevance" and match is not None:
            order = f"bm25(offers_fts, {_BM25_WEIGHTS}), o.id"
        elif order_by == "price":
            order = f"{_PRICE_NOW} IS NULL, {_PRICE_NOW}, o.id"
        elif order_by == "-price":
            order = f"{_PRICE_NOW} IS NULL, {_PRICE_NOW} DESC, o.id"
        else:  # newest, and relevance without text
            order = "o.updated_ts DESC, o.id DESC"
        # Only fixed SQL fragments are joined here; every value is a bound parameter.
        parts = []
        if ctes:
            parts += ["WITH RECURSIVE", ", ".join(ctes)]
        if match is not None and where == ["offers_fts MATCH :match"] and order_by in ("relevance", "listed"):
            # text alone, by relevance: the index answers by itself (every offer is in it, with its id
            # as rowid), without looking up each match in `offers`
            source, order = "offers_fts", order.replace("o.id", "offers_fts.rowid")
            parts += ["SELECT offers_fts.rowid FROM", source]
        else:
            parts += ["SELECT o.id FROM", source]
        if where:
            parts += ["WHERE", " AND ".join(where)]
        parts += ["ORDER BY", order]
        if limit is not None:
            parts.append("LIMIT :limit")
            params["limit"] = max(0, int(limit))
        sql = " ".join(parts)
        with self._read() as conn:
            return [row[0] for row in conn.execute(sql, params)]

    def rows(self, ids: Iterable[int]) -> dict[int, OfferRow]:
        """Table rows for `ids` (one query); ids no longer cached are simply absent."""
        id_list = [int(i) for i in ids]
        if not id_list:
            return {}
        with self._read() as conn:
            cursor = conn.execute(_SELECT_ROWS, (json.dumps(id_list),))
            return {row[0]: _offer_row_from_sql(row) for row in cursor}

    def offer(self, offer_id: int) -> dict[str, Any] | None:
        """The full offer JSON as last received, or None."""
        with self._read() as conn:
            row = conn.execute("SELECT raw FROM offer_json WHERE id = ?", (int(offer_id),)).fetchone()
        return None if row is None else json.loads(row[0])

    def offers(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """Full offer JSONs for `ids` (e.g. the cart's offers for `cart.local_check`)."""
        id_list = [int(i) for i in ids]
        if not id_list:
            return {}
        with self._read() as conn:
            cursor = conn.execute(
                "SELECT id, raw FROM offer_json WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(id_list),),
            )
            return {row[0]: json.loads(row[1]) for row in cursor}

    def offer_ids_by_sku(self, skus: Iterable[str]) -> dict[str, list[int]]:
        """SKU (as given) → ids of the offers with that SKU, case-insensitively.

        SKUs are unique per seller only, so a SKU can name several offers."""
        wanted = {sku.strip(): sku.strip().casefold() for sku in skus if sku.strip()}
        if not wanted:
            return {}
        with self._read() as conn:
            cursor = conn.execute(
                "SELECT id, sku FROM offers WHERE sku IN (SELECT value FROM json_each(?)) ORDER BY id",
                (json.dumps(list(wanted)),),
            )
            found: dict[str, list[int]] = {}
            for offer_id, sku in cursor:
                found.setdefault(sku.casefold(), []).append(offer_id)
        return {given: found.get(folded, []) for given, folded in wanted.items()}

    def categories(self) -> list[Category]:
        with self._read() as conn:
            cursor = conn.execute(
                "SELECT id, name, parent_id, offer_count FROM categories "
                "ORDER BY parent_id IS NOT NULL, name, id"
            )
            return [Category(*row) for row in cursor]

    def currencies(self) -> list[Currency]:
        with self._read() as conn:
            cursor = conn.execute("SELECT code, name, rate_per_eur, updated_at FROM currencies ORDER BY code")
            return [Currency(c, n, Decimal(r), money.parse_timestamp(u)) for c, n, r, u in cursor]

    def rates(self) -> dict[str, Decimal]:
        """Currency code → rate per EUR, for `money.convert`."""
        with self._read() as conn:
            return _rates(conn)

    def countries(self) -> list[str]:
        """The warehouse countries of the cached offers (the `country` filter's choices)."""
        # hop from one country to the next along the offers_country index: a seek per country, not a
        # scan of the 100,000 index entries that SELECT DISTINCT reads (5 ms, before the first paint)
        with self._read() as conn:
            cursor = conn.execute(
                "WITH RECURSIVE c(country) AS ("
                " SELECT min(warehouse_country) FROM offers"
                " UNION ALL"
                " SELECT (SELECT min(warehouse_country) FROM offers WHERE warehouse_country > c.country)"
                " FROM c WHERE c.country IS NOT NULL"
                ") SELECT country FROM c WHERE country IS NOT NULL"
            )
            return [row[0] for row in cursor]

    def sellers(self) -> list[Seller]:
        with self._read() as conn:
            cursor = conn.execute(
                "SELECT id, name, country, rating, review_count FROM sellers ORDER BY name, id"
            )
            return [Seller(i, n, c, None if r is None else Decimal(r), rc) for i, n, c, r, rc in cursor]

    # -- thumbnails ---------------------------------------------------------------------------------

    def image_path(self, url: str) -> Path | None:
        """The local file of a downloaded image, or None (download it, then `store_image`)."""
        with self._read() as conn:
            row = conn.execute("SELECT file_name FROM images WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        path = self.images_dir / row[0]
        return path if path.is_file() else None

    def store_image(self, url: str, data: bytes) -> Path:
        """Save an image's bytes (atomically) and index it. Returns its file."""
        self.images_dir.mkdir(parents=True, exist_ok=True)
        import hashlib  # here: OpenSSL's start costs ~3 ms, and only a worker stores pictures

        name = hashlib.sha256(url.encode()).hexdigest()[:40] + _image_suffix(url)
        target = self.images_dir / name
        fd, tmp = tempfile.mkstemp(dir=self.images_dir, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        with self._write() as conn:
            conn.execute(
                "INSERT INTO images (url, file_name, size_bytes, stored_at) VALUES (?,?,?,?) "
                "ON CONFLICT(url) DO UPDATE SET file_name = excluded.file_name, "
                "size_bytes = excluded.size_bytes, stored_at = excluded.stored_at",
                (url, name, len(data), datetime.now(UTC).timestamp()),
            )
        return target

    def images_size_bytes(self) -> int:
        with self._read() as conn:
            return conn.execute("SELECT coalesce(sum(size_bytes), 0) FROM images").fetchone()[0]

    def size_bytes(self) -> int:
        """Disk used by the cache: the database (with its WAL) plus the images."""
        files = (self.path, _wal_path(self.path), self.path.with_name(self.path.name + "-shm"))
        total = 0
        for file in files:
            with contextlib.suppress(FileNotFoundError):
                total += file.stat().st_size
        return total + self.images_size_bytes()

    def trim_images(self, max_bytes: int) -> int:
        """Delete the oldest images until they take at most `max_bytes`. Returns the bytes freed."""
        with self._write() as conn:
            rows = conn.execute(
                "SELECT url, file_name, size_bytes FROM images ORDER BY stored_at DESC"
            ).fetchall()
            kept, victims = 0, []
            for url, name, size in rows:
                if kept + size <= max_bytes:
                    kept += size
                else:
                    victims.append((url, name, size))
            conn.executemany("DELETE FROM images WHERE url = ?", [(url,) for url, _, _ in victims])
        for _, name, _ in victims:
            with contextlib.suppress(FileNotFoundError):
                (self.images_dir / name).unlink()
        return sum(size for _, _, size in victims)

    def clear(self) -> None:
        """Empty the cache (offers, categories, sellers, currencies, images, sync token).

        The next sync is a full one."""
        with self._write() as conn:
            for table in ("offers", "offer_json", "categories", "sellers", "currencies", "images", "meta"):
                conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            conn.execute("INSERT INTO offers_fts (offers_fts) VALUES ('delete-all')")
        shutil.rmtree(self.images_dir, ignore_errors=True)
        with self._read() as conn:
            conn.execute("VACUUM")
        self.checkpoint()


# -- helpers ----------------------------------------------------------------------------------------


def _wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _suspect_path(path: Path) -> Path:
    """A marker beside the file: the background integrity check failed, check fully at the next open."""
    return path.with_name(path.name + ".check")


def _is_transient(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return "locked" in str(exc) or "busy" in str(exc)
    return (code & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _set_meta(conn: sqlite3.Connection, **values: str) -> None:
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        list(values.items()),
    )


def _rates(conn: sqlite3.Connection) -> dict[str, Decimal]:
    return {code: Decimal(rate) for code, rate in conn.execute("SELECT code, rate_per_eur FROM currencies")}


def _cents(amount: Decimal) -> int:
    return int(money.quantize(amount) * 100)


def _eur_cents(
    amount: Decimal, currency: str, promo: Decimal | None, rates: Mapping[str, Decimal]
) -> tuple[int | None, int | None]:
    """(list price, promotion price) per unit in EUR cents; None when the currency has no rate yet."""
    if currency != money.BASE_CURRENCY and currency not in rates:
        return None, None
    list_eur = money.to_eur(amount, currency, rates)
    promo_eur = None if promo is None else money.to_eur(promo, currency, rates)
    return _cents(list_eur), None if promo_eur is None else _cents(promo_eur)


def _offer_row(item: Mapping[str, Any], rates: Mapping[str, Decimal]) -> tuple[Any, ...]:
    """An offer JSON → the values of `_OFFER_COLUMNS`."""
    seller = item.get("seller") or {}
    warehouse = item.get("warehouse") or {}
    price = money.offer_list_price(item)
    promo_price = money.offer_promotion_price(item)
    promotion = item.get("promotion") or None
    discount = ends_at = until = None
    if promotion and promotion.get("discount_percent") is not None:
        discount = str(money.to_decimal(promotion["discount_percent"]))
        ends = money.parse_timestamp(promotion.get("ends_at"))
        ends_at = None if ends is None else ends.isoformat()
        until = _NO_END if ends is None else ends.timestamp()
    promo_amount = None
    if promo_price is not None:
        promo_amount = money.convert(promo_price.amount, promo_price.currency, price.currency, rates)
    list_cents, promo_cents = _eur_cents(price.amount, price.currency, promo_amount, rates)
    collections = set(item.get("collections") or ())
    images = item.get("image_urls") or ()
    updated = money.parse_timestamp(item.get("updated_at"))
    return (
        int(item["id"]), str(item["sku"]), str(item["title"]),
        item.get("category_id"), seller.get("id"), str(seller.get("name") or ""), seller.get("country"),
        warehouse.get("id"), warehouse.get("country"), warehouse.get("city"),
        str(price.amount), price.currency, list_cents, promo_cents, discount, ends_at, until,
        int(item.get("moq_units") or 1), int(item.get("stock_units") or 0),
        int("weekly" in collections), int("surplus" in collections), int("promotion" in collections),
        images[0] if images else None,
        None if updated is None else updated.isoformat(), None if updated is None else updated.timestamp(),
        int(item.get("version") or 0), None if promo_amount is None else str(promo_amount),
    )  # fmt: skip


def _dump(item: Mapping[str, Any]) -> str:
    """An offer dict (a checked feed item: datetimes, or already JSON) as compact JSON text."""
    from pydantic_core import to_json  # a quarter of the json module's time; imported once a sync runs

    return to_json(item).decode()


def _offer_row_from_sql(row: Sequence[Any]) -> OfferRow:
    (offer_id, sku, title, category_id, seller_id, seller_name, seller_country, warehouse_id, country, city,
     amount, currency, list_cents, discount, ends_at, moq, stock, weekly, surplus, promotion, thumbnail,
     updated_at, version, promo_amount) = row  # fmt: skip
    collections = tuple(
        name for name, flag in (("weekly", weekly), ("surplus", surplus), ("promotion", promotion)) if flag
    )
    return OfferRow(
        id=offer_id, sku=sku, title=title, category_id=category_id, seller_id=seller_id,
        seller_name=seller_name, seller_country=seller_country, warehouse_id=warehouse_id,
        warehouse_country=country, warehouse_city=city, currency=currency, list_price=Decimal(amount),
        list_price_eur=None if list_cents is None else Decimal(list_cents).scaleb(-2),
        promo_discount=None if discount is None else Decimal(discount),
        promo_price=None if promo_amount is None else Decimal(promo_amount),
        promo_ends_at=money.parse_timestamp(ends_at), moq_units=moq, stock_units=stock,
        collections=collections, thumbnail_url=thumbnail, updated_at=money.parse_timestamp(updated_at),
        version=version,
    )  # fmt: skip


def _image_suffix(url: str) -> str:
    suffix = Path(url.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
    return suffix if suffix in (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg") else ".img"
