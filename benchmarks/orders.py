"""`python -m benchmarks orders [--json] [--orders N]`: the desktop orders cache and the Orders table.

Starts the real server (`marketplace.cli --demo`, a subprocess) seeded with N demo orders for
buyer@demo.test (BULKDESK_DEMO_ORDERS=N, default 20,000), then measures:
- orders_sync_s: a full sync of the orders cache (`OrdersCache.sync`: every page of GET /orders through
  the API client, each page upserted), beside a floor: the same page walk with bare httpx and one
  executemany of the filter columns per page;
- orders_filter_p95_ms: a filter change on the Orders page, repainted — set the filters → SQL search →
  model reset → `table.repaint()` in an offscreen QTableView — beside a floor: the same SQL alone.
Targets: sync ≤ 10 s, filter p95 ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from ._common import check_floor, demo_server, emit, machine_facts, summary_ms

BUYER = ("buyer@demo.test", "demo-password")
FILTER_CHANGES = 200


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks orders", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--orders", type=int, default=20_000, help="demo orders to seed (default 20,000)")
    parser.add_argument("--offers", type=int, default=2_000, help="demo offers to seed (default 2,000)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    results: dict[str, Any] = {"suite": "orders", "orders": args.orders, "machine": machine_facts()}
    work = Path(tempfile.mkdtemp(prefix="bench-orders-"))
    server = demo_server(work, offers=args.offers, orders=args.orders)
    try:
        started = time.perf_counter()
        server.start()
        results["server_start_and_seed_s"] = round(time.perf_counter() - started, 2)
        _sync(server.url, work, results)
        _filters(server.url, work, results)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    check_floor("orders_sync_s", results.get("orders_sync_s"), 10.0, results)
    check_floor("orders_filter_p95_ms", results.get("orders_filter_p95_ms"), 50.0, results)
    emit(results, args.json)
    return 0 if all(t["met"] for t in results["targets"].values()) else 1


def _client(url: str) -> Any:
    from desktop.api_client import ClientConfig, MarketplaceClient

    client = MarketplaceClient(ClientConfig(url, read_timeout=120))
    client.auth.login(*BUYER)
    return client


def _sync(url: str, work: Path, results: dict[str, Any]) -> None:
    from desktop.models.orders_cache import OrdersCache

    client = _client(url)
    cache = OrdersCache.for_account(work / "data", client.server_url, BUYER[0])
    started = time.perf_counter()
    result = cache.sync(client)
    results["orders_sync_s"] = round(time.perf_counter() - started, 2)
    results["orders_synced"] = result.order_count
    results["orders_sync_pages"] = result.pages
    started = time.perf_counter()
    delta = cache.sync(client)
    results["orders_delta_sync_s"] = round(time.perf_counter() - started, 3)
    results["orders_delta_sync_upserted"] = delta.upserted
    cache.close()

    # the floor: bare httpx pages + executemany of the filter columns
    token = client._token.get_secret_value()
    client.close()
    db = sqlite3.connect(work / "floor.sqlite3", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("CREATE TABLE o (ref TEXT PRIMARY KEY, created TEXT, total TEXT, seller TEXT, pay TEXT, "
               "ship TEXT, raw TEXT)")
    started = time.perf_counter()
    with httpx.Client(base_url=url + "/api/v1", headers={"Authorization": f"Bearer {token}"},
                      timeout=120) as http:
        cursor = None
        import json

        while True:
            params: dict[str, Any] = {"limit": 500}
            if cursor:
                params["cursor"] = cursor
            page = http.get("/orders", params=params).json()
            db.execute("BEGIN")
            db.executemany("INSERT OR REPLACE INTO o VALUES (?, ?, ?, ?, ?, ?, ?)", [
                (i["ref"], i["created_at"], i["total"]["amount"], i["seller"]["name"], i["payment_status"],
                 i["shipping_status"], json.dumps(i)) for i in page["items"]])
            db.execute("COMMIT")
            cursor = page["next_cursor"]
            if not cursor:
                break
    results["orders_sync_floor_s"] = round(time.perf_counter() - started, 2)
    db.close()


def _filters(url: str, work: Path, results: dict[str, Any]) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.models.orders_cache import PAYMENT_STATUSES, SHIPPING_STATUSES, OrderQuery
    from desktop.views.areas.openers import orders_caches
    from desktop.views.orders import OrdersPage

    app = QApplication.instance() or QApplication([sys.argv[0]])
    client = _client(url)
    page = OrdersPage(client, caches=orders_caches(work / "data", client.server_url), auto_sync=False)
    page.set_account(BUYER[0], sync=False)
    page.resize(1400, 900)
    page.show()
    app.processEvents()
    rng = random.Random(42)
    today = datetime.now(UTC).date()
    queries = []
    for _ in range(FILTER_CHANGES):
        queries.append(OrderQuery(
            payment_status=tuple(rng.sample(PAYMENT_STATUSES, rng.randint(0, 2))),
            shipping_status=tuple(rng.sample(SHIPPING_STATUSES, rng.randint(0, 2))),
            created_from=today - timedelta(days=rng.randint(30, 730)) if rng.random() < 0.5 else None,
            created_to=today - timedelta(days=rng.randint(0, 29)) if rng.random() < 0.2 else None,
            q=rng.choice([None, None, None, "o-", "a", "gmbh", "lot", "pal"]),
            sort=rng.choice(["-created_at", "created_at", "-total", "total"]),
        ))
    samples, rows = [], []
    for query in queries:
        started = time.perf_counter()
        page.set_filters(payment_status=query.payment_status, shipping_status=query.shipping_status,
                         created_from=query.created_from, created_to=query.created_to, q=query.q,
                         sort=query.sort)
        page.table.viewport().repaint()
        samples.append(time.perf_counter() - started)
        rows.append(page.model.rowCount())
    ui = summary_ms(samples)
    results["orders_filter_p95_ms"] = ui["p95_ms"]
    results["orders_filter_ms"] = ui
    results["orders_filter_rows_mean"] = round(sum(rows) / len(rows))

    cache = page.cache
    assert cache is not None
    floor = []
    for query in queries:
        started = time.perf_counter()
        cache.search(query)
        floor.append(time.perf_counter() - started)
    results["orders_filter_sql_ms"] = summary_ms(floor)
    results["orders_filter_floor_p95_ms"] = results["orders_filter_sql_ms"]["p95_ms"]
    page.close_cache()
    page.close()
    page.deleteLater()
    app.processEvents()
    client.close()
