"""`python -m benchmarks seller [--json] [--edits N] [--offers N]`: the seller's outbox and listings table.

Starts the real server (`marketplace.cli --demo`, a subprocess), gives seller@demo.test N fresh offers
(one CSV import), then measures:
- outbox_drain_s: N queued edits (a price and a stock delta per offer, one entry each) drained by the
  outbox's sender (durable marks before and after every request, If-Match, Idempotency-Key, the local
  copy updated from each answer), beside a floor: N plain sequential PATCHes with bare httpx;
- seller_filter_p95_ms: a seller table of 20,000 offers (a local listings copy), a filter change on the
  listings page repainted — filters set → SQL search → model reset → `viewport().repaint()` — beside its
  floor: the same SQL alone plus the reset and repaint of a bare QTableView of the same size over a
  constant model (a bare Qt window's repaint is reported too).
- [hook] the CSV report figure: `benchmarks/seller_csv.py`, when present, provides `measure(server_url)
  -> dict` (the seller-csv area's figure); its keys and targets are merged into this result.
Targets: drain ≤ 10 s and ≤ 2× its floor; filter p95 ≤ 30 ms.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from ._common import check_floor, demo_server, emit, machine_facts, summary_ms

SELLER = ("seller@demo.test", "demo-password")
FILTER_CHANGES = 200
TABLE_OFFERS = 20_000


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks seller", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--edits", type=int, default=1_000, help="queued edits to drain (default 1,000)")
    parser.add_argument("--offers", type=int, default=1_000, help="demo offers to seed (default 1,000)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    results: dict[str, Any] = {"suite": "seller", "edits": args.edits, "table_offers": TABLE_OFFERS,
                               "machine": machine_facts()}
    work = Path(tempfile.mkdtemp(prefix="bench-seller-"))
    server = demo_server(work, offers=args.offers, orders=0)
    try:
        started = time.perf_counter()
        server.start()
        results["server_start_and_seed_s"] = round(time.perf_counter() - started, 2)
        _drain(server.url, work, args.edits, results)
        _csv_hook(server.url, results)
    finally:
        server.stop()
    try:
        _filters(work, results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    check_floor("outbox_drain_s", results.get("outbox_drain_s"), 10.0, results)
    floor = results.get("outbox_drain_floor_s")
    check_floor("outbox_drain_vs_floor", results.get("outbox_drain_vs_floor"), 2.0, results)
    results["targets"]["outbox_drain_vs_floor"]["floor_s"] = floor
    check_floor("seller_filter_p95_ms", results.get("seller_filter_p95_ms"), 30.0, results)
    emit(results, args.json)
    return 0 if all(t["met"] for t in results["targets"].values()) else 1


def _client(url: str) -> Any:
    from desktop.api_client import ClientConfig, MarketplaceClient

    client = MarketplaceClient(ClientConfig(url, read_timeout=120))
    client.auth.login(*SELLER)
    return client


def _csv_rows(client: Any, count: int) -> str:
    warehouse = client.seller.warehouses()[0].code
    categories = client.catalog.categories()
    parents = {c.parent_id for c in categories}
    leaf = next(c.id for c in categories if c.id not in parents)
    lines = ["sku,title,category,unit_price,currency,stock_units,moq_units,packagings,collections,warehouse"]
    run = uuid.uuid4().hex[:6]
    for i in range(count):
        lines.append(f"B-{run}-{i:05d},Bench lot {i},{leaf},{10 + i % 90}.00,EUR,1000,1,unit:1|carton:12,surplus,"
                     f"{warehouse}")
    return "\n".join(lines) + "\n"


def _drain(url: str, work: Path, edits: int, results: dict[str, Any]) -> None:
    from desktop.models.seller import Edit, ListingsStore, OfferHandlers, Outbox, Sender, queue_edits

    client = _client(url)
    report = client.seller.import_csv(_csv_rows(client, edits), dry_run=False)
    assert not report.errors, report.errors[:3]
    listings = ListingsStore(work / "listings.sqlite3")
    listings.replace_all(o.model_dump(mode="json") for o in client.seller.offers(limit=500))
    ids = [i for i, row in listings.rows(listings.search()).items() if row.sku.startswith("B-")][:edits]
    token = client._token.get_secret_value()
    _warm_up(url, token, listings, [i for i in listings.search() if i not in set(ids)][:100])
    outbox = Outbox(work / "outbox.sqlite3")
    sender = Sender(outbox, client)
    OfferHandlers(listings).install(sender)
    started = time.perf_counter()
    queue_edits(outbox, listings, [Edit(i, {"unit_price": f"{20 + n % 50}.50"}) for n, i in enumerate(ids)])
    results["outbox_queue_s"] = round(time.perf_counter() - started, 3)
    started = time.perf_counter()
    drained = sender.drain()
    results["outbox_drain_s"] = round(time.perf_counter() - started, 2)
    results["outbox_drained"] = len(drained.sent)
    results["outbox_conflicts"] = len(drained.conflicts) + len(drained.refused)

    # the floor: the same number of plain sequential PATCHes with bare httpx (If-Match, a key each)
    rows = listings.rows(ids)
    started = time.perf_counter()
    with httpx.Client(base_url=url + "/api/v1", headers={"Authorization": f"Bearer {token}"}, timeout=120) as http:
        for n, offer_id in enumerate(ids):
            response = http.patch(f"/seller/offers/{offer_id}", headers={
                "If-Match": str(rows[offer_id].version), "Idempotency-Key": str(uuid.uuid4()),
                "Content-Type": "application/json"},
                content=json.dumps({"unit_price": {"amount": f"{30 + n % 50}.25", "currency": "EUR"}}))
            response.raise_for_status()
    results["outbox_drain_floor_s"] = round(time.perf_counter() - started, 2)
    results["outbox_drain_vs_floor"] = round(results["outbox_drain_s"] / max(results["outbox_drain_floor_s"], 1e-9), 2)
    outbox.close()
    listings.close()
    client.close()


def _warm_up(url: str, token: str, listings: Any, ids: list[int]) -> None:
    """Before either measure: PATCHes of other offers, so that neither pays the server's first requests."""
    rows = listings.rows(ids)
    with httpx.Client(base_url=url + "/api/v1", headers={"Authorization": f"Bearer {token}"}, timeout=120) as http:
        for offer_id in ids:
            http.patch(f"/seller/offers/{offer_id}", headers={"If-Match": str(rows[offer_id].version),
                                                               "Content-Type": "application/json"},
                       content=json.dumps({"moq_units": rows[offer_id].moq_units + 1}))


def _csv_hook(url: str, results: dict[str, Any]) -> None:
    """HOOK for the third figure (the CSV report, the seller-csv area): `benchmarks/seller_csv.py`'s
    `measure(server_url) -> dict`, run against this suite's server and merged in (its "targets" too;
    not its "suite" or "machine") when the file exists."""
    if not (Path(__file__).with_name("seller_csv.py")).exists():
        results["csv_report"] = "not measured: benchmarks/seller_csv.py is absent"
        return
    module = importlib.import_module("benchmarks.seller_csv")
    figures = dict(module.measure(url))
    targets = figures.pop("targets", {})
    for own in ("suite", "machine"):
        figures.pop(own, None)
    results.update(figures)
    results.setdefault("targets", {}).update(targets)


def _repaints(app: Any, widget: Any, reset: Any = None) -> list[float]:
    samples = []
    for _ in range(FILTER_CHANGES):
        started = time.perf_counter()
        if reset is not None:
            reset.beginResetModel()
            reset.endResetModel()
        widget.repaint()
        samples.append(time.perf_counter() - started)
    return samples


def _trivial_table(rows: int) -> Any:
    """The floor of a table repaint: a QTableView of the same size over a model with constant text."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QTableView

    class Constant(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else rows

        def columnCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else 12

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return "SKU-000123 pallet" if role == Qt.ItemDataRole.DisplayRole else None

    view = QTableView()
    view.setModel(Constant(view))
    return view


def _fake_offer(i: int, rng: random.Random) -> dict[str, Any]:
    promo = rng.random() < 0.15
    words = ("pallet", "tiles", "steel", "paint", "cable", "oak", "boxes", "glass", "pumps", "nails")
    price = f"{rng.randint(1, 5000)}.{rng.randint(0, 99):02d}"
    return {
        "id": i + 1, "sku": f"SKU-{i:06d}", "title": f"{rng.choice(words).title()} {rng.choice(words)} lot {i}",
        "description": "", "category_id": rng.randint(1, 20),
        "seller": {"id": 1, "name": "Bench", "country": "FR", "rating": None},
        "warehouse": {"id": 1 + i % 4, "country": "FR", "city": "Lyon", "min_order_value": {"amount": "0.00",
                                                                                              "currency": "EUR"}},
        "unit_price": {"amount": price, "currency": "EUR"}, "list_price": {"amount": price, "currency": "EUR"},
        "packagings": [{"id": 1, "label": "unit", "units": 1}, {"id": 2, "label": "pallet", "units": 48}],
        "moq_units": rng.choice((1, 12, 48)), "stock_units": rng.choice((0, 3, 8, 40, 500, 2000)),
        "collections": [c for c in ("weekly", "surplus") if rng.random() < 0.4] + (["promotion"] if promo else []),
        "promotion": {"discount_percent": 10, "ends_at": "2030-01-01T00:00:00Z"} if promo else None,
        "image_urls": [], "updated_at": "2026-06-01T12:00:00Z", "version": 1,
    }


def _filters(work: Path, results: dict[str, Any]) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.models.seller import ListingsStore, Outbox, Sender
    from desktop.views.seller.listings_page import ListingsPage
    from desktop.views.seller.outbox_runner import OutboxRunner

    app = QApplication.instance() or QApplication([sys.argv[0]])
    rng = random.Random(7)
    listings = ListingsStore(work / "table.sqlite3")
    listings.replace_all(_fake_offer(i, rng) for i in range(TABLE_OFFERS))
    listings.set_categories([(i, None, f"Category {i}") for i in range(1, 21)])
    outbox = Outbox(work / "table-outbox.sqlite3")
    runner = OutboxRunner(outbox, Sender(outbox, None), auto=False)
    page = ListingsPage(None, listings, runner)
    page.set_categories(listings.categories())
    page.resize(1400, 900)
    page.show()
    app.processEvents()
    texts = ["", "", "", "pal", "steel", "lot 1", "oak boxes", "SKU-0001"]
    changes = [(rng.choice(texts), rng.randrange(page.category.count()), rng.randrange(page.collection.count()),
                rng.randrange(page.stock.count()), rng.randrange(page.promotion.count()),
                rng.choice(("sku", "stock_units", "unit_price", "title"))) for _ in range(FILTER_CHANGES)]
    samples, rows = [], []
    for text, category, collection, stock, promotion, sort in changes:
        started = time.perf_counter()
        for combo, index in ((page.category, category), (page.collection, collection), (page.stock, stock),
                             (page.promotion, promotion)):
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        page.search.blockSignals(True)
        page.search.setText(text)
        page.search.blockSignals(False)
        page._sort = (sort, False)
        page.apply_filters()
        page.table.viewport().repaint()
        samples.append(time.perf_counter() - started)
        rows.append(page.model.rowCount())
    ui = summary_ms(samples)
    results["seller_filter_p95_ms"] = ui["p95_ms"]
    results["seller_filter_ms"] = ui
    results["seller_filter_rows_mean"] = round(sum(rows) / len(rows))

    sql = []
    for text, category, collection, stock, promotion, sort in changes:
        query = page.query().__class__(text, page.category.itemData(category), page.collection.itemData(collection),
                                       page.stock.itemData(stock), page.promotion.itemData(promotion), sort)
        started = time.perf_counter()
        listings.search(query)
        sql.append(time.perf_counter() - started)
    results["seller_filter_sql_ms"] = summary_ms(sql)
    bare = QWidget()
    bare.resize(1400, 900)
    bare.show()
    app.processEvents()
    results["seller_filter_bare_window_ms"] = summary_ms(_repaints(app, bare))
    table = _trivial_table(page.model.rowCount())
    table.resize(page.table.size())
    table.show()
    app.processEvents()
    results["seller_filter_bare_table_ms"] = summary_ms(_repaints(app, table.viewport(), reset=table.model()))
    results["seller_filter_floor_p95_ms"] = round(results["seller_filter_sql_ms"]["p95_ms"]
                                                  + results["seller_filter_bare_table_ms"]["p95_ms"], 2)
    table.close()
    bare.close()
    page.close()
    page.deleteLater()
    app.processEvents()
    listings.close()
    outbox.close()
