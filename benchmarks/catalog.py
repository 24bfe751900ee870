"""`python -m benchmarks catalog [--json] [--offers N]`: the desktop catalog cache, sync, search, start-up.

Starts the real server (`marketplace.cli --demo`, a subprocess) seeded with N demo offers
(BULKDESK_DEMO_OFFERS=N, default 100,000), then measures, each beside a floor where one makes sense:
- full_sync_s: a full sync into a fresh CatalogCache through the real SyncController (SyncEngine in a
  QueryOp worker, the catalog page refreshed when it ends), while a 5 ms QTimer on the GUI thread
  records the longest event-loop stall (max_gui_stall_ms). Floor: the same pages fetched with bare
  httpx and inserted with executemany into a bare table (full_sync_floor_s).
- delta_sync_1000_s: 1,000 offers' stock changed on the server (the server's own `touch` service, in
  another process, on the same database file while the server runs), then a delta sync.
- search_p95_ms: keystroke to model updated on the real CatalogPage (debounce excluded): the search
  box's text set, `run_search()` until the offer table model holds the new first screen; over queries
  built from the demo vocabulary (prefixes typed letter by letter, words, two words, with and without
  tab/category/country/stock filters and sorts). search_complete_p95_ms: until the table has the whole
  result (`results_changed`). Floor: the same queries' FTS5 MATCH alone via sqlite3 on the same file
  (queries with a word to search; search_text_p95_ms is the page's p95 over those same queries).
- peak_rss_mb: the peak RSS of this process (it is the app here: Qt, the page, the sync, the searches),
  read before the floors run.
- cold_start_s: `python -m desktop --server URL` on a filled cache (temporary XDG folders) until the
  main window's first paint has finished (an event filter installed by a small launcher; the app is
  unchanged), median of 5, from compiled bytecode (compileall first, as an installed app has it);
  floor: a bare PySide6 QMainWindow shown and painted in a fresh process.
search_cpu_p95_ms / search_floor_cpu_p95_ms: the same in the GUI thread's CPU time (time.thread_time).
- saved_searches_eval_ms: 50 saved searches evaluated after that delta (benchmarks/_saved_searches.py).
Targets: full sync ≤ 30 s and ≤ 2× floor; delta ≤ 1 s; saved searches ≤ 100 ms; search p95 ≤ 30 ms and
≤ 3× floor; cold start ≤ 1.5 s and ≤ 3× floor; RSS ≤ 350 MB; GUI stall ≤ 100 ms. CPU times are reported
beside wall times (the load average too): on a loaded machine the CPU figures are the steadier ones.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from . import _saved_searches as saved_searches
from ._common import ROOT, ServerProcess, check_floor, demo_server, emit, machine_facts, summary_ms

SEARCHES = 240
DELTA_OFFERS = 1000
COLD_STARTS = 5

_PAINT_LAUNCHER = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([sys.argv[0]])

class FirstPaint(QObject):
    seen = False

    def eventFilter(self, obj, event):
        if (not self.seen and event.type() == QEvent.Type.Paint and obj.isWidgetType()
                and isinstance(obj.window(), QMainWindow)):
            self.seen = True
            QTimer.singleShot(0, self.painted)  # after the whole paint pass
        return False

    def painted(self):
        print("BENCH_PAINTED", flush=True)
        app.quit()

first_paint = FirstPaint()
app.installEventFilter(first_paint)
"""
_APP = _PAINT_LAUNCHER + """
from desktop.app import main
sys.exit(main(sys.argv[1:]))
"""
_BARE = _PAINT_LAUNCHER + """
window = QMainWindow()
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""
_TOUCH = """
import sys
from sqlalchemy import select
from marketplace.db import Database
from marketplace.orm import Offer
from marketplace.services.offers import touch

db = Database(sys.argv[1])
with db.session(write=True) as session:
    offers = session.scalars(select(Offer).order_by(Offer.id.desc()).limit(int(sys.argv[2]))).all()
    for offer in offers:
        offer.stock_units = (offer.stock_units or 0) + 7
    touch(session, offers)
    session.commit()
print(len(offers))
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks catalog", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--offers", type=int, default=100_000, help="demo offers to seed (default 100,000)")
    parser.add_argument("--searches", type=int, default=SEARCHES, help=f"search queries (default {SEARCHES})")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    results: dict[str, Any] = {"suite": "catalog", "offers": args.offers, "machine": machine_facts(),
                               "load_average_before": _load()}
    work = Path(tempfile.mkdtemp(prefix="bench-catalog-"))
    server = demo_server(work, offers=args.offers, orders=50)
    try:
        started = time.perf_counter()
        server.start()
        results["server_start_and_seed_s"] = round(time.perf_counter() - started, 2)
        cache_path = work / "app" / "catalog.sqlite3"
        _app_side(server, cache_path, args.searches, results)
        _sync_floor(server.url, work, results)
        _search_floor(cache_path, results)
        _cold_start(server.url, cache_path, work, results)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    results["load_average_after"] = _load()
    _targets(results)
    emit(results, args.json)
    return 0 if all(t["met"] for t in results["targets"].values()) else 1


def _targets(r: dict[str, Any]) -> None:
    def ratio(a: str, b: str) -> float | None:
        return round(r[a] / r[b], 2) if r.get(a) is not None and r.get(b) else None

    r["full_sync_vs_floor"] = ratio("full_sync_s", "full_sync_floor_s")
    r["search_vs_floor"] = ratio("search_text_p95_ms", "search_floor_p95_ms")
    r["search_cpu_vs_floor"] = ratio("search_text_cpu_p95_ms", "search_floor_cpu_p95_ms")
    r["cold_start_vs_floor"] = ratio("cold_start_s", "cold_start_floor_s")
    check_floor("full_sync_s", r.get("full_sync_s"), 30.0, r)
    check_floor("full_sync_vs_floor", r["full_sync_vs_floor"], 2.0, r)
    check_floor("delta_sync_1000_s", r.get("delta_sync_1000_s"), 1.0, r)
    check_floor("search_p95_ms", r.get("search_p95_ms"), 30.0, r)
    check_floor("search_vs_floor", r["search_vs_floor"], 3.0, r)
    check_floor("search_cpu_p95_ms", r.get("search_cpu_p95_ms"), 30.0, r)  # the same, in CPU time
    check_floor("search_cpu_vs_floor", r["search_cpu_vs_floor"], 3.0, r)
    check_floor("cold_start_s", r.get("cold_start_s"), 1.5, r)
    check_floor("cold_start_vs_floor", r["cold_start_vs_floor"], 3.0, r)
    check_floor("peak_rss_mb", r.get("peak_rss_mb"), 350.0, r)
    check_floor("max_gui_stall_ms", r.get("max_gui_stall_ms"), 100.0, r)
    check_floor("saved_searches_eval_ms", r.get("saved_searches_eval_ms"), 100.0, r)


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _app_side(server: ServerProcess, cache_path: Path, searches: int, results: dict[str, Any]) -> None:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.api_client import ClientConfig, MarketplaceClient, MemoryTokenStore
    from desktop.models.catalog_cache import CatalogCache
    from desktop.models.catalog_cache.sync import SyncEngine
    from desktop.views.background import tasks
    from desktop.views.catalog import CatalogPage, SyncController
    from desktop.views.window.main_window import MainWindow, Page

    app = QApplication.instance() or QApplication([sys.argv[0]])
    client = MarketplaceClient(ClientConfig(server.url, read_timeout=120), token_store=MemoryTokenStore())
    cache = CatalogCache(cache_path)
    page = CatalogPage(cache, client, currency="EUR")
    window = MainWindow([Page("catalog", "Catalog", page, icon="catalog")])
    engine = SyncEngine(client, cache)
    controller = SyncController(engine, client, cache, status=window.status, banner=window.banner,
                                shortcut_parent=window, parent=window)
    controller.synced.connect(page.catalog_synced)
    controller.started.connect(lambda _full: page.set_syncing(True))
    controller.synced.connect(lambda _r: page.set_syncing(False))
    window.resize(1300, 800)
    window.show()
    app.processEvents()
    tasks.freeze_start_up_objects()  # what the app does once its window is built (desktop/app.py)

    # full sync, with a 5 ms tick on the GUI thread: the longest gap between ticks is the worst stall
    gaps: list[float] = []
    clock = QElapsedTimer()
    tick = QTimer()
    tick.setInterval(5)

    def on_tick() -> None:
        gaps.append(clock.restart())

    tick.timeout.connect(on_tick)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}
    controller.synced.connect(lambda result: (outcome.setdefault("result", result), loop.quit()))
    controller.failed.connect(lambda exc: (outcome.setdefault("error", exc), loop.quit()))
    cpu0, wall0 = time.process_time(), time.perf_counter()
    clock.start()
    tick.start()
    controller.sync_now()
    loop.exec()
    app.processEvents()  # the page's refresh after the sync is part of it
    wall = time.perf_counter() - wall0
    tick.stop()
    if "error" in outcome:
        raise RuntimeError(f"full sync failed: {outcome['error']!r}")
    result = outcome["result"]
    results["full_sync_s"] = round(wall, 2)
    results["full_sync_cpu_s"] = round(time.process_time() - cpu0, 2)
    results["full_sync_offers"] = result.offer_count
    results["full_sync_pages"] = result.pages
    results["max_gui_stall_ms"] = round(max(gaps[1:] or [0.0]), 1)
    results["gui_ticks_p99_ms"] = round(statistics.quantiles(gaps, n=100)[98], 1) if len(gaps) > 100 else None
    results["cache_file_mb"] = round(cache_path.stat().st_size / 1e6, 1)

    saved = saved_searches.save_searches(cache, cache_path.parent / "saved_searches.sqlite3", random.Random(15))
    # delta: 1,000 offers changed on the server, through its own service, in another process
    touched = subprocess.run([sys.executable, "-c", _TOUCH, server.database_url, str(DELTA_OFFERS)],
                             cwd=ROOT, env=server.env, capture_output=True, text=True, check=True)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    delta = engine.sync()
    results["delta_sync_1000_s"] = round(time.perf_counter() - wall0, 3)
    results["delta_sync_cpu_s"] = round(time.process_time() - cpu0, 3)
    results["delta_sync_upserted"] = delta.upserted
    results["delta_offers_touched"] = int(touched.stdout.strip() or 0)
    saved_searches.evaluate(saved, cache, delta, results)
    page.catalog_synced(delta)
    app.processEvents()

    _searches(app, page, cache, searches, results)
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    controller.stop()
    tasks.wait_all(30_000)
    page.thumbnails.close()
    window.close()
    window.deleteLater()
    app.processEvents()
    client.close()
    cache.close()


def _queries(cache: Any, count: int, rng: random.Random) -> list[dict[str, Any]]:
    """Searches as a buyer types them: letter-by-letter prefixes of demo words, whole words, two words,
    some with a tab, a category, a country, "in stock" or a sort."""
    titles = [row[0] for row in sqlite3.connect(cache.path).execute(
        "SELECT title FROM offers ORDER BY random() LIMIT 400")]
    words = sorted({w.lower() for t in titles for w in re.findall(r"[^\W\d_]{3,}", t)})
    roots = [c.id for c in cache.categories() if c.parent_id is None]
    countries = cache.countries()
    queries: list[dict[str, Any]] = []
    while len(queries) < count:
        kind = rng.random()
        filters: dict[str, Any] = {}
        if rng.random() < 0.4:
            choice = rng.randrange(5)
            if choice == 0:
                filters["tab"] = rng.randint(1, 3)
            elif choice == 1:
                filters["category"] = rng.choice(roots)
            elif choice == 2:
                filters["country"] = rng.choice(countries)
            elif choice == 3:
                filters["in_stock"] = True
            else:
                filters["sort"] = rng.choice(["price", "-price", "newest"])
        if kind < 0.6:  # a word typed letter by letter: every prefix is a search
            word = rng.choice(words)
            queries += [dict(filters, text=word[:n]) for n in range(1, len(word) + 1)]
        elif kind < 0.8:
            queries.append(dict(filters, text=rng.choice(words)))
        else:
            first, second = rng.sample(words, 2)
            queries += [dict(filters, text=f"{first} {second[:n]}") for n in (2, len(second))]
    return queries[:count]


def _apply_filters(page: Any, q: dict[str, Any]) -> None:
    widgets = (page.tabs, page.country_combo, page.in_stock_check, page.sort_combo, page.search_edit)
    for w in widgets:
        w.blockSignals(True)
    page.tabs.setCurrentIndex(q.get("tab", 0))
    page.country_combo.setCurrentIndex(max(0, page.country_combo.findData(q.get("country"))))
    page.in_stock_check.setChecked(q.get("in_stock", False))
    page.sort_combo.setCurrentIndex(max(0, page.sort_combo.findData(q.get("sort", "relevance"))))
    for w in widgets:
        w.blockSignals(False)
    page._category_id = q.get("category")  # what selecting the category in the tree sets


def _searches(app: Any, page: Any, cache: Any, count: int, results: dict[str, Any]) -> None:
    from desktop.models.catalog_cache import fts_match_expression

    rng = random.Random(20_261_127)
    queries = _queries(cache, count, rng)
    first: list[float] = []
    first_cpu: list[float] = []  # the GUI thread's CPU time: steadier than wall time on a loaded machine
    complete: list[float] = []
    text_first: list[float] = []
    text_cpu: list[float] = []
    rows: list[int] = []
    done: list[int] = []
    page.results_changed.connect(done.append)
    for q in queries:
        _apply_filters(page, q)
        app.processEvents()
        done.clear()
        started, cpu = time.perf_counter(), time.thread_time()
        page.search_edit.setText(q["text"])  # the keystroke (its debounce timer is stopped by run_search)
        page.run_search()
        first.append(time.perf_counter() - started)
        first_cpu.append(time.thread_time() - cpu)
        deadline = time.perf_counter() + 30
        while not done:  # the rest of a big result, from the worker
            if time.perf_counter() > deadline:
                raise RuntimeError(f"search {q!r}: no results_changed")
            app.processEvents()
            time.sleep(0.0005)
        complete.append(time.perf_counter() - started)
        rows.append(done[-1])
        if fts_match_expression(q["text"]) is not None:
            text_first.append(first[-1])
            text_cpu.append(first_cpu[-1])
        q["_match"] = fts_match_expression(q["text"])
    results["search_p95_ms"] = summary_ms(first)["p95_ms"]
    results["search_ms"] = summary_ms(first)
    results["search_cpu_p95_ms"] = summary_ms(first_cpu)["p95_ms"]
    results["search_text_cpu_p95_ms"] = summary_ms(text_cpu)["p95_ms"] if text_cpu else None
    results["search_complete_p95_ms"] = summary_ms(complete)["p95_ms"]
    results["search_complete_ms"] = summary_ms(complete)
    results["search_text_p95_ms"] = summary_ms(text_first)["p95_ms"] if text_first else None
    results["search_queries"] = len(queries)
    results["search_text_queries"] = len(text_first)
    results["search_rows_mean"] = round(statistics.fmean(rows))
    results["search_examples"] = [q["text"] for q in queries[:12]]
    results["_matches"] = [q["_match"] for q in queries if q["_match"] is not None]


def _search_floor(cache_path: Path, results: dict[str, Any]) -> None:
    matches = results.pop("_matches")
    db = sqlite3.connect(cache_path)
    samples, cpu_samples = [], []
    for match in matches:
        started, cpu = time.perf_counter(), time.thread_time()
        db.execute("SELECT rowid FROM offers_fts WHERE offers_fts MATCH ?", (match,)).fetchall()
        samples.append(time.perf_counter() - started)
        cpu_samples.append(time.thread_time() - cpu)
    db.close()
    results["search_floor_p95_ms"] = summary_ms(samples)["p95_ms"]
    results["search_floor_cpu_p95_ms"] = summary_ms(cpu_samples)["p95_ms"]
    results["search_floor_ms"] = summary_ms(samples)


# -- floors --------------------------------------------------------------------------------------------


def _sync_floor(url: str, work: Path, results: dict[str, Any]) -> None:
    db = sqlite3.connect(work / "floor.sqlite3", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("CREATE TABLE o (id INTEGER PRIMARY KEY, sku TEXT, title TEXT, price TEXT, raw TEXT)")
    cpu0, wall0 = time.process_time(), time.perf_counter()
    with httpx.Client(base_url=url + "/api/v1", timeout=120) as http:
        token = None
        while True:
            params: dict[str, Any] = {"limit": 500}
            if token:
                params["since"] = token
            page = http.get("/offers/changes", params=params).json()
            db.execute("BEGIN")
            db.executemany("INSERT OR REPLACE INTO o VALUES (?, ?, ?, ?, ?)", [
                (i["id"], i["sku"], i["title"], i["unit_price"]["amount"], json.dumps(i))
                for i in page["items"]])
            db.execute("COMMIT")
            token = page["next_since"]
            if not page["has_more"]:
                break
    results["full_sync_floor_s"] = round(time.perf_counter() - wall0, 2)
    results["full_sync_floor_cpu_s"] = round(time.process_time() - cpu0, 2)
    db.close()


def _first_paint(code: str, args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("BENCH_PAINTED"):
                return time.perf_counter() - started
        raise RuntimeError("no first paint")
    finally:
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def _cold_start(url: str, cache_path: Path, work: Path, results: dict[str, Any]) -> None:
    home = work / "xdg-app"
    cache_dir = home / "cache" / "Bulkdesk"
    cache_dir.mkdir(parents=True)
    shutil.move(cache_path, cache_dir / "catalog.sqlite3")
    env = {**os.environ, "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data"), "BULKDESK_LOG_LEVEL": "warning"}
    # An installed app starts from bytecode (pip and the installers compile it); where the environment
    # forbids writing it (PYTHONDONTWRITEBYTECODE), every start would compile the app's sources again.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "desktop")], check=True)
    _first_paint(_BARE, [], env)  # warm the OS file cache for both
    app_runs, bare_runs = [], []
    for _ in range(COLD_STARTS):  # interleaved: a change in the machine's load falls on both
        app_runs.append(_first_paint(_APP, ["--server", url], env))
        bare_runs.append(_first_paint(_BARE, [], env))
    results["cold_start_s"] = round(statistics.median(app_runs), 3)
    results["cold_start_runs_s"] = [round(x, 3) for x in app_runs]
    results["cold_start_floor_s"] = round(statistics.median(bare_runs), 3)
