"""The orders cache: its file (through `sqlite_file`), the sync walk, the writes and the quick readers."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.models import money
from desktop.models.infrastructure.sqlite_file import SqliteFile

from .records import OVERLAP, PAGE_SIZE, OrderQuery, OrderRow, StatusChange, SyncResult
from .rows import _EPOCH, _chunks, _day_us, _dump, _fetch_ids, _http_date, _rfc3339, _row, _set_meta
from .schema import _FILE_SPEC, _UPSERT, _WALK

if TYPE_CHECKING:  # httpx and pydantic: not imported with the cache
    from desktop.api_client import MarketplaceClient


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
        client: MarketplaceClient,
        *,
        page_size: int = PAGE_SIZE,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[int], None] | None = None,
        refresh_rates: bool = True,
        path: str = "/orders",
    ) -> SyncResult:
        """Walk ``GET /orders`` (every page) from the last ``updated_since`` (none: full) and store it.
        ``path="/seller/orders"``: a seller's incoming orders (the same filters and pages).

        ``client``'s request loop does the retries, auth and errors. Network errors reach the caller
        (OfflineError: the app goes offline)."""
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
            response = client.request("GET", path, params=query)
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
