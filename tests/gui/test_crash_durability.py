"""The cart, the offline catalog and the orders cache survive the app being killed in the middle of a
catalog sync, by SIGKILL (no clean-up at all) or SIGSEGV (a native crash): after it, each file passes
SQLite's integrity check, holds what it held, and the app starts again on them."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from desktop.models.cart import CartLine, CartStore
from desktop.models.catalog_cache import CatalogCache
from desktop.models.orders_cache import OrdersCache
from tests.support.server import cleanup, make_server
from tests.support.wait import wait_for

ROOT = Path(__file__).resolve().parents[2]
OFFERS = 20_000  # a first sync of 40 pages, long enough to be killed in the middle of (3,000 synced before
# the first look once the server got faster)
BUYER = ("buyer@demo.test", "demo-password")


@pytest.fixture(scope="module")
def big_server():
    server = make_server(offers=OFFERS, orders=30)
    server.start()
    yield server
    cleanup(server)


def _env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"), "QT_QPA_PLATFORM": "offscreen", "BULKDESK_LOG_LEVEL": "warning",
            "PYTHONPATH": str(ROOT), **extra}


def _offers_in(path: Path) -> int:
    """Offers the app's cache holds now (read beside the running app, as a second process would)."""
    if not path.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM offers").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # the schema is being made
        return 0


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("kill", [signal.SIGKILL, signal.SIGSEGV], ids=["SIGKILL", "SIGSEGV"])
def test_a_kill_during_a_catalog_sync_leaves_the_cart_catalog_and_orders_intact(tmp_path, big_server, kill):
    home = tmp_path / "home"
    data, cache_dir = home / "data" / "Bulkdesk", home / "cache" / "Bulkdesk"
    data.mkdir(parents=True)
    api = big_server.api
    # what a past session left: a guest cart with two real lots, and the buyer's orders cached
    offers = httpx.get(f"{api}/offers", params={"limit": 2}, timeout=30).json()["items"]
    lines = [CartLine(o["id"], o["packagings"][0]["id"], n + 2) for n, o in enumerate(offers)]
    with CartStore(data / "cart.sqlite3") as store:
        for line in lines:
            store.cart(big_server.url).add(line.offer_id, line.packaging_id, line.quantity)
    token = httpx.post(f"{api}/auth/login", json=dict(zip(("email", "password"), BUYER, strict=True)),
                       timeout=30).json()["token"]
    orders = httpx.get(f"{api}/orders", params={"limit": 20}, headers={"Authorization": f"Bearer {token}"},
                       timeout=30).json()["items"]
    assert orders
    orders_cache = OrdersCache.for_account(data, big_server.url, BUYER[0])
    orders_cache.upsert(orders)
    orders_path = orders_cache.path
    orders_cache.close()

    app = subprocess.Popen([sys.executable, "-m", "desktop", "--server", big_server.url], cwd=ROOT,
                           env=_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        catalog = cache_dir / "catalog.sqlite3"
        during = wait_for(lambda: _offers_in(catalog), timeout=120, what="the first sync's first pages")
        os.kill(app.pid, kill)
        assert app.wait(30) == -kill
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(10)
    kept = _offers_in(catalog)
    assert 0 < during <= kept < OFFERS, (during, kept)  # killed in the middle of the sync

    for path in (data / "cart.sqlite3", catalog, orders_path):
        assert _integrity(path) == "ok", path
    with CartStore(data / "cart.sqlite3") as store:
        assert store.cart(big_server.url).lines() == lines
    with OrdersCache(orders_path) as again:
        assert again.order_count() == len(orders)
    with CatalogCache(catalog) as again:
        assert again.verify_integrity() is None
        assert again.offer_count() == kept  # the pages written before the kill, kept (not rebuilt)

    # the app starts again on them, and its sync goes on from there
    restarted = subprocess.run([sys.executable, "-m", "desktop", "--server", big_server.url], cwd=ROOT,
                               env=_env(home, BULKDESK_QUIT_AFTER_SHOWN="1"), capture_output=True, text=True,
                               timeout=120)
    assert restarted.returncode == 0, restarted.stdout + restarted.stderr
    with CartStore(data / "cart.sqlite3") as store:
        assert store.cart(big_server.url).lines() == lines
    with CatalogCache(catalog) as again:
        assert again.offer_count() >= kept
    if kill == signal.SIGSEGV:  # the crash left its report for the next start
        assert any("Segmentation fault" in p.read_text() for p in data.glob("crash-*.log"))
