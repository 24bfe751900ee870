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
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from desktop.models import money

from .sqlite_file import FileSpec, SqliteFile

__all__ = [
    "OVERLAP",
    "PAYMENT_STATUSES",
    "SHIPPING_STATUSES",
    "SORTS",
    "CacheError",
    "OrderQuery",
    "OrderRow",
    "OrdersCache",
    "StatusChange",
    "SyncResult",
]

SCHEMA_VERSION = 2  # 2: the search text in a side table; covering indexes for the sorts
APPLICATION_ID = 0x42446F63  # "BDoc"
PAYMENT_STATUSES = ("pending", "paid", "failed", "refunded")
SHIPPING_STATUSES = ("awaiting_preparation", "preparing", "shipped", "delivered", "cancelled")
SORTS = ("-created_at", "created_at", "-total", "total")
Sort = Literal["-created_at", "created_at", "-total", "total"]
#: how far before the last seen ``updated_at`` the next delta sync starts
OVERLAP = timedelta(seconds=60)
PAGE_SIZE = 500
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

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


# -- queries and rows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderQuery:
    """The filters of ``GET /orders`` (empty tuples / None = no filter)."""

    payment_status: tuple[str, ...] = ()
    shipping_status: tuple[str, ...] = ()
    created_from: date | None = None
    created_to: date | None = None
    q: str | None = None
    sort: Sort = "-created_at"

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}")
        bad = [s for s in self.payment_status if s not in PAYMENT_STATUSES]
        bad += [s for s in self.shipping_status if s not in SHIPPING_STATUSES]
        if bad:
            raise ValueError(f"unknown status {bad[0]!r}")

    @property
    def active(self) -> bool:
        return bool(self.payment_status or self.shipping_status or self.created_from or self.created_to
                    or (self.q or "").strip())

    def server_params(self) -> dict[str, Any]:
        """The same filters as keyword arguments of ``client.orders.list``."""
        return {
            "payment_status": list(self.payment_status) or None,
            "shipping_status": list(self.shipping_status) or None,
            "created_from": self.created_from,
            "created_to": self.created_to,
            "q": self.q or None,
            "sort": self.sort,
        }


@dataclass(frozen=True, slots=True)
class OrderRow:
    id: int
    ref: str
    group_ref: str
    created_at: datetime
    currency: str
    total: Decimal
    seller_name: str
    payment_status: str
    payment_method: str | None
    shipping_status: str
    tracking_number: str | None
    tracking_carrier: str | None
    item_count: int
    unit_count: int
    first_title: str
    guest: bool


@dataclass(frozen=True, slots=True)
class StatusChange:
    ref: str
    field: str  # payment_status | shipping_status | tracking_number
    old: str | None
    new: str | None


@dataclass(frozen=True)
class SyncResult:
    full: bool
    pages: int
    upserted: int
    changes: list[StatusChange]
    duration: float
    order_count: int
    finished_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    cancelled: bool = False


class CacheError(Exception):
    pass


_FILE_SPEC = FileSpec(
    label="orders cache",
    version=SCHEMA_VERSION,
    application_id=APPLICATION_ID,
    schema=_SCHEMA,
    probes=("SELECT id, ref FROM orders LIMIT 1",),
    synchronous="NORMAL",  # a cache: a power cut may lose the last sync, which the next one brings back
    pragmas={"temp_store": "MEMORY", "cache_size": -16000},  # 16 MB: 20,000 orders' rows and indexes stay in memory
    error=CacheError,
)


# -- the cache ----------------------------------------------------------------------------------------


class OrdersCache:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._file = SqliteFile(self.path, _FILE_SPEC)
        self.was_rebuilt = self._file.was_rebuilt

    @classmethod
    def for_account(cls, data_dir: str | os.PathLike[str], server_url: str, account: str | None) -> OrdersCache:
        """One file per (server, account) under ``<data>/orders/``."""
        key = f"{server_url.strip().rstrip('/')}#{account or ''}"
        name = hashlib.sha256(key.encode()).hexdigest()[:20]
        return cls(Path(data_dir) / "orders" / f"orders-{name}.sqlite3")

    # -- connections ------------------------------------------------------------------------------
    def _read(self) -> AbstractContextManager[sqlite3.Connection]:
        return self._file.read()

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        return self._file.write()

    def close(self) -> None:
        """No further use. Every thread's connection closes, each once no query runs on it."""
        self._file.close()

    def __enter__(self) -> OrdersCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- meta ---------------------------------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        with self._read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def last_synced_at(self) -> datetime | None:
        value = self._meta("synced_at")
        return datetime.fromisoformat(value) if value else None

    def updated_since(self) -> datetime | None:
        """Where the next delta sync starts (None: a full sync)."""
        value = self._meta("updated_since")
        return datetime.fromisoformat(value) if value and self.order_count() else None

    def rates(self) -> dict[str, Decimal]:
        value = self._meta("rates")
        return {k: Decimal(v) for k, v in json.loads(value).items()} if value else {}

    def set_rates(self, rates: Mapping[str, Decimal]) -> None:
        """Rates per EUR, for the EUR sort key of orders whose JSON has no ``total_eur``."""
        with self._write() as conn:
            _set_meta(conn, rates=json.dumps({k: str(v) for k, v in rates.items()}))

    def order_count(self) -> int:
        with self._read() as conn:
            return conn.execute("SELECT count(*) FROM orders").fetchone()[0]

    # -- writes -------------------------------------------------------------------------------------
    def upsert(self, items: Sequence[Mapping[str, Any]], *, guest: bool = False,
               raw_texts: Sequence[str] | None = None, seq_start: int | None = None) -> list[StatusChange]:
        """Insert or update orders (order JSON dicts); returns their status changes. One transaction.

        ``seq_start``: items are in the server's ``-created_at`` order (newest id first among equal
        times); new rows get ``seq_start - i`` so that ties sort as the server sorts them."""
        if not items:
            return []
        rates = self.rates()
        if seq_start is None:
            seq_start = self._next_walk() * _WALK
        rows, texts = [], []
        for i, item in enumerate(items):
            *values, text = _row(item, rates, guest)
            rows.append((*values, seq_start - i))
            texts.append(text)
        raws = list(raw_texts) if raw_texts is not None else [_dump(item) for item in items]
        changes: list[StatusChange] = []
        with self._write() as conn:
            refs = [r[0] for r in rows]
            old: dict[str, tuple[str, str, str | None]] = {}
            for chunk in _chunks(refs, 500):
                marks = ",".join("?" * len(chunk))
                for ref, pay, ship, tracking in conn.execute(
                    f"SELECT ref, payment_status, shipping_status, tracking_number FROM orders "  # noqa: S608
                    f"WHERE ref IN ({marks})", chunk,
                ):
                    old[ref] = (pay, ship, tracking)
            for row in rows:
                before = old.get(row[0])
                if before is None:
                    continue
                for name, was, now in (("payment_status", before[0], row[8]),
                                       ("shipping_status", before[1], row[10]),
                                       ("tracking_number", before[2], row[11])):
                    if was != now:
                        changes.append(StatusChange(row[0], name, was, now))
            conn.executemany(_UPSERT, rows)
            ids = dict(_fetch_ids(conn, refs))
            conn.executemany("INSERT OR REPLACE INTO order_search (id, text) VALUES (?, ?)",
                             [(ids[r[0]], text) for r, text in zip(rows, texts, strict=True)])
            conn.executemany("INSERT OR REPLACE INTO order_json (id, raw) VALUES (?, ?)",
                             [(ids[r[0]], raw) for r, raw in zip(rows, raws, strict=True)])
        return changes

    def _next_walk(self) -> int:
        with self._write() as conn:
            walk = int((conn.execute("SELECT value FROM meta WHERE key = 'walk'").fetchone() or ("0",))[0]) + 1
            _set_meta(conn, walk=str(walk))
        return walk

    def store_group(self, group: Mapping[str, Any]) -> list[StatusChange]:
        """A guest's order group (``GET /order-groups/{ref}``): its orders, and its ref remembered."""
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO guest_groups (ref, added_at) VALUES (?, ?)",
                         (group["ref"], datetime.now(UTC).isoformat()))
        return self.upsert(list(group.get("orders") or ()), guest=True)

    def add_guest_group(self, ref: str) -> None:
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO guest_groups (ref, added_at) VALUES (?, ?)",
                         (ref, datetime.now(UTC).isoformat()))

    def guest_groups(self) -> list[str]:
        with self._read() as conn:
            return [r[0] for r in conn.execute("SELECT ref FROM guest_groups ORDER BY added_at")]

    def clear(self) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM orders")
            conn.execute("DELETE FROM order_json")
            conn.execute("DELETE FROM order_search")
            conn.execute("DELETE FROM meta WHERE key IN ('updated_since', 'synced_at')")

    # -- sync ---------------------------------------------------------------------------------------
    def sync(
        self,
        client: Any,
        *,
        page_size: int = PAGE_SIZE,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[int], None] | None = None,
        refresh_rates: bool = True,
    ) -> SyncResult:
        """Walk ``GET /orders`` (every page) from the last ``updated_since`` (none: full) and store it.

        ``client`` is a :class:`~desktop.api_client.MarketplaceClient` (its request loop: retries,
        auth, errors). Network errors reach the caller (OfflineError: the app goes offline)."""
        started = time.perf_counter()
        since = self.updated_since()
        full = since is None
        if refresh_rates:
            with contextlib.suppress(Exception):
                self.set_rates({c.code: c.rate_per_eur for c in client.catalog.currencies()})
        params: dict[str, Any] = {"limit": page_size}
        if since is not None:
            params["updated_since"] = _rfc3339(since)
        cursor: str | None = None
        pages = upserted = 0
        max_updated: datetime | None = None
        server_now: datetime | None = None
        changes: list[StatusChange] = []
        stopped = False
        seq = self._next_walk() * _WALK
        while True:
            if cancelled is not None and cancelled():
                stopped = True
                break
            query = dict(params, cursor=cursor) if cursor else params
            response = client.request("GET", "/orders", params=query)
            if server_now is None:
                server_now = _http_date(response.headers.get("date"))
            page = client.parse_json(response)
            items = page["items"]
            changes += self.upsert(items, seq_start=seq - upserted)
            pages += 1
            upserted += len(items)
            for item in items:
                at = money.parse_timestamp(item.get("updated_at") or item.get("created_at"))
                if at is not None and (max_updated is None or at > max_updated):
                    max_updated = at
            if progress is not None:
                progress(upserted)
            cursor = page.get("next_cursor")
            if not cursor:
                break
        if not stopped:
            mark = since
            if max_updated is not None:
                seen = max_updated
                if server_now is not None:
                    seen = min(seen, server_now)
                mark = max(seen - OVERLAP, since) if since is not None else seen - OVERLAP
            with self._write() as conn:
                values = {"synced_at": datetime.now(UTC).isoformat()}
                if mark is not None:
                    values["updated_since"] = mark.isoformat()
                _set_meta(conn, **values)
        return SyncResult(full=full, pages=pages, upserted=upserted, changes=changes,
                          duration=time.perf_counter() - started, order_count=self.order_count(),
                          cancelled=stopped)

    # -- reads --------------------------------------------------------------------------------------
    def search(self, query: OrderQuery) -> list[int]:
        """The ids of the orders the server's ``GET /orders`` with these filters lists, in its order."""
        where, args = [], []
        if query.payment_status:
            where.append(f"payment_status IN ({','.join('?' * len(query.payment_status))})")
            args += list(query.payment_status)
        if query.shipping_status:
            where.append(f"shipping_status IN ({','.join('?' * len(query.shipping_status))})")
            args += list(query.shipping_status)
        if query.created_from:
            where.append("created_us >= ?")
            args.append(_day_us(query.created_from))
        if query.created_to:
            where.append("created_us < ?")
            args.append(_day_us(query.created_to + timedelta(days=1)))
        q = (query.q or "").strip().lower()
        if q:
            where.append("id IN (SELECT id FROM order_search WHERE instr(text, ?) > 0)")
            args.append(q)
        key = "created_us" if query.sort.endswith("created_at") else "total_eur_cents"
        direction = "DESC" if query.sort.startswith("-") else "ASC"
        sql = "SELECT id FROM orders"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {key} {direction}, seq {direction}"
        with self._read() as conn:
            return [r[0] for r in conn.execute(sql, args)]

    def rows(self, ids: Iterable[int]) -> dict[int, OrderRow]:
        out: dict[int, OrderRow] = {}
        with self._read() as conn:
            for chunk in _chunks(list(ids), 500):
                marks = ",".join("?" * len(chunk))
                for r in conn.execute(
                    "SELECT id, ref, group_ref, created_us, currency, total, seller_name, payment_status, "  # noqa: S608
                    "payment_method, shipping_status, tracking_number, tracking_carrier, item_count, "
                    f"unit_count, first_title, guest FROM orders WHERE id IN ({marks})", chunk,
                ):
                    out[r[0]] = OrderRow(
                        r[0], r[1], r[2], _EPOCH + timedelta(microseconds=r[3]), r[4], Decimal(r[5]), r[6],
                        r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], bool(r[15]),
                    )
        return out

    def refs(self, ids: Iterable[int]) -> list[str]:
        rows = self.rows(ids)
        return [rows[i].ref for i in ids if i in rows]

    def id_of(self, ref: str) -> int | None:
        with self._read() as conn:
            row = conn.execute("SELECT id FROM orders WHERE ref = ?", (ref,)).fetchone()
        return row[0] if row else None

    def order(self, ref: str) -> dict[str, Any] | None:
        with self._read() as conn:
            row = conn.execute(
                "SELECT j.raw FROM orders o JOIN order_json j ON j.id = o.id WHERE o.ref = ?", (ref,)
            ).fetchone()
        return json.loads(row[0]) if row else None


# -- helpers ------------------------------------------------------------------------------------------


def _row(item: Mapping[str, Any], rates: Mapping[str, Decimal], guest: bool) -> tuple[Any, ...]:
    try:
        ref = str(item["ref"])
        group_ref = str(item["group_ref"])
        created = money.parse_timestamp(item["created_at"])
        updated = money.parse_timestamp(item.get("updated_at"))
        total = money.Money.from_json(item["total"])
        seller = item["seller"]
        lines = item.get("lines") or []
        tracking = item.get("tracking") or None
        payment_status = str(item["payment_status"])
        shipping_status = str(item["shipping_status"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"an order without a valid {exc}: {str(item)[:200]}") from None
    if "total_eur" in item and item["total_eur"] is not None:
        eur = item["total_eur"]
        eur_amount = money.Money.from_json(eur).amount if isinstance(eur, Mapping) else money.to_decimal(eur)
    else:
        try:
            eur_amount = money.to_eur(total.amount, total.currency, rates)
        except (KeyError, ValueError, ArithmeticError):
            eur_amount = total.amount
    search = " ".join([ref, group_ref, str(seller.get("name") or "")]
                      + [str(ln.get("sku") or "") for ln in lines]
                      + [str(ln.get("title") or "") for ln in lines]).lower()
    return (
        ref, group_ref, _us(created), _us(updated) if updated else None, total.currency, str(total.amount),
        int((eur_amount * 100).to_integral_value()), str(seller.get("name") or ""),
        payment_status, item.get("payment_method"), shipping_status,
        tracking.get("number") if tracking else None, tracking.get("carrier") if tracking else None,
        len(lines), sum(int(ln.get("units") or 0) for ln in lines),
        str(lines[0].get("title") or "") if lines else "", int(guest),
        search,  # last: it goes to the order_search table
    )


def _us(moment: datetime | None) -> int:
    assert moment is not None
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _day_us(day: date) -> int:
    return _us(datetime(day.year, day.month, day.day, tzinfo=UTC))


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).astimezone(UTC)
    except (TypeError, ValueError):
        return None


def _dump(item: Mapping[str, Any]) -> str:
    return json.dumps(item, separators=(",", ":"), ensure_ascii=False, default=str)


def _set_meta(conn: sqlite3.Connection, **values: str) -> None:
    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(values.items()))


def _chunks(values: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _fetch_ids(conn: sqlite3.Connection, refs: Sequence[str]) -> Iterator[tuple[str, int]]:
    for chunk in _chunks(refs, 500):
        marks = ",".join("?" * len(chunk))
        yield from conn.execute(f"SELECT ref, id FROM orders WHERE ref IN ({marks})", chunk)  # noqa: S608
